using static TorchSharp.torch;

namespace Winnow.Tests;

public class TorchLoadsTests
{
    [Fact]
    public void NativeLibTorchLoadsAndComputes()
    {
        using var a = tensor(new float[] { 1, 2, 3 });
        using var b = a * 2;
        using var sum = b.sum();
        Assert.Equal(12f, sum.item<float>());
    }
}
