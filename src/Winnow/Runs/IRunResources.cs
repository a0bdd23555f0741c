using Winnow.Data;
using Winnow.Scoring;

namespace Winnow.Runs;

/// <summary>
/// What runs may share. A single run makes each thing for itself (<see cref="SingleRunResources"/>);
/// an experiment grid shares the prepared data of one dataset × noise × seed, one scoring context
/// per method and settings (its surrogates serve every kept fraction), one selection per fraction,
/// and one distillation teacher per data, seed and trainer, saved on disk. The resources own what
/// they hand out: a run never disposes it.
/// </summary>
public interface IRunResources
{
    /// <param name="decoding">(done, total) images decoded while an image folder's cache is built.</param>
    PreparedData Data(DataSpec data, int seed, IProgress<(int Done, int Total)>? decoding = null);

    /// <param name="key">Runs with equal keys may score from the same surrogates.</param>
    ScoringContext Scoring(string key, Func<ScoringContext> create);

    /// <param name="key">Runs with equal keys keep the same coreset (the same method, settings and fraction).</param>
    ChosenCoreset Selection(string key, Func<ChosenCoreset> choose);

    /// <summary>The checkpoint folder of <paramref name="teacher"/>'s model, calling <paramref name="train"/> when it does not exist yet.</summary>
    TeacherSource Teacher(RunSpec teacher, Func<RunResult> train);
}

/// <summary>A coreset, what choosing it cost, and how its surrogate and scoring time split.</summary>
public sealed record ChosenCoreset(CoresetSelection Selection, double SurrogateSeconds, double ScoringSeconds, long SamplesBackpropagated)
{
    public double Seconds => SurrogateSeconds + ScoringSeconds;
}

/// <param name="Folder">Where the checkpoint is read from.</param>
/// <param name="Recorded">How the run's record names it (a grid: relative to its output folder).</param>
public sealed record TeacherSource(string Folder, string Recorded);
