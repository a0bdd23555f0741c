using System.Diagnostics;
using Winnow.Data;
using Winnow.Models;
using Winnow.Training;
using static TorchSharp.torch;

namespace Winnow.Bench;

/// <summary>
/// Where a bare TorchSharp training epoch spends its time, phase by phase — gather the batch,
/// forward, loss, zero_grad + backward, optimiser step — in milliseconds per step, for one model;
/// bench/peer/pytorch_phases.py times the same phases in PyTorch. Each phase is synchronous on the CPU.
/// The last phase is what Winnow's trainer adds and PyTorch's loop has not: the loss read back for
/// the divergence check and the record of each sample's loss, margin and correctness (<see cref="BatchRecorder"/>).
/// </summary>
public static class EpochPhases
{
    public static int Run(string[] args)
    {
        var trainSize = BenchArgs.Int(args, "--train-size", 10000);
        var epochs = BenchArgs.Int(args, "--epochs", 3);
        var modelName = BenchArgs.Text(args, "--model") ?? "mlp";
        NativeHeap.KeepFreedMemory();
        using var data = DataPipeline.Prepare(new DataSpec { Dataset = "fashion-mnist", TrainSize = trainSize }, seed: 0);
        var train = data.Train;
        random.manual_seed(1);
        using var model = ModelCatalog.Create(modelName, [1, 28, 28], 10);
        using var optimizer = optim.SGD(model.parameters(), 0.05, 0.9, weight_decay: 5e-4, nesterov: true);
        var phases = new[] { "gather", "forward", "loss", "backward", "step", "record (Winnow only)" };
        var seconds = new double[phases.Length];
        var steps = 0;
        var order = Enumerable.Range(0, train.Count).ToArray();
        model.train();
        var whole = Stopwatch.StartNew();
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            new Random(epoch).Shuffle(order);
            var losses = new float[order.Length];
            var correct = new bool[order.Length];
            var margins = new float[order.Length];
            using var recorder = new BatchRecorder(losses, correct, margins);
            for (var start = 0; start < order.Length; start += 128)
            {
                using var scope = NewDisposeScope();
                var watch = Stopwatch.StartNew();
                void Lap(int phase) { seconds[phase] += watch.Elapsed.TotalSeconds; watch.Restart(); }
                var positions = Enumerable.Range(start, Math.Min(128, order.Length - start)).ToArray();
                var index = tensor(positions.Select(p => (long)order[p]).ToArray(), ScalarType.Int64);
                var x = train.Inputs.index_select(0, index);
                var y = train.LabelTensor.index_select(0, index);
                Lap(0);
                var logits = model.call(x);
                Lap(1);
                var loss = nn.functional.cross_entropy(logits, y);
                Lap(2);
                optimizer.zero_grad();
                loss.backward();
                Lap(3);
                optimizer.step();
                Lap(4);
                loss.item<float>();
                recorder.Add(positions, logits, y);
                Lap(5);
                steps++;
            }
            var flush = Stopwatch.StartNew();
            recorder.Flush();
            seconds[5] += flush.Elapsed.TotalSeconds;
        }
        var total = whole.Elapsed.TotalSeconds;
        Console.WriteLine($"TorchSharp {modelName}, {train.Count} samples × {epochs} epochs, {steps} steps, threads {get_num_threads()}: {1000 * total / steps:F3} ms per step");
        for (var p = 0; p < phases.Length; p++) Console.WriteLine($"| {phases[p]} | {1000 * seconds[p] / steps:F3} |");
        return 0;
    }
}
