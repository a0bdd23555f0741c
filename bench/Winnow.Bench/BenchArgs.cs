namespace Winnow.Bench;

/// <summary>Reads `--name value` pairs from a benchmark's arguments.</summary>
public static class BenchArgs
{
    public static int Int(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    }

    public static string? Text(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    /// <summary>A comma-separated list, e.g. `--methods random,ccs`.</summary>
    public static string[] List(string[] args, string name, string fallback) => (Text(args, name) ?? fallback).Split(',');

    /// <summary>A comma-separated list of numbers, e.g. `--fractions 0.1,0.3`.</summary>
    public static double[] Numbers(string[] args, string name, string fallback) =>
        List(args, name, fallback).Select(n => double.Parse(n, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
}
