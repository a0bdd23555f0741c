using TorchSharp;
using static TorchSharp.torch;

namespace Winnow.Data;

/// <summary>
/// Random augmentation of a whole normalised image batch [B, C, H, W] with a few vectorised
/// tensor ops, because a per-image loop through the native boundary would cost more than the
/// training step on a CPU. The random numbers come from a seeded <see cref="Random"/>, so a seed
/// fixes every crop, flip, square and jitter.
/// <list type="bullet">
/// <item>Weak: random crop from the image padded by round(min(H, W) / 8) pixels (4 for CIFAR's 32
/// and for MNIST's 28, 3.5 rounding up) of black, then a horizontal flip with p = 0.5. Black is
/// the normalised value of a raw 0 pixel (<see cref="SampleSet.BlackPixel"/>), as torchvision's
/// RandomCrop(padding=4) pads before Normalize: padding the normalised batch with 0 paints grey
/// (mean-coloured) borders that the test images never have.</item>
/// <item>Strong: weak, then per-image brightness/contrast x·a + b (a ∈ [0.8, 1.2],
/// b ∈ [−0.2, 0.2]), then Cutout: one square of side min(H, W) / 2 centred anywhere in the
/// image, clipped at the borders, set to 0 (the mean, the batch being normalised). Cutout comes
/// last so the square stays exactly 0.</item>
/// <item>Crop, Flip: weak's crop or its flip alone.</item>
/// </list>
/// Batches that are not 4-D (feature vectors [B, D]) are returned unchanged.
/// </summary>
public sealed class Augmenter : IDisposable
{
    private readonly AugmentationStrength strength;
    private readonly Random random;
    private readonly float[]? padding;
    private bool disposed;

    /// <param name="padding">Per channel, the value the crop pads with (a black pixel after normalisation); 0 when null.</param>
    public Augmenter(AugmentationStrength strength, int seed, float[]? padding = null)
    {
        if (!Enum.IsDefined(strength)) throw new ArgumentOutOfRangeException(nameof(strength));
        this.strength = strength;
        random = new Random(seed);
        this.padding = padding;
    }

    public AugmentationStrength Strength => strength;

    /// <summary>
    /// An augmented copy of <paramref name="batch"/> (the input is left alone). The result is a
    /// new tensor the caller owns, even when nothing was changed.
    /// </summary>
    public Tensor Apply(Tensor batch)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentNullException.ThrowIfNull(batch);
        if (strength == AugmentationStrength.None || batch.dim() != 4 || batch.shape[0] == 0)
            return batch.alias();

        int n = (int)batch.shape[0];
        int h = (int)batch.shape[2], w = (int)batch.shape[3];
        int pad = PaddingFor(h, w);

        // All draws in a fixed order, so a seed fixes the whole stream.
        var dy = new int[n];
        var dx = new int[n];
        var flip = new bool[n];
        for (int i = 0; i < n; i++)
        {
            dy[i] = random.Next(2 * pad + 1);
            dx[i] = random.Next(2 * pad + 1);
            flip[i] = random.NextDouble() < 0.5;
        }

        using var scope = NewDisposeScope();
        // Crop and flip alone draw the same numbers as weak, so each shows one part of the same stream.
        var x = strength == AugmentationStrength.Flip ? batch.alias() : Crop(batch, dy, dx, padding);
        if (strength != AugmentationStrength.Crop) x = Flip(x, flip);
        if (strength == AugmentationStrength.Strong)
        {
            int side = CutoutSide(h, w);
            var scale = new float[n];
            var shift = new float[n];
            var top = new int[n];
            var left = new int[n];
            for (int i = 0; i < n; i++)
            {
                scale[i] = (float)(0.8 + 0.4 * random.NextDouble());
                shift[i] = (float)(-0.2 + 0.4 * random.NextDouble());
                top[i] = random.Next(h) - side / 2;
                left[i] = random.Next(w) - side / 2;
            }
            x = Cutout(Jitter(x, scale, shift), top, left, side);
        }
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>Zero padding for the random crop: min(H, W) / 8 rounded half up, at least 1.</summary>
    internal static int PaddingFor(int height, int width) =>
        Math.Max(1, (int)Math.Round(Math.Min(height, width) / 8.0, MidpointRounding.AwayFromZero));

    /// <summary>Cutout square side: half the shorter image side, at least 1.</summary>
    internal static int CutoutSide(int height, int width) => Math.Max(1, Math.Min(height, width) / 2);

