using Winnow.Dynamic;
using Winnow.Settings;

namespace Winnow.Detection;

/// <summary>
/// What a detection run measures: confident learning's label issues from out-of-sample predicted
/// probabilities (cross-validated, or the user's own), the trajectory scores of one training run
/// beside them, and DAS's reference set.
/// </summary>
public sealed record DetectionSpec
{
    /// <summary>The score of confident learning: 1 − label quality, from out-of-sample probabilities.</summary>
    public const string ConfidentLearningScore = "cl";

    /// <summary>Every score: confident learning's, then those of one training run.</summary>
    public static IReadOnlyList<string> AllScores { get; } = [ConfidentLearningScore, .. NoiseScores.Names];

    [Setting("score", "Scores, comma-separated: cl (confident learning) | loss | mean-loss | el2n | aum | forgetting | das (default: all; das only with a reference set, which needs a reference file or injected noise)",
        Label = "the detection scores", NullWord = "all")]
    public string? Scores { get; init; }

    [Setting("folds", "Confident learning: out-of-sample probabilities by stratified K-fold cross-validation, K trainings each on (K-1)/K of the samples",
        Label = "the number of folds", Min = 2)]
    public int Folds { get; init; } = 5;

    [Setting("probabilities", "Confident learning: your own out-of-sample predicted probabilities instead of cross-validation, a .npy of [N, classes] in the training set's order (as probabilities.npy)",
        Label = "the probabilities file")]
    public string? Probabilities { get; init; }

    [Setting("filter-by", "Confident learning: how the estimated joint picks label issues: prune_by_noise_rate | prune_by_class | both",
        Label = "the issue filter", Pattern = "prune_by_noise_rate|prune_by_class|both", PatternHelp = "one of prune_by_noise_rate, prune_by_class or both")]
    public string FilterBy { get; init; } = "prune_by_noise_rate";

    /// <remarks>
    /// Default normalized_margin, not cleanlab's self_confidence: on Fashion-MNIST 20,000 at 40%
    /// noise it ranked the wrong labels best on average (AUROC 0.984 / 0.900 / 0.900 for symmetric,
    /// asymmetric, instance noise against 0.988 / 0.876 / 0.870; BENCHMARKS.md, label issues).
    /// </remarks>
    [Setting("quality", "Confident learning: the label quality that ranks samples: normalized_margin | self_confidence | confidence_weighted_entropy",
        Label = "the label quality", Pattern = "self_confidence|normalized_margin|confidence_weighted_entropy",
        PatternHelp = "one of self_confidence, normalized_margin or confidence_weighted_entropy")]
    public string Quality { get; init; } = "normalized_margin";

    /// <summary>The trusted reference set and window of the das score.</summary>
    public AlignmentOptions Alignment { get; init; } = new();

    /// <summary>The scores asked for by name, in order, without repeats (null: all that apply).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<string>? Named => Scores?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToArray();

    /// <summary>The scores the run computes: those named, or all of them, das only where a reference set can be had.</summary>
    public IReadOnlyList<string> NamesFor(bool referenceAvailable) =>
        Named ?? AllScores.Where(n => n != "das" || referenceAvailable || Alignment.Reference is not null).ToArray();

    [System.Text.Json.Serialization.JsonIgnore]
    public IssueFilter Filter => FilterBy switch
    {
        "prune_by_class" => IssueFilter.PruneByClass,
        "both" => IssueFilter.Both,
        _ => IssueFilter.PruneByNoiseRate,
    };

    [System.Text.Json.Serialization.JsonIgnore]
    public LabelQualityMethod QualityMethod => Quality switch
    {
        "confidence_weighted_entropy" => LabelQualityMethod.ConfidenceWeightedEntropy,
        "self_confidence" => LabelQualityMethod.SelfConfidence,
        _ => LabelQualityMethod.NormalizedMargin,
    };

    public void Validate()
    {
        Declared.Validate(this);
        var scores = Declared.Named<DetectionSpec>("score");
        if (Named is { Count: 0 }) throw new SettingException(scores, "names no score");
        if (Named?.FirstOrDefault(n => !AllScores.Contains(n)) is { } unknown)
            throw new SettingException(scores, $"has no score '{unknown}' (known: {string.Join(", ", AllScores)})");
        Alignment.Validate();
    }
}
