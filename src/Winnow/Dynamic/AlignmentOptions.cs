using Winnow.Settings;

namespace Winnow.Dynamic;

/// <summary>
/// AlignPrune's trusted reference set and window: a file of trusted training-sample indices, or a
/// fraction drawn from samples known to be clean (injected noise only; 1% when neither is given),
/// and the N epochs of loss trajectory the Dynamic Alignment Score compares.
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

    [Setting("das-window", "AlignPrune: epochs of loss trajectory compared (N); the loss is used before N epochs exist", Label = "the DAS window", Min = 2)]
    public int DasWindow { get; init; } = AlignmentSignal.DefaultWindow;

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
