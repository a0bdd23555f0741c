using Winnow.Settings;

namespace Winnow.Dynamic;

/// <summary>
/// AlignPrune's trusted reference set and window: a file of trusted training-sample indices, or a
/// fraction drawn from samples known to be clean (injected noise only; 1% when neither is given),
/// and the N epochs of loss trajectory the Dynamic Alignment Score compares: a number, or auto =
/// max(5, round(0.05·epochs)), the paper's 10 of 200 epochs, so that with annealing at δ = 0.875 DAS
/// steers the same share of any run (at 200 epochs: from epoch 10 to 175). The floor of 5 is there
/// because a Pearson correlation of two points is ±1: a window of 2 ranks by the sign of the last
/// loss change alone (measured: detection AUROC 0.52–0.65 while pruning at 40 epochs).
/// </summary>
public sealed record AlignmentOptions
{
    /// <summary>The reference set drawn when none is given: 1% of the training set, from samples known to be clean (the paper: 1% is enough).</summary>
    public const double DefaultReferenceSize = 0.01;

    [Setting("reference", "AlignPrune: file of trusted training-sample indices, one a line", Label = "the reference file")]
    public string? Reference { get; init; }

    [Setting("reference-size", "AlignPrune: draw this fraction of the training set from samples known to be clean (injected noise only; default 0.01, the paper's)",
        Label = "the reference size", Min = 0, Max = 1, MinExclusive = true, MaxExclusive = true)]
    public double? ReferenceSize { get; init; }

    /// <summary>The share of the run's epochs the auto window spans: the paper's N = 10 of 200.</summary>
    public const double AutoWindowFraction = 0.05;

    /// <remarks>Null is auto; written as null (not left out), so a spec read back stays auto instead of taking the default 10.</remarks>
    [Setting("das-window", "AlignPrune: epochs of loss trajectory compared (N), or auto = max(5, round(0.05·epochs)), the paper's 10 of 200 with a floor, as 2 points always correlate ±1; the loss is used before N epochs exist",
        Label = "the DAS window", Min = 2, NullWord = "auto")]
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)]
    public int? DasWindow { get; init; } = AlignmentSignal.DefaultWindow;

    /// <summary>The smallest auto window: enough points for a correlation to mean something.</summary>
    public const int AutoWindowFloor = 5;

    /// <summary>
    /// The auto rule's floor, written into the spec only when the window is auto: the rule once had a
    /// floor of 2, so an auto spec of that time hashes differently and is rerun, not read as this rule's result.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public int? DasAutoFloor => DasWindow is null ? AutoWindowFloor : null;

    /// <summary>The window for a run of <paramref name="epochs"/> epochs: the number given, or the auto rule.</summary>
    public int WindowFor(int epochs) => DasWindow ?? AutoWindow(epochs);

    /// <summary>max(5, round(0.05·epochs)), halves away from zero: 10 at 200 epochs, 5 up to 109.</summary>
    public static int AutoWindow(int epochs) => Math.Max(AutoWindowFloor, (int)Math.Round(AutoWindowFraction * epochs, MidpointRounding.AwayFromZero));

    /// <summary>Whether a reference set was asked for.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool HasReference => Reference is not null || ReferenceSize is not null;

    public void Validate()
    {
        Declared.Validate(this);
        if (Reference is not null && ReferenceSize is not null)
            throw new WinnowException("give either a reference file or a reference size, not both");
    }
}
