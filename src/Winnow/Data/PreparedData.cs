using Winnow.Data.Noise;

namespace Winnow.Data;

/// <summary>
/// A dataset ready for training: the tensor-backed train and test sets, which rows of the
/// original training file the train set holds, and what noise was applied.
/// </summary>
public sealed class PreparedData : IDisposable
{
    internal PreparedData(DatasetInfo source, SampleSet train, SampleSet test, int[] sourceIndices, NoiseResult noise, TrainingSetIdentity identity)
    {
        Identity = identity;
        Source = source;
        Train = train;
        Test = test;
        SourceIndices = sourceIndices;
        Noise = noise;
    }

    /// <summary>What the dataset is (name, kind, classes); its raw arrays are not kept once the tensors are built.</summary>
    public DatasetInfo Source { get; }

    public SampleSet Train { get; }

    /// <summary>The test split, always with clean labels.</summary>
    public SampleSet Test { get; }

    /// <summary>Train sample i is row SourceIndices[i] of the original training split.</summary>
    public int[] SourceIndices { get; }

    public NoiseResult Noise { get; }

    /// <summary>Train sample i's file, where the dataset has files (image folders); null otherwise.</summary>
    public string[]? TrainPaths { get; init; }

    /// <summary>Samples left out by an exclusion file, and samples trained on a suggested label instead of their own.</summary>
    public int Excluded { get; init; }
    public int Relabeled { get; init; }

    /// <summary>Which training set this is, for index files made from it (selections, reference sets).</summary>
    public TrainingSetIdentity Identity { get; }

    /// <summary>What the sets stream from (memory-mapped caches), released with the data.</summary>
    internal IReadOnlyList<IDisposable> Stores { get; init; } = [];

    public void Dispose()
    {
        Train.Dispose();
        Test.Dispose();
        foreach (var store in Stores) store.Dispose();
    }
}
