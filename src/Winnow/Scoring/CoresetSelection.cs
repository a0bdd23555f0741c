namespace Winnow.Scoring;

/// <summary>The kept indices (ascending) and the scores they were chosen by.</summary>
public sealed record CoresetSelection(string Method, int[] Kept, SampleScores Scores);
