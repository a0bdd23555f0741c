using System.IO.Compression;

namespace Winnow.Tests.Support;

/// <summary>
/// Writes a tiny MNIST-style IDX dataset (gzip) that a small CNN learns in a few epochs: 8×8
/// images (or <c>size</c>×<c>size</c>), class c lights up the c-th quadrant, plus pixel noise.
/// </summary>
public static class TinyIdx
{
    public static string Create(int trainCount = 240, int testCount = 60, int classes = 3, int seed = 1, int size = 8, string? folder = null)
    {
        folder ??= Directory.CreateTempSubdirectory("winnow-idx").FullName;
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        Write(folder, "train", trainCount, classes, random, size);
        Write(folder, "t10k", testCount, classes, random, size);
        return folder;
    }

    private static void Write(string folder, string prefix, int count, int classes, Random random, int size)
    {
        var pixels = new byte[count * size * size];
        var labels = new byte[count];
        for (var i = 0; i < count; i++)
        {
            var label = i % classes;
            labels[i] = (byte)label;
            for (var r = 0; r < size; r++)
            for (var c = 0; c < size; c++)
            {
                var quadrant = (r / (size / 2)) * 2 + c / (size / 2);
                var value = (quadrant == label ? 200 : 30) + random.Next(-30, 30);
                pixels[i * size * size + r * size + c] = (byte)Math.Clamp(value, 0, 255);
            }
        }
        WriteIdx(Path.Combine(folder, $"{prefix}-images-idx3-ubyte.gz"), 0x803, [count, size, size], pixels);
        WriteIdx(Path.Combine(folder, $"{prefix}-labels-idx1-ubyte.gz"), 0x801, [count], labels);
    }

    public static void WriteIdx(string path, int magic, int[] dims, byte[] data, bool gzip = true)
    {
        using var file = File.Create(path);
        using Stream stream = gzip ? new GZipStream(file, CompressionLevel.Fastest) : file;
        void WriteInt(int v) => stream.Write([(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v]);
        WriteInt(magic);
        foreach (var d in dims) WriteInt(d);
        stream.Write(data);
    }
}
