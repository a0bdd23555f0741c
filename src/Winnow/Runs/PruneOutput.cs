using System.Globalization;
using System.Text;
using Winnow.Data;
using Winnow.Output;
using Winnow.Scoring;

namespace Winnow.Runs;

/// <summary>
/// The files of `winnow prune`: scores.csv (index, label, noisy, score), selection.txt (kept
/// indices, see <see cref="SelectionFile"/>) and selection.json, written last and atomically.
/// </summary>
public static class PruneOutput
{
    public const string ScoresFile = "scores.csv";
    public const string SelectionTextFile = "selection.txt";
    public const string SelectionJsonFile = "selection.json";

    public sealed record Summary
    {
        public required string Method { get; init; }
        public required double Fraction { get; init; }
        public required int Kept { get; init; }
        public required int TrainSize { get; init; }
        /// <summary>Class balance as asked; null = the method's default (on for moso and prune4rel).</summary>
        public required bool? Balance { get; init; }
        public required CoresetOptions Options { get; init; }
        public required string Dataset { get; init; }
        public required string Noise { get; init; }
        public required string Model { get; init; }
        public required int? NoisyTotal { get; init; }
        public required int? NoisyKept { get; init; }
        public required double? NoisyKeptFraction { get; init; }

        /// <summary>AUROC of the pruning order for flagging noisy labels (1 = noisy pruned first); null without clean labels.</summary>
        public required double? NoiseAuroc { get; init; }
        public required double SurrogateSeconds { get; init; }
        public required double ScoringSeconds { get; init; }

        /// <summary>The learner of the surrogate warm-up and of training on the selection (sop for the Prune4ReL pipeline).</summary>
        public string Learner { get; init; } = "ce";

        /// <summary>Test accuracy after training on the selection (prune --train), else null.</summary>
        public double? TestAccuracy { get; init; }

        /// <summary>Of the noisy samples kept, the fraction the model trained on the selection predicts correctly (prune --train).</summary>
        public double? LabelCorrectionAccuracy { get; init; }
    }

    public static Summary Summarise(PruneRun.Result result, PreparedData data, string noise, CoresetOptions options) => new()
    {
        Method = result.Selection.Method,
        Fraction = result.Fraction,
        Kept = result.Selection.Kept.Length,
        TrainSize = data.Train.Count,
        Balance = options.Balance,
        Options = options,
        Dataset = data.Source.Name,
        Noise = noise,
        Model = result.ModelName,
        NoisyTotal = result.Noise?.NoisyTotal,
        NoisyKept = result.Noise?.NoisyKept,
        NoisyKeptFraction = result.Noise?.NoisyKeptFraction,
        NoiseAuroc = result.Noise is { } n && double.IsFinite(n.PrunedFirstAuroc) ? n.PrunedFirstAuroc : null,
        SurrogateSeconds = result.SurrogateSeconds,
        ScoringSeconds = result.ScoringSeconds,
    };

    public static void WriteSelection(string directory, PruneRun.Result result, SampleSet train)
    {
        Directory.CreateDirectory(directory);
        var csv = new StringBuilder("index,label,noisy,score\n");
        var noisy = train.NoisyMask;
        var values = result.Selection.Scores.Values;
        for (var i = 0; i < train.Count; i++)
        {
            var flag = noisy is null ? "" : noisy[i] ? "1" : "0";
            csv.Append(CultureInfo.InvariantCulture, $"{i},{train.Labels[i]},{flag},{values[i].ToString("R", CultureInfo.InvariantCulture)}\n");
        }
        AtomicFile.WriteAllText(Path.Combine(directory, ScoresFile), csv.ToString());
        SelectionFile.Write(Path.Combine(directory, SelectionTextFile), result.Selection.Kept, train.Count);
    }

    public static void WriteSummary(string directory, Summary summary) => Json.Write(Path.Combine(directory, SelectionJsonFile), summary);
}
