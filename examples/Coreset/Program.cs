// Score → select → train from C#: the README's library example, runnable as
//   dotnet run -c Release --project examples/Coreset -- [method] [fraction]
using Winnow.Data;
using Winnow.Runs;
using Winnow.Scoring;
using Winnow.Training;

var method = args.Length > 0 ? args[0] : "moso";
var fraction = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 0.3;

var dataOptions = new DataOptions { Dataset = "fashion-mnist", TrainSize = 5000, Noise = "symmetric:0.4", Seed = 1 };
using var data = DataPipeline.Prepare(dataOptions);

// 1. Score every training sample with a short surrogate run and keep a fraction.
using var context = new ScoringContext(data.Train, new CoresetOptions { ScoreEpochs = 3, Seed = 1 }, "small-cnn", new TrainerOptions());
var selection = CoresetMethods.Create(method).Select(context, fraction);
var noisyKept = selection.Kept.Count(i => data.Train.NoisyMask![i]);
Console.WriteLine($"{method}: kept {selection.Kept.Length} of {data.Train.Count}, {noisyKept} of them mislabeled");

// 2. Train a fresh model on the kept samples only.
var options = new TrainRunOptions { Data = dataOptions, Trainer = new TrainerOptions { Epochs = 5 }, Subset = selection.Kept };
using var run = TrainRun.Execute(options, data);
Console.WriteLine($"test accuracy {run.TestAccuracy:F4} after training on the coreset");
