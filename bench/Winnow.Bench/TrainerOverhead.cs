using System.Diagnostics;
using TorchSharp;
using Winnow.Data;
using Winnow.Models;
using Winnow.Training;
using static TorchSharp.torch;

namespace Winnow.Bench;

/// <summary>
/// One epoch of Winnow's Trainer against a bare TorchSharp loop (same model, data, batch size,
/// optimiser and shuffling cost), and Winnow's inference pass against one by hand, each run in
/// turn A B B A … in one process so machine drift hits both alike; reports each pair's ratio, the
/// median, and training / inference throughput. The bare loops are the CPU-only code Winnow ran
/// before it moved batches to a device, so the ratios also measure what the device plumbing costs.
/// </summary>
public static class TrainerOverhead
{
    public static int Run(string[] args)
    {
        var pairs = BenchArgs.Int(args, "--pairs", 4);
        var trainSize = BenchArgs.Int(args, "--train-size", 60000);
        var modelName = BenchArgs.Text(args, "--model") ?? "small-cnn";
        const int batchSize = 128;
        using var data = DataPipeline.Prepare(new DataSpec { Dataset = "fashion-mnist", TrainSize = trainSize == 60000 ? null : trainSize }, seed: 0);
        Console.WriteLine($"fashion-mnist {data.Train.Count} train samples, {modelName}, batch {batchSize}, {pairs} pairs (Winnow, bare)");
        var options = new TrainerOptions { Epochs = 1, BatchSize = batchSize, LearningRate = 0.05 };

        // Warm-up (first-use costs of libtorch kernels and the allocator), then pairs in alternating
        // order so neither side always runs first.
        using (var warmUp = new SampleSet(data.Train.Inputs.narrow(0, 0, Math.Min(2048, data.Train.Count)), data.Train.Labels[..Math.Min(2048, data.Train.Count)], null, 10))
        {
            TimeWinnowEpoch(warmUp, options, modelName);
            TimeBareEpoch(warmUp, options, modelName);
        }
        var ratios = new List<double>();
        var winnowTimes = new List<double>();
        var bareTimes = new List<double>();
        for (var p = 0; p < pairs; p++)
        {
            double winnow, bare;
            if (p % 2 == 0)
            {
                winnow = TimeWinnowEpoch(data.Train, options, modelName);
                bare = TimeBareEpoch(data.Train, options, modelName);
            }
            else
            {
                bare = TimeBareEpoch(data.Train, options, modelName);
                winnow = TimeWinnowEpoch(data.Train, options, modelName);
            }
            winnowTimes.Add(winnow);
            bareTimes.Add(bare);
            ratios.Add(winnow / bare);
            Console.WriteLine($"pair {p + 1}: winnow {winnow:F2}s  bare {bare:F2}s  ratio {winnow / bare:F3}");
        }
        Console.WriteLine($"median ratio winnow/bare: {Median(ratios):F3}");
        Console.WriteLine($"training throughput: winnow {data.Train.Count / Median(winnowTimes):F0} samples/s, bare {data.Train.Count / Median(bareTimes):F0} samples/s");

        // The inference pass (logits, probabilities, embeddings of every training sample) against
        // the same pass by hand, in alternating pairs too.
        random.manual_seed(1);
        using var model = ModelCatalog.Create(modelName, [1, 28, 28], 10);
        Inference.Accuracy(model, data.Test); // warm-up
        BarePredict(model, data.Test);
        var inferenceRatios = new List<double>();
        var inferenceTimes = new List<double>();
        for (var p = 0; p < pairs; p++)
        {
            double winnow = 0, bare = 0;
            foreach (var side in p % 2 == 0 ? new[] { 0, 1 } : [1, 0])
            {
                var watch = Stopwatch.StartNew();
                if (side == 0) Inference.Predict(model, data.Train);
                else BarePredict(model, data.Train);
                if (side == 0) winnow = watch.Elapsed.TotalSeconds;
                else bare = watch.Elapsed.TotalSeconds;
            }
            inferenceRatios.Add(winnow / bare);
            inferenceTimes.Add(winnow);
            Console.WriteLine($"inference pair {p + 1}: winnow {winnow:F2}s  bare {bare:F2}s  ratio {winnow / bare:F3}");
        }
        Console.WriteLine($"median inference ratio winnow/bare: {Median(inferenceRatios):F3}");
        Console.WriteLine($"inference (logits, probabilities + embeddings, batch {Inference.DefaultBatchSize}): {data.Train.Count / Median(inferenceTimes):F0} samples/s");
        return 0;
    }

    /// <summary>Logits, probabilities and embeddings of every sample by hand: eval, no_grad, index, embed, head, copy out.</summary>
    private static void BarePredict(Classifier model, SampleSet set)
    {
        var classes = (int)model.ClassCount;
        var width = (int)model.EmbeddingSize;
        var logits = new float[set.Count * classes];
        var probabilities = new float[set.Count * classes];
        var embeddings = new float[set.Count * width];
        model.eval();
        using var noGrad = no_grad();
        for (var start = 0; start < set.Count; start += Inference.DefaultBatchSize)
        {
            using var scope = NewDisposeScope();
            var index = arange(start, Math.Min(set.Count, start + Inference.DefaultBatchSize), dtype: ScalarType.Int64);
            var h = model.Embed(set.Inputs.index_select(0, index));
            var z = model.Head.call(h);
            z.data<float>().CopyTo(logits, start * classes);
            nn.functional.softmax(z, 1).data<float>().CopyTo(probabilities, start * classes);
            h.data<float>().CopyTo(embeddings, start * width);
        }
        model.train();
    }

    private static double TimeWinnowEpoch(SampleSet train, TrainerOptions options, string modelName)
    {
        random.manual_seed(1);
        using var model = ModelCatalog.Create(modelName, [1, 28, 28], 10);
        using var trainer = new Trainer(model, train, options, seed: 1);
        var watch = Stopwatch.StartNew();
        trainer.TrainEpoch(EpochPlan.All(train.Count));
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>The loop a TorchSharp user would write by hand: shuffle, index, forward, CE, backward, step.</summary>
    private static double TimeBareEpoch(SampleSet train, TrainerOptions options, string modelName)
    {
        random.manual_seed(1);
        using var model = ModelCatalog.Create(modelName, [1, 28, 28], 10);
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
