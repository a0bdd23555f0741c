using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Winnow.Data.Readers;

/// <summary>
/// NumPy's .npy format (numpy.org/doc/stable/reference/generated/numpy.lib.format.html): the
/// magic "\x93NUMPY", a version (1.0: a 2-byte header length; 2.0 and 3.0: 4 bytes, and 3.0's
/// header is UTF-8), a Python dict literal naming 'descr', 'fortran_order' and 'shape', then the
/// raw values. Reads float16/32/64, the signed and unsigned integers and fixed-width strings (U,
/// S), either byte order and either memory order; refuses bool, complex, structured and object
/// dtypes (object arrays are pickles: never read). Written by hand: the header is a tiny literal
/// and no maintained .NET package reads it without a whole array library.
/// </summary>
public static class NpyReader
{
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>NumPy itself refuses headers over 10,000 bytes by default; this bound only stops a corrupt length from allocating gigabytes.</summary>
    private const int MaxHeaderBytes = 1 << 20;

    /// <summary>Values are read in slices of about this many bytes: large arrays stream, never byte by byte.</summary>
    private const int ChunkBytes = 1 << 20;

    public static NpyArray Read(string path)
    {
        if (!File.Exists(path)) throw new WinnowException($"data file not found: {path}");
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            return Read(stream, path, stream.Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WinnowException($"cannot read {path}: {e.Message}");
        }
    }

    /// <param name="source">How errors name the array: a file, or an archive and its entry.</param>
    /// <param name="length">The stream's length in bytes when known, so that a truncated file is refused before its values are allocated.</param>
    public static NpyArray Read(Stream stream, string source, long? length)
    {
        var preamble = new byte[8];
        if (stream.ReadAtLeast(preamble, preamble.Length, throwOnEndOfStream: false) < preamble.Length || !preamble.AsSpan(0, 6).SequenceEqual(Magic))
            throw new WinnowException($"{source} is not a NumPy .npy file (it does not start with the \\x93NUMPY magic)");
        int major = preamble[6], minor = preamble[7];
        if (major is not (1 or 2 or 3))
            throw new WinnowException($"{source} uses .npy format version {major}.{minor}; Winnow reads versions 1.0, 2.0 and 3.0");

        var lengthBytes = new byte[major == 1 ? 2 : 4];
        if (stream.ReadAtLeast(lengthBytes, lengthBytes.Length, throwOnEndOfStream: false) < lengthBytes.Length)
            throw new WinnowException($"{source} is truncated: its header is incomplete");
        var headerLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(lengthBytes) : BinaryPrimitives.ReadUInt32LittleEndian(lengthBytes);
        var dataOffset = preamble.Length + lengthBytes.Length + (long)headerLength;
        if (headerLength > MaxHeaderBytes || (length is { } total && dataOffset > total))
            throw new WinnowException($"{source} is truncated or corrupt: its header claims {headerLength} bytes");
        var headerBytes = new byte[headerLength];
        if (stream.ReadAtLeast(headerBytes, headerBytes.Length, throwOnEndOfStream: false) < headerBytes.Length)
            throw new WinnowException($"{source} is truncated: its header is incomplete");
        // Versions 1.0 and 2.0 write the header in latin-1; 3.0 in UTF-8 (for field names).
        var header = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(headerBytes);

        var (dtype, fortranOrder, shape) = NpyHeader.Parse(header, source);
        CheckReadable(dtype, source);
        var count = 1L;
        foreach (var size in shape.Contains(0) ? [] : shape)
        {
            count *= size; // each size is below 2^31 and the product stops early, so this cannot overflow
            if (count > Array.MaxLength)
                throw new WinnowException($"{source} has shape {NpyArray.FormatShape(shape)}: more values than one array in memory can hold");
        }
        if (shape.Contains(0)) count = 0;
        var needed = count * dtype.ItemSize;
        if (length - dataOffset is { } available && available < needed) throw Truncated(source, available, needed);

        var reader = new Values(stream, source, needed, dtype, fortranOrder, shape);
        Array data = (dtype.Kind, dtype.ItemSize) switch
        {
            ('f', 2) => reader.Numbers<Half>((int)count),
            ('f', 4) => reader.Numbers<float>((int)count),
            ('f', 8) => reader.Numbers<double>((int)count),
            ('i', 1) => reader.Numbers<sbyte>((int)count),
            ('i', 2) => reader.Numbers<short>((int)count),
            ('i', 4) => reader.Numbers<int>((int)count),
            ('i', 8) => reader.Numbers<long>((int)count),
            ('u', 1) => reader.Numbers<byte>((int)count),
            ('u', 2) => reader.Numbers<ushort>((int)count),
            ('u', 4) => reader.Numbers<uint>((int)count),
            ('u', 8) => reader.Numbers<ulong>((int)count),
            _ => reader.Strings((int)count),
        };
        return new NpyArray(source, dtype, shape, data);
    }

