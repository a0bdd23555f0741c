using System.Globalization;
using Winnow.Runs;

namespace Winnow.Experiments;

/// <summary>
/// One run of an expanded grid: its spec, the hash of the spec (which names its result in
/// results.jsonl), its arm and where it sits on the axes.
/// </summary>
/// <param name="Fraction">The kept fraction; null for full-data and dynamic arms, which have no fraction axis.</param>
/// <param name="FullHash">Hash of the full-data cross-entropy run of the same data and settings: the distillation teacher and the yardstick of relative cost.</param>
public sealed record GridRun(string Hash, string Label, RunSpec Spec, GridArm Arm, string Dataset, string Noise, double? Fraction, string FullHash)
{
    public string Kind => Spec.Pruning.Kind;

    public int Seed => Spec.Seed;

    /// <summary>Runs with the same key share their prepared data, teacher and scorings.</summary>
    public string GroupKey => $"{CanonicalData}|{Seed}";

    public bool NeedsTeacher => Spec.Learner.Distillation is { Teacher: null };

    private string CanonicalData => Output.CanonicalJson.Write(System.Text.Json.JsonSerializer.SerializeToNode(Spec.Data, Output.Json.Options));

    /// <summary>How progress lines name it: "el2n · f 0.3 · fashion-mnist (4000 train) · symmetric:0.4 · seed 1".</summary>
    public string Describe() =>
        string.Join(" · ", new[] { Label, Fraction is { } f ? $"f {f.ToString(CultureInfo.InvariantCulture)}" : null, Dataset, Noise, $"seed {Seed}" }.Where(s => s is not null));
}
