using static TorchSharp.torch;

namespace Winnow.Models;

/// <summary>
/// How the small CNN lays out its activations in memory: channels-last (NHWC strides behind the
/// usual [N, C, H, W] shape; the default) or libtorch's NCHW. Shapes, weights, state_dicts and
/// embeddings are the same either way. Channels-last lets oneDNN convolve without reordering and
/// lets libtorch vectorise max-pooling across channels (its NCHW max-pool is many times slower):
/// on 2 CPU cores the small CNN's training step is about a third faster and its inference about
/// three times as fast (BENCHMARKS.md). The convolutions then sum in another order, so results
/// differ from NCHW in their last digits (as accurate, against float64): the layout is part of a
/// run's specification (<c>--channels-last</c>) and its record. The ResNets stay NCHW: there
/// channels-last made the step only 6% faster and the first convolution's gradient far less
/// accurate (0.95% off against float64, NCHW 0.0002%; 16×16 images, batch 16). The setting is the
/// process's, like libtorch's thread count; a run sets it.
/// </summary>
public static class ConvolutionLayout
{
    /// <summary>Whether the small CNN keeps activations channels-last (default: true).</summary>
    public static bool ChannelsLast { get; set; } = true;

    /// <summary>The layout's name as runs record it.</summary>
    public static string Name => ChannelsLast ? "channels-last" : "nchw";

    /// <summary>
    /// A 4-D activation in the chosen layout: under channels-last, NHWC strides (one copy, none
    /// when it already has them); otherwise the tensor as it is. The first convolution's output is
    /// the place to call it: an input with one channel has no layout a convolution could follow.
    /// </summary>
    public static Tensor Arrange(Tensor activation) =>
        ChannelsLast && activation.dim() == 4 ? ToChannelsLast(activation) : activation;

    /// <summary>A 4-D tensor with NHWC strides behind its [N, C, H, W] shape, whatever the setting (one copy, none when it has them).</summary>
    // TorchSharp 0.107 has no channels_last memory format to ask contiguous() for; NHWC made
    // contiguous and viewed back as NCHW has exactly the strides PyTorch's channels_last gives.
    public static Tensor ToChannelsLast(Tensor activation) => activation.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);
}
