using Winnow.Scoring;
using Winnow.Training;

namespace Winnow.Tests.Scoring;

public class TrajectoryScoresTests
{
    /// <summary>A trajectory from hand-written correctness (1/0/−1) and margins, one row per epoch.</summary>
    private static TrainingTrajectory Make(sbyte[][] correctByEpoch, float[][] marginsByEpoch)
    {
        var n = correctByEpoch[0].Length;
        var trajectory = new TrainingTrajectory(n);
        for (var e = 0; e < correctByEpoch.Length; e++)
        {
            var seen = Enumerable.Range(0, n).Where(i => correctByEpoch[e][i] >= 0).ToArray();
            trajectory.Append(seen, seen.Select(_ => 1f).ToArray(), seen.Select(i => correctByEpoch[e][i] == 1).ToArray(),
                seen.Select(i => marginsByEpoch[e][i]).ToArray());
        }
        return trajectory;
    }

    [Fact]
    public void ForgettingCountsCorrectToWrongTransitionsAndNeverLearnedAsPresentations()
    {
        // sample 0: 1 0 1 0  → 2 events; sample 1: 0 0 0 0 → never learned, 4 presentations;
        // sample 2: 1 −1 0 1 → unseen epoch skipped, 1 → 0 is one event; sample 3: 0 1 1 1 → 0 events.
        var correct = new[]
        {
            new sbyte[] { 1, 0, 1, 0 },
            new sbyte[] { 0, 0, -1, 1 },
            new sbyte[] { 1, 0, 0, 1 },
            new sbyte[] { 0, 0, 1, 1 },
        };
        var margins = correct.Select(row => row.Select(_ => 0f).ToArray()).ToArray();
        Assert.Equal([2f, 4f, 1f, 0f], TrajectoryScores.Forgetting(Make(correct, margins)));
    }

    [Fact]
    public void AumSumsMarginsOverTheEpochsASampleWasSeen()
    {
        var correct = new[] { new sbyte[] { 1, 0 }, new sbyte[] { 1, -1 }, new sbyte[] { 1, 0 } };
        var margins = new[] { new[] { 0.5f, -0.2f }, new[] { 0.25f, 99f }, new[] { 0.75f, -0.3f } };
        var aum = TrajectoryScores.AreaUnderMargin(Make(correct, margins));
        Assert.Equal(1.5f, aum[0], 5);
        Assert.Equal(-0.5f, aum[1], 5);
    }
}
