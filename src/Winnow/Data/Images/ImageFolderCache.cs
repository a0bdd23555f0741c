using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Winnow.Data.Storage;
using Winnow.Output;

namespace Winnow.Data.Images;

/// <summary>
/// Where a split's samples are cached and whether an earlier cache still fits. A split's key is a
/// SHA-256 over what its bytes depend on: a format version, the split's role, the folder's absolute
/// path, the options that change the samples, the class names, every image's relative path, size
/// and last write time (UTC ticks), and for a test split the training samples' shape (which it
/// follows). The file name is <c>images-SLOT-KEY.cache</c> (+ <c>.json</c>), SLOT a hash of the
/// same folder, role and options without the file facts: a rebuild replaces the stale caches of
/// its slot, while caches of other image sizes or channels of the same folder stay.
/// </summary>
internal sealed class ImageFolderCache(string directory)
{
    /// <summary>Bump when decoding changes what bytes an image gives, so old caches are not reused.</summary>
    private const int FormatVersion = 1;

    public string Directory { get; } = directory;

    /// <summary>The options' cache folder, else $WINNOW_CACHE, else $XDG_CACHE_HOME/winnow, else ~/.cache/winnow.</summary>
    /// <param name="environment">Reads an environment variable (the process's unless a test gives its own).</param>
    public static string ResolveDirectory(string? configured, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured);
        var winnow = environment("WINNOW_CACHE");
        if (!string.IsNullOrWhiteSpace(winnow)) return Path.GetFullPath(winnow);
        // The XDG spec says to ignore a relative XDG_CACHE_HOME.
        var xdg = environment("XDG_CACHE_HOME");
        if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg)) return Path.Combine(xdg, "winnow");
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "winnow");
    }

    /// <summary>A split's cache files and the key they must carry.</summary>
    public sealed record Entry(string Slot, string Key, string CachePath, string IndexPath);

    /// <param name="trainShape">A test split's: the training samples' [C, H, W]; null for the training split.</param>
    public Entry EntryFor(ImageFolderListing listing, string role, ImageFolderOptions options, IReadOnlyList<string> classNames, int[]? trainShape)
    {
        using var slot = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Add(slot, $"winnow image folder v{FormatVersion}");
        Add(slot, role);
        Add(slot, listing.Root);
        Add(slot, options.ImageSize ?? -1);
        Add(slot, options.Channels ?? -1);
        Add(slot, options.SkipBadImages ? 1 : 0);
        var slotHash = Convert.ToHexStringLower(slot.GetCurrentHash());

        using var key = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Add(key, slotHash);
        Add(key, classNames.Count);
        foreach (var name in classNames) Add(key, name);
        Add(key, trainShape?.Length ?? 0);
        foreach (var d in trainShape ?? []) Add(key, d);
        Add(key, listing.Files.Length);
        foreach (var file in listing.Files)
        {
            Add(key, file.RelativePath);
            Add(key, file.Length);
            Add(key, file.LastWriteUtcTicks);
        }
        var keyHash = Convert.ToHexStringLower(key.GetCurrentHash());
        var fileName = $"images-{slotHash[..16]}-{keyHash[..16]}";
        return new Entry(slotHash[..16], keyHash, Path.Combine(Directory, fileName + ".cache"), Path.Combine(Directory, fileName + ".json"));
    }

    /// <summary>A cache built for this key and whole, with its index, or null (then it is rebuilt).</summary>
    public sealed record Reusable(ImageFolderIndex Index, int[] SampleShape);

    public static Reusable? TryReuse(Entry entry, IReadOnlyList<string> classNames)
    {
        var header = SampleCacheFile.TryReadHeader(entry.CachePath);
        if (header is null || header.Key != entry.Key) return null;
        var index = TryReadIndex(entry.IndexPath);
        if (index is null || index.Key != entry.Key || index.Paths.Length != header.Count || index.Labels.Length != header.Count) return null;
        if (!index.ClassNames.SequenceEqual(classNames, StringComparer.Ordinal)) return null;
        if (index.Labels.Any(l => (uint)l >= (uint)classNames.Count)) return null;
        if (header.SampleShape is not [1 or 3, > 0, > 0]) return null;
        return new Reusable(index, header.SampleShape);
    }

    public static void WriteIndex(Entry entry, ImageFolderIndex index) => Json.Write(entry.IndexPath, index);

    /// <summary>Deletes the slot's other caches (built from an earlier state of the folder); one in use elsewhere is left.</summary>
    public void DeleteStale(Entry entry)
    {
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, $"images-{entry.Slot}-*"))
        {
            if (path == entry.CachePath || path == entry.IndexPath) continue;
            if (!path.EndsWith(".cache", StringComparison.Ordinal) && !path.EndsWith(".json", StringComparison.Ordinal)) continue;
            try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static ImageFolderIndex? TryReadIndex(string path)
    {
        try
        {
            var index = JsonSerializer.Deserialize<ImageFolderIndex>(File.ReadAllText(path), Json.Options);
            return index is { ClassNames: not null, Paths: not null, Labels: not null, Skipped: not null } ? index : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    // Length-prefixed, so no two different sequences of values hash the same bytes.
    private static void Add(IncrementalHash hash, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Add(hash, bytes.Length);
        hash.AppendData(bytes);
    }

    private static void Add(IncrementalHash hash, long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BitConverter.TryWriteBytes(bytes, value);
        hash.AppendData(bytes);
    }
}
