using System.Globalization;
using Winnow.Data;
using Winnow.Data.Readers;
using Winnow.Output;
using Winnow.Runs;
using Winnow.Training;
using static TorchSharp.torch;

namespace Winnow.Scoring;

/// <summary>
/// The surrogates of one selection saved once (<c>winnow prune --surrogate-only</c>) for scoring
/// workers to read: <c>surrogates.json</c> (<see cref="SurrogateManifest"/>, written last, so a
/// folder without it is unfinished); <c>run-R/</c> per surrogate run — its model
/// (<see cref="Checkpoint"/>), its trajectory as <c>losses.npy</c>, <c>correct.npy</c>,
/// <c>margins.npy</c> [N, epochs], and <c>snapshot-E/</c> with the predictions (and model) at the
/// start of epoch E when the method reads snapshots; <c>partition-P/epoch-E/</c> per MoSo
/// checkpoint; <c>scores/shard-K-of-N.json</c> per scored shard (<see cref="ShardScores"/>).
/// </summary>
public sealed class SurrogateFolder
{
    public const string ManifestFile = "surrogates.json";
    public const string ScoresFolder = "scores";

    private SurrogateFolder(string directory, SurrogateManifest manifest)
    {
        Directory = directory;
        Manifest = manifest;
    }

    public string Directory { get; }

    public SurrogateManifest Manifest { get; }

    /// <exception cref="WinnowException">The folder has no manifest, or one of another format.</exception>
    public static SurrogateFolder Open(string directory)
    {
        var path = Path.Combine(directory, ManifestFile);
        if (!File.Exists(path))
            throw new WinnowException($"{directory} has no {ManifestFile}: it is not a finished 'winnow prune --surrogate-only' folder");
        var manifest = Json.Read<SurrogateManifest>(path);
        if (manifest.Format != SurrogateManifest.CurrentFormat)
            throw new WinnowException($"{path} is format {manifest.Format}; this Winnow reads format {SurrogateManifest.CurrentFormat}");
        return new SurrogateFolder(directory, manifest);
    }

    /// <summary>Writes the manifest, last: the folder is complete from then on.</summary>
    public static SurrogateFolder Finish(string directory, SurrogateManifest manifest)
    {
        Json.Write(Path.Combine(directory, ManifestFile), manifest);
        return new SurrogateFolder(directory, manifest);
    }

    /// <summary>The saved runs on <paramref name="device"/>, with the snapshots (and their models) when asked.</summary>
    /// <exception cref="WinnowException">The method asks for snapshots or models the folder does not hold.</exception>
    public IReadOnlyList<SurrogateRun> LoadRuns(SampleSet train, Device device, bool snapshots, bool models)
    {
        Check(train);
        var runs = new List<SurrogateRun>();
        try
        {
            for (var r = 0; r < Manifest.Runs.Count; r++)
            {
                var saved = Manifest.Runs[r];
                var folder = RunFolder(Directory, r);
                var trajectory = TrainingTrajectory.FromMatrices(train.Count, saved.Epochs, Read<float>(folder, "losses.npy"),
                    Read<sbyte>(folder, "correct.npy"), Read<float>(folder, "margins.npy"));
                if (snapshots && saved.Snapshots.Count == 0 || models && saved.Snapshots.Any(s => !s.Model))
                    throw new WinnowException($"{Directory} holds no surrogate {(models ? "snapshot models" : "snapshots")}: it was saved for another method");
                var kept = snapshots ? saved.Snapshots.Select(s => LoadSnapshot(folder, s, train.Count, device, models)).ToArray() : [];
                runs.Add(SurrogateRun.FromSaved(Checkpoint.Load(folder, device).Model, train, trajectory, kept, saved.TrainSeconds));
            }
        }
        catch
        {
            foreach (var run in runs) run.Dispose();
            throw;
        }
        return runs;
    }

