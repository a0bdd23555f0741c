using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Winnow.Models;

/// <summary>
/// The two-conv residual block of ResNet-18 (post-activation, He et al. 2015): a 1×1 conv + BN
/// projection on the shortcut whenever the stride or the width changes.
/// </summary>
public sealed class BasicBlock : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Sequential? shortcut;

    public BasicBlock(long inChannels, long outChannels, long stride) : base(nameof(BasicBlock))
    {
        conv1 = nn.Conv2d(inChannels, outChannels, 3, stride: stride, padding: 1, bias: false);
        bn1 = nn.BatchNorm2d(outChannels);
        conv2 = nn.Conv2d(outChannels, outChannels, 3, stride: 1, padding: 1, bias: false);
        bn2 = nn.BatchNorm2d(outChannels);
        if (stride != 1 || inChannels != outChannels)
        {
            shortcut = nn.Sequential(
                ("0", nn.Conv2d(inChannels, outChannels, 1, stride: stride, bias: false)),
                ("1", nn.BatchNorm2d(outChannels)));
        }
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = nn.functional.relu(bn1.call(conv1.call(input)));
        x = bn2.call(conv2.call(x));
        var skip = shortcut is null ? input : shortcut.call(input);
        return nn.functional.relu(x + skip).MoveToOuterDisposeScope();
    }
}
