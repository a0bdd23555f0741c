using Winnow.Training;
using static TorchSharp.torch;

namespace Winnow.Dynamic;

/// <summary>
/// Dynamic pruning inside your own TorchSharp loop, in the spirit of InfoBatch's three lines:
/// <code>
/// var epoch = pruner.BeginEpoch(e, epochs);                      // this epoch's samples and weights
/// foreach (var batch in epoch.Batches(128)) {                     // shuffled sample indices
///     var losses = cross_entropy(model.call(x[batch]), y[batch], reduction: None);
///     var loss = epoch.Update(batch, losses);                     // records them, returns the weighted mean
///     loss.backward(); ...
/// }
/// epoch.Complete();                                               // the pruner learns from the losses
/// </code>
/// </summary>
public sealed class PrunedEpoch
{
    private readonly DynamicPruner _pruner;
    private readonly Dictionary<int, int> _positionOf;
    private readonly float[] _losses;
    private readonly bool[] _seen;
    private readonly int _seed;
    private bool _completed;

    internal PrunedEpoch(DynamicPruner pruner, int epoch, EpochPlan plan, int seed)
    {
        _pruner = pruner;
        Epoch = epoch;
        Plan = plan;
        _seed = seed;
        _positionOf = new Dictionary<int, int>(plan.Count);
        for (var k = 0; k < plan.Count; k++) _positionOf[plan.Indices[k]] = k;
        _losses = new float[plan.Count];
        _seen = new bool[plan.Count];
    }

    public int Epoch { get; }

    /// <summary>The samples of this epoch and their loss weights.</summary>
    public EpochPlan Plan { get; }

    /// <summary>The epoch's sample indices in seeded random order, cut into batches.</summary>
    public IEnumerable<long[]> Batches(int batchSize)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize));
        var order = Plan.Indices.ToArray();
        new Random(_seed).Shuffle(order);
        for (var start = 0; start < order.Length; start += batchSize)
            yield return order.AsSpan(start, Math.Min(batchSize, order.Length - start)).ToArray().Select(i => (long)i).ToArray();
    }

    /// <summary>
    /// Records the batch's per-sample losses (reduction: none) and returns the weighted mean
    /// loss to backpropagate.
    /// </summary>
    public Tensor Update(long[] batch, Tensor perSampleLosses)
    {
        if (perSampleLosses.shape.Length != 1 || perSampleLosses.shape[0] != batch.Length)
            throw new ArgumentException("pass one loss per sample of the batch (reduction: none)");
        var values = perSampleLosses.detach().to_type(ScalarType.Float32).cpu().data<float>().ToArray();
        var weights = new float[batch.Length];
        for (var k = 0; k < batch.Length; k++)
        {
            if (!_positionOf.TryGetValue((int)batch[k], out var position))
                throw new ArgumentException($"sample {batch[k]} is not in this epoch's plan");
            _losses[position] = values[k];
            _seen[position] = true;
            weights[k] = Plan.Weights?[position] ?? 1f;
        }
        return Plan.Weights is null ? perSampleLosses.mean() : (perSampleLosses * ComputeDevice.To(tensor(weights), perSampleLosses.device)).mean();
    }

    /// <summary>Hands the epoch's losses to the pruner; every planned sample must have been updated.</summary>
    public void Complete(double seconds = 0)
    {
        if (_completed) throw new InvalidOperationException("this epoch is already complete");
        var missing = Array.IndexOf(_seen, false);
        if (missing >= 0) throw new InvalidOperationException($"sample {Plan.Indices[missing]} of the plan got no loss");
        _completed = true;
        // Only losses are known here: margins are NaN (unknown), not 0, so a margin-reading signal can refuse them.
        var margins = Enumerable.Repeat(float.NaN, _losses.Length).ToArray();
        var result = new EpochResult(Epoch, double.NaN, _losses, new bool[_losses.Length], margins,
            _losses.Average(l => (double)l), double.NaN, Plan.Count, Plan.Count, seconds);
        _pruner.Observe(Epoch, Plan, result);
    }
}
