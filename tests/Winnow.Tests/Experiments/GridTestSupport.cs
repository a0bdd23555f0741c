using System.Text.Json.Nodes;
using Winnow.Experiments;
using Winnow.Output;

namespace Winnow.Tests.Experiments;

/// <summary>Tiny grids on a TinyIdx dataset (8×8 images, 3 classes): a whole grid trains in seconds.</summary>
public static class GridTestSupport
{
    public static string Grid(string dataDir, string arms, string seeds = "[1, 2]", string fractions = "[0.5]", int epochs = 3) => $$"""
        {
          "name": "tiny",
          "datasets": [{"name": "idx:{{dataDir}}"}],
          "noise": ["symmetric:0.3"],
          "fractions": {{fractions}},
          "seeds": {{seeds}},
          "trainer": {"epochs": {{epochs}}, "batch_size": 32},
          "scoring": {"score_epochs": 1},
          "arms": {{arms}}
        }
        """;

    public const string FourArms = """
        ["full", {"method": "el2n"}, {"method": "random", "kd": true},
         {"dynamic": "infobatch", "prune_ratio": 0.5, "align": true, "das_window": 2, "reference_size": 0.05}]
        """;

    /// <summary>results.jsonl with every timing (keys ending in _seconds) removed: what must not depend on when or how often a grid was run.</summary>
    public static string[] WithoutTimings(string directory) =>
        ShardFiles.AllOf(directory, ResultStore.FileName).SelectMany(File.ReadAllLines).Select(line =>
        {
            var row = JsonNode.Parse(line)!.AsObject();
            var metrics = row["metrics"]!.AsObject();
            foreach (var key in metrics.Select(p => p.Key).Where(k => k.EndsWith("_seconds", StringComparison.Ordinal)).ToArray()) metrics.Remove(key);
            return CanonicalJson.Write(row);
        }).ToArray();

    /// <summary>A TinyIdx dataset folder (outputs go inside it), deleted when disposed.</summary>
    public sealed class TinyData(int trainCount = 240, int testCount = 60) : IDisposable
    {
        public string Path { get; } = Support.TinyIdx.Create(trainCount, testCount);

        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Reports synchronously (Progress&lt;T&gt; would post to the thread pool).</summary>
    public sealed class Listener(Action<GridProgress> action) : IProgress<GridProgress>
    {
        public void Report(GridProgress value) => action(value);
    }
}
