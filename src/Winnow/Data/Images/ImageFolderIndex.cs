namespace Winnow.Data.Images;

/// <summary>
/// The sidecar of a split's sample cache (<c>&lt;name&gt;.json</c> beside <c>&lt;name&gt;.cache</c>): what
/// each cached sample is, so a reused cache is labelled and explained without decoding anything.
/// </summary>
/// <param name="Key">The cache key it was written with (the cache header holds the same).</param>
/// <param name="Paths">Relative paths of the cached samples, in cache order.</param>
/// <param name="Skipped">Relative paths of the images left out as undecodable.</param>
internal sealed record ImageFolderIndex(string Key, string[] ClassNames, string[] Paths, int[] Labels, string[] Skipped);
