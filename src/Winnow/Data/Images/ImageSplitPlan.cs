using System.Runtime.ExceptionServices;
using Winnow.Data.Storage;

namespace Winnow.Data.Images;

/// <summary>
/// One split on its way to a cache: either a cache that still fits (nothing to decode), or the
/// images to decode, the ones left out, and the sample format — settled from the files' headers
/// before any pixel is decoded, since the cache's shape and count come first.
/// </summary>
internal sealed class ImageSplitPlan
{
    private readonly ImageFolderCache _cache;

    private ImageSplitPlan(ImageFolderCache cache, ImageFolderListing listing, ImageFolderCache.Entry entry, ImageFolderIndex? reused, ImageFile[] kept, string[] skipped, int[] shape, SampleFormat? format)
    {
        _cache = cache;
        Listing = listing;
        Entry = entry;
        Reused = reused;
        Kept = kept;
        Skipped = skipped;
        Shape = shape;
        Format = format;
    }

    public ImageFolderListing Listing { get; }

    public ImageFolderCache.Entry Entry { get; }

    /// <summary>The index of the cache that is reused; null when the split is to be built.</summary>
    public ImageFolderIndex? Reused { get; }

    public ImageFile[] Kept { get; }

    /// <summary>Relative paths of the images left out.</summary>
    public string[] Skipped { get; }

    /// <summary>The samples' [C, H, W].</summary>
    public int[] Shape { get; }

    private SampleFormat? Format { get; }

    public int ToDecode => Reused is null ? Kept.Length : 0;

    /// <param name="trainShape">For a test split: the training samples' [C, H, W], which it must match.</param>
    /// <param name="undecodable">Full paths whose headers read but whose pixels did not decode (found by an earlier build): left out.</param>
    public static ImageSplitPlan Make(ImageFolderListing listing, string role, ImageFolderOptions options, IReadOnlyList<string> classNames,
        int[]? trainShape, ImageFolderCache cache, IReadOnlySet<string> undecodable)
    {
        var entry = cache.EntryFor(listing, role, options, classNames, trainShape);
        if (ImageFolderCache.TryReuse(entry, classNames) is { } reusable)
            return new ImageSplitPlan(cache, listing, entry, reusable.Index, [], reusable.Index.Skipped, reusable.SampleShape, null);

        var files = listing.Files;
        var headers = new ImageDecoder.Header?[files.Length];
        var failures = new Exception?[files.Length];
        Parallel.For(0, files.Length, Parallelism, (i, loop) =>
        {
            if (undecodable.Contains(files[i].FullPath)) return;
            try
            {
                headers[i] = ImageDecoder.ReadHeader(files[i].FullPath);
            }
            catch (Exception e)
            {
                failures[i] = e;
                // Break, not Stop: every earlier file is still read, so the error names the first bad one.
                if (!options.SkipBadImages || e is not UnreadableImageException) loop.Break();
            }
        });
        ThrowFirst(failures, options.SkipBadImages);

        var kept = Enumerable.Range(0, files.Length).Where(i => headers[i] is not null).ToArray();
        var skipped = Enumerable.Range(0, files.Length).Where(i => headers[i] is null).Select(i => files[i].RelativePath).ToArray();
        foreach (var label in files.Select(f => f.Label).Distinct())
        {
            if (kept.Any(i => files[i].Label == label)) continue;
            var name = classNames[label];
            var bad = files.Count(f => f.Label == label);
            throw new WinnowException($"class folder '{name}' in {listing.Root} has no decodable images: all {bad} were skipped as bad");
        }

        var format = trainShape is null ? TrainFormat(files, kept, headers, options) : TestFormat(files, kept, headers, options, trainShape);
        return new ImageSplitPlan(cache, listing, entry, null, kept.Select(i => files[i]).ToArray(), skipped, format.Shape, format);
    }

    private static SampleFormat TrainFormat(ImageFile[] files, int[] kept, ImageDecoder.Header?[] headers, ImageFolderOptions options)
    {
        var channels = options.Channels ?? (kept.All(i => headers[i]!.Value.IsGray) ? 1 : 3);
        if (options.ImageSize is { } size) return new SampleFormat(channels, size, size, ResizeAndCrop: true);
        var first = headers[kept[0]]!.Value;
        foreach (var i in kept)
        {
            var header = headers[i]!.Value;
            if ((header.Width, header.Height) != (first.Width, first.Height))
                throw new WinnowException($"the images differ in size: {files[i].FullPath} is {header.Width}×{header.Height} but {files[kept[0]].FullPath} is {first.Width}×{first.Height}; give an image size to resize them all to one");
        }
        return new SampleFormat(channels, first.Height, first.Width, ResizeAndCrop: false);
    }

