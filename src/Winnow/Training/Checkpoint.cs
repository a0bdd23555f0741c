using Winnow.Models;
using Winnow.Output;
using TorchSharp;
using static TorchSharp.torch;

namespace Winnow.Training;

/// <summary>
/// A trained model on disk: <c>model.dat</c> (TorchSharp's state-dict format) beside
/// <c>model.json</c>, which says how to rebuild the module (name, sample shape, classes) so a
/// checkpoint can be loaded — e.g. as a distillation teacher — without the original options.
/// </summary>
public sealed record Checkpoint(string Model, int[] SampleShape, int ClassCount, int Epochs)
{
    public const string WeightsFile = "model.dat";
    public const string DescriptionFile = "model.json";

    public static void Save(string directory, Classifier model, Checkpoint description)
    {
        Directory.CreateDirectory(directory);
        AtomicFile.WriteVia(Path.Combine(directory, WeightsFile), temp => model.save(temp));
        Json.Write(Path.Combine(directory, DescriptionFile), description);
    }

    /// <summary>Rebuilds the model, loads its weights and moves it to <paramref name="device"/> (the CPU when null).</summary>
    public static (Classifier Model, Checkpoint Description) Load(string directory, Device? device = null)
    {
        var descriptionPath = Path.Combine(directory, DescriptionFile);
        var weightsPath = Path.Combine(directory, WeightsFile);
        if (!File.Exists(descriptionPath) || !File.Exists(weightsPath))
            throw new WinnowException($"{directory} is not a Winnow checkpoint (needs {DescriptionFile} and {WeightsFile})");
        var description = Json.Read<Checkpoint>(descriptionPath);
        var model = ModelCatalog.Create(description.Model, description.SampleShape, description.ClassCount);
        try
        {
            model.load(weightsPath);
        }
        catch (Exception e) when (e is not WinnowException)
        {
            model.Dispose();
            throw new WinnowException($"{weightsPath} does not fit a {description.Model} for {description.ClassCount} classes: {e.Message}");
        }
        if (device is not null) model.to(device);
        return (model, description);
    }
}
