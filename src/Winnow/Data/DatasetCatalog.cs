using Winnow.Data.Images;
using Winnow.Data.Readers;

namespace Winnow.Data;

/// <summary>
/// Turns a dataset spec into a <see cref="Dataset"/>: <c>fashion-mnist</c>, <c>mnist</c>,
/// <c>idx:DIR</c>, <c>cifar10:DIR</c>, <c>cifar100:DIR</c>, <c>csv:TRAIN[,TEST]</c>,
/// <c>npy:X,Y[,X_TEST,Y_TEST]</c>, <c>npz:FILE</c>.
/// The named IDX datasets are looked for in the data directory given, else in WINNOW_DATA,
/// else where Debian's packages put them (/usr/share/datasets/NAME).
/// </summary>
public static class DatasetCatalog
{
    public const string DataDirVariable = "WINNOW_DATA";

    /// <summary>Fraction of a single CSV file, or of arrays without test arrays, held out as the test split.</summary>
    public const double HeldOutTestFraction = 0.2;

    /// <summary>The held-out fraction under its first name, from when only CSV files had one.</summary>
    public const double CsvTestFraction = HeldOutTestFraction;

    /// <summary>
    /// Seeds every held-out split. CSV's label from before arrays existed, kept so that CSV runs
    /// split as they always did, and shared so that one table saved as CSV or as arrays (with the
    /// same classes) holds out the same rows.
    /// </summary>
    private const string HeldOutSeedPurpose = "csv-test-split";

    public static readonly string[] FashionMnistClasses =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>Every spec form with a one-line description, for help texts.</summary>
    public static IReadOnlyList<(string Spec, string Description)> Forms { get; } =
    [
        ("fashion-mnist", "Fashion-MNIST IDX files (Debian: apt-get install dataset-fashion-mnist)"),
        ("mnist", "MNIST IDX files in the data directory"),
        ("idx:DIR", "any MNIST-layout IDX files (train-/t10k-images/labels, raw or .gz) in DIR"),
        ("cifar10:DIR", "CIFAR-10 binary version (data_batch_1..5.bin, test_batch.bin)"),
        ("cifar100:DIR", "CIFAR-100 binary version (train.bin, test.bin)"),
        ("csv:TRAIN[,TEST]", "numeric CSV, label in the last column; without TEST a stratified 20% is held out"),
        ("npy:X,Y[,X_TEST,Y_TEST]", "NumPy .npy features [N, D], [N, H, W], [N, C, H, W] or [N, H, W, C] and labels [N]; without test arrays a stratified 20% is held out"),
        ("npz:FILE", "NumPy .npz holding x and y, or x_train and y_train (and x_test, y_test); without test arrays a stratified 20% is held out"),
        ("folder:TRAIN_DIR[,TEST_DIR]", "one subfolder of JPEG/PNG/WebP/BMP images per class, decoded once into a cache and streamed from it; without TEST_DIR a stratified 20% is held out"),
    ];

    /// <summary>The dataset a data spec names, with the image options of folder: datasets.</summary>
    /// <param name="decoding">(done, total) images decoded while a folder's cache is built.</param>
    public static Dataset Load(DataSpec data, int seed, IProgress<(int Done, int Total)>? decoding = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var spec = data.Dataset.Trim();
        if (!spec.StartsWith("folder:", StringComparison.OrdinalIgnoreCase))
            return Load(spec, data.DataDir, data.LabelColumn, seed, data.Layout);
        var folders = spec["folder:".Length..].Split(',', StringSplitOptions.TrimEntries);
        if (folders.Length > 2 || folders.Any(f => f.Length == 0))
            throw new WinnowException($"{spec}: give folder:TRAIN_DIR or folder:TRAIN_DIR,TEST_DIR");
        return FolderDataset.Read(folders[0], folders.ElementAtOrDefault(1),
            new ImageFolderOptions(data.ImageSize, data.Channels, data.CacheDir, data.SkipBadImages), seed, decoding);
    }

