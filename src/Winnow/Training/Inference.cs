using Winnow.Data;
using Winnow.Models;
using static TorchSharp.torch;

namespace Winnow.Training;

/// <summary>
/// Forward passes without gradients, in eval mode (so BatchNorm does not mix samples), in
/// batches of 128 (the fastest size on CPU here: the small CNN inferred 5,300 samples/s at 128,
/// 3,100 at 256 and 2,700 at 512 in one process; batch 1,000 was 2.5× slower still). The
/// networks' train/eval modes are restored afterwards.
/// </summary>
public static class Inference
{
    public const int DefaultBatchSize = 128;

    /// <summary>Top-1 accuracy against the clean labels when known, else the training labels.</summary>
    public static double Accuracy(Classifier model, SampleSet set, int batchSize = DefaultBatchSize) =>
        Accuracy([model], model.call, set, batchSize);

    /// <summary>Top-1 accuracy of <paramref name="logits"/> computed from <paramref name="networks"/> (an ensemble, e.g. DivideMix's two).</summary>
    public static double Accuracy(IReadOnlyList<Classifier> networks, Func<Tensor, Tensor> logits, SampleSet set, int batchSize = DefaultBatchSize)
    {
        var truth = set.CleanLabels ?? set.Labels;
        var predicted = PredictedClasses(networks, logits, set, Enumerable.Range(0, set.Count).ToArray(), batchSize);
        var hits = predicted.Where((p, k) => p == truth[k]).Count();
        return set.Count == 0 ? 0 : hits / (double)set.Count;
    }

    /// <summary>arg-max of <paramref name="logits"/> for the given rows, in order.</summary>
    public static int[] PredictedClasses(IReadOnlyList<Classifier> networks, Func<Tensor, Tensor> logits, SampleSet set,
        IReadOnlyList<int> rows, int batchSize = DefaultBatchSize)
    {
        foreach (var i in rows)
        {
            if (i < 0 || i >= set.Count) throw new WinnowException($"sample index {i} is outside the set (0–{set.Count - 1})");
        }
        var predicted = new int[rows.Count];
        ForEachBatch(networks, set, rows.ToArray(), batchSize, (start, inputs, _) =>
        {
            var classes = logits(inputs).argmax(1).cpu().data<long>().ToArray();
            for (var k = 0; k < classes.Length; k++) predicted[start + k] = (int)classes[k];
        });
        return predicted;
    }

    /// <summary>Logits, probabilities and penultimate embeddings of the given samples (all when null).</summary>
    /// <param name="views">Predict on these augmented views of each batch instead of the samples themselves (Prune4ReL's strong pass).</param>
    public static Predictions Predict(Classifier model, SampleSet set, IReadOnlyList<int>? indices = null, int batchSize = DefaultBatchSize,
        Augmenter? views = null)
    {
        var rows = indices?.ToArray() ?? Enumerable.Range(0, set.Count).ToArray();
        var classes = (int)model.ClassCount;
        var width = (int)model.EmbeddingSize;
        var logits = new float[rows.Length * classes];
        var probabilities = new float[rows.Length * classes];
        var embeddings = new float[rows.Length * width];
        ForEachBatch([model], set, rows, batchSize, (start, inputs, _) =>
        {
            var h = model.Embed(views is null ? inputs : views.Apply(inputs));
            var z = model.Head.call(h);
            z.cpu().data<float>().CopyTo(logits, start * classes);
            nn.functional.softmax(z, 1).cpu().data<float>().CopyTo(probabilities, start * classes);
            h.cpu().data<float>().CopyTo(embeddings, start * width);
        });
        return new Predictions(rows, classes, width, logits, probabilities, embeddings);
    }

    /// <summary>Per-sample cross-entropy against the training labels, and how many rows were predicted right.</summary>
    public static (float[] Losses, int Hits) Losses(Classifier model, SampleSet set, int[] rows, int batchSize = DefaultBatchSize)
    {
        var losses = new float[rows.Length];
        var hits = 0;
        ForEachBatch([model], set, rows, batchSize, (start, inputs, labels) =>
        {
            var logits = model.call(inputs);
            nn.functional.cross_entropy(logits, labels, reduction: nn.Reduction.None).cpu().data<float>().CopyTo(losses, start);
            hits += (int)logits.argmax(1).eq(labels).sum().item<long>();
        });
        return (losses, hits);
    }

    /// <summary>Calls <paramref name="consume"/> with (first row, inputs, labels) per batch, on the networks' device, inside a dispose scope.</summary>
    private static void ForEachBatch(IReadOnlyList<Classifier> networks, SampleSet set, int[] rows, int batchSize,
        Action<int, Tensor, Tensor> consume)
    {
        NativeHeap.KeepFreedMemory();
        var device = ComputeDevice.Of(networks[0]);
        var modes = networks.Select(n => n.training).ToArray();
        foreach (var network in networks) network.eval();
        try
        {
            using var noGrad = no_grad();
            for (var start = 0; start < rows.Length; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var index = IndexTensor(rows.AsSpan(start, Math.Min(batchSize, rows.Length - start)));
                consume(start, set.InputsAt(index, device), set.LabelsAt(index, device));
            }
        }
        finally
        {
            for (var k = 0; k < networks.Count; k++) networks[k].train(modes[k]);
        }
    }

    /// <summary>Sample indices as an int64 CPU tensor, for gathering a batch.</summary>
    public static Tensor IndexTensor(ReadOnlySpan<int> rows)
    {
        var values = new long[rows.Length];
        for (var k = 0; k < rows.Length; k++) values[k] = rows[k];
        return tensor(values, ScalarType.Int64);
    }
}
