using System.Buffers.Binary;
using System.IO.Compression;
using System.Numerics;

namespace Winnow.Data.Noise;

/// <summary>
/// A file torch.save wrote, in either of its formats, unpickled by <see cref="RestrictedUnpickler"/>.
/// The zip archive (torch ≥ 1.6): NAME/data.pkl, each storage raw in NAME/data/KEY. The legacy
/// stream (<c>_use_new_zipfile_serialization=False</c>): pickles of torch's magic number, the
/// protocol version and the writer's system, then the object's pickle, then the pickled list of
/// storage keys, then per storage its element count (int64) and its bytes. Tensors name their
/// storages by persistent ids; the bytes are read only when a tensor's labels are.
/// </summary>
internal sealed class TorchSaveFile
{
    private static readonly BigInteger LegacyMagic = BigInteger.Parse("119547037146038801333356"); // 0x1950a86a20f9469cfc6c
    private const long LegacyProtocolVersion = 1001;

    /// <summary>Larger than any label file; bounds what a crafted archive can make this read.</summary>
    private const long MaxEntryBytes = 1L << 30;

    private readonly Func<TorchStorage, long, ReadOnlyMemory<byte>> _elements;

    private TorchSaveFile(string path, object? root, Func<TorchStorage, long, ReadOnlyMemory<byte>> elements)
    {
        Path = path;
        Root = root;
        _elements = elements;
    }

    public string Path { get; }

    /// <summary>The object torch.save was given.</summary>
    public object? Root { get; }

    /// <summary>The bytes of the first <paramref name="count"/> elements of a storage (of its view, for a legacy view).</summary>
    public ReadOnlyMemory<byte> Elements(TorchStorage storage, long count)
    {
        if (count < 0 || count > storage.Numel)
            throw new WinnowException($"{Path}: a tensor reads {count} elements of a storage of {storage.Numel}: the file is corrupt");
        return _elements(storage, count);
    }

