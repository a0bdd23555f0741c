namespace Winnow.Runs;

/// <summary>The summary of a run written as metrics.json (snake_case keys).</summary>
public sealed record TrainMetrics
{
    public required double TestAccuracy { get; init; }
    public required int Epochs { get; init; }
    public required int TrainSize { get; init; }
    public required int TestSize { get; init; }
    public required string Dataset { get; init; }
    public required string Model { get; init; }
    public required string Noise { get; init; }

    /// <summary>Fraction of training samples whose label differs from the clean label.</summary>
    public required double NoiseRate { get; init; }
    public required int NoisySamples { get; init; }
    public required int Seed { get; init; }
    public required int BatchSize { get; init; }
    public required double LearningRate { get; init; }

    /// <summary>Seconds spent in training steps (evaluation excluded).</summary>
    public required double TrainSeconds { get; init; }

    /// <summary>Wall-clock of the whole training loop including per-epoch evaluation.</summary>
    public required double WallSeconds { get; init; }
    public required long SamplesForwarded { get; init; }
    public required long SamplesBackpropagated { get; init; }

    /// <summary>Samples backpropagated relative to epochs × train size (1 for full-data training).</summary>
    public required double FractionOfFullTraining { get; init; }

    /// <summary>Size of the static coreset trained on (train_size when none).</summary>
    public required int SubsetSize { get; init; }

    /// <summary>Samples with a wrong label inside the coreset.</summary>
    public required int NoisyInSubset { get; init; }

    /// <summary>Per epoch, how many of the samples trained on had a wrong label (when clean labels are known).</summary>
    public int?[]? NoisyTrainedPerEpoch { get; init; }

    /// <summary>Dynamic pruning: the pruner, its ratio, whether AlignPrune's DAS ranked, and the reference set size.</summary>
    public string? Dynamic { get; init; }
    public double? PruneRatio { get; init; }
    public bool? Align { get; init; }
    public int? ReferenceSize { get; init; }
    public int? DasWindow { get; init; }

    /// <summary>The learner (ce, kd, sop, dividemix); for distillation the teacher, α and T, and whether teacher logits were cached.</summary>
    public string Learner { get; init; } = "ce";
    public string? Teacher { get; init; }
    public double? KdAlpha { get; init; }
    public double? KdTemperature { get; init; }
    public bool? KdTeacherCached { get; init; }

    /// <summary>Wrongly labelled samples trained on, and how many of them the final model predicts as their true class.</summary>
    public int? NoisyLabelsTrained { get; init; }
    public int? LabelsCorrected { get; init; }
    public double? LabelCorrectionAccuracy { get; init; }

    /// <summary>DivideMix: the share of the subset its last split treated as labeled (clean).</summary>
    public double? DividemixLabeledFraction { get; init; }

    public static TrainMetrics From(TrainRunResult run, string noiseSpec)
    {
        var options = run.Options;
        var kd = run.Trainer?.Learner as Learners.DistillationLearner;
        var full = (double)run.Epochs.Count * run.Data.Train.Count;
        return new TrainMetrics
        {
            TestAccuracy = run.TestAccuracy,
            Epochs = run.Epochs.Count,
            TrainSize = run.Data.Train.Count,
            TestSize = run.Data.Test.Count,
            Dataset = run.Data.Source.Name,
            Model = run.ModelName,
            Noise = noiseSpec,
            NoiseRate = run.Data.Train.NoiseRate,
            NoisySamples = run.Data.Train.NoisyMask?.Count(n => n) ?? 0,
            Seed = options.Seed,
            BatchSize = options.BatchSize,
            LearningRate = options.LearningRate,
            TrainSeconds = run.TrainSeconds,
            WallSeconds = run.WallSeconds,
            SamplesForwarded = run.SamplesForwarded,
            SamplesBackpropagated = run.SamplesBackpropagated,
            FractionOfFullTraining = full == 0 ? 0 : run.SamplesBackpropagated / full,
            NoisyTrainedPerEpoch = run.Epochs.Select(e => e.NoisyTrainedOn).ToArray(),
            SubsetSize = run.Subset?.Count ?? run.Data.Train.Count,
            Learner = run.LearnerName,
            Teacher = kd is null ? null : run.Teacher,
            KdAlpha = kd?.Alpha,
            KdTemperature = kd?.Temperature,
            KdTeacherCached = kd?.Cached,
            DividemixLabeledFraction = run.DivideMix?.LabeledFraction,
            NoisyLabelsTrained = run.LabelCorrection?.NoisyTrained,
            LabelsCorrected = run.LabelCorrection?.Corrected,
            LabelCorrectionAccuracy = run.LabelCorrection?.Accuracy,
            NoisyInSubset = run.Data.Train.NoisyMask is { } noisy
                ? (run.Subset ?? Enumerable.Range(0, noisy.Length).ToArray()).Count(i => noisy[i])
                : 0,
        };
    }
}