    /// <param name="spec">One of the <see cref="Forms"/>.</param>
    /// <param name="dataDir">Overrides WINNOW_DATA and the default location of named datasets.</param>
    /// <param name="labelColumn">CSV only: label column index (from 0) or header name.</param>
    /// <param name="seed">Seeds the held-out test split of a single CSV file or of arrays without test arrays.</param>
    /// <param name="layout">npy/npz only: nchw or nhwc for 4-D image arrays; null tells it from the shape.</param>
    public static Dataset Load(string spec, string? dataDir, string? labelColumn, int seed, string? layout = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var colon = spec.IndexOf(':');
        var kind = (colon < 0 ? spec : spec[..colon]).Trim().ToLowerInvariant();
        var argument = colon < 0 ? null : spec[(colon + 1)..].Trim();
        if (labelColumn is not null && kind != "csv")
            throw new WinnowException("the label column applies to csv: datasets only");
        if (layout is not null && kind is not ("npy" or "npz"))
            throw new WinnowException("the layout applies to npy: and npz: datasets only");

        return (kind, argument) switch
        {
            ("fashion-mnist", null) => ReadIdx("fashion-mnist", NamedDirectory("fashion-mnist", dataDir), FashionMnistClasses),
            ("mnist", null) => ReadIdx("mnist", NamedDirectory("mnist", dataDir), Enumerable.Range(0, 10).Select(c => c.ToString()).ToArray()),
            ("idx", { Length: > 0 }) => ReadIdx(Path.GetFileName(Path.TrimEndingDirectorySeparator(argument)), argument, null),
            ("cifar10", { Length: > 0 }) => CifarReader.ReadCifar10(ExistingDirectory(argument)),
            ("cifar100", { Length: > 0 }) => CifarReader.ReadCifar100(ExistingDirectory(argument)),
            ("csv", { Length: > 0 }) => ReadCsv(argument, labelColumn, seed),
            ("npy", { Length: > 0 }) => WithTestSplit(ArrayDataset.ReadNpy(argument, layout), seed, "give test arrays as npy:X,Y,X_TEST,Y_TEST"),
            ("npz", { Length: > 0 }) => WithTestSplit(ArrayDataset.ReadNpz(argument, layout), seed, "store x_test and y_test in the .npz"),
            _ => throw new WinnowException(
                $"unknown dataset '{spec}'; use one of: {string.Join(", ", Forms.Select(f => f.Spec))}"),
        };
    }

