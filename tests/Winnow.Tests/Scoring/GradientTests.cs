using Winnow.Models;
using Winnow.Scoring;
using Winnow.Tests.Support;
using Winnow.Training;
using static TorchSharp.torch;

namespace Winnow.Tests.Scoring;

/// <summary>The closed-form last-layer gradients against TorchSharp autograd on a small net.</summary>
[Collection(TorchGlobalRandomCollection.Name)]
public class GradientTests
{
    private static (Classifier Model, Winnow.Data.SampleSet Set) SmallNet()
    {
        random.manual_seed(5);
        var set = Synthetic.Blobs(12, classes: 3, dimension: 6, separation: 1f, seed: 2);
        var model = ModelCatalog.Create("mlp", [6], 3);
        return (model, set);
    }

    /// <summary>Autograd gradient of one sample's CE with respect to the head (weight, bias), flattened.</summary>
    private static float[] HeadGradient(Classifier model, Winnow.Data.SampleSet set, int i)
    {
        model.eval();
        model.zero_grad();
        using var scope = NewDisposeScope();
        nn.functional.cross_entropy(model.call(set.Inputs[i].unsqueeze(0)), set.LabelTensor[i].unsqueeze(0)).backward();
        var grad = cat([model.Head.weight!.grad!.flatten(), model.Head.bias!.grad!.flatten()]);
        var values = grad.data<float>().ToArray();
        model.zero_grad();
        return values;
    }

    [Fact]
    public void ClosedFormNormEqualsAutograd()
    {
        var (model, set) = SmallNet();
        using (model)
        using (set)
        {
            var predictions = Inference.Predict(model, set);
            var closed = LastLayerGradients.Norms(predictions, set.Labels);
            for (var i = 0; i < set.Count; i++)
            {
                var g = HeadGradient(model, set, i);
                var norm = Math.Sqrt(g.Sum(v => (double)v * v));
                Assert.Equal(norm, closed[i], 4);
            }
        }
    }

    [Fact]
    public void ClosedFormAlignmentWithTheMeanEqualsAutograd()
    {
        var (model, set) = SmallNet();
        using (model)
        using (set)
        {
            var predictions = Inference.Predict(model, set);
            var (dot, squared) = LastLayerGradients.AlignmentWithMean(predictions, set.Labels);
            var gradients = Enumerable.Range(0, set.Count).Select(i => HeadGradient(model, set, i)).ToArray();
            var mean = Enumerable.Range(0, gradients[0].Length).Select(k => gradients.Average(g => (double)g[k])).ToArray();
            for (var i = 0; i < set.Count; i++)
            {
                Assert.Equal(gradients[i].Select((v, k) => v * mean[k]).Sum(), dot[i], 4);
                Assert.Equal(gradients[i].Sum(v => (double)v * v), squared[i], 4);
            }
        }
    }

    [Fact]
    public void FullGradientsAgreeWithAutogradOnEveryParameter()
    {
        var (model, set) = SmallNet();
        using (model)
        using (set)
        {
            var norms = FullGradients.Norms(model, set);
            var (dot, squared) = FullGradients.AlignmentWithMean(model, set);
            for (var i = 0; i < set.Count; i++)
            {
                var expected = norms[i] * (double)norms[i];
                Assert.True(Math.Abs(expected - squared[i]) <= 1e-4 * Math.Max(1, expected), $"{expected} vs {squared[i]}");
            }
            // The mean of ⟨ḡ, g_i⟩ over i is ‖ḡ‖² ≥ 0, and the full norm is at least the head's.
            Assert.True(dot.Average() >= 0);
            var head = LastLayerGradients.Norms(Inference.Predict(model, set), set.Labels);
            for (var i = 0; i < set.Count; i++) Assert.True(norms[i] >= head[i] - 1e-4);
        }
    }
}
