using Winnow.Data.Storage;

namespace Winnow.Data.Images;

/// <summary>
/// One folder of a class-per-folder dataset, decoded: sample i of <see cref="Cache"/> ([C, H, W]
/// uint8) has label <c>Labels[i]</c> and came from <c>Paths[i]</c>, relative to the split's folder
/// with '/' separators (class folder first, so the paths read as "cat/001.jpg").
/// </summary>
public sealed record ImageFolderSplit(SampleCacheFile Cache, int[] Labels, string[] Paths);