    /// <summary>A test split takes the training samples' shape: their channels, and their size unless images are resized.</summary>
    private static SampleFormat TestFormat(ImageFile[] files, int[] kept, ImageDecoder.Header?[] headers, ImageFolderOptions options, int[] trainShape)
    {
        var (channels, height, width) = (trainShape[0], trainShape[1], trainShape[2]);
        if (options.ImageSize is { } size) return new SampleFormat(channels, size, size, ResizeAndCrop: true);
        foreach (var i in kept)
        {
            var header = headers[i]!.Value;
            if ((header.Width, header.Height) != (width, height))
                throw new WinnowException($"the images differ in size: test image {files[i].FullPath} is {header.Width}×{header.Height} but the training images are {width}×{height}; give an image size to resize them all to one");
        }
        return new SampleFormat(channels, height, width, ResizeAndCrop: false);
    }

    /// <summary>
    /// Decodes the kept images in parallel, a block at a time, and appends them in order, so the
    /// cache's bytes do not depend on the thread count; then writes the index and drops the slot's
    /// stale caches. Returns the full paths of images that failed to decode when bad images are
    /// skipped (the cache is then not written: the caller plans again without them).
    /// </summary>
    public IReadOnlyList<string> Build(ImageFolderOptions options, IReadOnlyList<string> classNames, ProgressCount progress)
    {
        var format = Format ?? throw new InvalidOperationException("a reused cache is not built");
        var sampleSize = format.SampleSize;
        // Enough images per block to keep every core busy, few enough to bound the memory they take.
        var block = Math.Clamp((256 << 20) / sampleSize, Environment.ProcessorCount, 16 * Environment.ProcessorCount);
        var buffer = new byte[(long)block * sampleSize];
        var failures = new Exception?[block];
        var undecodable = new List<string>();
        using (var writer = new SampleCacheFile.Writer(Entry.CachePath, Kept.Length, Shape, Entry.Key))
        {
            for (var start = 0; start < Kept.Length; start += block)
            {
                var count = Math.Min(block, Kept.Length - start);
                Array.Clear(failures);
                Parallel.For(0, count, Parallelism, (i, loop) =>
                {
                    try
                    {
                        ImageDecoder.Decode(Kept[start + i].FullPath, format, buffer.AsSpan(i * sampleSize, sampleSize));
                    }
                    catch (Exception e)
                    {
                        failures[i] = e;
                        if (!options.SkipBadImages || e is not UnreadableImageException) loop.Break();
                    }
                });
                ThrowFirst(failures, options.SkipBadImages);
                undecodable.AddRange(failures.OfType<UnreadableImageException>().Select(e => e.FullPath));
                // After a failure the rest is still decoded, to find every bad image in one pass, but not written.
                if (undecodable.Count == 0)
                    for (var i = 0; i < count; i++) writer.Append(buffer.AsSpan(i * sampleSize, sampleSize));
                progress.Add(count);
            }
            if (undecodable.Count > 0) return undecodable;
            writer.Commit();
        }
        ImageFolderCache.WriteIndex(Entry, new ImageFolderIndex(Entry.Key, classNames.ToArray(),
            Kept.Select(f => f.RelativePath).ToArray(), Kept.Select(f => f.Label).ToArray(), Skipped));
        _cache.DeleteStale(Entry);
        return [];
    }

    private static readonly ParallelOptions Parallelism = new() { MaxDegreeOfParallelism = Environment.ProcessorCount };

    /// <summary>The first failure in file order, unless it is a bad image that is to be skipped.</summary>
    private static void ThrowFirst(Exception?[] failures, bool skipBadImages)
    {
        foreach (var failure in failures)
        {
            if (failure is null) continue;
            if (failure is UnreadableImageException bad)
            {
                if (skipBadImages) continue;
                throw new WinnowException($"{bad.Message} (skip bad images to leave such files out)");
            }
            ExceptionDispatchInfo.Throw(failure);
        }
    }
}
