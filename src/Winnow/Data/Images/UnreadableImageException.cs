namespace Winnow.Data.Images;

/// <summary>
/// An image file that cannot be read or decoded. Internal: the loader either turns it into a
/// <see cref="WinnowException"/> or, when bad images are skipped, leaves the file out.
/// </summary>
internal sealed class UnreadableImageException(string path, string reason)
    : Exception($"cannot decode image {path}: {reason}")
{
    public string FullPath { get; } = path;
}
