namespace Winnow.Data.Images;

/// <summary>
/// One image of a class folder, with the file facts that fingerprint it for the cache (size and
/// last write time: cheap to stat, and any edit changes one of them).
/// </summary>
/// <param name="RelativePath">From the split's folder, '/'-separated: "cat/001.jpg".</param>
/// <param name="Length">Bytes, or -1 when the file cannot be stat'ed (a broken link): decoding then names it.</param>
internal sealed record ImageFile(string RelativePath, string FullPath, int Label, long Length, long LastWriteUtcTicks);
