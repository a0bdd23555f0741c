using System.Diagnostics;
using TorchSharp;
using Winnow.Data;
using Winnow.Models;
using Winnow.Training;
using static TorchSharp.torch;

namespace Winnow.Bench;

/// <summary>
/// One epoch of Winnow's Trainer against a bare TorchSharp loop (same model, data, batch size,
/// optimiser and shuffling cost), run in turn A B A B … in one process so machine drift hits both
/// alike; reports each pair's ratio, the median, and training / inference throughput.
/// </summary>
public static class TrainerOverhead
{
    public static int Run(string[] args)
    {
        var pairs = BenchArgs.Int(args, "--pairs", 4);
        var trainSize = BenchArgs.Int(args, "--train-size", 60000);
        const int batchSize = 128;
        using var data = DataPipeline.Prepare(new DataSpec { Dataset = "fashion-mnist", TrainSize = trainSize == 60000 ? null : trainSize }, seed: 0);
        Console.WriteLine($"fashion-mnist {data.Train.Count} train samples, small-cnn, batch {batchSize}, {pairs} pairs (Winnow, bare)");
        var options = new TrainerOptions { Epochs = 1, BatchSize = batchSize, LearningRate = 0.05 };

        // Warm-up (first-use costs of libtorch kernels and the allocator), then pairs in alternating
        // order so neither side always runs first.
        using (var warmUp = new SampleSet(data.Train.Inputs.narrow(0, 0, Math.Min(2048, data.Train.Count)), data.Train.Labels[..Math.Min(2048, data.Train.Count)], null, 10))
        {
            TimeWinnowEpoch(warmUp, options);
            TimeBareEpoch(warmUp, options);
        }
        var ratios = new List<double>();
        var winnowTimes = new List<double>();
        var bareTimes = new List<double>();
        for (var p = 0; p < pairs; p++)
        {
            double winnow, bare;
            if (p % 2 == 0)
            {
                winnow = TimeWinnowEpoch(data.Train, options);
                bare = TimeBareEpoch(data.Train, options);
            }
            else
            {
                bare = TimeBareEpoch(data.Train, options);
                winnow = TimeWinnowEpoch(data.Train, options);
            }
            winnowTimes.Add(winnow);
            bareTimes.Add(bare);
            ratios.Add(winnow / bare);
            Console.WriteLine($"pair {p + 1}: winnow {winnow:F2}s  bare {bare:F2}s  ratio {winnow / bare:F3}");
        }
        Console.WriteLine($"median ratio winnow/bare: {Median(ratios):F3}");
        Console.WriteLine($"training throughput: winnow {data.Train.Count / Median(winnowTimes):F0} samples/s, bare {data.Train.Count / Median(bareTimes):F0} samples/s");

        random.manual_seed(1);
        using var model = ModelCatalog.Create("small-cnn", [1, 28, 28], 10);
        Inference.Accuracy(model, data.Test); // warm-up
        var watch = Stopwatch.StartNew();
        Inference.Predict(model, data.Train);
        Console.WriteLine($"inference (probabilities + embeddings, batch {Inference.DefaultBatchSize}): {data.Train.Count / watch.Elapsed.TotalSeconds:F0} samples/s");
        return 0;
    }

    private static double TimeWinnowEpoch(SampleSet train, TrainerOptions options)
    {
        random.manual_seed(1);
        using var model = ModelCatalog.Create("small-cnn", [1, 28, 28], 10);
        using var trainer = new Trainer(model, train, options, seed: 1);
        var watch = Stopwatch.StartNew();
        trainer.TrainEpoch(EpochPlan.All(train.Count));
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>The loop a TorchSharp user would write by hand: shuffle, index, forward, CE, backward, step.</summary>
    private static double TimeBareEpoch(SampleSet train, TrainerOptions options)
    {
        random.manual_seed(1);
        using var model = ModelCatalog.Create("small-cnn", [1, 28, 28], 10);
        using var optimizer = optim.SGD(model.parameters(), options.LearningRate, options.Momentum,
            weight_decay: options.WeightDecay, nesterov: options.Nesterov);
        var order = Enumerable.Range(0, train.Count).ToArray();
        new Random(1).Shuffle(order);
        model.train();
        var watch = Stopwatch.StartNew();
        for (var start = 0; start < order.Length; start += options.BatchSize)
        {
            using var scope = NewDisposeScope();
            var rows = order.AsSpan(start, Math.Min(options.BatchSize, order.Length - start)).ToArray().Select(i => (long)i).ToArray();
            var index = tensor(rows, ScalarType.Int64);
            var x = train.Inputs.index_select(0, index);
            var y = train.LabelTensor.index_select(0, index);
            var loss = nn.functional.cross_entropy(model.call(x), y);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
        }
        return watch.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
