using Winnow.Data.Noise;
using static TorchSharp.torch;

namespace Winnow.Data;

/// <summary>
/// Load → stratified subset → label noise → normalise → tensors. Synthetic noise is applied
/// after the subset is taken, so the requested rate holds exactly on the samples trained on;
/// a noisy-label file is aligned with the full training split and looked up by source row. The
/// train set's clean labels are the noise's: the dataset's, or a label file's own truth.
/// </summary>
public static class DataPipeline
{
    /// <param name="seed">Picks the stratified subset, draws the noise and the CSV hold-out.</param>
    /// <param name="decoding">(done, total) images decoded while an image folder's cache is built.</param>
    public static PreparedData Prepare(DataSpec data, int seed, IProgress<(int Done, int Total)>? decoding = null)
    {
        data.Validate();
        var dataset = DatasetCatalog.Load(data, seed, decoding);
        PreparedData prepared;
        try
        {
            prepared = Prepare(dataset, data.NoiseSpec, data.TrainSize, seed, data.Exclude, data.Relabel);
        }
        catch
        {
            dataset.Dispose();
            throw;
        }
        // The files as read (every pixel as a float: 188 MB for Fashion-MNIST's training split) are
        // garbage once the tensors hold the samples. Without a collection here the runtime keeps
        // those pages resident for the whole run; an aggressive one hands them back to the system.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return prepared;
    }

    /// <param name="exclude">A label issue file (<see cref="LabelIssueFile"/>) whose samples are left out, after the subset and noise are drawn.</param>
    /// <param name="relabel">A label_issues.csv whose flagged samples train on their suggested label.</param>
    public static PreparedData Prepare(Dataset dataset, NoiseSpec noise, int? trainSize, int seed, string? exclude = null, string? relabel = null)
    {
        var indices = trainSize is { } size
            ? StratifiedSubset.Choose(dataset.Train.Labels, size, Seeds.Derive(seed, "train-subset"))
            : Enumerable.Range(0, dataset.Train.Count).ToArray();
        var noiseResult = LabelNoise.Apply(noise, dataset, indices, Seeds.Derive(seed, "label-noise"));
        // Edits from a detection come after the subset and the noise, which are drawn as in the run that found the issues.
        var edited = LabelEdits.Apply(dataset, indices, noiseResult, exclude, relabel);
        (indices, noiseResult) = (edited.Indices, edited.Noise);

        var trainSplit = trainSize is null && edited.Excluded == 0 ? dataset.Train : dataset.Train.Select(indices);
        var normalisation = Normalisation.Measure(trainSplit, dataset.Kind);
        var train = ToSampleSet(trainSplit, normalisation, noiseResult.NoisyLabels, noiseResult.CleanLabels, dataset.ClassCount);
        var test = ToSampleSet(dataset.Test, normalisation, dataset.Test.Labels, dataset.Test.Labels, dataset.ClassCount);
        return new PreparedData(DatasetInfo.Of(dataset), train, test, indices, noiseResult, TrainingSetIdentity.Of(dataset.Name, trainSplit))
        {
            TrainPaths = dataset.Train.Paths is { } paths ? indices.Select(r => paths[r]).ToArray() : null,
            Excluded = edited.Excluded,
            Relabeled = edited.Relabeled,
            // The stores (memory-mapped caches) are read until the data is disposed.
            Stores = new[] { dataset.Train.Store, dataset.Test.Store }.OfType<IDisposable>().Distinct().ToArray(),
        };
    }

    private static SampleSet ToSampleSet(Split split, Normalisation normalisation, int[] labels, int[] cleanLabels, int classCount)
    {
        var black = split.SampleShape.Length == 3 ? normalisation.ValueOfZero() : null;
        if (split.Store is not null) return new SampleSet(new StoredSamples(split, normalisation), labels, cleanLabels, classCount) { BlackPixel = black };
        var shape = new long[split.SampleShape.Length + 1];
        shape[0] = split.Count;
        for (var i = 0; i < split.SampleShape.Length; i++) shape[i + 1] = split.SampleShape[i];
        var inputs = tensor(normalisation.Apply(split), shape, ScalarType.Float32);
        return new SampleSet(inputs, labels, cleanLabels, classCount) { BlackPixel = black };
    }
}