    /// <summary>
    /// Image b becomes the H×W window at row dy[b], column dx[b] of the image padded by
    /// <see cref="PaddingFor"/> pixels of <paramref name="fill"/> (per channel; 0 when null);
    /// offsets run from 0 to 2·padding, and padding itself is the identity.
    /// </summary>
    internal static Tensor Crop(Tensor x, int[] dy, int[] dx, float[]? fill = null)
    {
        long n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3];
        int pad = PaddingFor((int)h, (int)w);
        if (dy.Length != n || dx.Length != n) throw new ArgumentException("One offset per image expected.");
        if (dy.Concat(dx).Any(o => o < 0 || o > 2 * pad))
            throw new ArgumentOutOfRangeException(nameof(dy), $"Offsets must lie in [0, {2 * pad}].");

        if (fill is not null && fill.Length != c) throw new ArgumentException($"One padding value per channel expected ({c}).", nameof(fill));

        using var scope = NewDisposeScope();
        var padded = fill is null
            ? nn.functional.pad(x, [pad, pad, pad, pad])
            : tensor(fill, dtype: x.dtype, device: x.device).view(1, c, 1, 1).expand(n, c, h + 2 * pad, w + 2 * pad).clone();
        if (fill is not null) padded.narrow(2, pad, h).narrow(3, pad, w).copy_(x);
        long pw = w + 2 * pad;
        // rows[b, i] = dy[b] + i picks the rows, then cols[b, j] = dx[b] + j the columns.
        var rows = (tensor(dy.Select(v => (long)v).ToArray(), device: x.device).view(n, 1, 1, 1)
                    + arange(h, dtype: int64, device: x.device).view(1, 1, h, 1))
                   .expand(n, c, h, pw);
        var cols = (tensor(dx.Select(v => (long)v).ToArray(), device: x.device).view(n, 1, 1, 1)
                    + arange(w, dtype: int64, device: x.device).view(1, 1, 1, w))
                   .expand(n, c, h, w);
        return padded.gather(2, rows).gather(3, cols).MoveToOuterDisposeScope();
    }

    /// <summary>Mirrors left-right the images whose mask entry is true.</summary>
    internal static Tensor Flip(Tensor x, bool[] mask)
    {
        long n = x.shape[0];
        if (mask.Length != n) throw new ArgumentException("One flag per image expected.", nameof(mask));
        using var scope = NewDisposeScope();
        var m = tensor(mask, device: x.device).view(n, 1, 1, 1);
        return where(m, x.flip(3), x).MoveToOuterDisposeScope();
    }

    /// <summary>Per-image contrast and brightness: image b becomes x·scale[b] + shift[b].</summary>
    internal static Tensor Jitter(Tensor x, float[] scale, float[] shift)
    {
        long n = x.shape[0];
        if (scale.Length != n || shift.Length != n) throw new ArgumentException("One value per image expected.");
        using var scope = NewDisposeScope();
        var a = tensor(scale, dtype: x.dtype, device: x.device).view(n, 1, 1, 1);
        var b = tensor(shift, dtype: x.dtype, device: x.device).view(n, 1, 1, 1);
        return (x * a + b).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Zeroes, in image b, rows top[b] .. top[b]+side−1 and columns left[b] .. left[b]+side−1,
    /// all channels; the parts of the square outside the image (negative or too large
    /// coordinates) are simply dropped.
    /// </summary>
    internal static Tensor Cutout(Tensor x, int[] top, int[] left, int side)
    {
        long n = x.shape[0], h = x.shape[2], w = x.shape[3];
        if (top.Length != n || left.Length != n) throw new ArgumentException("One corner per image expected.");
        using var scope = NewDisposeScope();
        var t = tensor(top.Select(v => (long)v).ToArray(), device: x.device).view(n, 1, 1, 1);
        var l = tensor(left.Select(v => (long)v).ToArray(), device: x.device).view(n, 1, 1, 1);
        var r = arange(h, dtype: int64, device: x.device).view(1, 1, h, 1);
        var col = arange(w, dtype: int64, device: x.device).view(1, 1, 1, w);
        var inside = (r >= t) & (r < t + side) & (col >= l) & (col < l + side);
        return x.masked_fill(inside, 0).MoveToOuterDisposeScope();
    }

    /// <summary>Holds no native memory today; disposable so callers scope it like the models.</summary>
    public void Dispose() => disposed = true;
}
