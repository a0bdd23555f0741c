using System.Text.Json.Nodes;
using Winnow.Training;

namespace Winnow.Experiments;

/// <summary>
/// One training run of an expanded grid: where it sits on the axes, its arm, and the hash of its
/// full configuration (<see cref="RunConfiguration"/>), which names its result in results.jsonl.
/// </summary>
/// <param name="Fraction">The kept fraction; null for full-data and dynamic arms, which have no fraction axis.</param>
/// <param name="FullHash">Hash of the full-data cross-entropy run on the same data and settings: the distillation teacher and the yardstick of relative cost.</param>
public sealed record GridRun(
    string Hash,
    string Label,
    GridDataset Dataset,
    string Noise,
    int Seed,
    double? Fraction,
    GridArm Arm,
    string? Model,
    TrainerOptions Trainer,
    string Augment,
    string FullHash,
    JsonObject Configuration)
{
    public string Kind => Arm switch { FullArm => "full", StaticArm => "static", _ => "dynamic" };

    /// <summary>Runs with the same key share their prepared data, teacher and scoring.</summary>
    public string GroupKey => CanonicalJson.Write(new JsonArray(Configuration["dataset"]!.DeepClone(), Noise, Seed));

    public bool NeedsTeacher => Arm is StaticArm { Kd: not null };

    /// <summary>How progress lines name it: "el2n · f 0.3 · symmetric:0.4 · seed 1".</summary>
    public string Describe() =>
        string.Join(" · ", new[] { Label, Fraction is { } f ? $"f {f.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : null, Dataset.Display, Noise, $"seed {Seed}" }.Where(s => s is not null));
}
