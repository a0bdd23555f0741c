using Winnow.Data;
using Winnow.Data.Noise;
using Winnow.Tests.Support;

namespace Winnow.Tests.Data.Noise;

public class NoiseSpecTests
{
    [Theory]
    [InlineData("none", NoiseKind.None, 0)]
    [InlineData("symmetric:0.4", NoiseKind.Symmetric, 0.4)]
    [InlineData("Asymmetric:0.2", NoiseKind.Asymmetric, 0.2)]
    [InlineData("instance:0", NoiseKind.Instance, 0)]
    public void Parses(string text, NoiseKind kind, double rate)
    {
        var spec = NoiseSpec.Parse(text);
        Assert.Equal(kind, spec.Kind);
        Assert.Equal(rate, spec.Rate);
    }

    [Theory]
    [InlineData("symmetric:1", "outside [0, 1)")]
    [InlineData("symmetric:-0.1", "outside [0, 1)")]
    [InlineData("symmetric:abc", "not a number")]
    [InlineData("symmetric", "unknown noise spec")]
    [InlineData("pairflip:0.2", "unknown noise spec")]
    [InlineData("file:", "unknown noise spec")]
    public void RejectsBadSpecs(string text, string expected)
    {
        var error = Assert.Throws<WinnowException>(() => NoiseSpec.Parse(text));
        Assert.Contains(expected, error.Message);
    }
}

public class SymmetricNoiseTests
{
    [Fact]
    public void FlipsExactlyTheRequestedFractionToOtherClasses()
    {
        var clean = Enumerable.Range(0, 1000).Select(i => i % 10).ToArray();
        var noisy = SymmetricNoise.Apply(clean, 10, 0.4, seed: 7);
        Assert.Equal(0.4, LabelNoise.RateOf(clean, noisy));
        Assert.All(noisy, l => Assert.InRange(l, 0, 9));
        // Targets are spread over the other classes: every class receives flips.
        var targets = noisy.Where((l, i) => l != clean[i]).Distinct().Count();
        Assert.Equal(10, targets);
    }

    [Fact]
    public void SameSeedSameLabels()
    {
        var clean = Enumerable.Range(0, 300).Select(i => i % 3).ToArray();
        Assert.Equal(SymmetricNoise.Apply(clean, 3, 0.3, 5), SymmetricNoise.Apply(clean, 3, 0.3, 5));
        Assert.NotEqual(SymmetricNoise.Apply(clean, 3, 0.3, 5), SymmetricNoise.Apply(clean, 3, 0.3, 6));
    }
}

public class AsymmetricNoiseTests
{
    private static Dataset Named(string name, int classCount = 10, int[]? coarse = null)
    {
        var split = new Split(new float[classCount * 20], Enumerable.Range(0, classCount * 20).Select(i => i % classCount).ToArray(), [1]);
        return new Dataset(name, DatasetKind.Table, split, split, classCount, Enumerable.Range(0, classCount).Select(c => $"{c}").ToArray(), coarse);
    }

    [Fact]
    public void FashionMnistFlipsOnlyAlongItsPairs()
    {
        var dataset = Named("fashion-mnist");
        var clean = Enumerable.Range(0, 2000).Select(i => i % 10).ToArray();
        var noisy = AsymmetricNoise.Apply(clean, AsymmetricNoise.PairsFor(dataset), 0.3, seed: 2);
        var allowed = new HashSet<(int, int)> { (0, 6), (6, 0), (2, 4), (4, 2), (5, 7), (7, 9), (9, 7) };
        for (var i = 0; i < clean.Length; i++)
            if (noisy[i] != clean[i]) Assert.Contains((clean[i], noisy[i]), allowed);
        // 7 of 10 classes flip 30% of their 200 samples each: 420 of 2000.
        Assert.Equal(420, noisy.Where((l, i) => l != clean[i]).Count());
        Assert.Equal(60, noisy.Where((l, i) => clean[i] == 0 && l == 6).Count());
    }

    [Fact]
    public void Cifar10Pairs()
    {
        var partner = AsymmetricNoise.PairsFor(Named("cifar10"));
        Assert.Equal([-1, -1, 0, 5, 7, 3, -1, -1, -1, 1], partner);
    }

