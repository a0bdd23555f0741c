using Winnow.Data;
using Winnow.Detection;
using Winnow.Models;
using Winnow.Scoring;
using Winnow.Training;

namespace Winnow.Runs;

/// <summary>
/// A finished run: its spec and record, and what the writers need besides — the data, the
/// trained networks with their trainer (trajectories, epoch log), the selection and the
/// detection scores. Disposing it releases the networks and whatever the run made for itself
/// (its data, unless the caller's resources own it).
/// </summary>
public sealed class RunResult : IDisposable
{
    private readonly IReadOnlyList<Classifier> _networks;
    private readonly IDisposable? _owned;

    internal RunResult(RunSpec spec, RunRecord record, PreparedData data, string modelName, Trainer? trainer,
        IReadOnlyList<Classifier> networks, IReadOnlyList<EpochSummary> epochs, ChosenCoreset? chosen,
        IReadOnlyDictionary<string, float[]>? detectionScores, IDisposable? owned)
    {
        Spec = spec;
        Record = record;
        Data = data;
        ModelName = modelName;
        Trainer = trainer;
        _networks = networks;
        Epochs = epochs;
        Chosen = chosen;
        DetectionScores = detectionScores;
        _owned = owned;
    }

    public RunSpec Spec { get; }

    public RunRecord Record { get; }

    public PreparedData Data { get; }

    /// <summary>The model's registered name (the spec's, or the default for the data).</summary>
    public string ModelName { get; }

    /// <summary>The trainer of the trained networks (trajectories, learner); null when the run only selected.</summary>
    public Trainer? Trainer { get; }

    /// <summary>The per-epoch log (empty when the run only selected).</summary>
    public IReadOnlyList<EpochSummary> Epochs { get; }

    /// <summary>The coreset of a static run, with its scores and cost.</summary>
    public ChosenCoreset? Chosen { get; }

    public CoresetSelection? Selection => Chosen?.Selection;

    /// <summary>Detection runs: each score's value per training sample (larger = more likely noisy).</summary>
    public IReadOnlyDictionary<string, float[]>? DetectionScores { get; }

    /// <summary>Detection runs with the cl score: confident learning's probabilities, label issues and quality.</summary>
    public DetectedLabelIssues? LabelIssues { get; init; }

    public int[] SampleShape => Data.Train.SampleShape.Select(d => (int)d).ToArray();

    /// <summary>Saves the (first) trained network as a checkpoint folder a later run can distil from.</summary>
    public void SaveCheckpoint(string folder)
    {
        var trainer = Trainer ?? throw new InvalidOperationException("the run trained no model");
        Checkpoint.Save(folder, trainer.Model, new Checkpoint(ModelName, SampleShape, Data.Train.ClassCount, Epochs.Count));
    }

    public void Dispose()
    {
        Trainer?.Dispose();
        foreach (var network in _networks) network.Dispose();
        _owned?.Dispose();
    }
}
