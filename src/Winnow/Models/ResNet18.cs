using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Winnow.Models;

/// <summary>
/// ResNet-18 in its CIFAR form (3×3 stride-1 stem, no max-pool), the backbone most pruning
/// papers report CIFAR results with; 11,173,962 parameters for 10 classes.
/// </summary>
public sealed class ResNet18 : Classifier
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Sequential layer1;
    private readonly Sequential layer2;
    private readonly Sequential layer3;
    private readonly Sequential layer4;
    private readonly AdaptiveAvgPool2d pool;
    private readonly Linear head;

    public ResNet18(int channels, int classCount) : base(nameof(ResNet18))
    {
        if (channels < 1) throw new ArgumentOutOfRangeException(nameof(channels));
        if (classCount < 1) throw new ArgumentOutOfRangeException(nameof(classCount));

        conv1 = nn.Conv2d(channels, 64, 3, stride: 1, padding: 1, bias: false);
        bn1 = nn.BatchNorm2d(64);
        layer1 = Stage(64, 64, 1);
        layer2 = Stage(64, 128, 2);
        layer3 = Stage(128, 256, 2);
        layer4 = Stage(256, 512, 2);
        pool = nn.AdaptiveAvgPool2d(1);
        head = nn.Linear(512, classCount);
        RegisterComponents();
    }

    private static Sequential Stage(long inChannels, long outChannels, long stride) =>
        nn.Sequential(
            ("0", new BasicBlock(inChannels, outChannels, stride)),
            ("1", new BasicBlock(outChannels, outChannels, 1)));

    public override Linear Head => head;

    public override Tensor Embed(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = nn.functional.relu(bn1.call(conv1.call(input)));
        x = layer4.call(layer3.call(layer2.call(layer1.call(x))));
        return pool.call(x).flatten(1).MoveToOuterDisposeScope();
    }
}
