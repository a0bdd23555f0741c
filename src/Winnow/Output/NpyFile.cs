using System.Text;

namespace Winnow.Output;

/// <summary>
/// Writes NumPy .npy files (format version 1.0: magic, header dict padded to a multiple of 64
/// bytes, then little-endian C-order data) so trajectories open with numpy.load. Hand-written:
/// the format is a 10-line header and no maintained .NET package writes it without pulling in a
/// whole array library.
/// </summary>
public static class NpyFile
{
    public static void Write(string path, float[] data, params int[] shape) => Write(path, "<f4", shape, data, sizeof(float));

    public static void Write(string path, int[] data, params int[] shape) => Write(path, "<i4", shape, data, sizeof(int));

    public static void Write(string path, sbyte[] data, params int[] shape) => Write(path, "|i1", shape, data, sizeof(sbyte));

    private static void Write(string path, string dtype, int[] shape, Array data, int itemSize)
    {
        var count = shape.Aggregate(1L, (a, b) => a * b);
        if (count != data.Length) throw new ArgumentException($"shape [{string.Join(", ", shape)}] needs {count} values, got {data.Length}");
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("npy writing assumes a little-endian machine");

        var dims = shape.Length == 1 ? $"{shape[0]}," : string.Join(", ", shape);
        var header = $"{{'descr': '{dtype}', 'fortran_order': False, 'shape': ({dims}), }}";
        const int preamble = 10; // magic (6) + version (2) + header length (2)
        var padded = (preamble + header.Length + 1 + 63) / 64 * 64;
        header = header.PadRight(padded - preamble - 1) + "\n";

        AtomicFile.Write(path, stream =>
        {
            stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
            stream.Write(BitConverter.GetBytes((ushort)header.Length));
            stream.Write(Encoding.ASCII.GetBytes(header));
            var bytes = new byte[data.Length * itemSize];
            Buffer.BlockCopy(data, 0, bytes, 0, bytes.Length);
            stream.Write(bytes);
        });
    }
}