    [Fact]
    public void Cifar100FlipsToTheNextClassOfTheSuperClass()
    {
        var coarse = Enumerable.Range(0, 100).Select(c => c % 20).ToArray();
        var partner = AsymmetricNoise.PairsFor(Named("cifar100", 100, coarse));
        Assert.Equal(20, partner[0]);
        Assert.Equal(0, partner[80]);
        Assert.All(Enumerable.Range(0, 100), c => Assert.Equal(coarse[c], coarse[partner[c]]));
    }

    [Fact]
    public void DatasetWithoutPairsSaysSo()
    {
        var error = Assert.Throws<WinnowException>(() => AsymmetricNoise.PairsFor(Named("iris", 3)));
        Assert.Contains("no", error.Message);
        Assert.Contains("iris", error.Message);
        Assert.Contains("symmetric", error.Message);
    }
}

public class InstanceNoiseTests
{
    private static Split Gaussian(int n, int d, int classes, int seed)
    {
        var random = new Random(seed);
        var features = Enumerable.Range(0, n * d).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        return new Split(features, Enumerable.Range(0, n).Select(i => i % classes).ToArray(), [d]);
    }

    [Fact]
    public void RateIsNearTheRequestedOne()
    {
        var split = Gaussian(3000, 20, 5, seed: 1);
        var noisy = InstanceNoise.Apply(split, DatasetKind.Table, 5, 0.4, seed: 3);
        Assert.InRange(LabelNoise.RateOf(split.Labels, noisy), 0.37, 0.43);
        Assert.Equal(noisy, InstanceNoise.Apply(split, DatasetKind.Table, 5, 0.4, seed: 3));
    }

    [Fact]
    public void FlipsDependOnTheInput()
    {
        var a = Gaussian(1000, 20, 5, seed: 1);
        var b = Gaussian(1000, 20, 5, seed: 2);
        var noisyA = InstanceNoise.Apply(a, DatasetKind.Table, 5, 0.4, seed: 3);
        var noisyB = InstanceNoise.Apply(b, DatasetKind.Table, 5, 0.4, seed: 3);
        // Same labels and seed: the flip rates q_i and the uniforms are the same, only x differs.
        Assert.NotEqual(noisyA, noisyB);
        // The direction follows x: with 5 classes a uniform target would spread evenly; here, for
        // class 0, the most frequent target takes far more than a quarter of the flips.
        var targets = noisyA.Where((l, i) => a.Labels[i] == 0 && l != 0).GroupBy(l => l).Select(g => g.Count()).ToArray();
        Assert.True(targets.Max() > 0.3 * targets.Sum());
    }

    [Fact]
    public void FlipDistributionByHand()
    {
        // scores for classes (0,1,2) with y = 0: softmax over {1, 2} of (ln 1, ln 3) = (0.25, 0.75).
        var p = InstanceNoise.FlipDistribution([5.0, 0.0, Math.Log(3)], label: 0, flipRate: 0.4);
        Assert.Equal(0.6, p[0], 12);
        Assert.Equal(0.1, p[1], 12);
        Assert.Equal(0.3, p[2], 12);
    }
}

public class NoisyLabelFileTests
{
    [Fact]
    public void OneLabelPerLineOrIndexLabelRows()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("a.txt"), "2\n0\n1\n");
        File.WriteAllText(folder.File("b.csv"), "index,label\n2,1\n0,2\n1,0\n");
        Assert.Equal([2, 0, 1], NoisyLabelFile.Read(folder.File("a.txt"), 3, 3));
        Assert.Equal([2, 0, 1], NoisyLabelFile.Read(folder.File("b.csv"), 3, 3));
    }

    [Theory]
    [InlineData("1\n2\n", "holds 2 labels")]
    [InlineData("1\n5\n0\n", "not a class")]
    [InlineData("0,1\n0,2\n1,1\n", "labelled twice")]
    public void BadFiles(string content, string expected)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("l.txt"), content);
        var error = Assert.Throws<WinnowException>(() => NoisyLabelFile.Read(folder.File("l.txt"), 3, 3));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void LabelNoiseLooksUpTheChosenRows()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("l.txt"), "1\n1\n0\n0\n");
        var split = new Split(new float[4], [0, 1, 0, 1], [1]);
        var dataset = new Dataset("t", DatasetKind.Table, split, split, 2, ["a", "b"]);
        var result = LabelNoise.Apply(NoiseSpec.Parse($"file:{folder.File("l.txt")}"), dataset, [1, 2, 3], seed: 0);
        Assert.Equal([1, 0, 0], result.NoisyLabels);
        Assert.Equal(1 / 3.0, result.ActualRate, 12);
    }
}
