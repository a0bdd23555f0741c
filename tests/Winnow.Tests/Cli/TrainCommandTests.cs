using System.Text.Json;
using Winnow.Tests.Support;

namespace Winnow.Tests.Cli;

public class TrainCommandTests
{
    [Fact]
    public void HelpListsEveryTrainOption()
    {
        var root = CliProcess.Run("--help");
        Assert.Equal(0, root.ExitCode);
        Assert.Contains("train", root.Stdout);
        var train = CliProcess.Run("train", "--help");
        Assert.Equal(0, train.ExitCode);
        foreach (var option in new[] { "--dataset", "--data-dir", "--train-size", "--noise", "--model", "--epochs", "--batch-size", "--lr", "--seed", "--out", "--overwrite" })
            Assert.Contains(option, train.Stdout);
        // Every declared setting of what train takes is an option, under its declared name, with its help text.
        var declared = new[] { typeof(Winnow.Data.DataSpec), typeof(Winnow.Runs.RunSpec), typeof(Winnow.Training.TrainerOptions), typeof(Winnow.Learners.LearnerOptions),
            typeof(Winnow.Learners.DistillationOptions), typeof(Winnow.Dynamic.DynamicOptions), typeof(Winnow.Dynamic.AlignmentOptions) }.SelectMany(Winnow.Settings.Declared.Of);
        foreach (var setting in declared)
        {
            var flag = setting.ValueType == typeof(bool) && setting.Default is true ? $"--no-{setting.Name}" : $"--{setting.Name}";
            Assert.Matches($@"\s{System.Text.RegularExpressions.Regex.Escape(flag)}\s", train.Stdout);
            Assert.Contains(setting.Help.Split(' ')[0], train.Stdout);
        }
        // Registries name what the options take.
        foreach (var name in Winnow.Dynamic.DynamicPruners.Names.Concat(Winnow.Learners.LearnerCatalog.Names).Concat(Winnow.Models.ModelCatalog.Names))
            Assert.Contains(name, train.Stdout);
    }

