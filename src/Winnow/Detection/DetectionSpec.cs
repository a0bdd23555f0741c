using Winnow.Dynamic;
using Winnow.Settings;

namespace Winnow.Detection;

/// <summary>Which scores a detection run measures for flagging the noisy labels, and DAS's reference set.</summary>
public sealed record DetectionSpec
{
    [Setting("score", "Scores to measure, comma-separated: das | loss | el2n | aum | forgetting (default: all)", Label = "the detection scores")]
    public string Scores { get; init; } = string.Join(',', NoiseScores.Names);

    /// <summary>The trusted reference set and window of the das score.</summary>
    public AlignmentOptions Alignment { get; init; } = new();

    /// <summary>The score names, in order, without repeats.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<string> Names => Scores.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToArray();

    public void Validate()
    {
        var scores = Declared.Named<DetectionSpec>("score");
        if (Names.Count == 0) throw new SettingException(scores, "names no score");
        if (Names.FirstOrDefault(n => !NoiseScores.Names.Contains(n)) is { } unknown)
            throw new SettingException(scores, $"has no score '{unknown}' (known: {string.Join(", ", NoiseScores.Names)})");
        Alignment.Validate();
    }
}
