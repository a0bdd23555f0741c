namespace Winnow.Data.Noise;

/// <summary>
/// Asymmetric (class-pair) noise: in every class that has a partner, exactly round(r·n_c) of its
/// samples are relabelled as the partner, mimicking confusions between similar classes. Classes
/// without a partner stay clean, so the overall rate is below r. The pairs:
/// Fashion-MNIST T-shirt↔Shirt, Pullover↔Coat, Sandal→Sneaker, Sneaker↔Ankle boot;
/// MNIST 2→7, 3→8, 5↔6, 7→1 (Patrini et al. 2017); CIFAR-10 truck→automobile,
/// bird→airplane, deer→horse, cat↔dog; CIFAR-100 each class → the next in its super-class.
/// </summary>
public static class AsymmetricNoise
{
    /// <summary>Partner of each class, or −1 for a class that keeps its samples.</summary>
    public static int[] PairsFor(Dataset dataset)
    {
        static int[] Map(int classCount, params (int From, int To)[] pairs)
        {
            var map = Enumerable.Repeat(-1, classCount).ToArray();
            foreach (var (from, to) in pairs) map[from] = to;
            return map;
        }

        return dataset.Name switch
        {
            "fashion-mnist" when dataset.ClassCount == 10 => Map(10, (0, 6), (6, 0), (2, 4), (4, 2), (5, 7), (7, 9), (9, 7)),
            "mnist" when dataset.ClassCount == 10 => Map(10, (2, 7), (3, 8), (5, 6), (6, 5), (7, 1)),
            "cifar10" => Map(10, (9, 1), (2, 0), (4, 7), (3, 5), (5, 3)),
            "cifar100" when dataset.CoarseLabels is { } coarse => NextInSuperClass(coarse),
            _ => throw new WinnowException(
                $"asymmetric noise needs class pairs, and none are defined for dataset '{dataset.Name}' (only fashion-mnist, mnist, cifar10, cifar100); use symmetric:R or instance:R"),
        };
    }

    /// <summary>Each fine class flips to the next fine class (cyclically) of its super-class.</summary>
    public static int[] NextInSuperClass(int[] superClassOf)
    {
        var map = Enumerable.Repeat(-1, superClassOf.Length).ToArray();
        foreach (var group in Enumerable.Range(0, superClassOf.Length).Where(c => superClassOf[c] >= 0).GroupBy(c => superClassOf[c]))
        {
            var members = group.OrderBy(c => c).ToArray();
            if (members.Length < 2) continue;
            for (var m = 0; m < members.Length; m++) map[members[m]] = members[(m + 1) % members.Length];
        }
        return map;
    }

    public static int[] Apply(int[] clean, int[] partner, double rate, int seed)
    {
        var noisy = (int[])clean.Clone();
        var random = new Random(seed);
        for (var c = 0; c < partner.Length; c++)
        {
            if (partner[c] < 0) continue;
            var members = Enumerable.Range(0, clean.Length).Where(i => clean[i] == c).ToArray();
            random.Shuffle(members);
            var flips = (int)Math.Round(rate * members.Length, MidpointRounding.AwayFromZero);
            foreach (var i in members.Take(flips)) noisy[i] = partner[c];
        }
        return noisy;
    }
}
