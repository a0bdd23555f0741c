namespace Winnow.Data.Noise;

/// <summary>
/// Applies a <see cref="NoiseSpec"/> to the training samples a run uses. Synthetic noise is
/// drawn for exactly those samples (so the rate holds on them); a label file covers the whole
/// training split and is looked up by source row.
/// </summary>
public static class LabelNoise
{
    /// <param name="trainIndices">Rows of <c>dataset.Train</c> the run trains on, in order.</param>
    public static NoiseResult Apply(NoiseSpec spec, Dataset dataset, int[] trainIndices, int seed)
    {
        var clean = trainIndices.Select(i => dataset.Train.Labels[i]).ToArray();
        var noisy = spec.Kind switch
        {
            NoiseKind.None => (int[])clean.Clone(),
            NoiseKind.Symmetric => SymmetricNoise.Apply(clean, dataset.ClassCount, spec.Rate, seed),
            NoiseKind.Asymmetric => AsymmetricNoise.Apply(clean, AsymmetricNoise.PairsFor(dataset), spec.Rate, seed),
            NoiseKind.Instance => InstanceNoise.Apply(dataset.Train.Select(trainIndices), dataset.Kind, dataset.ClassCount, spec.Rate, seed),
            NoiseKind.File => NoisyLabelFile.Read(spec.Path!, dataset.Train.Count, dataset.ClassCount) is var all
                ? trainIndices.Select(i => all[i]).ToArray()
                : throw new InvalidOperationException(),
            _ => throw new ArgumentOutOfRangeException(nameof(spec)),
        };
        return new NoiseResult(noisy, RateOf(clean, noisy), spec.ToString());
    }

    /// <summary>Fraction of labels that differ.</summary>
    public static double RateOf(IReadOnlyList<int> clean, IReadOnlyList<int> noisy) =>
        clean.Count == 0 ? 0 : clean.Where((label, i) => label != noisy[i]).Count() / (double)clean.Count;
}