    [Theory]
    [InlineData("cuda", "error: device 'cuda': CUDA is not available")]
    [InlineData("cuda:0", "error: device 'cuda:0': CUDA is not available")]
    [InlineData("gpu", "error: --device must be one of auto, cpu, cuda or cuda:N (got 'gpu')")]
    [InlineData("cuda:x", "error: --device must be one of auto, cpu, cuda or cuda:N (got 'cuda:x')")]
    public void ADeviceThatIsNotHereIsOneLineAndExit2BeforeAnyWork(string device, string message)
    {
        var data = TinyIdx.Create();
        var output = Path.Combine(data, "run");
        var result = CliProcess.Run("train", "--dataset", $"idx:{data}", "--epochs", "1", "--device", device, "--out", output);
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(message, line);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void ThreadsSetLibTorchsThreadsAndTheRecordStatesThemWithTheConvolutionKernels()
    {
        var data = TinyIdx.Create();
        var output = Path.Combine(data, "one-thread");
        var run = CliProcess.Run("train", "--dataset", $"idx:{data}", "--epochs", "1", "--threads", "1", "--out", output);
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
        Assert.Equal(1, metrics.RootElement.GetProperty("cpu_threads").GetInt32());
        Assert.Equal("oneDNN", metrics.RootElement.GetProperty("cpu_convolutions").GetString()); // libtorch's default, which Winnow keeps
        using var spec = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "spec.json")));
        Assert.Equal(1, spec.RootElement.GetProperty("threads").GetInt32());

        var none = CliProcess.Run("train", "--dataset", $"idx:{data}", "--epochs", "1", "--threads", "0", "--out", Path.Combine(data, "none"));
        Assert.Equal(2, none.ExitCode);
        Assert.Equal("error: --threads must be at least 1 (got 0)", none.Stderr.Trim());
        Assert.False(Directory.Exists(Path.Combine(data, "none")));
    }

    [Fact]
    public void ChannelsLastIsTheDefaultLayoutAndEveryRecordStatesIt()
    {
        var data = TinyIdx.Create();
        string Layout(string output, params string[] more)
        {
            var run = CliProcess.Run(["train", "--dataset", $"idx:{data}", "--epochs", "1", "--out", output, .. more]);
            Assert.True(run.ExitCode == 0, run.Stderr);
            using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
            return metrics.RootElement.GetProperty("activation_layout").GetString()!;
        }

        Assert.Equal("channels-last", Layout(Path.Combine(data, "default")));
        var nchw = Path.Combine(data, "nchw");
        Assert.Equal("nchw", Layout(nchw, "--no-channels-last"));
        using var spec = JsonDocument.Parse(File.ReadAllText(Path.Combine(nchw, "spec.json")));
        Assert.False(spec.RootElement.GetProperty("channels_last").GetBoolean()); // part of the run's specification
    }

    [Fact]
    public void InitLoadsAPyTorchStateDictStrictlyOrWhatMatches()
    {
        var data = TinyIdx.Create();
        var weights = Path.Combine(AppContext.BaseDirectory, "Fixtures", "weights", "mlp-6x3.pt"); // an mlp for 6 features, 3 classes
        string[] Args(string output, params string[] more) =>
            ["train", "--dataset", $"idx:{data}", "--model", "mlp", "--epochs", "1", "--init", weights, "--out", output, .. more];

        var strict = CliProcess.Run(Args(Path.Combine(data, "strict")));
        Assert.Equal(2, strict.ExitCode);
        var line = strict.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]; // after the line saying what data loaded
        Assert.StartsWith("error: ", line);
        Assert.Contains("does not fit model 'Mlp': 1 mis-shaped (fc1.weight: file [256, 6], model [256, 64]); to load only what matches, set init-strict to false", line);

        var output = Path.Combine(data, "loose");
        var loose = CliProcess.Run(Args(output, "--init-strict", "false"));
        Assert.True(loose.ExitCode == 0, loose.Stderr);
        Assert.Contains($"init: 5 tensors from {weights}; skipped 1 mis-shaped (fc1.weight", loose.Stderr);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
        Assert.Equal(5, metrics.RootElement.GetProperty("init_loaded").GetInt32());
        Assert.Equal(["fc1.weight"], metrics.RootElement.GetProperty("init_skipped").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(64, metrics.RootElement.GetProperty("init_sha256").GetString()!.Length);

        var grey = CliProcess.Run("train", "--dataset", $"idx:{data}", "--model", "resnet18-imagenet", "--epochs", "1", "--out", Path.Combine(data, "grey"));
        Assert.Equal(2, grey.ExitCode);
        Assert.Contains("model 'resnet18-imagenet' takes images of 3 channels, got [1, 8, 8]", grey.Stderr);
    }

    [Fact]
    public void TheDeviceChosenIsPrintedAndRecorded()
    {
        var data = TinyIdx.Create();
        var output = Path.Combine(data, "run");
        var result = CliProcess.Run("train", "--dataset", $"idx:{data}", "--epochs", "1", "--device", "auto", "--out", output);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("; device cpu", result.Stderr); // auto, and these machines have no GPU
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
        Assert.Equal("cpu", metrics.RootElement.GetProperty("device").GetString());
        using var spec = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "spec.json")));
        Assert.Equal("cpu", spec.RootElement.GetProperty("device").GetString());
    }

    [Fact]
    public void TrainsWritesEveryOutputAndRepeatsExactlyWithTheSameSeed()
    {
        var data = TinyIdx.Create();
        var first = Path.Combine(data, "run1");
        var second = Path.Combine(data, "run2");
        string[] Args(string output) =>
            ["train", "--dataset", $"idx:{data}", "--noise", "symmetric:0.2", "--epochs", "3", "--batch-size", "32", "--lr", "0.05", "--seed", "4", "--out", output];
        var a = CliProcess.Run(Args(first));
        Assert.True(a.ExitCode == 0, a.Stderr);
        Assert.Contains("test accuracy", a.Stdout);
        var b = CliProcess.Run(Args(second));
        Assert.True(b.ExitCode == 0, b.Stderr);

        using var m1 = JsonDocument.Parse(File.ReadAllText(Path.Combine(first, "metrics.json")));
        using var m2 = JsonDocument.Parse(File.ReadAllText(Path.Combine(second, "metrics.json")));
        var accuracy = m1.RootElement.GetProperty("test_accuracy").GetDouble();
        Assert.InRange(accuracy, 0.0, 1.0);
        Assert.Equal(accuracy, m2.RootElement.GetProperty("test_accuracy").GetDouble());
        Assert.Equal(3, m1.RootElement.GetProperty("epochs").GetInt32());
        Assert.Equal(240, m1.RootElement.GetProperty("train_size").GetInt32());
        Assert.Equal(0.2, m1.RootElement.GetProperty("noise_rate").GetDouble(), 3);
        Assert.Equal(720, m1.RootElement.GetProperty("samples_backpropagated").GetInt64());
        Assert.True(m1.RootElement.GetProperty("train_seconds").GetDouble() > 0);

        var csv = File.ReadAllLines(Path.Combine(first, "epochs.csv"));
        Assert.Equal(4, csv.Length);
        Assert.StartsWith("epoch,", csv[0]);
        foreach (var npy in new[] { "trajectory_loss.npy", "trajectory_margin.npy", "trajectory_correct.npy", "labels.npy" })
            Assert.True(new FileInfo(Path.Combine(first, npy)).Length > 128, npy);
        Assert.True(File.Exists(Path.Combine(first, "checkpoint", "model.dat")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(first, "trajectory_loss.npy")), File.ReadAllBytes(Path.Combine(second, "trajectory_loss.npy")));
        Assert.Empty(Directory.GetFiles(first, "*.tmp", SearchOption.AllDirectories));
    }

    public static TheoryData<string, string[], string> BadInputs => new()
    {
        { "unknown dataset", ["--dataset", "imagenet"], "error: unknown dataset 'imagenet'; use one of: fashion-mnist, mnist, idx:DIR" },
        { "unknown model", ["--model", "vgg99"], "error: --model must be one of small-cnn, resnet18, preact-resnet18, resnet18-imagenet, mlp (got 'vgg99')" },
        { "noise rate", ["--noise", "symmetric:1.5"], "error: noise rate 1.5 is outside [0, 1)" },
        { "noise kind", ["--noise", "gaussian:0.2"], "error: unknown noise spec 'gaussian:0.2'" },
        { "train size", ["--train-size", "100000"], "error: a subset of 100000 samples was asked for, but the data has only 30" },
        { "epochs", ["--epochs", "0"], "error: --epochs must be at least 1 (got 0)" },
        { "fraction of a number", ["--epochs", "two"], "error: --epochs must be a whole number (got 'two')" },
        { "schedule", ["--schedule", "step"], "error: --schedule must be one of cosine, constant (got 'step')" },
        { "unknown option", ["--bogus", "1"], "error: Unrecognized command or argument '--bogus'" },
        { "empty output folder name", ["--out", ""], "error: the output folder has no name" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInputGivesOneLineAndExitCode2(string because, string[] extra, string message)
    {
        var data = TinyIdx.Create(trainCount: 30, testCount: 6);
        var output = Path.Combine(data, "out");
        var defaults = new Dictionary<string, string> { ["--dataset"] = $"idx:{data}", ["--epochs"] = "1", ["--out"] = output };
        for (var i = 0; i < extra.Length; i += 2) defaults[extra[i]] = extra[i + 1];
        var result = CliProcess.Run(["train", .. defaults.SelectMany(p => new[] { p.Key, p.Value })]);
        Assert.StartsWith(message, AssertOneLineError(result, because));
        Assert.Equal(2, result.ExitCode);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void ACorruptLabelByteIsAnErrorNamingTheFileAndRecord()
    {
        // Label 200 in a 3-class IDX set would otherwise make 201 classes and train to chance.
        var data = TinyIdx.Create(trainCount: 30, testCount: 6);
        var labels = Enumerable.Range(0, 30).Select(i => (byte)(i % 3)).ToArray();
        labels[17] = 200;
        var file = Path.Combine(data, "train-labels-idx1-ubyte.gz");
        TinyIdx.WriteIdx(file, 0x801, [30], labels);
        var generic = CliProcess.Run("train", "--dataset", $"idx:{data}", "--epochs", "1", "--out", Path.Combine(data, "a"));
        Assert.Equal($"error: {file}: record 17 holds label 200, but no record has label 3–199 (197 classes); the labels of an IDX dataset must be the classes 0..C−1 (a corrupt label byte?)",
            AssertOneLineError(generic, "corrupt label, idx"));
        var named = CliProcess.Run("train", "--dataset", "fashion-mnist", "--data-dir", data, "--epochs", "1", "--out", Path.Combine(data, "b"));
        Assert.Equal($"error: {file}: record 17 holds label 200, outside the 10 classes 0..9 of this dataset", AssertOneLineError(named, "corrupt label, fashion-mnist"));
    }

    [Fact]
    public void MissingTruncatedAndMismatchedFilesAreReported()
    {
        var empty = Directory.CreateTempSubdirectory("winnow-empty").FullName;
        var missing = CliProcess.Run("train", "--dataset", $"idx:{empty}", "--out", Path.Combine(empty, "out"));
        Assert.StartsWith($"error: data file not found: {Path.Combine(empty, "train-images-idx3-ubyte")}", AssertOneLineError(missing, "missing files"));
        Assert.Contains(empty, missing.Stderr);

        var truncated = TinyIdx.Create(trainCount: 30, testCount: 6);
        var images = Path.Combine(truncated, "train-images-idx3-ubyte");
        var pixels = new byte[29 * 64]; // header says 30 images
        TinyIdx.WriteIdx(images, 0x803, [30, 8, 8], pixels, gzip: false);
        File.Delete(images + ".gz");
        var cut = CliProcess.Run("train", "--dataset", $"idx:{truncated}", "--out", Path.Combine(truncated, "out"));
        Assert.StartsWith($"error: {images} is truncated: its header promises 1920 bytes of data, the file holds 1856", AssertOneLineError(cut, "truncated"));

        var mismatched = TinyIdx.Create(trainCount: 30, testCount: 6);
        TinyIdx.WriteIdx(Path.Combine(mismatched, "train-labels-idx1-ubyte.gz"), 0x801, [29], new byte[29]);
        Assert.EndsWith("holds 30 images but " + Path.Combine(mismatched, "train-labels-idx1-ubyte.gz") + " holds 29 labels",
            AssertOneLineError(CliProcess.Run("train", "--dataset", $"idx:{mismatched}", "--out", Path.Combine(mismatched, "out")), "count mismatch"));
    }

    [Fact]
    public void UnwritableOutputDirectoryIsRefusedBeforeTraining()
    {
        var data = TinyIdx.Create(trainCount: 30, testCount: 6);
        var file = Path.Combine(data, "a-file");
        File.WriteAllText(file, "");
        var result = CliProcess.Run("train", "--dataset", $"idx:{data}", "--epochs", "1", "--out", Path.Combine(file, "out"));
        Assert.StartsWith($"error: cannot write to output directory {Path.Combine(file, "out")}", AssertOneLineError(result, "unwritable output"));
    }

    [Fact]
    public void DivergingTrainingStopsOnNaNWithoutWritingMetrics()
    {
        var data = TinyIdx.Create(trainCount: 60, testCount: 6);
        var output = Path.Combine(data, "out");
        var result = CliProcess.Run("train", "--dataset", $"idx:{data}", "--epochs", "3", "--lr", "1e30", "--out", output);
        Assert.StartsWith("error: the training loss became NaN in epoch 2, batch 1; lower the learning rate (now 1E+30)", AssertOneLineError(result, "NaN loss"));
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void ALossThatExplodesWithoutBecomingNaNIsDivergenceToo()
    {
        var data = TinyIdx.Create(trainCount: 60, testCount: 6);
        var output = Path.Combine(data, "out");
        var result = CliProcess.Run("train", "--dataset", $"idx:{data}", "--epochs", "3", "--lr", "50", "--out", output);
        Assert.Matches(@"^error: the training loss (exploded to \S+ in epoch \d+, batch \d+ \(the first batch's was \S+\)|became NaN in epoch \d+, batch \d+); lower the learning rate \(now 50\)",
            AssertOneLineError(result, "exploding loss"));
        Assert.Equal(2, result.ExitCode);
        Assert.False(Directory.Exists(output));
    }

    /// <summary>Asserts one error line, no trace and a non-zero exit; returns the line.</summary>
    internal static string AssertOneLineError(CliProcess.Outcome result, string because)
    {
        Assert.True(result.ExitCode != 0, $"{because}: exit code 0");
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("error", StringComparison.Ordinal)).ToArray();
        Assert.True(lines.Length == 1, $"{because}: expected one error line, got: {result.Stderr}");
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.DoesNotContain("Exception", result.Stderr);
        return lines[0];
    }
}
