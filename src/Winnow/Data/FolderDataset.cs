using Winnow.Data.Images;

namespace Winnow.Data;

/// <summary>
/// A class-per-folder image dataset (<c>folder:TRAIN_DIR[,TEST_DIR]</c>) as splits stored in its
/// decoded caches: every sample keeps its file, and without a test folder a seeded stratified 20%
/// of the training images is held out, as for a CSV file.
/// </summary>
internal static class FolderDataset
{
    public static Dataset Read(string trainDir, string? testDir, ImageFolderOptions options, int seed, IProgress<(int Done, int Total)>? decoding)
    {
        var loaded = ImageFolder.Load(trainDir, testDir, options, decoding);
        try
        {
            var all = Stored(loaded.Train);
            var (train, test) = loaded.Test is { } given
                ? (all, Stored(given))
                : DatasetCatalog.HoldOutTest(all, seed, $"{trainDir} has too few images ({all.Count}) to hold out a test split; give a test folder as folder:TRAIN_DIR,TEST_DIR");
            var kind = all.SampleShape[0] == 1 ? DatasetKind.GrayImage : DatasetKind.ColorImage;
            var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(trainDir)));
            return new Dataset(name, kind, train, test, loaded.ClassNames.Count, loaded.ClassNames) { SkippedFiles = loaded.SkippedImages };
        }
        catch
        {
            loaded.Dispose();
            throw;
        }
    }

    private static Split Stored(ImageFolderSplit split) =>
        new(split.Cache, Enumerable.Range(0, split.Labels.Length).ToArray(), split.Labels) { Paths = split.Paths };
}
