using TorchSharp;
using TorchSharp.Modules;
using Winnow.Experiments;
using Winnow.Models;
using Winnow.Runs;
using Winnow.Tests.Support;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Winnow.Tests.Models;

/// <summary>Tests that register models: alone, so no other test sees the catalogue change under it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ModelRegistryCollection
{
    public const string Name = "model registry";
}

/// <summary>
/// A model written as a user would — plain TorchSharp modules that know nothing of Winnow —
/// registered once, then trained, pruned by every kind of method, pruned dynamically, and used
/// for detection through the runner, on the strict device (so the user's module is moved and fed
/// like Winnow's own).
/// </summary>
[Collection(ModelRegistryCollection.Name)]
public sealed class OwnModelTests : IDisposable
{
    private readonly string _data = RunPaths.CreateData();

    /// <summary>A feature extractor: conv-relu-pool, conv-relu, global average pool → 8 features.</summary>
    private sealed class UserFeatures : nn.Module<Tensor, Tensor>
    {
        private readonly Conv2d conv1;
        private readonly Conv2d conv2;

        public UserFeatures(long channels) : base(nameof(UserFeatures))
        {
            conv1 = nn.Conv2d(channels, 6, 3, padding: 1);
            conv2 = nn.Conv2d(6, 8, 3, padding: 1);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x)
        {
            using var scope = NewDisposeScope();
            var h = max_pool2d(relu(conv1.call(x)), 2);
            return adaptive_avg_pool2d(relu(conv2.call(h)), 1).MoveToOuterDisposeScope(); // [B, 8, 1, 1]: flattened by the adapter
        }
    }

    /// <summary>A whole network ending in a layer named fc, as torchvision's models do.</summary>
    private sealed class UserNetwork : nn.Module<Tensor, Tensor>
    {
        private readonly Sequential features;
        private readonly Linear fc;

        public UserNetwork(long channels, long classes) : base(nameof(UserNetwork))
        {
            features = nn.Sequential(nn.Conv2d(channels, 4, 3, padding: 1), nn.ReLU(), nn.AdaptiveAvgPool2d(2), nn.Flatten());
            fc = nn.Linear(16, classes);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x) => fc.call(features.call(x));
    }

    public static TheoryData<string, string> Paths()
    {
        var data = new TheoryData<string, string>();
        foreach (var path in new[] { "ce, weak augmentation", "sop+, strong view", "dividemix", "distillation, cached teacher", "moso, weak augmentation", "moso-fast, full gradients",
                     "grand, full gradients", "prune4rel, marginal greedy, sop+", "static el2n", "static aum", "dynamic infobatch, das", "dynamic ucb, loss",
                     "detection, every score" })
        {
            data.Add("composed", path);
            data.Add("wrapped", path);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void AUserModuleTrainsPrunesAndDetectsThroughTheLibrary(string adapter, string path)
    {
        var name = $"user-{adapter}";
        using var registration = ModelCatalog.Register(name, "a test's own module", (shape, classes) => adapter == "composed"
            ? Classifier.Compose(name, new UserFeatures(shape[0]), nn.Linear(8, classes))
            : Classifier.Wrap(name, new UserNetwork(shape[0], classes)));
        var spec = RunPaths.Spec(path, _data) with { Model = name };
        using var result = StrictDevice.Run(spec);
        Assert.Equal(name, result.Record.Model);
        if (result.Trainer is { } trainer) Assert.All(trainer.Networks, n => Assert.Equal(name, n.GetName()));
    }

    [Fact]
    public void ARegisteredNameIsAModelEverywhereUntilItsRegistrationEnds()
    {
        const string Grid = """{"datasets": ["d"], "noise": ["none"], "seeds": [1], "model": "my-net", "arms": ["full"]}""";
        var spec = new RunSpec { Model = "my-net" };
        Assert.Throws<Winnow.Settings.SettingException>(spec.Validate);
        using (ModelCatalog.Register("my-net", "mine", (shape, classes) => Classifier.Compose("my-net", nn.Flatten(), nn.Linear(shape.Aggregate(1, (a, d) => a * d), classes)), images: false))
        {
            spec.Validate();
            Assert.Contains("my-net", ModelCatalog.Names);
            Assert.Equal("my-net", GridExpansion.Expand(GridFile.Parse("g.json", Grid)).Single().Spec.Model);
            var duplicate = Assert.Throws<ArgumentException>(() => ModelCatalog.Register("my-net", "again", (_, _) => throw new InvalidOperationException()));
            Assert.Contains("registered already", duplicate.Message);
            using var model = ModelCatalog.Create("my-net", [5], 3);
            using var logits = model.call(ones(2, 5));
            Assert.Equal([2L, 3L], logits.shape);
        }
        Assert.DoesNotContain("my-net", ModelCatalog.Names);
        Assert.Throws<WinnowException>(() => GridExpansion.Expand(GridFile.Parse("g.json", Grid)));
    }

    [Theory]
    [InlineData("My Net")]
    [InlineData("my_net")]
    [InlineData("-net")]
    [InlineData("")]
    public void ANameTheCommandLineCannotTakeIsRefused(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => ModelCatalog.Register(name, "x", (_, _) => throw new InvalidOperationException()));
        Assert.Contains("lower case letters, digits and single dashes", error.Message);
    }

    [Fact]
    public void AdaptersSayWhatDoesNotFit()
    {
        var noHead = Assert.Throws<WinnowException>(() => Classifier.Wrap("x", new UserNetwork(1, 3), head: "classifier"));
        Assert.Contains("has no submodule named 'classifier' (its children: features, fc)", noHead.Message);
        var notLinear = Assert.Throws<WinnowException>(() => Classifier.Wrap("x", new UserNetwork(1, 3), head: "features"));
        Assert.Contains("is a Sequential, not a linear layer", notLinear.Message);
        using var wrong = Classifier.Compose("y", new UserFeatures(1), nn.Linear(7, 3));
        var width = Assert.Throws<WinnowException>(() => wrong.call(ones(2, 1, 8, 8)));
        Assert.Contains("gives 8 features per sample but its head takes 7", width.Message);
    }

    [Fact]
    public void AWrappedNetworkKeepsItsOwnWeightNamesAndLogits()
    {
        using var network = new UserNetwork(1, 3);
        using var wrapped = Classifier.Wrap("z", network);
        Assert.Equal(network.state_dict().Keys, wrapped.Weights.state_dict().Keys);
        Assert.Equal(network.parameters().Count(), wrapped.parameters().Count()); // the head once, not twice
        using var x = randn(4, 1, 8, 8);
        using var direct = network.call(x);
        using var viaWrapper = wrapped.call(x);
        using var embedding = wrapped.Embed(x);
        using var fromEmbedding = wrapped.Head.call(embedding);
        Assert.True(direct.allclose(viaWrapper));
        Assert.True(direct.allclose(fromEmbedding));
        Assert.Equal([4L, 16L], embedding.shape);
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
