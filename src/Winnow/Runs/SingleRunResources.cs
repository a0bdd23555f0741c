using Winnow.Data;
using Winnow.Scoring;

namespace Winnow.Runs;

/// <summary>
/// The resources of one run on its own: the data prepared once, scoring contexts and selections
/// kept for the run, and a teacher trained into a temporary folder when the spec asks to distil
/// from the full-data run. Disposing releases all of it.
/// </summary>
public sealed class SingleRunResources : IRunResources, IDisposable
{
    private readonly Dictionary<string, ScoringContext> _contexts = [];
    private readonly Dictionary<string, ChosenCoreset> _selections = [];
    private readonly List<string> _temporary = [];
    private PreparedData? _data;
    private (DataSpec Spec, int Seed)? _prepared;

    public PreparedData Data(DataSpec data, int seed, IProgress<(int Done, int Total)>? decoding = null)
    {
        if (_data is not null && _prepared == (data, seed)) return _data;
        if (_data is not null) throw new InvalidOperationException("single-run resources prepare one dataset");
        _data = DataPipeline.Prepare(data, seed, decoding);
        _prepared = (data, seed);
        return _data;
    }

    public ScoringContext Scoring(string key, Func<ScoringContext> create) =>
        _contexts.TryGetValue(key, out var context) ? context : _contexts[key] = create();

    public ChosenCoreset Selection(string key, Func<ChosenCoreset> choose) =>
        _selections.TryGetValue(key, out var chosen) ? chosen : _selections[key] = choose();

    public TeacherSource Teacher(RunSpec teacher, Func<RunResult> train)
    {
        var folder = Directory.CreateTempSubdirectory("winnow-teacher").FullName;
        _temporary.Add(folder);
        using var result = train();
        result.SaveCheckpoint(folder);
        return new TeacherSource(folder, "full-data run (trained for this run)");
    }

    public void Dispose()
    {
        foreach (var context in _contexts.Values) context.Dispose();
        _contexts.Clear();
        _data?.Dispose();
        _data = null;
        foreach (var folder in _temporary)
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }
}
