namespace Winnow.Scoring.Methods;

/// <summary>
/// Moderate-DS (Xia et al. ICLR 2023): the distance of each sample's embedding to the
/// coordinate-wise median embedding of its class; keep the samples of moderate distance, the
/// band of quantiles [0.5 − f/2, 0.5 + f/2] of all distances ranked together (as the reference;
/// with balance, the band is taken inside every class). The reported score is −|d − median d|,
/// so that larger means "kept first" as for every other method.
/// </summary>
public sealed class ModerateMethod : ICoresetMethod
{
    public string Name => "moderate";

    public CoresetSelection Select(ScoringContext context, double fraction)
    {
        KeptFraction.Validate(fraction);
        var distances = context.Average(run => Distances(run.Final.Embeddings, run.Final.EmbeddingSize, context.Train.Labels));
        var middle = Median(distances);
        var scores = new SampleScores(Name, distances.Select(d => -Math.Abs(d - middle)).ToArray(), KeepDirection.High);
        var budget = KeptFraction.Count(distances.Length, fraction);
        var groups = context.Options.Balance
            ? context.Train.Labels.Select((l, i) => (l, i)).GroupBy(p => p.l).OrderBy(g => g.Key).Select(g => g.Select(p => p.i).ToArray()).ToArray()
            : [Enumerable.Range(0, distances.Length).ToArray()];
        var quotas = Apportionment.Split(groups.Select(g => g.Length).ToArray(), budget);
        var kept = groups.SelectMany((members, g) => MiddleBand(members, distances, quotas[g])).Order().ToArray();
        return new CoresetSelection(Name, kept, scores);
    }

    /// <summary>Euclidean distance of each embedding to its class's coordinate-wise median.</summary>
    public static float[] Distances(float[] embeddings, int dimension, IReadOnlyList<int> labels)
    {
        var distances = new float[labels.Count];
        foreach (var members in labels.Select((l, i) => (l, i)).GroupBy(p => p.l).Select(g => g.Select(p => p.i).ToArray()))
        {
            var median = new float[dimension];
            var column = new float[members.Length];
            for (var j = 0; j < dimension; j++)
            {
                for (var m = 0; m < members.Length; m++) column[m] = embeddings[members[m] * dimension + j];
                median[j] = Median(column);
            }
            foreach (var i in members)
            {
                double sum = 0;
                for (var j = 0; j < dimension; j++)
                {
                    var d = embeddings[i * dimension + j] - median[j];
                    sum += d * d;
                }
                distances[i] = (float)Math.Sqrt(sum);
            }
        }
        return distances;
    }

    /// <summary>The <paramref name="count"/> members in the middle of the distance ranking.</summary>
    internal static IEnumerable<int> MiddleBand(int[] members, float[] distances, int count)
    {
        var ranked = members.OrderBy(i => distances[i]).ThenBy(i => i).ToArray();
        var start = (ranked.Length - count) / 2;
        return ranked.Skip(start).Take(count);
    }

    private static float Median(float[] values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
