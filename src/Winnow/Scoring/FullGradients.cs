using Winnow.Data;
using Winnow.Models;
using static TorchSharp.torch;

namespace Winnow.Scoring;

/// <summary>
/// Per-sample gradients of cross-entropy through every parameter, by one backward pass per
/// sample (eval mode, so batch-norm uses its running statistics and a sample's gradient does not
/// depend on its batch). Exact but N backward passes: the option behind <c>--gradients full</c>.
/// </summary>
public static class FullGradients
{
    /// <summary>‖∇θ ℓ_i‖₂ for every sample.</summary>
    public static float[] Norms(Classifier model, SampleSet set, CancellationToken cancellation = default)
    {
        var norms = new float[set.Count];
        ForEachSample(model, set, cancellation, (i, gradient) => norms[i] = gradient.norm().item<float>());
        return norms;
    }

    /// <summary>⟨ḡ, g_i⟩ and ‖g_i‖² for every sample, ḡ the mean gradient over the set.</summary>
    public static (double[] DotMean, double[] SquaredNorm) AlignmentWithMean(Classifier model, SampleSet set, CancellationToken cancellation = default)
    {
        using var mean = MeanGradient(model, set);
        var dot = new double[set.Count];
        var squared = new double[set.Count];
        ForEachSample(model, set, cancellation, (i, gradient) =>
        {
            dot[i] = gradient.dot(mean).item<float>();
            squared[i] = gradient.dot(gradient).item<float>();
        });
        return (dot, squared);
    }

    /// <summary>The gradient of the mean loss over the set, flattened (summed batch by batch, so any set size fits).</summary>
    public static Tensor MeanGradient(Classifier model, SampleSet set, int batchSize = 256)
    {
        var device = ComputeDevice.Of(model);
        model.eval();
        model.zero_grad();
        for (var start = 0; start < set.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var rows = arange(start, Math.Min(set.Count, start + batchSize), dtype: ScalarType.Int64);
            var loss = nn.functional.cross_entropy(model.call(set.InputsAt(rows, device)), set.LabelsAt(rows, device),
                reduction: nn.Reduction.Sum) / set.Count;
            loss.backward();
        }
        var flat = Flatten(model);
        model.zero_grad();
        return flat;
    }

    private static void ForEachSample(Classifier model, SampleSet set, CancellationToken cancellation, Action<int, Tensor> use)
    {
        var device = ComputeDevice.Of(model);
        model.eval();
        for (var i = 0; i < set.Count; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            model.zero_grad();
            var x = set.InputsAt(tensor(new long[] { i }), device);
            var y = ComputeDevice.To(set.LabelTensor[i].unsqueeze(0), device);
            nn.functional.cross_entropy(model.call(x), y).backward();
            use(i, Flatten(model));
        }
        model.zero_grad();
    }

    private static Tensor Flatten(Classifier model) =>
        cat(model.parameters().Where(p => p.grad is not null).Select(p => p.grad!.flatten()).ToArray());
}
