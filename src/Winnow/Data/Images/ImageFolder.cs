using Winnow.Data.Storage;

namespace Winnow.Data.Images;

/// <summary>
/// Reads a class-per-folder image dataset (TRAIN/cat/001.jpg, TRAIN/dog/…, optionally TEST/… with
/// the same class folders) into uint8 sample caches, decoding each image once: a later load of the
/// unchanged folders with the same options reuses the caches and decodes nothing. Formats: JPEG,
/// PNG, WebP and BMP (by extension, case-insensitive). See <see cref="ImageFolderListing"/> for
/// which files count, <see cref="ImageDecoder"/> for how pixels become samples and
/// <see cref="ImageFolderCache"/> for what a cache is keyed on.
/// </summary>
public static class ImageFolder
{
    /// <param name="testDir">Optional; its class folders must be training classes, though a training class may have none there.</param>
    /// <param name="progress">(done, total) images decoded while caches are built; not called when every cache is reused.</param>
    /// <exception cref="WinnowException">Missing or empty folders, a class without images, a single class, an undecodable image (unless skipped), images of different sizes without an image size.</exception>
    public static ImageFolderData Load(string trainDir, string? testDir, ImageFolderOptions options, IProgress<(int Done, int Total)>? progress = null)
    {
        options.Validate();
        var train = ImageFolderListing.Read(trainDir, "training", null);
        if (train.ClassNames.Count < 2)
            throw new WinnowException($"training image folder {train.Root} has a single class folder ('{train.ClassNames[0]}'): classification needs at least 2 classes");
        var test = testDir is null ? null : ImageFolderListing.Read(testDir, "test", train.ClassNames);
        var cache = new ImageFolderCache(ImageFolderCache.ResolveDirectory(options.CacheDir));
        var classNames = train.ClassNames;

        // Images whose header reads but whose pixels do not (a truncated file) show up only while a
        // cache is written, whose count is already fixed: plan again without them.
        var undecodable = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var trainPlan = ImageSplitPlan.Make(train, "train", options, classNames, null, cache, undecodable);
            var testPlan = test is null ? null : ImageSplitPlan.Make(test, "test", options, classNames, trainPlan.Shape, cache, undecodable);
            var count = new ProgressCount(progress, trainPlan.ToDecode + (testPlan?.ToDecode ?? 0));
            count.Start();
            var failed = new List<string>();
            foreach (var plan in new[] { trainPlan, testPlan })
            {
                if (plan is null || plan.Reused is not null) continue;
                failed.AddRange(plan.Build(options, classNames, count));
                if (failed.Count > 0) break;
            }
            if (failed.Count == 0) return Open(classNames, trainPlan, testPlan);
            undecodable.UnionWith(failed);
        }
    }

    private static ImageFolderData Open(IReadOnlyList<string> classNames, ImageSplitPlan trainPlan, ImageSplitPlan? testPlan)
    {
        var trainSplit = Open(trainPlan);
        try
        {
            var testSplit = testPlan is null ? null : Open(testPlan);
            var skipped = new[] { trainPlan, testPlan }.OfType<ImageSplitPlan>()
                .SelectMany(p => p.Skipped.Select(s => Path.GetFullPath(Path.Combine(p.Listing.Root, s)))).ToArray();
            var reused = trainPlan.Reused is not null && (testPlan is null || testPlan.Reused is not null);
            return new ImageFolderData(classNames, trainSplit, testSplit, skipped, reused);
        }
        catch
        {
            trainSplit.Cache.Dispose();
            throw;
        }
    }

    private static ImageFolderSplit Open(ImageSplitPlan plan)
    {
        var cache = SampleCacheFile.Open(plan.Entry.CachePath);
        var paths = plan.Reused?.Paths ?? plan.Kept.Select(f => f.RelativePath).ToArray();
        var labels = plan.Reused?.Labels ?? plan.Kept.Select(f => f.Label).ToArray();
        return new ImageFolderSplit(cache, labels, paths);
    }
}
