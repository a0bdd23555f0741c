namespace Winnow.Experiments;

/// <summary>
/// A parsed grid file: a name and one or more blocks, each a cartesian product of datasets ×
/// noise settings × kept fractions × seeds × arms with its own training settings. A file with
/// top-level <c>arms</c> is one block; <c>blocks</c> lets one file hold several comparisons that
/// need different axes (the seeds grid) while runs they have in common are run once. The whole
/// grid computes on one device.
/// </summary>
public sealed record GridSpec(string Name, string? Description, string Source, IReadOnlyList<GridBlock> Blocks)
{
    /// <summary>Where every run computes (<see cref="ComputeDevice"/>): the file's <c>device</c>, or <c>--device</c>.</summary>
    public string Device { get; init; } = ComputeDevice.Auto;

    /// <summary>The arm pairs the report compares seed by seed (the file's <c>compare</c>).</summary>
    public IReadOnlyList<GridComparison> Comparisons { get; init; } = [];

    /// <summary>The file's <c>device</c> entry, for errors; null when the file has none.</summary>
    internal GridNode? DeviceNode { get; init; }

    /// <summary>The grid on another device (the command line's), checked for its form.</summary>
    public GridSpec OnDevice(string device) => this with
    {
        Device = (string)Settings.Declared.Named<Runs.RunSpec>("device").Parse(device)!,
        DeviceNode = null,
    };

    /// <summary>
    /// The device the runs record and hash: auto resolved on this machine, so results computed on
    /// a GPU and on the CPU never pass for each other when a grid resumes elsewhere.
    /// </summary>
    public string ResolvedDevice()
    {
        try
        {
            return ComputeDevice.NameOf(ComputeDevice.Resolve(Device));
        }
        catch (WinnowException e) when (DeviceNode is not null)
        {
            throw DeviceNode.Error(e.Message);
        }
    }
}
