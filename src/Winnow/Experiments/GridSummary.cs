using System.Globalization;

namespace Winnow.Experiments;

/// <summary>What a grid run did, and what it shared instead of recomputing.</summary>
/// <param name="AlreadyFinished">Runs already in results.jsonl, or in failures.jsonl when not retried (skipped).</param>
/// <param name="Failed">Runs that failed in this call (recorded in failures.jsonl).</param>
/// <param name="TeachersTrained">Full-data runs trained only to be distillation teachers.</param>
/// <param name="TeachersFromFullArm">Teachers saved from a full-data arm's own run.</param>
/// <param name="DistilledRuns">Runs that distilled from a shared teacher.</param>
/// <param name="Scorings">Scoring contexts (one per method and settings, per dataset × noise × seed) that selections were drawn from.</param>
/// <param name="SelectionsReused">Static runs whose coreset had already been selected for another arm (e.g. random with and without distillation).</param>
public sealed record GridSummary(
    int Runs,
    int AlreadyFinished,
    int Finished,
    int Failed,
    int DataPreparations,
    int TeachersTrained,
    int TeachersFromFullArm,
    int DistilledRuns,
    int Scorings,
    int StaticRuns,
    int SelectionsReused,
    double Seconds)
{
    public string Describe()
    {
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"ran {Finished} of {Runs} runs ({AlreadyFinished} already finished) in {Seconds:F0}s")
                + (Failed > 0 ? $"; {Count(Failed, "run")} failed (errors in {FailureStore.FileName} and the report)" : ""),
        };
        if (Finished > 0)
        {
            var shared = new List<string> { $"data prepared {DataPreparations}× for {Finished} runs" };
            if (DistilledRuns > 0)
                shared.Add($"{DistilledRuns} distilled runs from {Count(TeachersTrained + TeachersFromFullArm, "teacher")} trained now"
                    + (TeachersFromFullArm > 0 ? $" ({TeachersFromFullArm} of them the full-data arm's own run)" : "")
                    + (TeachersTrained + TeachersFromFullArm == 0 ? " (teachers saved by an earlier run)" : ""));
            if (StaticRuns > 0)
                shared.Add($"{Count(Scorings, "scoring")} for {StaticRuns} static runs{(SelectionsReused > 0 ? $", {Count(SelectionsReused, "selection")} reused across arms" : "")}");
            lines.Add("shared: " + string.Join("; ", shared));
        }
        return string.Join("\n", lines);
    }

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";
}
