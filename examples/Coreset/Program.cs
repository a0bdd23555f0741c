// Score → select → train from C#: the README's library example, runnable as
//   dotnet run -c Release --project examples/Coreset -- [method] [fraction]
using Winnow.Data;
using Winnow.Runs;
using Winnow.Scoring;
using Winnow.Training;

var method = args.Length > 0 ? args[0] : "moso";
var fraction = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 0.3;

// One run, described once: score every sample with a short surrogate run, keep a fraction,
// train a fresh model on the kept samples only.
var spec = new RunSpec
{
    Data = new DataSpec { Dataset = "fashion-mnist", TrainSize = 5000, Noise = "symmetric:0.4" },
    Seed = 1,
    Trainer = new TrainerOptions { Epochs = 5 },
    Pruning = new StaticPruning { Method = method, Fraction = fraction, Scoring = new CoresetOptions { ScoreEpochs = 3 } },
};
using var run = Runner.Execute(spec);
var record = run.Record;
Console.WriteLine($"{method}: kept {record.SubsetSize} of {record.TrainSize}, {record.NoisyKept} of them mislabeled");
Console.WriteLine($"test accuracy {record.TestAccuracy:F4} after training on the coreset");
