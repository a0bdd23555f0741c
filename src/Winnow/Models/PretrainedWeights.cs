using System.Collections;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Winnow.Models;

/// <summary>
/// Starting weights from a PyTorch state_dict: a <c>torch.save(model.state_dict(), …)</c> file
/// (.pt, .pth, .bin; read by TorchSharp.PyBridge, no Python needed) or a .safetensors file, loaded
/// into a model by key, as <c>load_state_dict</c> does. Strict, every key must match in name and
/// shape; otherwise what matches is loaded and the rest reported. A BatchNorm's
/// num_batches_tracked may be missing, as in files saved before PyTorch 0.4.1, which PyTorch
/// also accepts.
/// </summary>
public static class PretrainedWeights
{
    /// <summary>How many keys of each kind a message names.</summary>
    public const int Shown = 4;

    /// <summary>The file's tensors by key (on the CPU).</summary>
    /// <exception cref="WinnowException">No such file, an extension not known, or not a state_dict.</exception>
    public static Dictionary<string, Tensor> Read(string path)
    {
        if (!File.Exists(path)) throw new WinnowException(Directory.Exists(path) ? $"the weights file {path} is a folder" : $"weights file not found: {path}");
        var extension = Path.GetExtension(path).ToLowerInvariant();
        try
        {
            return extension switch
            {
                ".safetensors" => Safetensors.LoadStateDict(path),
                ".pt" or ".pth" or ".bin" => FromPickle(PyTorchUnpickler.UnpickleStateDict(path), path),
                _ => throw new WinnowException($"{path}: weights are read from .pt, .pth or .bin (torch.save of a state_dict) or .safetensors files"),
            };
        }
        catch (Exception e) when (e is not WinnowException)
        {
            throw new WinnowException($"{path} is not a readable state_dict: {e.Message.Split('\n')[0]} (save model.state_dict() with torch.save, not the whole model)");
        }
    }

    /// <summary>Loads the file into <paramref name="model"/>'s <see cref="Classifier.Weights"/>.</summary>
    /// <exception cref="WinnowException">Strict and a key is missing, unexpected or of another shape (the first few named).</exception>
    public static WeightsReport Load(Classifier model, string path, bool strict = true)
    {
        var file = Read(path);
        try
        {
            var target = model.Weights.state_dict();
            var missing = target.Keys.Where(k => !file.ContainsKey(k) && !k.EndsWith(".num_batches_tracked", StringComparison.Ordinal)).ToArray();
            // In the model's order; the file's keys (a pickled dict has none to keep) sorted.
            var unexpected = file.Keys.Where(k => !target.ContainsKey(k)).Order(StringComparer.Ordinal).ToArray();
            var misshaped = target.Where(p => file.TryGetValue(p.Key, out var f) && !f.shape.SequenceEqual(p.Value.shape))
                .Select(p => $"{p.Key}: file [{string.Join(", ", file[p.Key].shape)}], model [{string.Join(", ", p.Value.shape)}]").ToArray();
            var report = new WeightsReport(0, missing, unexpected, misshaped);
            if (strict && report.Skipped > 0)
                throw new WinnowException($"{path} does not fit model '{model.GetName()}': {report.Describe()}; to load only what matches, set init-strict to false");
            var loaded = 0;
            using (no_grad())
            {
                foreach (var (key, value) in file)
                {
                    if (!target.TryGetValue(key, out var destination) || !destination.shape.SequenceEqual(value.shape)) continue;
                    destination.copy_(value);
                    loaded++;
                }
            }
            return report with { Loaded = loaded };
        }
        finally
        {
            foreach (var tensor in file.Values) tensor.Dispose();
        }
    }

    private static Dictionary<string, Tensor> FromPickle(Hashtable table, string path)
    {
        var tensors = new Dictionary<string, Tensor>();
        foreach (DictionaryEntry entry in table)
        {
            if (entry.Key is not string key || entry.Value is not Tensor tensor)
                throw new WinnowException($"{path} holds a {entry.Value?.GetType().Name ?? "null"} under '{entry.Key}', not a tensor: save model.state_dict() (a checkpoint dict needs its state_dict taken out first)");
            tensors[key] = tensor;
        }
        return tensors;
    }
}
