using Winnow.Detection;

namespace Winnow.Runs;

/// <summary>
/// What one run measured, one name per quantity (snake_case in metrics.json, selection.json and
/// results.jsonl). Quantities relative to full-data training divide by epochs × training-set
/// size; timings end in <c>_seconds</c>; null means "does not apply" (no clean labels, no
/// training, no selection, no teacher).
/// </summary>
public sealed record RunRecord
{
    // What ran.
    public required string Dataset { get; init; }
    public required int TrainSize { get; init; }
    public required int TestSize { get; init; }
    public required string Noise { get; init; }

    /// <summary>Share of the training labels that are wrong (0 when the clean labels are unknown).</summary>
    public required double NoiseRate { get; init; }

    /// <summary>Wrongly labelled training samples (null when the clean labels are unknown).</summary>
    public int? NoisyTotal { get; init; }

    /// <summary>Image folders with skipping on: images left out as unreadable (listed in skipped_images.txt).</summary>
    public int? SkippedImages { get; init; }

    /// <summary>With an exclusion or relabeling file: samples left out, and samples trained on a suggested label.</summary>
    public int? Excluded { get; init; }
    public int? Relabeled { get; init; }
    public required int Seed { get; init; }
    public required string Model { get; init; }

    /// <summary>The weights file the networks started from (null: random initialisation), its SHA-256, the tensors loaded and those skipped.</summary>
    public string? Init { get; init; }
    public string? InitSha256 { get; init; }
    public int? InitLoaded { get; init; }
    public string[]? InitSkipped { get; init; }
    public required string Learner { get; init; }
    public required string Device { get; init; }

    /// <summary>libtorch's intra-op CPU threads during the run.</summary>
    public int? CpuThreads { get; init; }

    /// <summary>Which kernels ran the convolutions on the CPU: oneDNN or native (libtorch's own); null where libtorch does not say.</summary>
    public string? CpuConvolutions { get; init; }

    /// <summary>How the small CNN laid out its activations: channels-last or nchw (<see cref="Models.ConvolutionLayout"/>).</summary>
    public string? ActivationLayout { get; init; }
    public required int Epochs { get; init; }
    public required int BatchSize { get; init; }
    public required double LearningRate { get; init; }

    // Training (null when the run only selected).
    public double? TestAccuracy { get; init; }

    /// <summary>Seconds in training steps (evaluation excluded).</summary>
    public double? TrainSeconds { get; init; }

    /// <summary>Wall-clock of the training loop and final evaluation (selection and teacher excluded).</summary>
    public double? WallSeconds { get; init; }
    public long? SamplesForwarded { get; init; }
    public long? SamplesBackpropagated { get; init; }

    /// <summary>Samples backpropagated / (epochs × train size): 1 for full data.</summary>
    public double? FractionOfFullTraining { get; init; }

    /// <summary>(Training + selection samples backpropagated) / (epochs × train size): the run's cost had it been done alone.</summary>
    public double? ComputeFraction { get; init; }

    /// <summary>Samples of the fixed training set (the coreset, the given selection, or all); null for dynamic pruning.</summary>
    public int? SubsetSize { get; init; }

    /// <summary>Wrongly labelled samples in the fixed training set (the coreset's, or all of them).</summary>
    public int? NoisyKept { get; init; }

    /// <summary>Share of the wrongly labelled samples trained on: mean over epochs of noisy trained / noisy total.</summary>
    public double? NoisyKeptFraction { get; init; }

    /// <summary>Per epoch, how many of the samples trained on had a wrong label.</summary>
    public int?[]? NoisyTrainedPerEpoch { get; init; }

    /// <summary>Of all samples backpropagated, the share with a wrong label.</summary>
    public double? NoisyShareTrained { get; init; }

    /// <summary>Wrongly labelled samples trained on, how many of them the final model assigns to their true class, and the share.</summary>
    public int? NoisyLabelsTrained { get; init; }
    public int? LabelsCorrected { get; init; }
    public double? LabelCorrectionAccuracy { get; init; }

    // The learner.
    /// <summary>Distillation: the teacher's folder (in a grid, under its output folder), weight, temperature, whether its logits were cached.</summary>
    public string? Teacher { get; init; }
    public double? KdAlpha { get; init; }
    public double? KdTemperature { get; init; }
    public bool? KdTeacherCached { get; init; }
    public double? KdTeacherCacheSeconds { get; init; }

    /// <summary>Distillation from the full-data run: the samples that teacher backpropagated.</summary>
    public long? TeacherSamplesBackpropagated { get; init; }

    /// <summary>DivideMix: the share of the subset its last split treated as labeled (clean).</summary>
    public double? DividemixLabeledFraction { get; init; }

    // Static pruning.
    public string? Method { get; init; }
    public double? Fraction { get; init; }

    /// <summary>Samples the surrogate runs backpropagated to score (shared by a method's fractions, counted in full for each).</summary>
    public long? SelectionSamplesBackpropagated { get; init; }

    /// <summary>Surrogate training plus this fraction's selection.</summary>
    public double? SelectionSeconds { get; init; }
    public double? SurrogateSeconds { get; init; }
    public double? ScoringSeconds { get; init; }

    // Dynamic pruning.
    public string? Pruner { get; init; }
    public double? PruneRatio { get; init; }
    public string? Signal { get; init; }

    /// <summary>AlignPrune: size of the trusted reference set, and the DAS window.</summary>
    public int? ReferenceSize { get; init; }
    public int? DasWindow { get; init; }

    // Noise detection.
    /// <summary>AUROC of <see cref="DetectionScore"/> for flagging the wrong labels (0.5 = chance).</summary>
    public double? DetectionAuroc { get; init; }

    /// <summary>"pruning order" (static: pruned first = flagged), "das" (AlignPrune's final −DAS), "loss" (each sample's last training loss).</summary>
    public string? DetectionScore { get; init; }

    /// <summary>
    /// Runs on all the data or dynamically pruned, where the clean labels are known: after every epoch, the
    /// AUROC of −DAS, the last loss and the mean loss for flagging the wrong labels
    /// (<see cref="Winnow.Detection.DetectionCurve"/>); null for other runs and for results of earlier code.
    /// </summary>
    public IReadOnlyList<DetectionPoint>? DetectionCurve { get; init; }

    /// <summary>The window and trusted reference set the curve's DAS used: the pruner's under DAS, else the detection's, else the default 1% of clean samples drawn for measurement alone.</summary>
    public int? DetectionCurveWindow { get; init; }
    public int? DetectionCurveReferenceSize { get; init; }

    /// <summary>Detection runs: AUROC and average precision of every score measured (null when the clean labels are unknown).</summary>
    public IReadOnlyList<ScoreQuality>? Scores { get; init; }

    // Label issues (confident learning).
    /// <summary>Samples flagged as label issues, and the estimated share of wrong labels (1 − trace of the estimated joint).</summary>
    public int? LabelIssues { get; init; }
    public double? EstimatedNoiseRate { get; init; }

    /// <summary>Folds of the cross-validation that gave the out-of-sample probabilities.</summary>
    public int? Folds { get; init; }
    public string? IssueFilter { get; init; }
    public string? LabelQuality { get; init; }

    /// <summary>Where the clean labels are known: precision, recall and F1 of the label-issue flags.</summary>
    public double? IssuePrecision { get; init; }
    public double? IssueRecall { get; init; }
    public double? IssueF1 { get; init; }
}