    /// <summary>Partition <paramref name="partition"/>'s checkpoints on <paramref name="device"/>.</summary>
    public PartitionSurrogate LoadPartition(int partition, Device device)
    {
        if (partition >= Manifest.Partitions.Count) throw new WinnowException($"{Directory} holds no MoSo partition {partition + 1}: it was saved for another method");
        var saved = Manifest.Partitions[partition];
        var checkpoints = new List<PartitionSurrogate.Checkpoint>();
        try
        {
            foreach (var checkpoint in saved.Checkpoints)
                checkpoints.Add(new PartitionSurrogate.Checkpoint(checkpoint.Epoch, checkpoint.LearningRate,
                    Eval(Checkpoint.Load(CheckpointFolder(Directory, partition, checkpoint.Epoch), device).Model)));
        }
        catch
        {
            foreach (var checkpoint in checkpoints) checkpoint.Model.Dispose();
            throw;
        }
        return PartitionSurrogate.FromSaved(checkpoints, saved.TrainSeconds);
    }

    /// <summary>Refuses a training set other than the one the surrogates were trained on.</summary>
    public void Check(SampleSet train)
    {
        if (train.Count != Manifest.Data.Count)
            throw new WinnowException($"{Directory} was trained on {Manifest.Data.Count} samples, this training set has {train.Count}");
    }

    public static string ScoresPath(string directory, string shardName) => Path.Combine(directory, ScoresFolder, $"{shardName}.json");

    private SurrogateRun.Snapshot LoadSnapshot(string runFolder, SavedSnapshot saved, int count, Device device, bool model)
    {
        var at = SnapshotFolder(runFolder, saved.Epoch);
        var probabilities = Read<float>(at, "probabilities.npy");
        var embeddings = Read<float>(at, "embeddings.npy");
        var classes = probabilities.Length / Math.Max(1, count);
        var predictions = new Predictions(Enumerable.Range(0, count).ToArray(), classes, embeddings.Length / Math.Max(1, count),
            Read<float>(at, "logits.npy"), probabilities, embeddings);
        return new SurrogateRun.Snapshot(saved.Epoch, saved.LearningRate, predictions, model ? Eval(Checkpoint.Load(at, device).Model) : null);
    }

    private static Models.Classifier Eval(Models.Classifier model)
    {
        model.eval();
        return model;
    }

    private static T[] Read<T>(string folder, string file)
    {
        var path = Path.Combine(folder, file);
        if (!File.Exists(path)) throw new WinnowException($"{path} is missing: the surrogate folder is incomplete");
        return NpyReader.Read(path).Data as T[] ?? throw new WinnowException($"{path} does not hold {typeof(T).Name} values");
    }

    internal static string RunFolder(string directory, int run) => Path.Combine(directory, Invariant($"run-{run + 1}"));

    internal static string SnapshotFolder(string runFolder, int epoch) => Path.Combine(runFolder, Invariant($"snapshot-{epoch}"));

