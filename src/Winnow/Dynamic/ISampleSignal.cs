using Winnow.Training;

namespace Winnow.Dynamic;

/// <summary>
/// The per-sample value a dynamic pruner ranks by, larger = more worth training on: the training
/// loss (<see cref="LossSignal"/>) or AlignPrune's Dynamic Alignment Score
/// (<see cref="AlignmentSignal"/>), which plugs into every pruner in place of the loss.
/// </summary>
public interface ISampleSignal
{
    /// <summary>
    /// Takes an epoch's reported losses and returns one value per training sample: the new value,
    /// or NaN where the sample has none (it was not trained on), so the pruner keeps its old one.
    /// </summary>
    float[] Update(int epoch, EpochPlan plan, EpochResult result);

    /// <summary>Samples trained on every epoch whatever the pruner decides (AlignPrune's trusted reference set).</summary>
    IReadOnlyList<int> AlwaysKept { get; }

    /// <summary>
    /// True after the update in which the values changed meaning (AlignPrune switching from loss to
    /// DAS): pruners that average values over epochs start their averages again.
    /// </summary>
    bool ScaleChanged { get; }

    /// <summary>A short name for logs and metrics.</summary>
    string Name { get; }
}