    private static string NamedDirectory(string name, string? dataDir)
    {
        if (!string.IsNullOrWhiteSpace(dataDir)) return dataDir;
        var fromEnvironment = Environment.GetEnvironmentVariable(DataDirVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return Path.Combine(fromEnvironment, name);
        return Path.Combine("/usr/share/datasets", name);
    }

    private static string ExistingDirectory(string path) =>
        Directory.Exists(path) ? path : throw new WinnowException($"data directory not found: {path}");

    /// <param name="classNames">The classes of a named dataset; null for idx:DIR, whose classes are 0..the largest label.</param>
    private static Dataset ReadIdx(string name, string directory, string[]? classNames)
    {
        if (!Directory.Exists(directory))
        {
            var hint = name == "fashion-mnist" ? " (install it with: sudo apt-get install dataset-fashion-mnist)" : "";
            throw new WinnowException($"data directory not found: {directory}{hint}");
        }
        var trainLabels = DataFile.Find(directory, "train-labels-idx1-ubyte", "train-labels.idx1-ubyte");
        var testLabels = DataFile.Find(directory, "t10k-labels-idx1-ubyte", "t10k-labels.idx1-ubyte");
        var train = IdxReader.ReadSplit(DataFile.Find(directory, "train-images-idx3-ubyte", "train-images.idx3-ubyte"), trainLabels);
        var test = IdxReader.ReadSplit(DataFile.Find(directory, "t10k-images-idx3-ubyte", "t10k-images.idx3-ubyte"), testLabels);
        if (!train.SampleShape.SequenceEqual(test.SampleShape))
            throw new WinnowException($"{directory}: train images are {train.SampleShape[1]}×{train.SampleShape[2]} but test images are {test.SampleShape[1]}×{test.SampleShape[2]}");
        var classCount = classNames?.Length ?? IdxReader.InferClassCount(train.Labels, trainLabels);
        IdxReader.CheckLabels(train.Labels, classCount, trainLabels);
        IdxReader.CheckLabels(test.Labels, classCount, testLabels);
        var names = classNames ?? Enumerable.Range(0, classCount).Select(c => c.ToString()).ToArray();
        return new Dataset(name, DatasetKind.GrayImage, train, test, classCount, names);
    }

    private static Dataset ReadCsv(string argument, string? labelColumn, int seed)
    {
        var files = argument.Split(',', StringSplitOptions.TrimEntries);
        if (files.Length > 2 || files.Any(f => f.Length == 0))
            throw new WinnowException($"csv:{argument}: give csv:TRAIN or csv:TRAIN,TEST");
        var train = CsvReader.Read(files[0], labelColumn);
        var names = CsvReader.ClassNames(train.Labels);
        if (names.Length < 2) throw new WinnowException($"{files[0]} holds a single class; classification needs at least 2");
        var classOf = names.Select((n, c) => (n, c)).ToDictionary(p => p.n, p => p.c, StringComparer.Ordinal);
        var trainSplit = new Split(train.Features, train.Labels.Select(l => classOf[l]).ToArray(), [train.FeatureCount]);

        Split testSplit;
        if (files.Length == 2)
        {
            var test = CsvReader.Read(files[1], labelColumn);
            if (test.FeatureCount != train.FeatureCount)
                throw new WinnowException($"{files[1]} has {test.FeatureCount} feature columns but {files[0]} has {train.FeatureCount}");
            var unknown = test.Labels.FirstOrDefault(l => !classOf.ContainsKey(l));
            if (unknown is not null) throw new WinnowException($"{files[1]} has label '{unknown}', which never occurs in {files[0]}");
            testSplit = new Split(test.Features, test.Labels.Select(l => classOf[l]).ToArray(), [test.FeatureCount]);
        }
        else
        {
            (trainSplit, testSplit) = HoldOutTest(trainSplit, seed,
                $"{files[0]} has too few rows ({trainSplit.Count}) to hold out a test split; give a test file as csv:TRAIN,TEST");
        }
        var name = Path.GetFileNameWithoutExtension(files[0]);
        return new Dataset(name, DatasetKind.Table, trainSplit, testSplit, names.Length, names);
    }

    /// <param name="remedy">What to give instead when there are too few samples to hold any out.</param>
    private static Dataset WithTestSplit(ArrayDataset.Arrays arrays, int seed, string remedy)
    {
        var (train, test) = arrays.Test is { } given ? (arrays.Train, given)
            : HoldOutTest(arrays.Train, seed, $"{arrays.Source} has too few samples ({arrays.Train.Count}) to hold out a test split; {remedy}");
        return new Dataset(arrays.Name, arrays.Kind, train, test, arrays.ClassNames.Length, arrays.ClassNames);
    }

    /// <summary>
    /// Splits a seeded, class-stratified <see cref="HeldOutTestFraction"/> off <paramref name="all"/>
    /// as the test split, for data that comes without one; the rest, in file order, is the training split.
    /// </summary>
    /// <param name="tooFew">The error when not even one sample could be held out, or none would be left to train on.</param>
    internal static (Split Train, Split Test) HoldOutTest(Split all, int seed, string tooFew)
    {
        var testCount = (int)Math.Round(all.Count * HeldOutTestFraction, MidpointRounding.AwayFromZero);
        if (testCount < 1 || testCount >= all.Count) throw new WinnowException(tooFew);
        var testIndices = StratifiedSubset.Choose(all.Labels, testCount, Seeds.Derive(seed, HeldOutSeedPurpose));
        return (all.Select(StratifiedSubset.Complement(all.Count, testIndices)), all.Select(testIndices));
    }
}
