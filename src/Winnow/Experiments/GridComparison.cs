namespace Winnow.Experiments;

/// <summary>
/// One comparison a grid asks its report for (the grid's <c>compare</c> list): arm <see cref="A"/>
/// against arm <see cref="B"/>, by their labels, paired by seed wherever both ran on the same
/// data and noise (see <see cref="PairedComparison"/>).
/// </summary>
public sealed record GridComparison(string A, string B);
