using Winnow.Data;
using Winnow.Models;
using Winnow.Training;
using static TorchSharp.torch;

namespace Winnow.Learners;

/// <summary>
/// What the trainer hands an <see cref="IEpochLearner"/> for one epoch: the plan, the networks,
/// the settings and seed, and <see cref="Step"/>, through which every optimisation step goes so
/// that the trainer keeps the dispose scope, the divergence check, the optimiser and the progress.
/// </summary>
public sealed class LearnerEpoch
{
    private readonly Func<int, Func<Tensor>, float> _step;
    private readonly Action<int> _expect;

    internal LearnerEpoch(int epoch, EpochPlan plan, SampleSet train, IReadOnlyList<Classifier> networks, Device device,
        TrainerOptions options, int seed, CancellationToken cancellation, Func<int, Func<Tensor>, float> step, Action<int> expect)
    {
        Epoch = epoch;
        Plan = plan;
        Train = train;
        Networks = networks;
        Device = device;
        Options = options;
        Seed = seed;
        Cancellation = cancellation;
        _step = step;
        _expect = expect;
    }

    /// <summary>0-based epoch number.</summary>
    public int Epoch { get; }

    public EpochPlan Plan { get; }

    public SampleSet Train { get; }

    public IReadOnlyList<Classifier> Networks { get; }

    /// <summary>Where the networks are: gather batches with <see cref="SampleSet.InputsAt"/> onto it.</summary>
    public Device Device { get; }

    public TrainerOptions Options { get; }

    /// <summary>The trainer's seed: derive every random stream of the epoch from it.</summary>
    public int Seed { get; }

    public CancellationToken Cancellation { get; }

    /// <summary>How many steps this epoch will take (for progress); call before the first step.</summary>
    public void ExpectSteps(int count) => _expect(count);

    /// <summary>
    /// One optimisation step of network <paramref name="network"/>: builds the loss inside a
    /// dispose scope, stops with a clear error if it diverged, backpropagates, steps that
    /// network's optimiser and reports progress. Returns the loss value.
    /// </summary>
    public float Step(int network, Func<Tensor> loss) => _step(network, loss);
}
