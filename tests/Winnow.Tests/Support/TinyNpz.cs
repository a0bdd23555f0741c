using System.IO.Compression;

namespace Winnow.Tests.Support;

/// <summary>
/// A tiny image dataset as NumPy would save it from TensorFlow-style arrays: uint8
/// [N, size, size, 1] (channels last) under the keys x and y, no test arrays; class c lights up
/// the c-th quadrant, as <see cref="TinyIdx"/> does.
/// </summary>
public static class TinyNpz
{
    public static string Create(string folder, int count = 100, int classes = 2, int size = 8, int seed = 1)
    {
        var random = new Random(seed);
        var pixels = new byte[count * size * size];
        var labels = new long[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = i % classes;
            for (var r = 0; r < size; r++)
            for (var c = 0; c < size; c++)
            {
                var quadrant = r / (size / 2) * 2 + c / (size / 2);
                pixels[(i * size + r) * size + c] = (byte)Math.Clamp((quadrant == labels[i] ? 200 : 30) + random.Next(-30, 30), 0, 255);
            }
        }
        var path = Path.Combine(folder, "tiny.npz");
        NpyBytes.WriteNpz(path, CompressionLevel.Optimal, ("x", NpyBytes.Bytes(pixels, count, size, size, 1)), ("y", NpyBytes.Longs(labels)));
        return path;
    }
}
