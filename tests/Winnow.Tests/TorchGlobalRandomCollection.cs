namespace Winnow.Tests;

/// <summary>
/// Tests that seed torch's process-wide generator and then rely on the values it produces:
/// run alone, since any test building a model in parallel would draw from the same stream.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchGlobalRandomCollection
{
    public const string Name = "torch global random";
}
