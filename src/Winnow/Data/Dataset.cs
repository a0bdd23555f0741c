namespace Winnow.Data;

/// <summary>
/// A labelled dataset with a train and a test split, as read from disk (labels clean as far as
/// the files know). <see cref="Kind"/> picks the default model and augmentation;
/// <see cref="CoarseLabels"/> maps each fine class to its super-class (CIFAR-100; −1 for a class
/// absent from the training file), so that asymmetric
/// noise can flip within a super-class.
/// </summary>
public sealed record Dataset(
    string Name,
    DatasetKind Kind,
    Split Train,
    Split Test,
    int ClassCount,
    IReadOnlyList<string> ClassNames,
    int[]? CoarseLabels = null) : IDisposable
{
    /// <summary>Files left out because they could not be read (image folders with skipping on).</summary>
    public IReadOnlyList<string> SkippedFiles { get; init; } = [];

    /// <summary>Releases what the splits stream from (memory-mapped caches); in-memory splits hold nothing to release.</summary>
    public void Dispose()
    {
        foreach (var store in new[] { Train.Store, Test.Store }.OfType<IDisposable>().Distinct()) store.Dispose();
    }
}

/// <summary>
/// A dataset without its arrays: what prepared data keeps of the files it was read from, so that
/// the raw pixels (188 MB for Fashion-MNIST's training split as floats) are not held while training.
/// </summary>
public sealed record DatasetInfo(string Name, DatasetKind Kind, int ClassCount, IReadOnlyList<string> ClassNames)
{
    /// <summary>Files the reader skipped as unreadable.</summary>
    public IReadOnlyList<string> SkippedFiles { get; init; } = [];

    public static DatasetInfo Of(Dataset dataset) => new(dataset.Name, dataset.Kind, dataset.ClassCount, dataset.ClassNames) { SkippedFiles = dataset.SkippedFiles };
}

/// <summary>What the samples are: decides the default model, normalisation and augmentation.</summary>
public enum DatasetKind
{
    /// <summary>Single-channel images (MNIST, Fashion-MNIST).</summary>
    GrayImage,
    /// <summary>Three-channel images (CIFAR-10/100).</summary>
    ColorImage,
    /// <summary>Numeric feature vectors (CSV).</summary>
    Table,
}
