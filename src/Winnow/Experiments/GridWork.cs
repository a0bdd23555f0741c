using Winnow.Runs;
using Winnow.Training;

namespace Winnow.Experiments;

/// <summary>
/// The work of each run in samples backpropagated, for the progress bar and the ETA: its
/// training, plus the scoring and the teacher it is the first to need. An unknown training-set
/// size counts as 60,000 (it only weighs the estimate).
/// </summary>
internal sealed record GridWork(double Teacher, double Scoring, double Training)
{
    public double Total => Teacher + Scoring + Training;

    public double Of(string phase) => phase switch { "teacher" => Teacher, "scoring" => Scoring, "training" => Training, _ => 0 };

    public static Dictionary<string, GridWork> Estimate(IReadOnlyList<GridRun> runs, Func<string, bool> teacherSaved)
    {
        var work = new Dictionary<string, GridWork>();
        var contexts = new HashSet<string>();
        var teachers = new HashSet<string>();
        foreach (var run in runs)
        {
            double n = run.Spec.Data.TrainSize ?? 60000;
            double epochs = run.Spec.Trainer.Epochs;
            var training = run.Spec.Pruning switch
            {
                StaticPruning s => epochs * Math.Round(s.Fraction * n),
                DynamicPruning d => epochs * n * (d.Pruner == "infobatch" ? 1 - d.Options.PruneRatio / 2 : 1 - d.Options.PruneRatio),
                _ => epochs * n,
            };
            var scoring = run.Spec.Pruning is StaticPruning p && p.Method != "random"
                && contexts.Add(CoresetStage.ScoringKey(run.Spec, p))
                ? p.Scoring.Repeats * p.Scoring.ScoreEpochs * n
                : 0;
            if (run.Kind == "full" && run.Spec.Learner.Name == "ce") teachers.Add(run.Hash);
            var teacher = run.NeedsTeacher && !teacherSaved(run.FullHash) && teachers.Add(run.FullHash) ? epochs * n : 0;
            work[run.Hash] = new GridWork(teacher, scoring, training);
        }
        return work;
    }
}
