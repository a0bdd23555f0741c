namespace Winnow.Cli.Console;

/// <summary>
/// The grid files that come with the tool (bench/grids, copied beside it as grids/), so that
/// `winnow bench --grid quick` works from an installed tool: a --grid value that names no
/// existing file and has no folder or extension is looked up there by name.
/// </summary>
public static class ShippedGrids
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "grids");
    private static readonly string[] Extensions = [".json", ".yaml", ".yml"];

    public static IReadOnlyList<string> Names =>
        Directory.Exists(Folder)
            ? Directory.EnumerateFiles(Folder).Where(f => Extensions.Contains(Path.GetExtension(f))).Select(f => Path.GetFileNameWithoutExtension(f)!).Order().ToArray()
            : [];

    /// <summary>The path to read: the value itself when it names a file (or looks like a path), else the shipped grid of that name.</summary>
    public static string Resolve(string value)
    {
        if (File.Exists(value) || value.Contains(Path.DirectorySeparatorChar) || Path.HasExtension(value)) return value;
        return Extensions.Select(e => Path.Combine(Folder, value + e)).FirstOrDefault(File.Exists)
            ?? throw new WinnowException($"grid file not found: {value} (the grids that come with winnow: {string.Join(", ", Names)})");
    }
}
