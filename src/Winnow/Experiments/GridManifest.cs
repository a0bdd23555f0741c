using Winnow.Output;

namespace Winnow.Experiments;

/// <summary>
/// DIR/grid.json: which grid the directory's results belong to — its hash (see
/// <see cref="GridExpansion.GridHash"/>) and every run with the axes and label the report
/// needs — so a second grid cannot mix its results in, and <c>winnow report DIR</c> works
/// without the grid file.
/// </summary>
public sealed record GridManifest(string Name, string Hash, string Source, IReadOnlyList<GridManifest.Run> Runs)
{
    public const string FileName = "grid.json";

    /// <param name="FullHash">The full-data cross-entropy run of the same data, seed and settings (relative wall-clock).</param>
    public sealed record Run(string Hash, string Arm, string Kind, string Dataset, string Noise, int Seed, double? Fraction, string FullHash);

    /// <summary>The arm pairs the report compares by seed; not part of the hash, so a grid may change them without --update.</summary>
    public IReadOnlyList<GridComparison>? Comparisons { get; init; }

    public static GridManifest From(GridSpec grid, IReadOnlyList<GridRun> runs) => new(grid.Name, GridExpansion.GridHash(runs), grid.Source,
        runs.Select(r => new Run(r.Hash, r.Label, r.Kind, r.Dataset, r.Noise, r.Seed, r.Fraction, r.FullHash)).ToArray())
    {
        Comparisons = grid.Comparisons,
    };

    public static string PathIn(string directory) => Path.Combine(directory, FileName);

    public static GridManifest Read(string directory)
    {
        var path = PathIn(directory);
        if (!File.Exists(path)) throw new WinnowException($"{directory} holds no {FileName}: it is not the output of winnow bench");
        return Json.Read<GridManifest>(path);
    }

    /// <summary>
    /// Records this grid as the directory's, or checks that it already is. A directory holding
    /// another grid's results is refused unless <paramref name="update"/>: then the new grid takes
    /// it over, and results whose configuration hash is unchanged are reused.
    /// </summary>
    public void Claim(string directory, bool update)
    {
        var path = PathIn(directory);
        if (File.Exists(path))
        {
            var existing = Json.Read<GridManifest>(path);
            if (existing.Hash != Hash && !update)
                throw new WinnowException(
                    $"{directory} holds results of another grid ('{existing.Name}', {existing.Runs.Count} runs, from {existing.Source}); use another output folder, or update it with this grid (finished runs whose spec is unchanged are kept)");
        }
        else if (ShardFiles.AllOf(directory, ResultStore.FileName).Any() && !update)
        {
            throw new WinnowException($"{directory} holds {ResultStore.FileName} but no {FileName}; use another output folder, or update it with this grid");
        }
        else if (Directory.EnumerateFileSystemEntries(directory).Any(e => !IsGridFile(Path.GetFileName(e))))
        {
            throw new WinnowException($"{directory} holds files but no {FileName}: it is not the output of a grid; use another output folder");
        }
        Json.Write(path, this);
    }

    /// <summary>The files a grid writes first, which another shard of it may already have written when this one claims the folder.</summary>
    private static bool IsGridFile(string name) =>
        ShardFiles.IsShardFile(name, GridLock.FileName, ResultStore.FileName, FailureStore.FileName, ShardRecord.Plain) || name.EndsWith(".tmp", StringComparison.Ordinal);
}
