using Winnow.Data;
using Winnow.Output;
using Winnow.Runs;
using Winnow.Scoring;
using Winnow.Training;

namespace Winnow.Experiments;

/// <summary>
/// What the runs of one grid share (<see cref="IRunResources"/>): per dataset × noise × seed
/// group, the prepared data, the scoring contexts (one per method and settings, serving every
/// kept fraction) and the selections (random with and without distillation keep the same
/// coreset); across groups and invocations, the distillation teachers, saved under
/// DIR/teachers/HASH (written whole or not at all). It counts what it shared for the summary.
/// </summary>
internal sealed class GridResources(string directory, Action<string> note) : IRunResources, IDisposable
{
    public const string TeachersFolder = "teachers";

    private readonly Dictionary<string, ScoringContext> _contexts = [];
    private readonly Dictionary<string, ChosenCoreset> _selections = [];
    private PreparedData? _data;
    private (DataSpec Spec, int Seed)? _prepared;

    public int DataPreparations { get; private set; }
    public int Scorings { get; private set; }
    public int SelectionsReused { get; private set; }
    public int TeachersTrained { get; private set; }
    public int TeachersFromFullArm { get; private set; }

    /// <summary>The run being executed, for the notes.</summary>
    public GridRun? Current { get; set; }

    public PreparedData Data(DataSpec data, int seed, IProgress<(int Done, int Total)>? decoding = null)
    {
        if (_data is not null && _prepared == (data, seed)) return _data;
        EndGroup();
        _data = DataPipeline.Prepare(data, seed, decoding);
        _prepared = (data, seed);
        DataPreparations++;
        return _data;
    }

    public ScoringContext Scoring(string key, Func<ScoringContext> create)
    {
        if (_contexts.TryGetValue(key, out var context))
        {
            note($"reused the {Method} scores for f {Current?.Fraction}");
            return context;
        }
        Scorings++;
        return _contexts[key] = create();
    }

    public ChosenCoreset Selection(string key, Func<ChosenCoreset> choose)
    {
        if (_selections.TryGetValue(key, out var chosen))
        {
            SelectionsReused++;
            note($"reused the {Method} selection at f {Current?.Fraction} made for another arm");
            return chosen;
        }
        return _selections[key] = choose();
    }

    public TeacherSource Teacher(RunSpec teacher, Func<RunResult> train)
    {
        var hash = teacher.Hash();
        if (!Exists(hash))
        {
            using var result = train();
            Save(hash, result);
            TeachersTrained++;
            note($"trained the distillation teacher ({Recorded(hash)})");
        }
        return new TeacherSource(Path.Combine(directory, Recorded(hash)), Recorded(hash));
    }

    /// <summary>Keeps a full-data run's model as the teacher of its data, when a later run will distil from it and none is saved.</summary>
    public void OfferTeacher(string hash, RunResult run)
    {
        if (Exists(hash)) return;
        Save(hash, run);
        TeachersFromFullArm++;
        note($"saved this full-data run as the distillation teacher ({Recorded(hash)})");
    }

    public bool Exists(string hash) => File.Exists(Path.Combine(directory, Recorded(hash), Checkpoint.DescriptionFile));

    private void Save(string hash, RunResult run) =>
        OutputFolder.Write(Path.Combine(directory, Recorded(hash)), overwrite: true, run.SaveCheckpoint);

    private static string Recorded(string hash) => Path.Combine(TeachersFolder, hash);

    private string Method => (Current?.Spec.Pruning as StaticPruning)?.Method ?? "";

    /// <summary>Releases the group's data and scorings (the next group prepares its own).</summary>
    public void EndGroup()
    {
        foreach (var context in _contexts.Values) context.Dispose();
        _contexts.Clear();
        _selections.Clear();
        _data?.Dispose();
        _data = null;
        _prepared = null;
    }

    public void Dispose() => EndGroup();
}
