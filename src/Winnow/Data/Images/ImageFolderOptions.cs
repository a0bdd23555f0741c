namespace Winnow.Data.Images;

/// <summary>
/// How a class-per-folder image dataset becomes uint8 samples.
/// </summary>
/// <param name="ImageSize">
/// Resize each image's shorter side to this many pixels and crop the centre square (torchvision's
/// Resize + CenterCrop); null keeps the images as they are, which needs them all to be one size.
/// </param>
/// <param name="Channels">1 (gray) or 3 (RGB) to force; null takes gray when every training image decodes as gray, else RGB.</param>
/// <param name="CacheDir">Where the sample caches go; null: $WINNOW_CACHE, else $XDG_CACHE_HOME/winnow, else ~/.cache/winnow.</param>
/// <param name="SkipBadImages">Leave out (and list) images that cannot be decoded instead of failing on the first.</param>
public sealed record ImageFolderOptions(int? ImageSize = null, int? Channels = null, string? CacheDir = null, bool SkipBadImages = false)
{
    internal void Validate()
    {
        if (ImageSize is < 1) throw new WinnowException($"the image size must be at least 1 pixel, got {ImageSize}");
        // The cache holds a sample's bytes in an int: 3 × S × S must fit.
        if (ImageSize is > 16384) throw new WinnowException($"the image size must be at most 16384 pixels, got {ImageSize}");
        if (Channels is not (null or 1 or 3)) throw new WinnowException($"images have 1 channel (gray) or 3 (RGB), got {Channels}");
    }
}
