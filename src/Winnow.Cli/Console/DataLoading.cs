using Winnow.Data;

namespace Winnow.Cli.Console;

/// <summary>Loads a command's data and says on stderr what was loaded and which noise it carries.</summary>
public static class DataLoading
{
    public static PreparedData Prepare(DataOptions options)
    {
        var prepared = DataPipeline.Prepare(options);
        System.Console.Error.WriteLine(
            $"{prepared.Source.Name}: {prepared.Train.Count} train / {prepared.Test.Count} test samples, {prepared.Train.ClassCount} classes; noise {prepared.Noise.Description}");
        return prepared;
    }
}
