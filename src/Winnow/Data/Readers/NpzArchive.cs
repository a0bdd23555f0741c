using System.IO.Compression;

namespace Winnow.Data.Readers;

/// <summary>
/// NumPy's .npz: a zip archive, stored (<c>np.savez</c>) or deflated (<c>np.savez_compressed</c>),
/// whose entries KEY.npy are .npy files. Entries are read on demand, so an archive's other arrays
/// (even ones Winnow cannot read) cost nothing.
/// </summary>
public sealed class NpzArchive : IDisposable
{
    private readonly ZipArchive _zip;
    private readonly Dictionary<string, ZipArchiveEntry> _entries;
    private readonly string[] _keys;

    private NpzArchive(string path, ZipArchive zip)
    {
        Path = path;
        _zip = zip;
        _entries = zip.Entries.Where(e => e.FullName.EndsWith(".npy", StringComparison.Ordinal))
            .GroupBy(e => e.FullName[..^".npy".Length], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _keys = zip.Entries.Select(e => e.FullName).Where(n => n.EndsWith(".npy", StringComparison.Ordinal))
            .Select(n => n[..^".npy".Length]).Distinct(StringComparer.Ordinal).ToArray();
    }

    public string Path { get; }

    /// <summary>The arrays' names, in archive order (the order np.savez was given them).</summary>
    public IReadOnlyList<string> Keys => _keys;

    public static NpzArchive Open(string path)
    {
        if (!File.Exists(path)) throw new WinnowException($"data file not found: {path}");
        try
        {
            return new NpzArchive(path, ZipFile.OpenRead(path));
        }
        catch (InvalidDataException e)
        {
            throw new WinnowException($"{path} is not an .npz file: it is not a readable zip archive ({e.Message.TrimEnd('.')})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WinnowException($"cannot read {path}: {e.Message}");
        }
    }

    public bool Contains(string key) => _entries.ContainsKey(key);

    /// <exception cref="WinnowException">No array <paramref name="key"/> (the message lists those there are), or one that cannot be read.</exception>
    public NpyArray Read(string key)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            var held = _keys.Length == 0 ? "no arrays" : string.Join(", ", _keys);
            throw new WinnowException($"{Path} has no array '{key}'; it holds {held}");
        }
        var source = $"{Path}[{key}]";
        try
        {
            using var stream = entry.Open();
            return NpyReader.Read(stream, source, entry.Length);
        }
        catch (InvalidDataException e)
        {
            throw new WinnowException($"{source} is corrupt ({e.Message.TrimEnd('.')})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WinnowException($"cannot read {source}: {e.Message}");
        }
    }

    public void Dispose() => _zip.Dispose();
}