    internal static string CheckpointFolder(string directory, int partition, int epoch) =>
        Path.Combine(directory, Invariant($"partition-{partition + 1}"), Invariant($"epoch-{epoch}"));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Writes the surrogates of one selection into a folder as they are trained (a method's
/// <see cref="RankedMethod.TrainSurrogates"/> hands them over), and records what it wrote for the
/// manifest.
/// </summary>
public sealed class SurrogateWriter(string directory, Checkpoint description)
{
    private readonly List<SavedRun> _runs = [];
    private readonly List<SavedPartition> _partitions = [];

    public IReadOnlyList<SavedRun> Runs => _runs;

    public IReadOnlyList<SavedPartition> Partitions => _partitions;

    /// <summary>Saves surrogate runs (models, trajectories, snapshots) and says what was saved.</summary>
    public void SaveRuns(IReadOnlyList<SurrogateRun> runs)
    {
        for (var r = 0; r < runs.Count; r++)
        {
            var run = runs[r];
            var folder = SurrogateFolder.RunFolder(directory, r);
            Checkpoint.Save(folder, run.Model, description);
            var trajectory = run.Trajectory;
            int count = trajectory.SampleCount, epochs = trajectory.Epochs;
            NpyFile.Write(Path.Combine(folder, "losses.npy"), trajectory.LossMatrix(), count, epochs);
            NpyFile.Write(Path.Combine(folder, "correct.npy"), trajectory.CorrectMatrix(), count, epochs);
            NpyFile.Write(Path.Combine(folder, "margins.npy"), trajectory.MarginMatrix(), count, epochs);
            var snapshots = new List<SavedSnapshot>();
            foreach (var snapshot in run.Snapshots)
            {
                var at = SurrogateFolder.SnapshotFolder(folder, snapshot.Epoch);
                System.IO.Directory.CreateDirectory(at);
                var p = snapshot.Predictions;
                NpyFile.Write(Path.Combine(at, "logits.npy"), p.Logits, p.Count, p.ClassCount);
                NpyFile.Write(Path.Combine(at, "probabilities.npy"), p.Probabilities, p.Count, p.ClassCount);
                NpyFile.Write(Path.Combine(at, "embeddings.npy"), p.Embeddings, p.Count, p.EmbeddingSize);
                if (snapshot.Model is { } model) Checkpoint.Save(at, model, description);
                snapshots.Add(new SavedSnapshot(snapshot.Epoch, snapshot.LearningRate, snapshot.Model is not null));
            }
            _runs.Add(new SavedRun(run.TrainSeconds, epochs, snapshots));
        }
    }

    /// <summary>Saves one MoSo partition's checkpoints.</summary>
    public void SavePartition(int partition, PartitionSurrogate surrogate)
    {
        if (partition != _partitions.Count) throw new InvalidOperationException("partitions are saved in order");
        foreach (var checkpoint in surrogate.Checkpoints)
            Checkpoint.Save(SurrogateFolder.CheckpointFolder(directory, partition, checkpoint.Epoch), checkpoint.Model, description);
        _partitions.Add(new SavedPartition(surrogate.Checkpoints.Select(c => new SavedCheckpoint(c.Epoch, c.LearningRate)).ToArray(), surrogate.TrainSeconds));
    }
}

/// <summary>
/// What a surrogate folder holds and was made for: the run's spec (its fraction is ignored), the
/// key of its scoring context, the method, the training set's identity, and the surrogates' cost.
/// </summary>
public sealed record SurrogateManifest(int Format, RunSpec Spec, string ScoringKey, string Method, TrainingSetIdentity Data,
    IReadOnlyList<SavedRun> Runs, IReadOnlyList<SavedPartition> Partitions, double SurrogateSeconds, long SamplesBackpropagated)
{
    public const int CurrentFormat = 1;
}

/// <summary>One saved surrogate run: its training time, epochs and snapshots.</summary>
public sealed record SavedRun(double TrainSeconds, int Epochs, IReadOnlyList<SavedSnapshot> Snapshots);

/// <summary>A snapshot at the start of <paramref name="Epoch"/> with that epoch's learning rate; <paramref name="Model"/>: its model was saved too.</summary>
public sealed record SavedSnapshot(int Epoch, double LearningRate, bool Model);

/// <summary>One MoSo partition's kept checkpoints and training time.</summary>
public sealed record SavedPartition(IReadOnlyList<SavedCheckpoint> Checkpoints, double TrainSeconds);

public sealed record SavedCheckpoint(int Epoch, double LearningRate);

/// <summary>
/// The scores of one shard's samples [From, To): what <c>winnow prune --from DIR --score-shard K/N</c>
/// writes, and <c>--merge</c> joins. Carries the scoring key, so shards of another folder's
/// surrogates are refused.
/// </summary>
public sealed record ShardScores(string ScoringKey, string Method, KeepDirection Keep, int Shard, int Shards, int From, int To, float[] Values, double Seconds);
