using TorchSharp;
using Winnow.Models;
using static TorchSharp.torch;

namespace Winnow.Tests.Models;

/// <summary>
/// The small CNN pools before its ReLU, and keeps activations channels-last by default: the first
/// must not change a single bit, the second only the last digits.
/// </summary>
[Collection(TorchGlobalRandomCollection.Name)] // seeds torch and sets the process's layout: runs alone
public sealed class ConvolutionLayoutTests : IDisposable
{
    // xunit builds the class for each test and disposes it after: every test leaves the process's layout as it found it.
    private readonly bool layoutBefore = ConvolutionLayout.ChannelsLast;

    public void Dispose() => ConvolutionLayout.ChannelsLast = layoutBefore;

    [Fact]
    public void PoolThenReluGivesReluThenPoolsValuesAndGradientsByHand()
    {
        // Two 2×2 windows: one all negative (ReLU first: all zeros, the max 0), one with a positive max.
        var input = tensor(new float[] { -1, -2, 3, -4, -5, -6, 0.5f, 2 }).reshape(1, 1, 2, 4).requires_grad_();
        var output = nn.functional.relu(nn.functional.max_pool2d(input, 2));
        Assert.Equal(new float[] { 0, 3 }, output.data<float>().ToArray());
        output.sum().backward();
        // The gradient reaches only the positive maximum (3); the negative window passes none.
        Assert.Equal(new float[] { 0, 0, 1, 0, 0, 0, 0, 0 }, input.grad!.data<float>().ToArray());
    }

    [Fact]
    public void PoolThenReluEqualsReluThenPoolToTheBitWithTiesAndNegativeWindows()
    {
        random.manual_seed(3);
        // Rounded to halves: many ties inside windows, many all-negative windows, exact zeros.
        var values = (randn(4, 8, 6, 6) * 2).round() / 2;
        var upstream = randn(4, 8, 3, 3);
        var a = values.clone().requires_grad_();
        var b = values.clone().requires_grad_();
        var reluFirst = nn.functional.max_pool2d(nn.functional.relu(a), 2);
        var poolFirst = nn.functional.relu(nn.functional.max_pool2d(b, 2));
        reluFirst.backward([upstream]);
        poolFirst.backward([upstream]);
        Assert.Equal(reluFirst.data<float>().ToArray(), poolFirst.data<float>().ToArray());
        Assert.Equal(a.grad!.data<float>().ToArray(), b.grad!.data<float>().ToArray());
    }

    [Fact]
    public void ArrangeKeepsShapeAndValuesWithChannelsLastStrides()
    {
        var x = arange(2 * 3 * 4 * 5, dtype: ScalarType.Float32).reshape(2, 3, 4, 5);
        ConvolutionLayout.ChannelsLast = true;
        var arranged = ConvolutionLayout.Arrange(x);
        Assert.Equal(x.shape, arranged.shape);
        Assert.Equal(new long[] { 60, 1, 15, 3 }, arranged.stride()); // N, C, H, W strides of an NHWC buffer
        Assert.True(arranged.equal(x).all().item<bool>());
        var again = ConvolutionLayout.Arrange(arranged);
        again[0, 0, 0, 0] = tensor(-1f); // already channels-last: no copy, so the write shows through
        Assert.Equal(-1f, arranged[0, 0, 0, 0].item<float>());
        var flat = ones(2, 3);
        Assert.Same(flat, ConvolutionLayout.Arrange(flat)); // only 4-D activations have a layout
        Assert.Equal("channels-last", ConvolutionLayout.Name);

        ConvolutionLayout.ChannelsLast = false;
        Assert.Same(x, ConvolutionLayout.Arrange(x));
        Assert.Equal("nchw", ConvolutionLayout.Name);
    }

    [Fact]
    public void SmallCnnUnderNchwComputesTheFormerReluThenPoolForwardToTheBit()
    {
        ConvolutionLayout.ChannelsLast = false;
        random.manual_seed(5);
        var model = ModelCatalog.Create(ModelCatalog.SmallCnnName, [1, 28, 28], 10);
        var x = randn(6, 1, 28, 28);
        var p = model.named_parameters().ToDictionary(n => n.name, n => n.parameter);
        // The model as it was written before: ReLU, then pool, all NCHW.
        var h = nn.functional.max_pool2d(nn.functional.relu(nn.functional.conv2d(x, p["conv1.weight"], p["conv1.bias"], padding: [1, 1])), 2);
        h = nn.functional.max_pool2d(nn.functional.relu(nn.functional.conv2d(h, p["conv2.weight"], p["conv2.bias"], padding: [1, 1])), 2);
        h = nn.functional.relu(nn.functional.linear(h.flatten(1), p["fc.weight"], p["fc.bias"]));
        var expected = nn.functional.linear(h, p["head.weight"], p["head.bias"]);
        using var _ = no_grad();
        Assert.Equal(expected.data<float>().ToArray(), model.call(x).data<float>().ToArray());
    }

    [Fact]
    public void SmallCnnChannelsLastIsAsAccurateAsNchwAgainstFloat64()
    {
        random.manual_seed(7);
        var model = ModelCatalog.Create(ModelCatalog.SmallCnnName, [1, 28, 28], 10);
        var x = randn(16, 1, 28, 28);
        var labels = randint(0, 10, [16], dtype: ScalarType.Int64);
        (Tensor Logits, Tensor Gradient) Pass(bool channelsLast, ScalarType type)
        {
            ConvolutionLayout.ChannelsLast = channelsLast;
            model.to(type);
            model.zero_grad();
            var logits = model.call(x.to(type));
            nn.functional.cross_entropy(logits, labels).backward();
            // conv1's weights: every layer's gradient flows back into them.
            var gradient = model.named_parameters().Single(p => p.name == "conv1.weight").parameter.grad!;
            return (logits.detach().to(ScalarType.Float64), gradient.to(ScalarType.Float64));
        }
        var truth = Pass(false, ScalarType.Float64);
        var nchw = Pass(false, ScalarType.Float32);
        var last = Pass(true, ScalarType.Float32);
        double Error(Tensor a, Tensor b) => (a - b).abs().max().item<double>() / b.abs().max().item<double>();
        // Measured at batch 32: conv1's gradient 1.2e-6 relative (channels-last) against 1.3e-6 (NCHW).
        Assert.True(Error(last.Logits, truth.Logits) <= 2 * Error(nchw.Logits, truth.Logits) + 1e-7);
        Assert.True(Error(last.Gradient, truth.Gradient) <= 2 * Error(nchw.Gradient, truth.Gradient) + 1e-6,
            $"conv1 gradient: channels-last {Error(last.Gradient, truth.Gradient):E2}, nchw {Error(nchw.Gradient, truth.Gradient):E2} relative to float64");
        // A state_dict does not depend on the layout: the weights stay contiguous NCHW.
        Assert.All(model.parameters(), w => Assert.True(w.is_contiguous()));
    }

    [Theory]
    [InlineData(ModelCatalog.ResNet18Name)]
    [InlineData(ModelCatalog.PreActResNet18Name)]
    public void TheResNetsStayNchwWhateverTheSetting(string name)
    {
        random.manual_seed(7);
        var model = ModelCatalog.Create(name, [1, 8, 8], 10);
        var x = randn(4, 1, 8, 8);
        float[] Logits(bool channelsLast)
        {
            ConvolutionLayout.ChannelsLast = channelsLast;
            using var _ = no_grad();
            return model.call(x).data<float>().ToArray();
        }
        model.eval(); // batch-norm's running statistics stay as they are between the two calls
        Assert.Equal(Logits(false), Logits(true));
    }
}
