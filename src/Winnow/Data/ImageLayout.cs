namespace Winnow.Data;

/// <summary>
/// Where the channels of a 4-D image array lie: <c>nchw</c> [N, C, H, W] (PyTorch's order, and
/// Winnow's own) or <c>nhwc</c> [N, H, W, C] (TensorFlow's, and most image libraries'). Named so
/// that an array whose shape does not tell can be read either way.
/// </summary>
public static class ImageLayout
{
    public const string Nchw = "nchw";

    public const string Nhwc = "nhwc";

    /// <summary>The layouts a setting may name (the settings layer reads this list as its choices).</summary>
    public static IReadOnlyList<string> Names { get; } = [Nchw, Nhwc];
}
