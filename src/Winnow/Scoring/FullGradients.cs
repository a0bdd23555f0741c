using Winnow.Data;
using Winnow.Models;
using Winnow.Training;
using static TorchSharp.torch;

namespace Winnow.Scoring;

/// <summary>
/// Per-sample gradients of cross-entropy through every parameter, by one backward pass per
/// sample (eval mode, so batch-norm uses its running statistics and a sample's gradient does not
/// depend on its batch). Exact but one backward pass per sample: the option behind
/// <c>--gradients full</c> and MoSo's reference protocol. The loop runs on one CPU thread
/// (<see cref="OneThread"/>), takes gradients with <c>autograd.grad</c> instead of accumulating
/// into <c>.grad</c>, and keeps each sample's measures on the device until a whole chunk is read
/// at once.
/// </summary>
public static class FullGradients
{
    private const int Chunk = 256;

    /// <summary>‖∇θ ℓ_i‖₂ for every sample of <paramref name="range"/> (all when null).</summary>
    public static float[] Norms(Classifier model, SampleSet set, CancellationToken cancellation = default, ScoreRange? range = null) =>
        PerSample(model, set, (range ?? ScoreRange.All(set.Count)).Indices(), null, cancellation, g => [g.norm()])[0];

    /// <summary>⟨ḡ, g_i⟩ and ‖g_i‖² for every sample of <paramref name="range"/> (all when null), ḡ the mean gradient over the whole set.</summary>
    public static (double[] DotMean, double[] SquaredNorm) AlignmentWithMean(Classifier model, SampleSet set, CancellationToken cancellation = default,
        ScoreRange? range = null)
    {
        using var mean = MeanGradient(model, set);
        return Alignment(model, set, (range ?? ScoreRange.All(set.Count)).Indices(), mean, null, cancellation);
    }

    /// <summary>
    /// ⟨d, g_i⟩ and ‖g_i‖² for the given rows of the set, d a flattened gradient (see
    /// <see cref="MeanGradient(Classifier, SampleSet, IReadOnlyList{int}, Augmenter?, int)"/>); with an augmenter, g_i is
    /// taken on an augmented view of sample i.
    /// </summary>
    /// <param name="measured">The positions in <paramref name="rows"/> measured (all when null): the augmenter still views
    /// every chunk before them, so each measured sample sees the view it would in the whole pass.</param>
    public static (double[] Dot, double[] SquaredNorm) Alignment(Classifier model, SampleSet set, IReadOnlyList<int> rows, Tensor direction,
        Augmenter? augmenter = null, CancellationToken cancellation = default, ScoreRange? measured = null)
    {
        var measures = PerSample(model, set, rows, augmenter, cancellation, g => [g.dot(direction), g.dot(g)], measured);
        return (measures[0].Select(v => (double)v).ToArray(), measures[1].Select(v => (double)v).ToArray());
    }

    /// <summary>The gradient of the mean loss over the set, flattened (summed batch by batch, so any set size fits).</summary>
    public static Tensor MeanGradient(Classifier model, SampleSet set, int batchSize = 256) =>
        MeanGradient(model, set, AllRows(set), null, batchSize);

    /// <summary>
    /// The gradient of the mean loss over the given rows, flattened; on augmented views when an
    /// augmenter is given. In eval mode a batch's mean-loss gradient is the mean of its samples'
    /// gradients, so batches are exact.
    /// </summary>
    public static Tensor MeanGradient(Classifier model, SampleSet set, IReadOnlyList<int> rows, Augmenter? augmenter, int batchSize = 256)
    {
        var device = ComputeDevice.Of(model);
        model.eval();
        model.zero_grad();
        for (var start = 0; start < rows.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var batch = RowTensor(rows, start, Math.Min(rows.Count, start + batchSize));
            var inputs = set.InputsAt(batch, device);
            if (augmenter is not null) inputs = augmenter.Apply(inputs);
            var loss = nn.functional.cross_entropy(model.call(inputs), set.LabelsAt(batch, device),
                reduction: nn.Reduction.Sum) / rows.Count;
            loss.backward();
        }
        var flat = cat(model.parameters().Where(p => p.grad is not null).Select(p => p.grad!.flatten()).ToArray());
        model.zero_grad();
        return flat;
    }

    /// <summary>
    /// For each row, the scalars <paramref name="measure"/> computes from its flattened gradient,
    /// one array per scalar. Inputs are gathered (and augmented) a chunk at a time.
    /// </summary>
    private static float[][] PerSample(Classifier model, SampleSet set, IReadOnlyList<int> rows, Augmenter? augmenter,
        CancellationToken cancellation, Func<Tensor, Tensor[]> measure, ScoreRange? positions = null)
    {
        var wanted = positions ?? ScoreRange.All(rows.Count);
        var device = ComputeDevice.Of(model);
        model.eval();
        var parameters = model.parameters().Where(p => p.requires_grad).ToArray();
        float[][]? values = null;
        using var oneThread = new OneThread(device);
        for (var start = 0; start < wanted.To; start += Chunk)
        {
            using var chunkScope = NewDisposeScope();
            var end = Math.Min(rows.Count, start + Chunk);
            if (end <= wanted.From && augmenter is null) continue;
            var batch = RowTensor(rows, start, end);
            var inputs = set.InputsAt(batch, device);
            // A chunk before the wanted rows is still viewed: the augmenter's stream runs chunk by chunk.
            if (augmenter is not null) inputs = augmenter.Apply(inputs);
            if (end <= wanted.From) continue;
            var labels = set.LabelsAt(batch, device);
            var first = Math.Max(start, wanted.From) - start;
            var count = Math.Min(end, wanted.To) - start - first;
            var measured = new List<Tensor[]>(count);
            for (var j = first; j < first + count; j++)
            {
                cancellation.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var loss = nn.functional.cross_entropy(model.call(inputs.narrow(0, j, 1)), labels.narrow(0, j, 1));
                var gradients = autograd.grad([loss], parameters);
                var flat = cat(gradients.Select(g => g.flatten()).ToArray());
                measured.Add(measure(flat).Select(m => m.MoveToOuterDisposeScope()).ToArray());
            }
            if (count == 0) continue;
            values ??= Enumerable.Range(0, measured[0].Length).Select(_ => new float[wanted.Count]).ToArray();
            for (var m = 0; m < values.Length; m++)
            {
                // cat of one-element tensors, not stack of 0-dim ones: libtorch's lazy (TorchScript) device has no stack of scalars.
                cat(measured.Select(t => t[m].reshape(1)).ToArray()).cpu().data<float>().ToArray().CopyTo(values[m], start + first - wanted.From);
            }
        }
        return values ?? [[], []];
    }

    private static int[] AllRows(SampleSet set) => Enumerable.Range(0, set.Count).ToArray();

    private static Tensor RowTensor(IReadOnlyList<int> rows, int from, int to)
    {
        var indices = new long[to - from];
        for (var k = 0; k < indices.Length; k++) indices[k] = rows[from + k];
        return tensor(indices, ScalarType.Int64);
    }
}
