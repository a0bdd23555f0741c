using System.IO.Compression;

namespace Winnow.Data.Readers;

/// <summary>
/// Reads a whole data file into memory, transparently gunzipping it when it starts with the
/// gzip magic bytes, and turns every I/O failure into a one-line <see cref="WinnowException"/>
/// that names the file.
/// </summary>
internal static class DataFile
{
    public static byte[] ReadAllBytes(string path)
    {
        if (!File.Exists(path)) throw new WinnowException($"data file not found: {path}");
        try
        {
            var raw = File.ReadAllBytes(path);
            if (raw.Length < 2 || raw[0] != 0x1f || raw[1] != 0x8b) return raw;
            using var gzip = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            using var output = new MemoryStream();
            gzip.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new WinnowException($"{path} is truncated or corrupt ({e.Message.TrimEnd('.')})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WinnowException($"cannot read {path}: {e.Message}");
        }
    }

    /// <summary>The first of the candidate names that exists in <paramref name="directory"/> (raw or .gz).</summary>
    public static string Find(string directory, params string[] names)
    {
        foreach (var name in names)
        {
            foreach (var candidate in new[] { name, name + ".gz" })
            {
                var path = Path.Combine(directory, candidate);
                if (File.Exists(path)) return path;
            }
        }
        return Path.Combine(directory, names[0]);
    }
}
