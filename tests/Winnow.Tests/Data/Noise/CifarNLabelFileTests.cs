using System.Text;
using System.Text.Json;
using Winnow.Data;
using Winnow.Data.Noise;

namespace Winnow.Tests.Data.Noise;

/// <summary>
/// CIFAR-N's label files as torch.save writes them (Fixtures/cifarn, made by make_cifarn.py with
/// torch 1.13 and numpy 1.24 for a training split of 60 samples and 10 classes labelled i % 10,
/// TinyIdx's): every format the labels come in, the defaults, the truth they carry, and the
/// files that must be refused.
/// </summary>
public class CifarNLabelFileTests
{
    internal static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "cifarn");
    private const int Train = 60;
    private const int Classes = 10;

    internal static string Fixture(string name) => Path.Combine(Folder, name);

    private static readonly JsonElement Expected = JsonDocument.Parse(File.ReadAllText(Fixture("expected.json"))).RootElement;

    internal static int[] ExpectedLabels(string key, string set = "cifar10n") =>
        Expected.GetProperty(set).GetProperty(key).EnumerateArray().Select(v => v.GetInt32()).ToArray();

    internal static double ExpectedRate(string key) => Expected.GetProperty("rates").GetProperty(key).GetDouble();

    public static TheoryData<string, string> SixKeysInEveryFormat()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in new[] { "cifar10n.pt", "cifar10n_legacy.pt", "cifar10n_protocol4.pth", "cifar10n_protocol5.pt", "cifar10n_numpy2.pt", "lists.pt" })
        foreach (var key in new[] { "clean_label", "worse_label", "aggre_label", "random_label1", "random_label2", "random_label3" })
            data.Add(file, key);
        return data;
    }

    [Theory]
    [MemberData(nameof(SixKeysInEveryFormat))]
    public void NumpyArraysAndListsReadAsSaved(string file, string key)
    {
        var labels = TorchLabelFile.Read(Fixture(file), key, Train, Classes);
        Assert.Equal(key, labels.Key);
        Assert.Equal(ExpectedLabels(key), labels.Noisy);
        Assert.Equal(ExpectedLabels("clean_label"), labels.Clean);
    }

    [Theory]
    [InlineData("tensors.pt")]
    [InlineData("tensors_legacy.pt")]
    public void TensorsReadWhateverTheirStorageOffsetStrideAndType(string file)
    {
        // worse_label is int32; aggre_label a slice at offset 10 of a 180-element storage; random_label1 every other element.
        foreach (var key in new[] { "clean_label", "worse_label", "aggre_label", "random_label1" })
            Assert.Equal(ExpectedLabels(key), TorchLabelFile.Read(Fixture(file), key, Train, Classes).Noisy);
    }

    [Fact]
    public void NarrowIntegerArraysRead()
    {
        var labels = TorchLabelFile.Read(Fixture("narrow_dtypes.pt"), null, Train, Classes); // int32 clean, uint8 worse
        Assert.Equal(ExpectedLabels("worse_label"), labels.Noisy);
        Assert.Equal(ExpectedLabels("clean_label"), labels.Clean);
        Assert.Equal(ExpectedLabels("aggre_label"), TorchLabelFile.Read(Fixture("narrow_dtypes.pt"), "aggre_label", Train, Classes).Noisy);
    }

    [Fact]
    public void TheDefaultKeyFollowsTheClassCount()
    {
        var ten = TorchLabelFile.Read(Fixture("cifar10n.pt"), null, Train, 10);
        Assert.Equal("worse_label", ten.Key);
        Assert.Equal(ExpectedLabels("worse_label"), ten.Noisy);

        var hundred = TorchLabelFile.Read(Fixture("cifar100n.pt"), null, Train, 100);
        Assert.Equal("noisy_label", hundred.Key);
        Assert.Equal(ExpectedLabels("noisy_label", "cifar100n"), hundred.Noisy);
        Assert.Equal(ExpectedLabels("clean_label", "cifar100n"), hundred.Clean);

        // Another class count: the one set besides clean_label, or the key must be named.
        Assert.Equal("noisy_label", TorchLabelFile.Read(Fixture("cifar100n.pt"), null, Train, 60).Key);
        var path = Fixture("cifar10n.pt");
        var error = Assert.Throws<WinnowException>(() => TorchLabelFile.Read(path, null, Train, 20));
        Assert.Equal($"{path} holds 5 label sets (worse_label, aggre_label, random_label1, random_label2, random_label3) and none is the default for 20 classes; name one as file:{path}:KEY", error.Message);
        Assert.Equal(ExpectedLabels("random_label2"), TorchLabelFile.Read(path, "random_label2", Train, 20).Noisy);
    }

    [Fact]
    public void AnUnknownKeyListsTheKeysTheFileHas()
    {
        var path = Fixture("cifar100n.pt");
        var error = Assert.Throws<WinnowException>(() => TorchLabelFile.Read(path, "worse_label", Train, 100));
        Assert.Equal($"{path} has no key 'worse_label'; its keys are clean_label, noisy_label", error.Message);
    }

    [Theory]
    [InlineData("not_a_dict.pt", "{0} holds a list, not a dict of label arrays (CIFAR-N's clean_label, worse_label, …)")]
    [InlineData("wrong_length.pt", "{0}: worse_label holds 20 labels but the training split has 60 samples — a label file of another split?")]
    [InlineData("label_out_of_range.pt", "{0}: worse_label[17] is 10, not a class in 0..9")]
    [InlineData("float_array.pt", "{0}: worse_label holds float32 values, not integer labels")]
    [InlineData("float_in_list.pt", "{0}: worse_label[5] is 3.5, not an integer label")]
    [InlineData("string_value.pt", "{0}: worse_label holds a str, not labels")]
    public void BadFilesAreOneLineNamingTheFile(string file, string message)
    {
        var path = Fixture(file);
        var error = Assert.Throws<WinnowException>(() => TorchLabelFile.Read(path, null, Train, Classes));
        Assert.Equal(string.Format(message, path), error.Message);
    }

    [Fact]
    public void CleanLabelMustFitTheSplitToo()
    {
        // clean_label is read whenever present: it is the truth the rate is measured against.
        var path = Fixture("clean_wrong_length.pt");
        var error = Assert.Throws<WinnowException>(() => TorchLabelFile.Read(path, null, Train, Classes));
        Assert.Equal($"{path}: clean_label holds 20 labels but the training split has 60 samples — a label file of another split?", error.Message);
    }

    [Theory]
    [InlineData("malicious_system.pt")] // a __reduce__ to os.system('echo pwned'), zip format
    [InlineData("malicious_eval.pt")]   // a __reduce__ to eval(...), legacy format
    [InlineData("malicious_class.pt")]  // an instance of the writer's own class
    public void AMaliciousPickleIsRefusedNamingWhatItCalls(string file)
    {
        var named = file switch
        {
            "malicious_system.pt" => Expected.GetProperty("malicious_system_global").GetString(), // posix.system on Linux
            "malicious_eval.pt" => "__builtin__.eval", // protocol 2 spells builtins the Python 2 way
            _ => "__main__.Plain",
        };
        var path = Fixture(file);
        var error = Assert.Throws<WinnowException>(() => TorchLabelFile.Read(path, null, Train, Classes));
        Assert.Equal($"{path}: holds a {named}, not labels", error.Message);
    }

    [Theory]
    [InlineData("\u0080\u0004\u008c\u0002os\u008c\u0006system\u0093\u008c\u000aecho pwned\u0085R.", "os.system")] // STACK_GLOBAL, protocol 4
    [InlineData("\u0080\u0002cbuiltins\neval\nX\u0001\u0000\u0000\u00001\u0085R.", "builtins.eval")]             // GLOBAL
    [InlineData("(X\u0001\u0000\u0000\u0000xios\nsystem\n.", "os.system")]                                         // INST
    [InlineData("\u0080\u0002c__main__\nEvil\n)\u0081.", "__main__.Evil")]                                          // NEWOBJ of a class
    [InlineData("\u0080\u0002ctorch\nload\n.", "torch.load")]                                                        // torch names other than storages
    [InlineData("\u0080\u0002\u0082\u0001.", "copyreg extension code")]                                              // EXT1
    public void TheUnpicklerBuildsNothingOutsideItsWhitelist(string pickle, string named)
    {
        var bytes = Encoding.Latin1.GetBytes(pickle);
        var error = Assert.Throws<WinnowException>(() => new RestrictedUnpickler(bytes, "f.pt").Load());
        Assert.Equal($"f.pt: holds a {named}, not labels", error.Message);
    }

    [Fact]
    public void TheWhitelistIsWhatTorchSaveOfLabelsNeeds()
    {
        Assert.Equal(
            ["__builtin__.bytes", "_codecs.encode", "builtins.bytes", "collections.OrderedDict",
             "numpy._core.multiarray._reconstruct", "numpy._core.multiarray.scalar", "numpy._core.numeric._frombuffer",
             "numpy.core.multiarray._reconstruct", "numpy.core.multiarray.scalar", "numpy.core.numeric._frombuffer",
             "numpy.dtype", "numpy.ndarray", "torch._utils._rebuild_tensor", "torch._utils._rebuild_tensor_v2"],
            RestrictedUnpickler.Allowed.Keys.Select(k => $"{k.Module}.{k.Name}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void FilesThatAreNoTorchSaveFilesSaySo()
    {
        using var folder = new Support.TempFolder();
        var text = folder.File("labels.pt");
        File.WriteAllText(text, "1\n2\n");
        Assert.Equal($"{text} is not a file torch.save writes (neither its zip archive nor its pickle stream)",
            Assert.Throws<WinnowException>(() => TorchLabelFile.Read(text, null, Train, Classes)).Message);

        var missing = folder.File("none.pt");
        Assert.Equal($"noisy label file not found: {missing}", Assert.Throws<WinnowException>(() => TorchLabelFile.Read(missing, null, Train, Classes)).Message);

        foreach (var (name, cut) in new[] { ("cifar10n_legacy.pt", "legacy.pt"), ("cifar10n.pt", "zip.pt") })
        {
            var whole = File.ReadAllBytes(Fixture(name));
            var half = folder.File(cut);
            File.WriteAllBytes(half, whole[..(whole.Length / 2)]);
            var error = Assert.Throws<WinnowException>(() => TorchLabelFile.Read(half, null, Train, Classes));
            Assert.StartsWith($"{half} is truncated or corrupt", error.Message);
            Assert.DoesNotContain('\n', error.Message);
        }

        // A pickle that is not torch.save's: no magic number first.
        var plain = folder.File("plain.pt");
        File.WriteAllBytes(plain, Encoding.Latin1.GetBytes("\u0080\u0002}q\u0000."));
        Assert.Equal($"{plain} is a pickle but not a file torch.save writes: it does not start with torch's magic number",
            Assert.Throws<WinnowException>(() => TorchLabelFile.Read(plain, null, Train, Classes)).Message);
    }
}

/// <summary>How a CIFAR-N file's noisy labels and its clean_label reach the training set.</summary>
public class CifarNNoiseTests
{
    /// <summary>60 samples whose own labels are all class 0: only the file's clean_label can make the measured rate CIFAR-N's.</summary>
    private static Dataset AllZeros()
    {
        var random = new Random(3);
        var features = Enumerable.Range(0, 60 * 4).Select(_ => (float)random.NextDouble()).ToArray();
        var train = new Split(features, new int[60], [4]);
        var test = new Split(features[..40], new int[10], [4]);
        return new Dataset("t", DatasetKind.Table, train, test, 10, Enumerable.Range(0, 10).Select(c => $"{c}").ToArray());
    }

    [Fact]
    public void CleanLabelIsTheTruthOfTheNoiseRate()
    {
        var dataset = AllZeros();
        var spec = NoiseSpec.Parse($"file:{CifarNLabelFileTests.Fixture("cifar10n.pt")}:aggre_label");
        var result = LabelNoise.Apply(spec, dataset, Enumerable.Range(0, 60).ToArray(), seed: 0);
        Assert.Equal(CifarNLabelFileTests.ExpectedLabels("aggre_label"), result.NoisyLabels);
        Assert.Equal(CifarNLabelFileTests.ExpectedLabels("clean_label"), result.CleanLabels);
        Assert.Equal(0.1, result.ActualRate, 12);
        Assert.Equal(CifarNLabelFileTests.ExpectedRate("aggre_label"), result.ActualRate, 12);
        Assert.Equal($"file:{spec.Path}:aggre_label against its clean_label", result.Description);

        // The chosen rows are looked up by source row, noisy and clean alike.
        int[] rows = [59, 3, 17, 42];
        var some = LabelNoise.Apply(spec, dataset, rows, seed: 0);
        Assert.Equal(rows.Select(r => CifarNLabelFileTests.ExpectedLabels("aggre_label")[r]), some.NoisyLabels);
        Assert.Equal(rows.Select(r => CifarNLabelFileTests.ExpectedLabels("clean_label")[r]), some.CleanLabels);
    }

    [Fact]
    public void TheTrainingSetsCleanLabelsAndNoisyMaskFollowTheFile()
    {
        var path = CifarNLabelFileTests.Fixture("cifar10n_legacy.pt");
        using var data = DataPipeline.Prepare(AllZeros(), NoiseSpec.Parse($"file:{path}"), trainSize: null, seed: 1);
        var clean = CifarNLabelFileTests.ExpectedLabels("clean_label");
        var worse = CifarNLabelFileTests.ExpectedLabels("worse_label");
        Assert.Equal(worse, data.Train.Labels);
        Assert.Equal(clean, data.Train.CleanLabels);
        Assert.Equal(clean.Select((c, i) => c != worse[i]), data.Train.NoisyMask!);
        Assert.Equal(24, data.Train.NoisyMask!.Count(n => n));
        Assert.Equal(0.4, data.Train.NoiseRate, 12);
        Assert.Equal(0.4, data.Noise.ActualRate, 12);
        Assert.Equal(new int[10], data.Test.Labels); // the test split keeps the dataset's labels
    }

    [Fact]
    public void OtherNoiseKeepsTheDatasetsLabelsAsTruth()
    {
        var dataset = AllZeros();
        int[] rows = [0, 5, 9];
        foreach (var spec in new[] { "none", "symmetric:0.5" })
            Assert.Equal(new int[3], LabelNoise.Apply(NoiseSpec.Parse(spec), dataset, rows, seed: 4).CleanLabels);

        // A text label file has no truth of its own: the dataset's labels stay the clean ones.
        using var folder = new Support.TempFolder();
        File.WriteAllLines(folder.File("l.txt"), Enumerable.Range(0, 60).Select(i => $"{i % 10}"));
        var text = LabelNoise.Apply(NoiseSpec.Parse($"file:{folder.File("l.txt")}"), dataset, rows, seed: 0);
        Assert.Equal([0, 5, 9], text.NoisyLabels);
        Assert.Equal(new int[3], text.CleanLabels);
        Assert.Equal(2 / 3.0, text.ActualRate, 12);
        Assert.Equal($"file:{folder.File("l.txt")}", text.Description);
    }

    [Fact]
    public void AKeyOnATextFileIsRefused()
    {
        var spec = new NoiseSpec(NoiseKind.File, 0, "labels.txt", "worse_label");
        Assert.Equal("a key (:worse_label) applies to .pt files only, not labels.txt",
            Assert.Throws<WinnowException>(() => LabelNoise.ReadFile(spec, 60, 10)).Message);
    }
}

public class CifarNNoiseSpecTests
{
    [Theory]
    [InlineData("file:/data/CIFAR-10_human.pt", "/data/CIFAR-10_human.pt", null)]
    [InlineData("file:/data/CIFAR-10_human.pt:aggre_label", "/data/CIFAR-10_human.pt", "aggre_label")]
    [InlineData("file:/data/CIFAR-100_human.PTH:noisy_label", "/data/CIFAR-100_human.PTH", "noisy_label")]
    [InlineData(@"file:C:\data\CIFAR-10_human.pt:random_label1", @"C:\data\CIFAR-10_human.pt", "random_label1")]
    [InlineData(@"file:C:\data\CIFAR-10_human.pt", @"C:\data\CIFAR-10_human.pt", null)]
    [InlineData("file:/runs/a:b/c.pt:_key2", "/runs/a:b/c.pt", "_key2")]
    [InlineData("file:/runs/a:b/labels.txt", "/runs/a:b/labels.txt", null)]
    [InlineData("file:/runs/labels.txt:worse_label", "/runs/labels.txt:worse_label", null)] // only after .pt/.pth
    [InlineData("file:/runs/x.pt:2nd", "/runs/x.pt:2nd", null)]                             // not an identifier
    [InlineData("file:/runs/x.pt:worse-label", "/runs/x.pt:worse-label", null)]
    [InlineData("file:/runs/x.pt:", "/runs/x.pt:", null)]
    [InlineData("file:x.ptx:key", "x.ptx:key", null)]
    public void ParsesAKeyOnlyAfterATorchFileAndRoundTrips(string text, string path, string? key)
    {
        var spec = NoiseSpec.Parse(text);
        Assert.Equal(NoiseKind.File, spec.Kind);
        Assert.Equal(path, spec.Path);
        Assert.Equal(key, spec.Key);
        Assert.Equal(text, spec.ToString());
        Assert.Equal(spec, NoiseSpec.Parse(spec.ToString()));
    }

    [Fact]
    public void OtherFormsPrintAsBefore()
    {
        foreach (var text in new[] { "none", "symmetric:0.4", "asymmetric:0.2", "instance:0.3", "file:/data/labels.txt" })
            Assert.Equal(text, NoiseSpec.Parse(text).ToString());
    }

    [Fact]
    public void TheErrorListsTheTorchForm()
    {
        var error = Assert.Throws<WinnowException>(() => NoiseSpec.Parse("cifar-n"));
        Assert.Equal("unknown noise spec 'cifar-n'; use none, symmetric:R, asymmetric:R, instance:R (R in [0, 1)), file:PATH or file:PATH.pt[:KEY]", error.Message);
    }
}

public class CifarNGridCheckTests
{
    [Fact]
    public void AGridChecksATorchLabelFileBeforeTheFolderIsClaimed()
    {
        // 30 samples of 3 classes: the fixture's 60 labels are for another split.
        using var tiny = new Experiments.GridTestSupport.TinyData(trainCount: 30, testCount: 6);
        var data = tiny.Path;
        var file = CifarNLabelFileTests.Fixture("cifar10n.pt");
        var text = $$"""
            {
              "datasets": ["idx:{{data}}"],
              "noise": ["file:{{file}}:worse_label"],
              "seeds": [1], "trainer": {"epochs": 1}, "arms": ["full"]
            }
            """;
        var output = Path.Combine(data, "out");
        var error = Assert.Throws<WinnowException>(() => Winnow.Experiments.GridRunner.Run(Winnow.Experiments.GridFile.Parse("g.json", text), output));
        Assert.Equal($"g.json:3: noise[0]: {file}: worse_label holds 60 labels but the training split has 30 samples — a label file of another split?", error.Message);
        Assert.False(Directory.Exists(output));
    }
}

public class CifarNErrorLineTests
{
    [Fact]
    public void NamesFromTheFileCannotBreakTheErrorLine()
    {
        // STACK_GLOBAL takes its names from strings, which may hold newlines.
        var bytes = Encoding.Latin1.GetBytes("\u0080\u0004\u008c\u0006os\nfoo\u008c\u0006system\u0093.");
        var error = Assert.Throws<WinnowException>(() => new RestrictedUnpickler(bytes, "f.pt").Load());
        Assert.Equal("f.pt: holds a os?foo.system, not labels", error.Message);
    }
}
