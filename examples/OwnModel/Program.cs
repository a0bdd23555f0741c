// Your own TorchSharp model through Winnow: train, prune and detect with it as with Winnow's.
//   dotnet run -c Release --project examples/OwnModel
using TorchSharp;
using TorchSharp.Modules;
using Winnow.Data;
using Winnow.Detection;
using Winnow.Models;
using Winnow.Runs;
using Winnow.Scoring;
using Winnow.Training;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

// Register the model once: from here on every run spec, grid file and option takes its name.
// The feature extractor knows nothing of Winnow; Compose adds the head whose input is the
// embedding that Moderate, MoSo and Prune4ReL read.
ModelCatalog.Register("tiny-convnet", "two conv blocks and global pooling (this example's)",
    (shape, classes) => Classifier.Compose("tiny-convnet", new TinyConvNet(shape[0]), nn.Linear(TinyConvNet.Features, classes)));

var data = new DataSpec { Dataset = "fashion-mnist", TrainSize = 3000, Noise = "symmetric:0.4" };
var trainer = new TrainerOptions { Epochs = 4 };
RunSpec Spec(PruningSpec pruning) => new() { Data = data, Seed = 1, Model = "tiny-convnet", Trainer = trainer, Pruning = pruning };

using (var full = Runner.Execute(Spec(new NoPruning())))
    Console.WriteLine($"all {full.Record.TrainSize} samples: test accuracy {full.Record.TestAccuracy:F4} on {full.Record.Device}");

var smallLoss = new StaticPruning { Method = "small-loss", Fraction = 0.5, Scoring = new CoresetOptions { ScoreEpochs = 3 } };
using (var pruned = Runner.Execute(Spec(smallLoss)))
    Console.WriteLine($"small-loss keeps {pruned.Record.SubsetSize} ({pruned.Record.NoisyKept} mislabeled): test accuracy {pruned.Record.TestAccuracy:F4}");

using (var detected = Runner.Execute(Spec(new NoPruning()) with { Detection = new DetectionSpec { Scores = "aum,loss" } }))
    Console.WriteLine($"label issues: AUROC {detected.Record.DetectionAuroc:F3} by {detected.Record.DetectionScore}");

/// <summary>A plain TorchSharp feature extractor: conv-BN-ReLU-pool twice, then global average pooling.</summary>
sealed class TinyConvNet : nn.Module<Tensor, Tensor>
{
    public const int Features = 32;

    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;

    public TinyConvNet(long channels) : base(nameof(TinyConvNet))
    {
        conv1 = nn.Conv2d(channels, 16, 3, padding: 1);
        bn1 = nn.BatchNorm2d(16);
        conv2 = nn.Conv2d(16, Features, 3, padding: 1);
        bn2 = nn.BatchNorm2d(Features);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = max_pool2d(relu(bn1.call(conv1.call(x))), 2);
        h = max_pool2d(relu(bn2.call(conv2.call(h))), 2);
        return adaptive_avg_pool2d(h, 1).flatten(1).MoveToOuterDisposeScope();
    }
}
