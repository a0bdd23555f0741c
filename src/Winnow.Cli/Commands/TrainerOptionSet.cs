using System.CommandLine;
using Winnow.Data;
using Winnow.Models;
using Winnow.Training;

namespace Winnow.Cli.Commands;

/// <summary>The model and optimisation options shared by every command that trains.</summary>
public sealed class TrainerOptionSet
{
    public Option<string?> Model { get; } = new("--model")
    {
        Description = $"Model: {string.Join(" | ", ModelCatalog.All.Select(m => m.Name))} (default: small-cnn for gray images, resnet18 for colour images, mlp for CSV)",
    };

    public Option<int> Epochs { get; } = new("--epochs") { Description = "Training epochs", DefaultValueFactory = _ => 10 };

    public Option<int> BatchSize { get; } = new("--batch-size") { Description = "Mini-batch size", DefaultValueFactory = _ => 128 };

    public Option<double> LearningRate { get; } = new("--lr") { Description = "Initial learning rate (SGD)", DefaultValueFactory = _ => 0.05 };

    public Option<double> Momentum { get; } = new("--momentum") { Description = "SGD momentum", DefaultValueFactory = _ => 0.9 };

    public Option<bool> NoNesterov { get; } = new("--no-nesterov") { Description = "Plain momentum instead of Nesterov momentum" };

    public Option<double> WeightDecay { get; } = new("--weight-decay") { Description = "L2 weight decay", DefaultValueFactory = _ => 5e-4 };

    public Option<LearningRateSchedule> Schedule { get; } = new("--schedule")
    {
        Description = "Learning-rate schedule over epochs: Cosine (to 0) or Constant",
        DefaultValueFactory = _ => LearningRateSchedule.Cosine,
    };

    public Option<string> Augment { get; } = new("--augment")
    {
        Description = "Batch augmentation: auto | none | weak (pad-crop + flip) | strong (weak + cutout + jitter); auto = weak for colour images, none otherwise",
        DefaultValueFactory = _ => "auto",
    };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Model, Epochs, BatchSize, LearningRate, Momentum, NoNesterov, WeightDecay, Schedule, Augment })
            command.Options.Add(option);
    }

    public TrainerOptions Read(ParseResult result) => new()
    {
        Epochs = result.GetValue(Epochs),
        BatchSize = result.GetValue(BatchSize),
        LearningRate = result.GetValue(LearningRate),
        Momentum = result.GetValue(Momentum),
        Nesterov = !result.GetValue(NoNesterov),
        WeightDecay = result.GetValue(WeightDecay),
        Schedule = result.GetValue(Schedule),
    };

    /// <summary>The augmentation to use for data of <paramref name="kind"/> (see <see cref="AugmentationChoice"/>).</summary>
    public AugmentationStrength ReadAugmentation(ParseResult result, DatasetKind kind) => AugmentationChoice.Resolve(result.GetValue(Augment)!, kind);
}
