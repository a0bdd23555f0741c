using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Winnow.Models;

/// <summary>
/// Two conv-pool stages and a 128-wide hidden layer: fast enough on a CPU for MNIST-sized
/// grey images, where a ResNet would cost minutes per epoch for no real gain.
/// </summary>
public sealed class SmallCnn : Classifier
{
    private readonly Conv2d conv1;
    private readonly Conv2d conv2;
    private readonly MaxPool2d pool;
    private readonly Linear fc;
    private readonly Linear head;

    /// <param name="channels">Input channels C.</param>
    /// <param name="height">Input height H (at least 4, so two 2× poolings leave a pixel).</param>
    /// <param name="width">Input width W (at least 4).</param>
    /// <param name="classCount">Number of classes.</param>
    public SmallCnn(int channels, int height, int width, int classCount) : base(nameof(SmallCnn))
    {
        if (channels < 1 || height < 4 || width < 4)
            throw new ArgumentOutOfRangeException(nameof(height), $"SmallCnn needs [C≥1, H≥4, W≥4], got [{channels}, {height}, {width}].");
        if (classCount < 1) throw new ArgumentOutOfRangeException(nameof(classCount));

        conv1 = nn.Conv2d(channels, 32, 3, padding: 1);
        conv2 = nn.Conv2d(32, 64, 3, padding: 1);
        pool = nn.MaxPool2d(2);
        // Each pooling floors the size, as PyTorch does.
        long flat = 64L * (height / 2 / 2) * (width / 2 / 2);
        fc = nn.Linear(flat, 128);
        head = nn.Linear(128, classCount);
        RegisterComponents();
    }

    public override Linear Head => head;

    public override Tensor Embed(Tensor input)
    {
        using var scope = NewDisposeScope();
        // Pool, then ReLU: ReLU is monotone, so max-pooling commutes with it — the same values and
        // gradients to the bit (ConvolutionLayoutTests) — and ReLU then runs on a quarter of the elements.
        var x = nn.functional.relu(pool.call(ConvolutionLayout.Arrange(conv1.call(input))));
        x = nn.functional.relu(pool.call(conv2.call(x)));
        x = nn.functional.relu(fc.call(x.flatten(1)));
        return x.MoveToOuterDisposeScope();
    }
}
