using TorchSharp;
using Winnow.Data;
using static TorchSharp.torch;
using TensorIndex = TorchSharp.torch.TensorIndex;

namespace Winnow.Tests.Data;

public class AugmenterTests
{
    private static Tensor Batch(long n, long c, long h, long w, int seed = 0)
    {
        using var g = new Generator((ulong)seed);
        return randn([n, c, h, w], generator: g);
    }

    private static Tensor Window(Tensor padded, long b, int dy, int dx, long h, long w) =>
        padded[TensorIndex.Single(b), TensorIndex.Colon,
               TensorIndex.Slice(dy, dy + h), TensorIndex.Slice(dx, dx + w)];

    [Theory]
    [InlineData(32, 4)]
    [InlineData(28, 4)]
    [InlineData(8, 1)]
    [InlineData(4, 1)]
    public void PaddingIsAnEighthOfTheSideRoundedHalfUp(int size, int expected) =>
        Assert.Equal(expected, Augmenter.PaddingFor(size, size));

    [Fact]
    public void ForcedFlipMirrorsAndUnforcedLeavesAlone()
    {
        using var scope = NewDisposeScope();
        var x = Batch(3, 2, 5, 6);
        Assert.True(Augmenter.Flip(x, [true, true, true]).Equals(x.flip(3)));
        var mixed = Augmenter.Flip(x, [true, false, true]);
        Assert.True(mixed[0].Equals(x[0].flip(2)));
        Assert.True(mixed[1].Equals(x[1]));
        Assert.True(mixed[2].Equals(x[2].flip(2)));
    }

    [Fact]
    public void CropAtOffsetPaddingIsTheIdentity()
    {
        using var scope = NewDisposeScope();
        var x = Batch(2, 3, 32, 32);
        Assert.True(Augmenter.Crop(x, [4, 4], [4, 4]).Equals(x));
    }

    [Fact]
    public void CropsAreShiftedWindowsOfTheZeroPaddedImage()
    {
        using var scope = NewDisposeScope();
        var x = Batch(5, 3, 28, 24);
        int pad = Augmenter.PaddingFor(28, 24);
        int[] dy = [0, 2 * pad, 1, pad, 5];
        int[] dx = [2 * pad, 0, 3, pad, 2];
        var crop = Augmenter.Crop(x, dy, dx);
        Assert.Equal(x.shape, crop.shape);

        var padded = zeros(5, 3, 28 + 2 * pad, 24 + 2 * pad);
        padded[TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Slice(pad, pad + 28), TensorIndex.Slice(pad, pad + 24)] = x;
        for (int b = 0; b < 5; b++)
            Assert.True(crop[b].Equals(Window(padded, b, dy[b], dx[b], 28, 24)), $"sample {b}");
        // The corner crop really brings in zero padding.
        Assert.Equal(0f, crop[0, 0, 0, 0].item<float>());
    }

    [Fact]
    public void CropsPadEachChannelWithItsBlackValue()
    {
        using var scope = NewDisposeScope();
        var x = Batch(2, 3, 8, 8);
        float[] black = [-0.8f, -1.5f, 0.25f];
        Assert.Equal(1, Augmenter.PaddingFor(8, 8));
        var crop = Augmenter.Crop(x, [0, 1], [0, 1], black);
        // Offset 0 (the top-left corner) brings in padding, channel by channel; offset = padding (1) is the image.
        for (var c = 0; c < 3; c++) Assert.Equal(black[c], crop[0, c, 0, 0].item<float>());
        Assert.True(crop[0, TensorIndex.Colon, TensorIndex.Slice(1, 8), TensorIndex.Slice(1, 8)].Equals(x[0, TensorIndex.Colon, TensorIndex.Slice(0, 7), TensorIndex.Slice(0, 7)]));
        Assert.True(crop[1].Equals(x[1]));
        Assert.Throws<ArgumentException>(() => Augmenter.Crop(x, [0, 0], [0, 0], [0f, 0f]));
    }

    [Fact]
    public void ABlackPixelIsWhatARawZeroNormalisesTo()
    {
        var normalisation = new Normalisation(1f / 255f, [0.25f, 0.5f], [0.5f, 0.25f]);
        Assert.Equal([-0.5f, -2f], normalisation.ValueOfZero());
    }

    [Fact]
    public void CropRejectsOffsetsBeyondThePadding()
    {
        using var scope = NewDisposeScope();
        var x = Batch(1, 1, 8, 8);
        Assert.Throws<ArgumentOutOfRangeException>(() => Augmenter.Crop(x, [3], [0]));
    }

    [Fact]
    public void CutoutZeroesExactlyTheClippedSquare()
    {
        using var scope = NewDisposeScope();
        const int h = 7, w = 9, side = 4;
        var x = Batch(4, 2, h, w) + 10; // no accidental zeros
        int[] top = [-2, 1, 5, 0];
        int[] left = [3, -3, 7, 0];
        var y = Augmenter.Cutout(x, top, left, side);

        var xs = x.data<float>().ToArray();
        var ys = y.data<float>().ToArray();
        for (int b = 0; b < 4; b++)
            for (int c = 0; c < 2; c++)
                for (int i = 0; i < h; i++)
                    for (int j = 0; j < w; j++)
                    {
                        int k = ((b * 2 + c) * h + i) * w + j;
                        bool inside = i >= top[b] && i < top[b] + side && j >= left[b] && j < left[b] + side;
                        Assert.Equal(inside ? 0f : xs[k], ys[k]);
                    }
    }

