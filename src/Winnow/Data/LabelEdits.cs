using Winnow.Data.Noise;

namespace Winnow.Data;

/// <summary>
/// What a detection's label issue files do to a training set: samples excluded and labels
/// replaced by the suggested ones. Each file must speak of this training set: its rows among the
/// samples drawn, and, for a label_issues.csv, its given labels equal to the labels here (so an
/// issue list of another seed, subset or noise is refused, not silently misapplied).
/// </summary>
internal static class LabelEdits
{
    public sealed record Result(int[] Indices, NoiseResult Noise, int Excluded, int Relabeled);

    /// <param name="indices">Rows of the dataset's training split drawn, in order.</param>
    public static Result Apply(Dataset dataset, int[] indices, NoiseResult noise, string? exclude, string? relabel)
    {
        if (exclude is null && relabel is null) return new Result(indices, noise, 0, 0);
        var labels = (int[])noise.NoisyLabels.Clone();
        var position = new Dictionary<int, int>(indices.Length);
        for (var i = 0; i < indices.Length; i++) position[indices[i]] = i;

        var relabeled = 0;
        if (relabel is not null)
        {
            var file = LabelIssueFile.Read(relabel, needSuggestions: true);
            foreach (var (row, labelsThere) in file.Rows)
            {
                var at = Locate(file, row, position, labels);
                var (given, suggested) = labelsThere!.Value;
                Check(file, row, labels[at], given);
                if (suggested < 0 || suggested >= dataset.ClassCount)
                    throw new WinnowException($"{file.Path}: the suggested label {suggested} of source row {row} is not a class of {dataset.Name}");
                labels[at] = suggested;
                relabeled++;
            }
        }
        var excluded = new HashSet<int>();
        if (exclude is not null)
        {
            var file = LabelIssueFile.Read(exclude, needSuggestions: false);
            foreach (var (row, labelsThere) in file.Rows)
            {
                var at = Locate(file, row, position, labels);
                // Against the label the sample was drawn with, before any relabeling.
                if (labelsThere is { } pair) Check(file, row, noise.NoisyLabels[at], pair.Given);
                excluded.Add(at);
            }
            if (excluded.Count == indices.Length) throw new WinnowException($"{file.Path} excludes every one of the {indices.Length} training samples");
        }
        var kept = Enumerable.Range(0, indices.Length).Where(i => !excluded.Contains(i)).ToArray();
        var keptLabels = kept.Select(i => labels[i]).ToArray();
        var keptIndices = kept.Select(i => indices[i]).ToArray();
        var clean = kept.Select(i => noise.CleanLabels[i]).ToArray();
        return new Result(keptIndices, noise with { NoisyLabels = keptLabels, CleanLabels = clean, ActualRate = LabelNoise.RateOf(clean, keptLabels) }, excluded.Count, relabeled);
    }

    private static int Locate(LabelIssueFile file, int row, Dictionary<int, int> position, int[] labels) =>
        position.TryGetValue(row, out var at)
            ? at
            : throw new WinnowException($"{file.Path}: source row {row} is not in this training set of {labels.Length} samples (made with another train size or seed?)");

    private static void Check(LabelIssueFile file, int row, int here, int there)
    {
        if (here != there)
            throw new WinnowException($"{file.Path} was made for other labels: source row {row} is labelled {there} there but {here} here (another noise or seed?)");
    }
}
