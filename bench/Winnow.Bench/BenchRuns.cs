using Winnow.Data;
using Winnow.Runs;
using Winnow.Training;

namespace Winnow.Bench;

/// <summary>The benchmarks' runs: Fashion-MNIST specs, executed by the library's one runner with resources they share.</summary>
public static class BenchRuns
{
    /// <summary>Full-data training on a seed-1 stratified subset with the given noise, small CNN, default trainer.</summary>
    public static RunSpec Spec(int trainSize, string noise, int epochs) => new()
    {
        Data = new DataSpec { Dataset = "fashion-mnist", TrainSize = trainSize == 60000 ? null : trainSize, Noise = noise },
        Seed = 1,
        Trainer = new TrainerOptions { Epochs = epochs },
    };

    /// <summary>Runs a spec without per-epoch evaluation (only the final test accuracy counts here).</summary>
    public static RunResult Run(RunSpec spec, IRunResources resources) => Runner.Execute(spec, resources: resources, evaluateEveryEpoch: false);

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
