using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;

namespace Winnow.Tests.Support;

/// <summary>
/// Writes .npy and .npz files byte by byte, as the format describes them, so that reader tests
/// choose every detail (version, byte order, memory order, header spelling) without Python.
/// </summary>
public static class NpyBytes
{
    /// <summary>The raw bytes of <paramref name="values"/>, each item's bytes reversed when <paramref name="bigEndian"/>.</summary>
    public static byte[] Of<T>(T[] values, bool bigEndian = false) where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        var size = bytes.Length / Math.Max(1, values.Length);
        if (bigEndian) for (var i = 0; i < bytes.Length; i += size) Array.Reverse(bytes, i, size);
        return bytes;
    }

    /// <summary>Fixed-width strings: UTF-32 (U, <paramref name="width"/> characters) or bytes (S), NUL-padded.</summary>
    public static byte[] Strings(string[] values, int width, bool unicode, bool bigEndian = false)
    {
        var encoding = unicode ? (Encoding)new UTF32Encoding(bigEndian, false) : Encoding.UTF8;
        var itemSize = unicode ? 4 * width : width;
        var bytes = new byte[values.Length * itemSize];
        for (var i = 0; i < values.Length; i++) encoding.GetBytes(values[i]).CopyTo(bytes, i * itemSize);
        return bytes;
    }

    public static string Header(string descr, int[] shape, bool fortranOrder = false)
    {
        var dims = shape.Length == 1 ? $"{shape[0]}," : string.Join(", ", shape);
        return $"{{'descr': '{descr}', 'fortran_order': {(fortranOrder ? "True" : "False")}, 'shape': ({dims}), }}";
    }

    /// <summary>A whole .npy file: magic, version, header length, the header padded to 64 bytes as NumPy pads it, the data.</summary>
    public static byte[] File(string header, byte[] data, int major = 1)
    {
        var preamble = 8 + (major == 1 ? 2 : 4);
        var text = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetBytes(header);
        var padded = (preamble + text.Length + 1 + 63) / 64 * 64 - preamble;
        var headerBytes = new byte[padded];
        Array.Fill(headerBytes, (byte)' ');
        text.CopyTo(headerBytes, 0);
        headerBytes[^1] = (byte)'\n';
        using var output = new MemoryStream();
        output.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)major, 0]);
        output.Write(major == 1 ? BitConverter.GetBytes((ushort)padded) : BitConverter.GetBytes((uint)padded));
        output.Write(headerBytes);
        output.Write(data);
        return output.ToArray();
    }

    public static byte[] File(string descr, int[] shape, byte[] data, int major = 1, bool fortranOrder = false) =>
        File(Header(descr, shape, fortranOrder), data, major);

    public static byte[] Floats(float[] values, params int[] shape) => File("<f4", shape, Of(values));

    public static byte[] Bytes(byte[] values, params int[] shape) => File("|u1", shape, values);

    public static byte[] Longs(long[] values) => File("<i8", [values.Length], Of(values));

    /// <summary>An .npz: each array as the entry KEY.npy, stored or deflated as <paramref name="level"/> says.</summary>
    public static void WriteNpz(string path, CompressionLevel level, params (string Key, byte[] Npy)[] arrays)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (key, npy) in arrays)
        {
            using var entry = zip.CreateEntry(key + ".npy", level).Open();
            entry.Write(npy);
        }
    }
}
