namespace Winnow.Scoring;

/// <summary>Disjoint parts of a training set, for methods that score each part on its own (MoSo).</summary>
public static class Partitions
{
    /// <summary>
    /// <paramref name="parts"/> contiguous blocks of ⌊N/P⌋ indices in order, the last one taking the
    /// remainder (as MoSo's reference code). Contiguous is not biased in Winnow: its training sets
    /// are drawn shuffled (and stratified) before they get indices.
    /// </summary>
    public static int[][] Contiguous(int count, int parts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, parts);
        var size = count / parts;
        return Enumerable.Range(0, parts)
            .Select(p => Enumerable.Range(p * size, p == parts - 1 ? count - p * size : size).ToArray())
            .ToArray();
    }
}
