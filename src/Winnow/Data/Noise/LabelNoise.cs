namespace Winnow.Data.Noise;

/// <summary>
/// Applies a <see cref="NoiseSpec"/> to the training samples a run uses. Synthetic noise is
/// drawn for exactly those samples (so the rate holds on them); a label file covers the whole
/// training split and is looked up by source row. The clean labels are the dataset's, except
/// where a label file carries its own truth (CIFAR-N's clean_label).
/// </summary>
public static class LabelNoise
{
    /// <param name="trainIndices">Rows of <c>dataset.Train</c> the run trains on, in order.</param>
    public static NoiseResult Apply(NoiseSpec spec, Dataset dataset, int[] trainIndices, int seed)
    {
        var clean = trainIndices.Select(i => dataset.Train.Labels[i]).ToArray();
        if (spec.Kind == NoiseKind.File)
        {
            var file = ReadFile(spec, dataset.Train.Count, dataset.ClassCount);
            var labels = trainIndices.Select(i => file.Noisy[i]).ToArray();
            var truth = file.Clean is { } fileClean ? trainIndices.Select(i => fileClean[i]).ToArray() : clean;
            return new NoiseResult(labels, RateOf(truth, labels), file.Description, truth);
        }
        var noisy = spec.Kind switch
        {
            NoiseKind.None => (int[])clean.Clone(),
            NoiseKind.Symmetric => SymmetricNoise.Apply(clean, dataset.ClassCount, spec.Rate, seed),
            NoiseKind.Asymmetric => AsymmetricNoise.Apply(clean, AsymmetricNoise.PairsFor(dataset), spec.Rate, seed),
            NoiseKind.Instance => InstanceNoise.Apply(dataset.Train.Select(trainIndices), dataset.Kind, dataset.ClassCount, spec.Rate, seed),
            _ => throw new ArgumentOutOfRangeException(nameof(spec)),
        };
        return new NoiseResult(noisy, RateOf(clean, noisy), spec.ToString(), clean);
    }

    /// <summary>What a label file holds for the full training split: a text file one label per sample, a .pt file (CIFAR-N's) its chosen key and its clean_label.</summary>
    public sealed record FileLabels(int[] Noisy, int[]? Clean, string Description);

    /// <summary>Reads the label file of a <c>file:</c> spec, by its extension: .pt and .pth are torch.save files, anything else text.</summary>
    public static FileLabels ReadFile(NoiseSpec spec, int trainCount, int classCount)
    {
        if (spec is not { Kind: NoiseKind.File, Path: { } path }) throw new ArgumentException("not a label file spec", nameof(spec));
        if (!TorchLabelFile.IsTorchFile(path))
        {
            if (spec.Key is not null) throw new WinnowException($"a key (:{spec.Key}) applies to .pt files only, not {path}");
            return new FileLabels(NoisyLabelFile.Read(path, trainCount, classCount), null, spec.ToString());
        }
        var read = TorchLabelFile.Read(path, spec.Key, trainCount, classCount);
        var truth = read.Clean is null ? "" : $" against its {TorchLabelFile.CleanKey}";
        return new FileLabels(read.Noisy, read.Clean, $"file:{path}:{read.Key}{truth}");
    }

    /// <summary>Fraction of labels that differ.</summary>
    public static double RateOf(IReadOnlyList<int> clean, IReadOnlyList<int> noisy) =>
        clean.Count == 0 ? 0 : clean.Where((label, i) => label != noisy[i]).Count() / (double)clean.Count;
}