    public static TorchSaveFile Read(string path)
    {
        if (!File.Exists(path)) throw new WinnowException($"noisy label file not found: {path}");
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WinnowException($"cannot read {path}: {e.Message}");
        }
        return bytes switch
        {
            [0x50, 0x4b, 0x03, 0x04, ..] => FromZip(path, bytes),
            [0x80, ..] => FromLegacy(path, bytes),
            _ => throw new WinnowException($"{path} is not a file torch.save writes (neither its zip archive nor its pickle stream)"),
        };
    }

    private static TorchSaveFile FromZip(string path, byte[] bytes)
    {
        try
        {
            using var archive = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            var pickle = archive.Entries.FirstOrDefault(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal) && e.FullName.IndexOf('/') == e.FullName.Length - "/data.pkl".Length)
                ?? throw new WinnowException($"{path} is a zip archive without NAME/data.pkl: not a file torch.save writes");
            var prefix = pickle.FullName[..^"data.pkl".Length];
            if (archive.GetEntry(prefix + "byteorder") is { } order && AsciiText(ReadEntry(path, order, 16)) == "big")
                throw new WinnowException($"{path} was written on a big-endian machine; only little-endian storages are read");

            var storages = new Dictionary<string, TorchStorage>(StringComparer.Ordinal);
            var root = new RestrictedUnpickler(ReadEntry(path, pickle, long.MaxValue), path, pid => StorageRecord(path, pid, storages)).Load();
            return new TorchSaveFile(path, root, (storage, count) => ZipElements(path, bytes, prefix, storage, count));
        }
        catch (InvalidDataException e)
        {
            throw new WinnowException($"{path} is truncated or corrupt ({e.Message.TrimEnd('.')})");
        }
    }

    private static ReadOnlyMemory<byte> ZipElements(string path, byte[] bytes, string prefix, TorchStorage storage, long count)
    {
        try
        {
            using var archive = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            var name = $"{prefix}data/{storage.Key}";
            var entry = archive.GetEntry(name) ?? throw new WinnowException($"{path} lacks the storage {name} its pickle names: the file is corrupt");
            var size = storage.Type.Size;
            if (storage.Numel > MaxEntryBytes / size) throw new WinnowException($"{path}: storage {name} is larger than any label file");
            if (entry.Length != storage.Numel * size)
                throw new WinnowException($"{path}: storage {name} holds {entry.Length} bytes, its pickle says {storage.Numel} × {size}: the file is corrupt");
            return ReadEntry(path, entry, count * size);
        }
        catch (InvalidDataException e)
        {
            throw new WinnowException($"{path} is truncated or corrupt ({e.Message.TrimEnd('.')})");
        }
    }

    /// <summary>The first <paramref name="limit"/> bytes of an entry (all of it when shorter).</summary>
    private static byte[] ReadEntry(string path, ZipArchiveEntry entry, long limit)
    {
        var length = Math.Min(limit, entry.Length);
        if (length > MaxEntryBytes) throw new WinnowException($"{path}: {entry.FullName} is larger than any label file");
        var buffer = new byte[length];
        using var stream = entry.Open();
        try { stream.ReadExactly(buffer); }
        catch (EndOfStreamException) { throw new WinnowException($"{path} is truncated or corrupt: {entry.FullName} ends early"); }
        return buffer;
    }

    private static string AsciiText(byte[] text) => System.Text.Encoding.ASCII.GetString(text).Trim();

    private static TorchSaveFile FromLegacy(string path, byte[] bytes)
    {
        var storages = new Dictionary<string, TorchStorage>(StringComparer.Ordinal);
        var stream = new RestrictedUnpickler(bytes, path, pid => StorageRecord(path, pid, storages));
        if (stream.Load() is not BigInteger magic || magic != LegacyMagic)
            throw new WinnowException($"{path} is a pickle but not a file torch.save writes: it does not start with torch's magic number");
        if (stream.Load() is not LegacyProtocolVersion)
            throw new WinnowException($"{path} is a torch.save file of an unknown legacy protocol version");
        if (stream.Load() is PyDict system && system.Items.TryGetValue("little_endian", out var little) && little is false)
            throw new WinnowException($"{path} was written on a big-endian machine; only little-endian storages are read");
        var root = stream.Load();
        if (stream.Load() is not List<object?> keys)
            throw new WinnowException($"{path} is truncated or corrupt: the list of its storages is missing");

        // Each storage: its element count (int64), then count × element size bytes, in the order of the keys.
        var starts = new Dictionary<string, int>(StringComparer.Ordinal);
        long position = stream.Position;
        foreach (var key in keys)
        {
            if (key is not string name || !storages.TryGetValue(name, out var storage))
                throw new WinnowException($"{path} lists a storage its pickle never names: the file is corrupt");
            if (position + 8 > bytes.Length) throw new WinnowException($"{path} is truncated or corrupt: storage {name} is missing");
            var numel = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan((int)position, 8));
            if (numel != storage.Numel || numel > (bytes.Length - position - 8) / storage.Type.Size)
                throw new WinnowException($"{path} is truncated or corrupt: storage {name} should hold {storage.Numel} elements");
            starts[name] = (int)position + 8;
            position += 8 + numel * storage.Type.Size;
        }
        return new TorchSaveFile(path, root, (storage, count) => starts.TryGetValue(storage.Key, out var start)
            ? bytes.AsMemory(start + (int)(storage.ElementOffset * storage.Type.Size), (int)(count * storage.Type.Size))
            : throw new WinnowException($"{path} lacks the storage {storage.Key} its pickle names: the file is corrupt"));
    }

    /// <summary>
    /// A persistent id as torch.save writes it: ('storage', torch.LongStorage, key, location,
    /// numel) in the zip format, with a sixth item in the legacy one, a view (key, offset,
    /// size) or None. The location ('cpu', 'cuda:0') does not change the bytes.
    /// </summary>
    private static TorchStorage StorageRecord(string path, PyTuple pid, Dictionary<string, TorchStorage> seen)
    {
        if (pid.Items is not ["storage", PickledGlobal { Kind: AllowedGlobal.TorchStorageType } type, string key, string, long numel, ..] || pid.Count > 6 || numel < 0)
            throw new WinnowException($"{path}: holds a persistent id that is no torch storage, not labels");
        var root = new TorchStorage(key, type.Name, ElementType.OfTorchStorage(type.Name)!, numel, 0);
        if (seen.TryGetValue(key, out var known))
        {
            if (known.Type != root.Type || known.Numel != numel)
                throw new WinnowException($"{path}: storage {key} is named as two different storages: the file is corrupt");
            root = known;
        }
        else seen[key] = root;

        return pid.Count == 6 ? pid[5] switch
        {
            null => root,
            PyTuple { Items: [string, long offset, long size] } when offset >= 0 && size >= 0 && offset + size <= numel => root with { ElementOffset = offset, Numel = size },
            _ => throw new WinnowException($"{path}: holds a malformed storage view, not labels"),
        } : root;
    }
}