    private static void CheckReadable(NpyDtype dtype, string source)
    {
        if (dtype.Kind == 'O')
            throw new WinnowException($"{source} holds Python objects (dtype '{dtype.Descr}'), which only unpickling can read; Winnow never unpickles data, so save numbers or strings");
        var readable = dtype switch
        {
            { Kind: 'f', ItemSize: 2 or 4 or 8 } => true,
            { Kind: 'i' or 'u', ItemSize: 1 or 2 or 4 or 8 } => true,
            { Kind: 'U' or 'S' } => true,
            _ => false,
        };
        if (!readable)
            throw new WinnowException($"{source} holds dtype '{dtype.Descr}' ({dtype.Name}), which Winnow does not read; it reads float16/32/64, integers and fixed-width strings");
    }

    private static WinnowException Truncated(string source, long holds, long needed) =>
        new($"{source} is truncated: it holds {holds} bytes of data but its header needs {needed}");

    /// <summary>Reads the values that follow the header, in slices, into C order and this machine's byte order.</summary>
    private sealed class Values(Stream stream, string source, long needed, NpyDtype dtype, bool fortranOrder, int[] shape)
    {
        private long _done;

        public T[] Numbers<T>(int count) where T : unmanaged
        {
            var values = new T[count];
            var size = Unsafe.SizeOf<T>();
            var chunk = Math.Max(1, ChunkBytes / size);
            for (var start = 0; start < count; start += chunk)
                Fill(MemoryMarshal.AsBytes(values.AsSpan(start, Math.Min(chunk, count - start))));
            if (size > 1 && dtype.BigEndian == BitConverter.IsLittleEndian) SwapBytes(values.AsSpan());
            return InCOrder(values);
        }

        public string[] Strings(int count)
        {
            var values = new string[count];
            var itemSize = dtype.ItemSize;
            if (itemSize == 0) { Array.Fill(values, ""); return InCOrder(values); }
            var encoding = dtype.Kind == 'S' ? Encoding.UTF8 : new UTF32Encoding(bigEndian: dtype.BigEndian, byteOrderMark: false);
            var perChunk = Math.Max(1, ChunkBytes / itemSize);
            var buffer = new byte[(long)Math.Min(perChunk, count) * itemSize];
            for (var start = 0; start < count; start += perChunk)
            {
                var items = Math.Min(perChunk, count - start);
                var bytes = buffer.AsSpan(0, items * itemSize);
                Fill(bytes);
                // NumPy pads shorter strings with NULs and drops them when it reads them back.
                for (var i = 0; i < items; i++) values[start + i] = encoding.GetString(bytes.Slice(i * itemSize, itemSize)).TrimEnd('\0');
            }
            return InCOrder(values);
        }

        private void Fill(Span<byte> bytes)
        {
            int read;
            try { read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false); }
            catch (InvalidDataException e) { throw new WinnowException($"{source} is corrupt ({e.Message.TrimEnd('.')})"); }
            _done += read;
            if (read < bytes.Length) throw Truncated(source, _done, needed);
        }

        /// <summary>A Fortran-order array is the C-order array of the reversed shape, transposed.</summary>
        private T[] InCOrder<T>(T[] values)
        {
            if (!fortranOrder || shape.Length < 2) return values;
            var reversed = shape.Reverse().ToArray();
            return ArrayAxes.Permute(values, reversed, Enumerable.Range(0, shape.Length).Reverse().ToArray());
        }

        private static void SwapBytes<T>(Span<T> values) where T : unmanaged
        {
            switch (Unsafe.SizeOf<T>())
            {
                case 2: { var s = MemoryMarshal.Cast<T, ushort>(values); BinaryPrimitives.ReverseEndianness(s, s); break; }
                case 4: { var s = MemoryMarshal.Cast<T, uint>(values); BinaryPrimitives.ReverseEndianness(s, s); break; }
                case 8: { var s = MemoryMarshal.Cast<T, ulong>(values); BinaryPrimitives.ReverseEndianness(s, s); break; }
            }
        }
    }
}
