using System.Diagnostics;
using TorchSharp;
using Winnow.Data;
using Winnow.Models;
using Winnow.Training;
using static TorchSharp.torch;

namespace Winnow.Bench;

/// <summary>
/// Trains the small CNN for N epochs (with per-epoch test evaluation, as `winnow train` does) and
/// prints resident memory and live tensor count after each epoch; the figure of merit is RSS
/// growth from epoch 2 to the last epoch.
/// </summary>
public static class MemoryGrowth
{
    public static int Run(string[] args)
    {
        var epochs = BenchArgs.Int(args, "--epochs", 10);
        var trainSize = BenchArgs.Int(args, "--train-size", 60000);
        using var data = DataPipeline.Prepare(new DataSpec { Dataset = "fashion-mnist", TrainSize = trainSize == 60000 ? null : trainSize }, seed: 0);
        random.manual_seed(1);
        using var model = ModelCatalog.Create("small-cnn", [1, 28, 28], 10);
        using var trainer = new Trainer(model, data.Train, new TrainerOptions { Epochs = epochs }, seed: 1);
        var rss = new List<long>();
        var planner = FixedPlanner.FullData(data.Train.Count);
        for (var e = 0; e < epochs; e++)
        {
            var result = trainer.TrainEpoch(planner.Plan(e, epochs));
            var accuracy = trainer.Evaluate(data.Test);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            using var self = Process.GetCurrentProcess();
            rss.Add(self.WorkingSet64);
            Console.WriteLine($"epoch {e + 1}: {result.Seconds:F1}s test_acc {accuracy:F4} rss {self.WorkingSet64 / 1048576.0:F0} MiB live_tensors {DisposeScopeManager.Statistics.ThreadTotalLiveCount}");
        }
        if (epochs >= 2)
            Console.WriteLine($"rss growth epoch 2 -> {epochs}: {(rss[^1] - rss[1]) * 100.0 / rss[1]:F2}%");
        return 0;
    }
}
