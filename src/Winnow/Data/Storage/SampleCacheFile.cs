using System.IO.MemoryMappedFiles;
using System.Text;
using System.Text.Json;

namespace Winnow.Data.Storage;

/// <summary>
/// A file of uint8 samples [N, C, H, W], memory-mapped for reading: the ASCII magic
/// "WINNOWC1", a little-endian int32 length and that many bytes of JSON header (count, shape and
/// the key it was built for), zero padding to a multiple of 64 bytes, then the samples in row-major
/// order. Written whole through <see cref="Writer"/> into a temporary file that is renamed into
/// place, so a killed build never leaves a cache that looks complete.
/// </summary>
public sealed class SampleCacheFile : IByteSamples, IDisposable
{
    private static readonly byte[] Magic = "WINNOWC1"u8.ToArray();
    private const int Alignment = 64;

    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private readonly long _dataOffset;

    /// <summary>What the header records.</summary>
    public sealed record Header(int Count, int[] SampleShape, string Key);

    private SampleCacheFile(string path, Header header, long dataOffset, MemoryMappedFile map, MemoryMappedViewAccessor view)
    {
        Path = path;
        Key = header.Key;
        Count = header.Count;
        SampleShape = header.SampleShape;
        SampleSize = SampleShape.Aggregate(1, (a, b) => a * b);
        _dataOffset = dataOffset;
        _map = map;
        _view = view;
    }

    public string Path { get; }

    /// <summary>What the cache was built from (the caller's fingerprint of its sources).</summary>
    public string Key { get; }

    public int Count { get; }

    public int[] SampleShape { get; }

    public int SampleSize { get; }

    /// <summary>The header of a cache file, or null when the file is absent, truncated or not a cache.</summary>
    public static Header? TryReadHeader(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var header = ReadHeader(stream, out var dataOffset);
            var size = (long)header.Count * header.SampleShape.Aggregate(1L, (a, b) => a * b);
            return stream.Length == dataOffset + size ? header : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or JsonException)
        {
            return null;
        }
    }

    public static SampleCacheFile Open(string path)
    {
        if (!File.Exists(path)) throw new WinnowException($"sample cache not found: {path}");
        Header header;
        long dataOffset;
        long length;
        try
        {
            using var stream = File.OpenRead(path);
            header = ReadHeader(stream, out dataOffset);
            length = stream.Length;
        }
        catch (Exception e) when (e is InvalidDataException or JsonException)
        {
            throw new WinnowException($"{path} is not a Winnow sample cache ({e.Message.TrimEnd('.')}); delete it to rebuild");
        }
        var expected = dataOffset + (long)header.Count * header.SampleShape.Aggregate(1L, (a, b) => a * b);
        if (length != expected) throw new WinnowException($"{path} holds {length} bytes but its header needs {expected}; delete it to rebuild");
        var map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        var view = map.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
        return new SampleCacheFile(path, header, dataOffset, map, view);
    }

    public void Read(ReadOnlySpan<int> rows, Span<byte> destination)
    {
        if (destination.Length < rows.Length * SampleSize)
            throw new ArgumentException($"{rows.Length} samples need {rows.Length * SampleSize} bytes, the destination has {destination.Length}");
        var buffer = _view.SafeMemoryMappedViewHandle;
        var start = (ulong)(_view.PointerOffset + _dataOffset);
        for (var r = 0; r < rows.Length; r++)
        {
            var row = rows[r];
            if ((uint)row >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(rows), $"sample {row} is outside the {Count} of {Path}");
            buffer.ReadSpan(start + (ulong)row * (ulong)SampleSize, destination.Slice(r * SampleSize, SampleSize));
        }
    }

    public void Dispose()
    {
        _view.Dispose();
        _map.Dispose();
    }

    private static Header ReadHeader(Stream stream, out long dataOffset)
    {
        Span<byte> start = stackalloc byte[12];
        if (stream.Read(start) != 12 || !start[..8].SequenceEqual(Magic)) throw new InvalidDataException("no cache magic");
        var length = BitConverter.ToInt32(start[8..]);
        if (length <= 0 || length > 1 << 20) throw new InvalidDataException("header length out of range");
        var json = new byte[length];
        stream.ReadExactly(json);
        var header = JsonSerializer.Deserialize<Header>(json) ?? throw new InvalidDataException("empty header");
        if (header.Count < 0 || header.SampleShape is not { Length: > 0 } || header.SampleShape.Any(d => d <= 0))
            throw new InvalidDataException("header shape out of range");
        dataOffset = (12 + length + Alignment - 1) / Alignment * Alignment;
        return header;
    }

    /// <summary>
    /// Writes a cache: samples are appended in order, and <see cref="Commit"/> renames the file into
    /// place once all <c>count</c> have been written; disposing without committing deletes it.
    /// </summary>
    public sealed class Writer : IDisposable
    {
        private readonly string _path;
        private readonly string _temporary;
        private readonly FileStream _stream;
        private readonly int _count;
        private readonly int _sampleSize;
        private int _written;
        private bool _committed;

        public Writer(string path, int count, int[] sampleShape, string key)
        {
            _path = path;
            _count = count;
            _sampleSize = sampleShape.Aggregate(1, (a, b) => a * b);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
            _temporary = $"{path}.{Environment.ProcessId}.tmp";
            _stream = new FileStream(_temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
            var json = JsonSerializer.SerializeToUtf8Bytes(new Header(count, sampleShape, key));
            _stream.Write(Magic);
            _stream.Write(BitConverter.GetBytes(json.Length));
            _stream.Write(json);
            var padded = (12 + json.Length + Alignment - 1) / Alignment * Alignment;
            _stream.Write(new byte[padded - 12 - json.Length]);
        }

        /// <summary>Appends the next sample ([C, H, W] bytes).</summary>
        public void Append(ReadOnlySpan<byte> sample)
        {
            if (sample.Length != _sampleSize) throw new ArgumentException($"a sample has {_sampleSize} bytes, got {sample.Length}");
            if (_written == _count) throw new InvalidOperationException($"the cache holds {_count} samples, all written");
            _stream.Write(sample);
            _written++;
        }

        public void Commit()
        {
            if (_written != _count) throw new InvalidOperationException($"{_written} of {_count} samples written");
            _stream.Flush(flushToDisk: true);
            _stream.Dispose();
            File.Move(_temporary, _path, overwrite: true);
            _committed = true;
        }

        public void Dispose()
        {
            _stream.Dispose();
            if (!_committed && File.Exists(_temporary)) File.Delete(_temporary);
        }
    }
}
