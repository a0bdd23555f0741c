namespace Winnow.Experiments;

/// <summary>
/// A parsed grid file: a name and one or more blocks, each a cartesian product of datasets ×
/// noise settings × kept fractions × seeds × arms with its own training settings. A file with
/// top-level <c>arms</c> is one block; <c>blocks</c> lets one file hold several comparisons that
/// need different axes (the seeds grid) while runs they have in common are run once.
/// </summary>
public sealed record GridSpec(string Name, string? Description, string Source, IReadOnlyList<GridBlock> Blocks);
