using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Winnow.Models;

/// <summary>
/// Pre-activation ResNet-18 with the CIFAR stem, the backbone of Prune4ReL and SOP, so their
/// noisy-label numbers can be compared like for like. The blocks end without an activation,
/// hence the final BN-ReLU before pooling; 11,172,170 parameters for 10 classes.
/// </summary>
public sealed class PreActResNet18 : Classifier
{
    private readonly Conv2d conv1;
    private readonly Sequential layer1;
    private readonly Sequential layer2;
    private readonly Sequential layer3;
    private readonly Sequential layer4;
    private readonly BatchNorm2d bn;
    private readonly AdaptiveAvgPool2d pool;
    private readonly Linear head;

    public PreActResNet18(int channels, int classCount) : base(nameof(PreActResNet18))
    {
        if (channels < 1) throw new ArgumentOutOfRangeException(nameof(channels));
        if (classCount < 1) throw new ArgumentOutOfRangeException(nameof(classCount));

        conv1 = nn.Conv2d(channels, 64, 3, stride: 1, padding: 1, bias: false);
        layer1 = Stage(64, 64, 1);
        layer2 = Stage(64, 128, 2);
        layer3 = Stage(128, 256, 2);
        layer4 = Stage(256, 512, 2);
        bn = nn.BatchNorm2d(512);
        pool = nn.AdaptiveAvgPool2d(1);
        head = nn.Linear(512, classCount);
        RegisterComponents();
    }

    private static Sequential Stage(long inChannels, long outChannels, long stride) =>
        nn.Sequential(
            ("0", new PreActBlock(inChannels, outChannels, stride)),
            ("1", new PreActBlock(outChannels, outChannels, 1)));

    public override Linear Head => head;

    public override Tensor Embed(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = conv1.call(input);
        x = layer4.call(layer3.call(layer2.call(layer1.call(x))));
        x = nn.functional.relu(bn.call(x));
        return pool.call(x).flatten(1).MoveToOuterDisposeScope();
    }
}
