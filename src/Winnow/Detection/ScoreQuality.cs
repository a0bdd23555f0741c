namespace Winnow.Detection;

/// <summary>How well one score flags the wrongly labelled samples; null where a class is empty (undefined).</summary>
public sealed record ScoreQuality(string Score, double? Auroc, double? AveragePrecision);
