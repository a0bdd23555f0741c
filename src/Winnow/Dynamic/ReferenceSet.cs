using Winnow.Data;
using Winnow.Runs;

namespace Winnow.Dynamic;

/// <summary>
/// AlignPrune's trusted reference set: indices of training samples whose labels the user trusts,
/// from a file, or drawn (seeded, class-stratified) from the samples whose label is known to be
/// clean — possible only when the noise was injected, so the clean labels are known. Never the
/// test set.
/// </summary>
public static class ReferenceSet
{
    /// <summary>
    /// The set <paramref name="options"/> asks for: its file, or its size drawn from the samples
    /// known to be clean; when it names neither, <see cref="AlignmentOptions.DefaultReferenceSize"/>
    /// of them (the paper: 1% is enough).
    /// </summary>
    public static int[] Resolve(AlignmentOptions options, PreparedData data, bool noiseInjected, int seed) =>
        options.Reference is { } file
            ? FromFile(file, data.Identity)
            : FromCleanSamples(data.Train, options.ReferenceSize ?? AlignmentOptions.DefaultReferenceSize, noiseInjected, Seeds.Derive(seed, "reference-set"));

    public static int[] FromFile(string path, TrainingSetIdentity identity) => SelectionFile.ReadIndices(path, identity, "reference");

    /// <param name="fraction">Size as a fraction of the training set (the paper: 1% is enough).</param>
    /// <param name="noiseInjected">Whether the run's labels were corrupted by Winnow, so that the clean labels are known.</param>
    public static int[] FromCleanSamples(SampleSet train, double fraction, bool noiseInjected, int seed)
    {
        if (!(fraction > 0 && fraction < 1)) throw new WinnowException($"the reference size {fraction} is outside (0, 1)");
        if (!noiseInjected || train.CleanLabels is null)
            throw new WinnowException("a reference size draws from samples known to be clean, which needs injected noise (symmetric, asymmetric, instance or a label file); otherwise give a reference file of trusted indices");
        var clean = Enumerable.Range(0, train.Count).Where(i => train.Labels[i] == train.CleanLabels[i]).ToArray();
        var count = Math.Max(1, (int)Math.Round(fraction * train.Count, MidpointRounding.AwayFromZero));
        if (count > clean.Length) throw new WinnowException($"a reference size of {fraction} asks for {count} clean samples, but only {clean.Length} are clean");
        var chosen = StratifiedSubset.Choose(clean.Select(i => train.Labels[i]).ToArray(), count, seed);
        return chosen.Select(k => clean[k]).ToArray();
    }
}
