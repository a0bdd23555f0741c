namespace Winnow.Data.Images;

/// <summary>
/// A class-per-folder image dataset read into sample caches. Labels index
/// <see cref="ClassNames"/> (the training folder's class folders, sorted ordinally) in both splits.
/// Disposing releases the memory-mapped caches.
/// </summary>
/// <param name="SkippedImages">Full paths of the images left out as undecodable (training ones first); empty unless bad images are skipped.</param>
/// <param name="CacheReused">Every split came from a cache built earlier: nothing was decoded.</param>
public sealed record ImageFolderData(
    IReadOnlyList<string> ClassNames,
    ImageFolderSplit Train,
    ImageFolderSplit? Test,
    IReadOnlyList<string> SkippedImages,
    bool CacheReused) : IDisposable
{
    public void Dispose()
    {
        Train.Cache.Dispose();
        Test?.Cache.Dispose();
    }
}
