namespace Winnow.Experiments;

/// <summary>
/// The files of a grid folder that come one per shard — results, failures, the lock and the
/// shard's plan — and how to find every shard's: results.jsonl and results.shard-K-of-N.jsonl
/// are read together, so a report, a resume or an unsharded rerun sees every shard's runs.
/// </summary>
public static class ShardFiles
{
    /// <summary>The plain file and every shard's, in a fixed order (plain first, then by name).</summary>
    public static IEnumerable<string> AllOf(string directory, string plain)
    {
        var path = Path.Combine(directory, plain);
        if (File.Exists(path)) yield return path;
        if (!Directory.Exists(directory)) yield break;
        var pattern = $"{Path.GetFileNameWithoutExtension(plain)}.shard-*-of-*{Path.GetExtension(plain)}";
        foreach (var shard in Directory.EnumerateFiles(directory, pattern).Order(StringComparer.Ordinal)) yield return shard;
    }

    /// <summary>Whether a file name is one a grid writes per shard (so a folder holding only these is a grid's).</summary>
    public static bool IsShardFile(string name, params string[] plains) =>
        plains.Any(plain => name == plain || (name.StartsWith(Path.GetFileNameWithoutExtension(plain) + ".shard-", StringComparison.Ordinal)
            && name.EndsWith(Path.GetExtension(plain), StringComparison.Ordinal)));
}
