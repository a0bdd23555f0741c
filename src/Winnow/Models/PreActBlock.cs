using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Winnow.Models;

/// <summary>
/// Pre-activation residual block (He et al. 2016, "Identity Mappings"): BN-ReLU before each
/// conv, so the skip path stays a clean identity; the projection shortcut (a bare 1×1 conv)
/// reads the pre-activated input, as in the Prune4ReL and SOP code.
/// </summary>
public sealed class PreActBlock : nn.Module<Tensor, Tensor>
{
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn2;
    private readonly Conv2d conv2;
    private readonly Conv2d? shortcut;

    public PreActBlock(long inChannels, long outChannels, long stride) : base(nameof(PreActBlock))
    {
        bn1 = nn.BatchNorm2d(inChannels);
        conv1 = nn.Conv2d(inChannels, outChannels, 3, stride: stride, padding: 1, bias: false);
        bn2 = nn.BatchNorm2d(outChannels);
        conv2 = nn.Conv2d(outChannels, outChannels, 3, stride: 1, padding: 1, bias: false);
        if (stride != 1 || inChannels != outChannels)
            shortcut = nn.Conv2d(inChannels, outChannels, 1, stride: stride, bias: false);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var pre = nn.functional.relu(bn1.call(input));
        var skip = shortcut is null ? input : shortcut.call(pre);
        var x = conv1.call(pre);
        x = conv2.call(nn.functional.relu(bn2.call(x)));
        return (x + skip).MoveToOuterDisposeScope();
    }
}
