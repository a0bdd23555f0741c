using System.Diagnostics;
using System.Text.Json;
using Winnow.Data;
using Winnow.Runs;
using Winnow.Training;
using static TorchSharp.torch;

namespace Winnow.Bench;

/// <summary>
/// Winnow's side of the PyTorch peer benchmark (bench/peer): one `winnow train` run through the
/// library's runner — Fashion-MNIST subset, noise, model, the default trainer — then the inference
/// pass over the training subset (logits, probabilities, embeddings), timed; writes labels.npy so
/// the PyTorch side trains on the same images and labels, and prints one JSON line.
/// </summary>
public static class PeerSide
{
    public static int Run(string[] args)
    {
        var trainSize = BenchArgs.Int(args, "--train-size", 20000);
        var epochs = BenchArgs.Int(args, "--epochs", 12);
        var seed = BenchArgs.Int(args, "--seed", 0);
        var noise = BenchArgs.Text(args, "--noise") ?? "none";
        var model = BenchArgs.Text(args, "--model") ?? "small-cnn";
        var labelsOut = BenchArgs.Text(args, "--labels-out");
        var channelsLast = (BenchArgs.Text(args, "--channels-last") ?? "true") == "true";
        var spec = new RunSpec
        {
            Data = new DataSpec { Dataset = "fashion-mnist", TrainSize = trainSize == 60000 ? null : trainSize, Noise = noise },
            Seed = seed,
            Model = model,
            Trainer = new TrainerOptions { Epochs = epochs },
            Device = "cpu",
            ChannelsLast = channelsLast,
        };
        using var run = Runner.Execute(spec, evaluateEveryEpoch: false);
        var train = run.Data.Train;
        if (labelsOut is not null) TrainingOutput.WriteLabels(labelsOut, run);

        var network = run.Trainer!.Model;
        Inference.Predict(network, train, Enumerable.Range(0, Math.Min(512, train.Count)).ToArray()); // first-use costs
        var watch = Stopwatch.StartNew();
        Inference.Predict(network, train);
        var inference = watch.Elapsed.TotalSeconds;

        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["side"] = "winnow",
            ["model"] = model,
            ["train_size"] = train.Count,
            ["epochs"] = epochs,
            ["threads"] = get_num_threads(),
            ["interop_threads"] = get_num_interop_threads(),
            ["layout"] = run.Record.ActivationLayout,
            ["train_seconds"] = Math.Round(run.Record.TrainSeconds ?? double.NaN, 3),
            ["epoch_seconds"] = run.Epochs.Select(e => Math.Round(e.Seconds, 3)).ToArray(),
            ["test_accuracy"] = run.Record.TestAccuracy,
            ["inference_samples_per_second"] = Math.Round(train.Count / inference, 1),
        }));
        return 0;
    }
}