    [Fact]
    public void JitterScalesAndShiftsEachImage()
    {
        using var scope = NewDisposeScope();
        var x = Batch(2, 3, 4, 4);
        var y = Augmenter.Jitter(x, [0.8f, 1.2f], [0.1f, -0.2f]);
        Assert.True(y[0].allclose(x[0] * 0.8f + 0.1f));
        Assert.True(y[1].allclose(x[1] * 1.2f - 0.2f));
    }

    [Theory]
    [InlineData(AugmentationStrength.Weak)]
    [InlineData(AugmentationStrength.Strong)]
    public void SameSeedSameOutputDifferentSeedDifferent(AugmentationStrength strength)
    {
        using var scope = NewDisposeScope();
        var x = Batch(8, 3, 32, 32);
        using var a = new Augmenter(strength, 11);
        using var b = new Augmenter(strength, 11);
        using var c = new Augmenter(strength, 12);
        var ya = a.Apply(x);
        Assert.True(ya.Equals(b.Apply(x)));
        Assert.False(ya.Equals(c.Apply(x)));
        // The stream moves on: a second batch is augmented differently.
        Assert.False(ya.Equals(a.Apply(x)));
    }

    [Fact]
    public void WeakOutputIsSomeShiftedPossiblyMirroredWindow()
    {
        using var scope = NewDisposeScope();
        const int h = 8, w = 8;
        var x = Batch(6, 2, h, w);
        int pad = Augmenter.PaddingFor(h, w);
        var padded = nn.functional.pad(x, [pad, pad, pad, pad]);
        using var aug = new Augmenter(AugmentationStrength.Weak, 3);
        var y = aug.Apply(x);
        for (int b = 0; b < 6; b++)
        {
            bool found = false;
            for (int dy = 0; dy <= 2 * pad && !found; dy++)
                for (int dx = 0; dx <= 2 * pad && !found; dx++)
                {
                    var win = Window(padded, b, dy, dx, h, w);
                    found = y[b].Equals(win) || y[b].Equals(win.flip(2));
                }
            Assert.True(found, $"sample {b}");
        }
    }

    [Fact]
    public void CropAndFlipAloneAreWeaksTwoPartsOfTheSameStream()
    {
        using var scope = NewDisposeScope();
        var x = Batch(16, 2, 8, 8);
        using var weak = new Augmenter(AugmentationStrength.Weak, 7);
        using var crop = new Augmenter(AugmentationStrength.Crop, 7);
        using var flip = new Augmenter(AugmentationStrength.Flip, 7);
        var both = weak.Apply(x);
        var cropped = crop.Apply(x);
        var flipped = flip.Apply(x);
        var mirrored = 0;
        for (int b = 0; b < 16; b++)
        {
            // Flip alone mirrors exactly the images weak mirrors, and leaves the rest as they were.
            var isMirrored = !flipped[b].Equals(x[b]);
            Assert.True(isMirrored ? flipped[b].Equals(x[b].flip(2)) : flipped[b].Equals(x[b]), $"sample {b}");
            Assert.True(both[b].Equals(isMirrored ? cropped[b].flip(2) : cropped[b]), $"sample {b}");
            if (isMirrored) mirrored++;
        }
        Assert.InRange(mirrored, 1, 15);
        Assert.False(cropped.Equals(x));
    }

    [Fact]
    public void StrongOutputHasACutoutSquareInEveryImage()
    {
        using var scope = NewDisposeScope();
        const int c = 3, h = 32, w = 32;
        var x = Batch(6, c, h, w) + 10;
        using var aug = new Augmenter(AugmentationStrength.Strong, 5);
        var y = aug.Apply(x);
        int half = Augmenter.CutoutSide(h, w) / 2;
        var zerosPerImage = y.eq(0).flatten(1).sum(1).data<long>().ToArray();
        // A square centred anywhere keeps at least half its side in each direction.
        Assert.All(zerosPerImage, z => Assert.True(z >= c * half * half, $"{z} zeros"));
    }

    [Theory]
    [InlineData(AugmentationStrength.Weak)]
    [InlineData(AugmentationStrength.Strong)]
    [InlineData(AugmentationStrength.None)]
    public void FeatureVectorsPassThroughUnchanged(AugmentationStrength strength)
    {
        using var scope = NewDisposeScope();
        var x = randn(5, 7);
        using var aug = new Augmenter(strength, 1);
        var y = aug.Apply(x);
        Assert.NotSame(x, y);
        Assert.True(y.Equals(x));
    }

    [Fact]
    public void NoneLeavesImagesUnchanged()
    {
        using var scope = NewDisposeScope();
        var x = Batch(2, 3, 8, 8);
        using var aug = new Augmenter(AugmentationStrength.None, 1);
        Assert.True(aug.Apply(x).Equals(x));
    }

    [Theory]
    [InlineData(AugmentationStrength.None)]
    [InlineData(AugmentationStrength.Weak)]
    [InlineData(AugmentationStrength.Strong)]
    public void OnlyTheResultSurvives(AugmentationStrength strength)
    {
        using var x = Batch(4, 3, 16, 16);
        using var v = randn(4, 6);
        using var aug = new Augmenter(strength, 9);
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        var y = aug.Apply(x);
        var z = aug.Apply(v);
        Assert.Equal(before + 2, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        y.Dispose();
        z.Dispose();
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
