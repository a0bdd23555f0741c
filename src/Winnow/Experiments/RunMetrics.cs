namespace Winnow.Experiments;

/// <summary>
/// What one finished grid run measured (snake_case in results.jsonl). Quantities that compare
/// with full-data training are relative to epochs × training-set size; timings all end in
/// <c>_seconds</c>. Null means "does not apply" (no clean labels, no selection, no teacher).
/// </summary>
public sealed record RunMetrics
{
    public required double TestAccuracy { get; init; }
    public required int Epochs { get; init; }
    public required int TrainSize { get; init; }

    /// <summary>Share of training labels that are wrong.</summary>
    public required double NoiseRate { get; init; }

    /// <summary>Wall-clock of the training loop and final evaluation (selection and teacher excluded).</summary>
    public required double WallSeconds { get; init; }
    public required double TrainSeconds { get; init; }
    public required long SamplesBackpropagated { get; init; }

    /// <summary>Samples backpropagated / (epochs × train size): 1 for full data.</summary>
    public required double FractionOfFullTraining { get; init; }

    /// <summary>Static arms: samples the surrogate runs backpropagated to score (shared by the method's fractions, counted in full for each), 0 for random.</summary>
    public long? SelectionSamplesBackpropagated { get; init; }

    /// <summary>Static arms: surrogate training plus this fraction's selection.</summary>
    public double? SelectionSeconds { get; init; }

    /// <summary>(Training + selection samples) / (epochs × train size): the cost of the run had it been done alone.</summary>
    public required double ComputeFraction { get; init; }

    /// <summary>Static arms: samples kept.</summary>
    public int? SubsetSize { get; init; }

    /// <summary>Wrongly labelled training samples.</summary>
    public int? NoisyTotal { get; init; }

    /// <summary>Static arms: wrongly labelled samples in the coreset.</summary>
    public int? NoisyKept { get; init; }

    /// <summary>Share of the wrongly labelled samples trained on: kept / total for a coreset, the mean over epochs for dynamic pruning, 1 for full data.</summary>
    public double? NoisyKeptFraction { get; init; }

    /// <summary>Of all samples backpropagated, the share with a wrong label.</summary>
    public double? NoisyShareTrained { get; init; }

    /// <summary>AUROC of <see cref="DetectionScore"/> for flagging the wrong labels (0.5 = chance).</summary>
    public double? DetectionAuroc { get; init; }

    /// <summary>"pruning order" (static: pruned first = flagged), "das" (AlignPrune's final −DAS), "loss" (each sample's last training loss).</summary>
    public string? DetectionScore { get; init; }

    /// <summary>Of the wrongly labelled samples trained on, the share the final model assigns to their true class.</summary>
    public double? LabelCorrectionAccuracy { get; init; }

    public string Learner { get; init; } = "ce";

    /// <summary>Distillation: the weight used (resolved from the kept fraction when auto), and the teacher's folder under the output directory.</summary>
    public double? KdAlpha { get; init; }
    public string? Teacher { get; init; }

    /// <summary>Distillation: samples the teacher backpropagated (one full-data run, shared by every distilled run of its data and seed).</summary>
    public long? TeacherSamplesBackpropagated { get; init; }
}
