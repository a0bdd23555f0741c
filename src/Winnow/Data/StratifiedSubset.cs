namespace Winnow.Data;

/// <summary>
/// A seeded subset that keeps the class proportions of the whole (largest-remainder shares),
/// for <c>--train-size</c> and for the test split held out of a single CSV file.
/// </summary>
public static class StratifiedSubset
{
    /// <summary>Sorted indices of <paramref name="count"/> samples, each class represented in proportion.</summary>
    /// <exception cref="WinnowException">count below 1 or above the number of samples.</exception>
    public static int[] Choose(IReadOnlyList<int> labels, int count, int seed)
    {
        if (count < 1) throw new WinnowException($"a subset must hold at least 1 sample, got {count}");
        if (count > labels.Count)
            throw new WinnowException($"a subset of {count} samples was asked for, but the data has only {labels.Count}");

        var byClass = labels.Select((label, index) => (label, index))
            .GroupBy(s => s.label).OrderBy(g => g.Key)
            .Select(g => g.Select(s => s.index).ToArray()).ToArray();
        var shares = Apportionment.Split(byClass.Select(c => c.Length).ToArray(), count);
        var random = new Random(seed);
        var chosen = new List<int>(count);
        for (var c = 0; c < byClass.Length; c++)
        {
            var members = byClass[c];
            random.Shuffle(members);
            chosen.AddRange(members.Take(shares[c]));
        }
        chosen.Sort();
        return chosen.ToArray();
    }

    /// <summary>The indices in 0..total-1 that are not in <paramref name="chosen"/>, sorted.</summary>
    public static int[] Complement(int total, IReadOnlyCollection<int> chosen)
    {
        var taken = new bool[total];
        foreach (var i in chosen) taken[i] = true;
        return Enumerable.Range(0, total).Where(i => !taken[i]).ToArray();
    }
}
