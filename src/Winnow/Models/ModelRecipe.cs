using TorchSharp;
using Winnow.Data;
using static TorchSharp.torch;

namespace Winnow.Models;

/// <summary>
/// How a run builds each of its networks (the trained ones, the scoring surrogates, snapshot
/// copies): a registered model for the data's sample shape and classes, put on the run's device.
/// Weights are initialised on the CPU from torch's seeded generator and then moved, so a seed
/// starts every device from the same weights.
/// </summary>
public sealed record ModelRecipe(string Name, int[] SampleShape, int ClassCount)
{
    /// <summary>The registered model <paramref name="name"/> for <paramref name="set"/>'s samples and classes, on the CPU.</summary>
    public static ModelRecipe For(string name, SampleSet set) =>
        new(name, set.SampleShape.Select(d => (int)d).ToArray(), set.ClassCount);

    /// <summary>Where the networks compute.</summary>
    public Device Device { get; init; } = CPU;

    /// <summary>A PyTorch state_dict every new network starts from (<see cref="PretrainedWeights"/>); random initialisation when null.</summary>
    public string? Init { get; init; }

    /// <summary>With <see cref="Init"/>: every key must match (else what matches is loaded).</summary>
    public bool InitStrict { get; init; } = true;

    /// <summary>
    /// A new network: its weights drawn after seeding torch's generator with <paramref name="seed"/>,
    /// then those of <see cref="Init"/> loaded over them, then moved to the device.
    /// </summary>
    public Classifier Build(int seed) => Build(seed, out _);

    /// <param name="report">What loading <see cref="Init"/> did (null without one).</param>
    public Classifier Build(int seed, out WeightsReport? report)
    {
        random.manual_seed(seed);
        var model = ModelCatalog.Create(Name, SampleShape, ClassCount);
        try
        {
            report = Init is null ? null : PretrainedWeights.Load(model, Init, InitStrict);
        }
        catch
        {
            model.Dispose();
            throw;
        }
        model.to(Device);
        return model;
    }

    /// <summary>A network with <paramref name="source"/>'s weights and buffers (a snapshot that later training leaves alone).</summary>
    public Classifier Copy(Classifier source)
    {
        var copy = ModelCatalog.Create(Name, SampleShape, ClassCount);
        copy.to(Device);
        copy.load_state_dict(source.state_dict());
        return copy;
    }
}
