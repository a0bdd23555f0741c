using System.Text.Json;
using TorchSharp;
using Winnow.Models;
using Winnow.Tests.Support;
using static TorchSharp.torch;

namespace Winnow.Tests.Models;

/// <summary>
/// Starting weights from files PyTorch wrote (Fixtures/weights, made by make_weights.py with
/// PyTorch 1.13 and torchvision 0.14): they load by key into Winnow's models, and the loaded
/// models compute what PyTorch computed with the same weights.
/// </summary>
public sealed class PretrainedWeightsTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "weights");
    private static readonly JsonElement Expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json"))).RootElement;

    private static string File_(string name) => Path.Combine(Folder, name);

    /// <summary>
    /// torchvision's resnet18 state_dict as PyTorch saved it, kept gzipped in the repository (23 MB
    /// raw, 0.2 MB packed) and unpacked once per test run into a temporary file.
    /// </summary>
    private static readonly Lazy<string> Resnet18 = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"winnow-resnet18-torchvision-{Environment.ProcessId}.pt");
        using (var packed = new System.IO.Compression.GZipStream(File.OpenRead(File_("resnet18-torchvision.pt.gz")), System.IO.Compression.CompressionMode.Decompress))
        using (var unpacked = File.Create(path))
            packed.CopyTo(unpacked);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return path;
    });

    /// <summary>make_weights.py's probe: sin(0.01 i) over the flattened batch.</summary>
    private static Tensor Probe(params long[] shape) => arange(shape.Aggregate(1L, (a, d) => a * d), dtype: ScalarType.Float32).mul(0.01).sin().reshape(shape);

    private static float[] Logits(string fixture) =>
        Expected.GetProperty("logits").GetProperty(fixture).EnumerateArray()
            .SelectMany(row => row.ValueKind == JsonValueKind.Array ? row.EnumerateArray().ToArray() : [row]).Select(v => v.GetSingle()).ToArray();

    [Theory]
    [InlineData("mlp-6x3.pt")]
    [InlineData("mlp-6x3.safetensors")]
    public void APyTorchStateDictLoadsIntoTheMlpAndComputesWhatPyTorchDid(string file)
    {
        using var model = ModelCatalog.Create(ModelCatalog.MlpName, [6], 3);
        var report = PretrainedWeights.Load(model, File_(file));
        Assert.Equal(6, report.Loaded);
        Assert.Equal(0, report.Skipped);
        model.eval();
        using var logits = model.call(Probe(2, 6));
        Assert.Equal(Logits("mlp-6x3"), logits.data<float>().ToArray(), new Tolerance(1e-5f));
    }

    [Fact]
    public void Resnet18ImageNetIsTorchvisionsResnet18KeyForKey()
    {
        using var model = ModelCatalog.Create(ModelCatalog.ResNet18ImageNetName, [3, 224, 224], 1000);
        Assert.Equal(11_689_512, model.parameters().Sum(p => p.numel()));
        Assert.Equal(Expected.GetProperty("resnet18_parameters").GetInt64(), model.parameters().Sum(p => p.numel()));
        var torchvision = Expected.GetProperty("resnet18_keys").EnumerateArray()
            .ToDictionary(k => k[0].GetString()!, k => string.Join(",", k[1].EnumerateArray().Select(d => d.GetInt64())));
        var ours = model.Weights.state_dict().ToDictionary(p => p.Key, p => string.Join(",", p.Value.shape));
        Assert.Equal(torchvision.OrderBy(p => p.Key), ours.OrderBy(p => p.Key));
    }

    [Fact]
    public void TorchvisionWeightsInitialiseResnet18ImageNetToPyTorchsOutputs()
    {
        using var model = ModelCatalog.Create(ModelCatalog.ResNet18ImageNetName, [3, 64, 64], 1000);
        var report = PretrainedWeights.Load(model, Resnet18.Value);
        Assert.Equal(122, report.Loaded);
        model.eval();
        using var logits = model.call(Probe(1, 3, 64, 64));
        Assert.Equal(Logits("resnet18-torchvision"), logits[0, TensorIndex.Slice(0, 8)].data<float>().ToArray(), new Tolerance(1e-4f));
        using var embedding = model.Embed(Probe(1, 3, 64, 64));
        Assert.Equal([1L, 512L], embedding.shape); // the penultimate features, caught at fc's input
    }

    [Fact]
    public void NotStrictLoadsWhatMatchesAndSaysWhatItSkipped()
    {
        // Fine-tuning: ImageNet's 1,000-class head does not fit 10 classes; everything else loads.
        using var model = ModelCatalog.Create(ModelCatalog.ResNet18ImageNetName, [3, 32, 32], 10);
        var report = PretrainedWeights.Load(model, Resnet18.Value, strict: false);
        Assert.Equal(120, report.Loaded);
        Assert.Equal(["fc.weight: file [1000, 512], model [10, 512]", "fc.bias: file [1000], model [10]"], report.Misshaped);
        Assert.Empty(report.Missing);
        Assert.Empty(report.Unexpected);
        var file = PretrainedWeights.Read(Resnet18.Value);
        Assert.True(model.Weights.state_dict()["layer3.1.conv2.weight"].allclose(file["layer3.1.conv2.weight"].to_type(ScalarType.Float32)));
    }

    [Fact]
    public void StrictNamesTheFirstKeysThatDoNotFit()
    {
        using var smallCnn = ModelCatalog.Create(ModelCatalog.SmallCnnName, [1, 8, 8], 3);
        var error = Assert.Throws<WinnowException>(() => PretrainedWeights.Load(smallCnn, File_("mlp-6x3.pt")));
        Assert.Contains("does not fit model 'SmallCnn': 6 missing (conv1.weight, conv1.bias, conv2.weight, conv2.bias, …); 4 unexpected (fc1.bias, fc1.weight, fc2.bias, fc2.weight); to load", error.Message);
        Assert.Contains("set init-strict to false", error.Message);
        using var fiveClasses = ModelCatalog.Create(ModelCatalog.MlpName, [6], 5);
        var shape = Assert.Throws<WinnowException>(() => PretrainedWeights.Load(fiveClasses, File_("mlp-6x3.pt")));
        Assert.Contains("2 mis-shaped (head.weight: file [3, 128], model [5, 128], head.bias: file [3], model [5])", shape.Message);
    }

    [Fact]
    public void AFileThatIsNotAStateDictIsOneLine()
    {
        using var model = ModelCatalog.Create(ModelCatalog.MlpName, [6], 3);
        using var folder = new TempFolder();
        var text = Path.Combine(folder.Path, "notes.pt");
        File.WriteAllText(text, "not a zip");
        Assert.Contains("is not a readable state_dict", Assert.Throws<WinnowException>(() => PretrainedWeights.Load(model, text)).Message);
        var truncated = Path.Combine(folder.Path, "cut.safetensors");
        File.WriteAllBytes(truncated, File.ReadAllBytes(File_("mlp-6x3.safetensors"))[..100]);
        Assert.Contains("is not a readable state_dict", Assert.Throws<WinnowException>(() => PretrainedWeights.Load(model, truncated)).Message);
        Assert.Contains("weights file not found", Assert.Throws<WinnowException>(() => PretrainedWeights.Load(model, Path.Combine(folder.Path, "none.pt"))).Message);
        var other = Path.Combine(folder.Path, "weights.h5");
        File.WriteAllText(other, "");
        Assert.Contains("are read from .pt, .pth or .bin", Assert.Throws<WinnowException>(() => PretrainedWeights.Load(model, other)).Message);
    }

    private sealed class Tolerance(float relative) : IEqualityComparer<float>
    {
        public bool Equals(float a, float b) => Math.Abs(a - b) <= relative * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));

        public int GetHashCode(float value) => 0;
    }
}
