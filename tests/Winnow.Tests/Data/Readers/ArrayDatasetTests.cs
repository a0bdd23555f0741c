using System.IO.Compression;
using Winnow.Data;
using Winnow.Data.Noise;
using Winnow.Data.Readers;
using Winnow.Settings;
using Winnow.Tests.Support;

namespace Winnow.Tests.Data.Readers;

public class ArrayDatasetTests
{
    private static string Write(TempFolder folder, string name, byte[] npy)
    {
        File.WriteAllBytes(folder.File(name), npy);
        return folder.File(name);
    }

    private static Dataset LoadNpy(params string[] files) => DatasetCatalog.Load($"npy:{string.Join(",", files)}", null, null, seed: 3);

    private static string LoadError(string spec, string? layout = null) =>
        Assert.Throws<WinnowException>(() => DatasetCatalog.Load(spec, null, null, seed: 3, layout)).Message;

    [Fact]
    public void ATableWithTestArrays()
    {
        using var folder = new TempFolder();
        var x = Write(folder, "features.npy", NpyBytes.Floats([1, 2, 3, 4, 5, 6, 7, 8], 4, 2));
        var y = Write(folder, "labels.npy", NpyBytes.Longs([2, 0, 1, 0]));
        var xTest = Write(folder, "xt.npy", NpyBytes.File("<f8", [1, 2], NpyBytes.Of(new[] { 0.5, -0.5 })));
        var yTest = Write(folder, "yt.npy", NpyBytes.File("|u1", [1, 1], [2]));

        var dataset = LoadNpy(x, y, xTest, yTest);

        Assert.Equal("features", dataset.Name);
        Assert.Equal(DatasetKind.Table, dataset.Kind);
        Assert.Equal([2], dataset.Train.SampleShape);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f], dataset.Train.Features);
        Assert.Equal([2, 0, 1, 0], dataset.Train.Labels);
        Assert.Equal([0.5f, -0.5f], dataset.Test.Features);
        Assert.Equal([2], dataset.Test.Labels);
        Assert.Equal(3, dataset.ClassCount);
        Assert.Equal(["0", "1", "2"], dataset.ClassNames);
    }

    [Fact]
    public void GrayImagesKeepTheirRawPixels()
    {
        using var folder = new TempFolder();
        var pixels = Enumerable.Range(0, 2 * 3 * 4).Select(i => (byte)(i * 10)).ToArray();
        var x = Write(folder, "x.npy", NpyBytes.Bytes(pixels, 2, 3, 4));
        var y = Write(folder, "y.npy", NpyBytes.File("<i4", [2], NpyBytes.Of(new[] { 1, 0 })));

        var arrays = ArrayDataset.ReadNpy($"{x},{y}", null);

        Assert.Equal(DatasetKind.GrayImage, arrays.Kind);
        Assert.Equal([1, 3, 4], arrays.Train.SampleShape);
        Assert.Equal(pixels.Select(p => (float)p), arrays.Train.Features);
        Assert.Null(arrays.Test);
    }

    /// <summary>[N, H, W, C] with value 1000n + 100h + 10w + c, so every value says where it came from.</summary>
    private static float[] Nhwc(int n, int h, int w, int c)
    {
        var values = new List<float>();
        for (var a = 0; a < n; a++) for (var b = 0; b < h; b++) for (var d = 0; d < w; d++) for (var e = 0; e < c; e++) values.Add(1000 * a + 100 * b + 10 * d + e);
        return values.ToArray();
    }

    [Fact]
    public void ChannelsLastImagesAreTransposedToChannelsFirst()
    {
        using var folder = new TempFolder();
        var x = Write(folder, "x.npy", NpyBytes.Floats(Nhwc(2, 4, 5, 3), 2, 4, 5, 3));
        var y = Write(folder, "y.npy", NpyBytes.Longs([0, 1]));

        var arrays = ArrayDataset.ReadNpy($"{x},{y}", null); // dimension 3 holds 3: nhwc

        Assert.Equal(DatasetKind.ColorImage, arrays.Kind);
        Assert.Equal([3, 4, 5], arrays.Train.SampleShape);
        for (var n = 0; n < 2; n++)
        for (var c = 0; c < 3; c++)
        for (var h = 0; h < 4; h++)
        for (var w = 0; w < 5; w++)
            Assert.Equal(1000 * n + 100 * h + 10 * w + c, arrays.Train.Features[((n * 3 + c) * 4 + h) * 5 + w]);
    }

    [Fact]
    public void ChannelsFirstImagesAreReadAsTheyAre()
    {
        using var folder = new TempFolder();
        var values = Enumerable.Range(0, 2 * 3 * 4 * 5).Select(i => (float)i).ToArray();
        var x = Write(folder, "x.npy", NpyBytes.Floats(values, 2, 3, 4, 5));
        var gray = Write(folder, "g.npy", NpyBytes.Floats(values[..40], 2, 1, 4, 5));
        var y = Write(folder, "y.npy", NpyBytes.Longs([0, 1]));

        var colour = ArrayDataset.ReadNpy($"{x},{y}", null);
        Assert.Equal(DatasetKind.ColorImage, colour.Kind);
        Assert.Equal([3, 4, 5], colour.Train.SampleShape);
        Assert.Equal(values, colour.Train.Features);
        var oneChannel = ArrayDataset.ReadNpy($"{gray},{y}", null);
        Assert.Equal(DatasetKind.GrayImage, oneChannel.Kind);
        Assert.Equal([1, 4, 5], oneChannel.Train.SampleShape);
    }

    [Fact]
    public void TheLayoutDecidesWhatTheShapeCannot()
    {
        using var folder = new TempFolder();
        // [2, 3, 4, 3]: 3 channels first or last; auto refuses to guess.
        var values = Nhwc(2, 3, 4, 3);
        var x = Write(folder, "x.npy", NpyBytes.Floats(values, 2, 3, 4, 3));
        var y = Write(folder, "y.npy", NpyBytes.Longs([0, 1]));

        Assert.Equal($"{x} has shape (2, 3, 4, 3): dimension 1 and dimension 3 could each be the channels; set the layout to nchw or nhwc",
            Assert.Throws<WinnowException>(() => ArrayDataset.ReadNpy($"{x},{y}", null)).Message);
        var nhwc = ArrayDataset.ReadNpy($"{x},{y}", ImageLayout.Nhwc);
        Assert.Equal([3, 3, 4], nhwc.Train.SampleShape);
        Assert.Equal(10 * 3 + 2, nhwc.Train.Features[(2 * 3 + 0) * 4 + 3]); // channel 2, row 0, column 3 of image 0
        var nchw = ArrayDataset.ReadNpy($"{x},{y}", ImageLayout.Nchw);
        Assert.Equal([3, 4, 3], nchw.Train.SampleShape);
        Assert.Equal(values, nchw.Train.Features);
    }

    [Fact]
    public void ImagesMustHaveOneOrThreeChannels()
    {
        using var folder = new TempFolder();
        var x = Write(folder, "x.npy", NpyBytes.Floats(new float[2 * 4 * 8 * 8], 2, 4, 8, 8));
        var y = Write(folder, "y.npy", NpyBytes.Longs([0, 1]));
        Assert.Equal($"{x} has shape (2, 4, 8, 8): neither dimension 1 nor dimension 3 holds 1 or 3 channels, and images must be gray (1) or colour (3)",
            Assert.Throws<WinnowException>(() => ArrayDataset.ReadNpy($"{x},{y}", null)).Message);
        Assert.Equal($"{x} has shape (2, 4, 8, 8), which as nchw is images of 4 channels; images must have 1 (gray) or 3 (colour)",
            Assert.Throws<WinnowException>(() => ArrayDataset.ReadNpy($"{x},{y}", "nchw")).Message);
    }

    [Fact]
    public void LayoutsAreCheckedWhereverTheyAreGiven()
    {
        using var folder = new TempFolder();
        var x = Write(folder, "x.npy", NpyBytes.Floats([1, 2, 3, 4], 2, 2));
        var y = Write(folder, "y.npy", NpyBytes.Longs([0, 1]));

        Assert.Equal("the layout 'xyz' is not one of nchw, nhwc", LoadError($"npy:{x},{y}", "xyz"));
        Assert.Equal($"the layout applies to 4-D image arrays, and {x} has shape (2, 2)", LoadError($"npy:{x},{y}", "nhwc"));
        Assert.Equal("the layout applies to npy: and npz: datasets only", LoadError($"csv:{x}", "nchw"));

        var spec = new DataSpec { Dataset = "mnist", Layout = "nchw" };
        var notArrays = Assert.Throws<SettingException>(spec.Validate);
        Assert.Equal("layout", notArrays.Setting.Name);
        Assert.Equal("the layout applies to npy: and npz: datasets only", notArrays.Message);
        Assert.Equal("the layout must be one of nchw, nhwc (got 'xyz')",
            Assert.Throws<SettingException>(new DataSpec { Dataset = "npz:d.npz", Layout = "xyz" }.Validate).Message);
        new DataSpec { Dataset = "NPZ:d.npz", Layout = "nhwc" }.Validate();
        Assert.Null(Declared.Named<DataSpec>("layout").Parse("auto"));
        Assert.Equal("nhwc", Declared.Named<DataSpec>("layout").Parse("NHWC"));
    }

    [Fact]
    public void NoLayoutLeavesTheRunHashAsItWas()
    {
        var json = new Winnow.Runs.RunSpec().ToJson().ToJsonString();
        Assert.DoesNotContain("layout", json);
        Assert.Contains("\"layout\":\"nhwc\"", new Winnow.Runs.RunSpec { Data = new DataSpec { Layout = "nhwc" } }.ToJson().ToJsonString());
    }

    [Fact]
    public void StringLabelsAreOrderedAsCsvLabelsAre()
    {
        using var folder = new TempFolder();
        var x = Write(folder, "x.npy", NpyBytes.Floats([1, 2, 3, 4], 4, 1));
        var numbers = Write(folder, "n.npy", NpyBytes.File("<U2", [4], NpyBytes.Strings(["10", "9", "2", "9"], 2, unicode: true)));
        var names = Write(folder, "s.npy", NpyBytes.File("|S3", [4, 1], NpyBytes.Strings(["dog", "cat", "Eel", "cat"], 3, unicode: false)));

        var numbered = ArrayDataset.ReadNpy($"{x},{numbers}", null);
        Assert.Equal(["2", "9", "10"], numbered.ClassNames);
        Assert.Equal([2, 1, 0, 1], numbered.Train.Labels);
        var named = ArrayDataset.ReadNpy($"{x},{names}", null);
        Assert.Equal(["Eel", "cat", "dog"], named.ClassNames);
        Assert.Equal([2, 1, 0, 1], named.Train.Labels);

        var xTest = Write(folder, "xt.npy", NpyBytes.Floats([5], 1, 1));
        var unknown = Write(folder, "u.npy", NpyBytes.File("<U3", [1], NpyBytes.Strings(["owl"], 3, unicode: true)));
        var integers = Write(folder, "i.npy", NpyBytes.Longs([1]));
        Assert.Equal($"{unknown} has label 'owl', which never occurs in {names}", LoadError($"npy:{x},{names},{xTest},{unknown}"));
        Assert.Equal($"{integers} holds integer labels but {names} holds string labels", LoadError($"npy:{x},{names},{xTest},{integers}"));
        var empty = Write(folder, "e.npy", NpyBytes.File("<U3", [4], NpyBytes.Strings(["a", "b", "", "a"], 3, unicode: true)));
        Assert.Equal($"{empty}: label 2 is an empty string", LoadError($"npy:{x},{empty}"));
    }

    [Fact]
    public void IntegerLabelsAreTheClassesFromZero()
    {
        using var folder = new TempFolder();
        var x = Write(folder, "x.npy", NpyBytes.Floats([1, 2, 3, 4], 4, 1));
        string Labels(string name, long[] values) => Write(folder, name, NpyBytes.Longs(values));

        Assert.Equal($"{folder.File("neg.npy")}: label 2 is -1; integer labels must be the classes 0..C−1",
            LoadError($"npy:{x},{Labels("neg.npy", [0, 1, -1, 0])}"));
        Assert.Equal($"{folder.File("gap.npy")}: no sample has label 0, though the labels run to 3; integer labels must be the classes 0..C−1, each with a training sample",
            LoadError($"npy:{x},{Labels("gap.npy", [1, 2, 3, 1])}"));
        Assert.Equal($"{folder.File("one.npy")} holds a single class; classification needs at least 2",
            LoadError($"npy:{x},{Labels("one.npy", [0, 0, 0, 0])}"));
        var xTest = Write(folder, "xt.npy", NpyBytes.Floats([5], 1, 1));
        Assert.Equal($"{folder.File("yt.npy")} has label 4, which never occurs in {folder.File("ok.npy")}",
            LoadError($"npy:{x},{Labels("ok.npy", [0, 1, 2, 1])},{xTest},{Labels("yt.npy", [4])}"));
        var floats = Write(folder, "f.npy", NpyBytes.Floats([0, 1, 0, 1], 4));
        Assert.Equal($"{floats} holds float32 values; labels must be integers (classes 0..C−1) or strings, so store them as one of those",
            LoadError($"npy:{x},{floats}"));
        var matrix = Write(folder, "m.npy", NpyBytes.File("<i8", [2, 2], NpyBytes.Of(new long[] { 0, 1, 0, 1 })));
        Assert.Equal($"{matrix} has shape (2, 2); labels must be [N] or [N, 1]", LoadError($"npy:{x},{matrix}"));
    }

    [Fact]
    public void CountsThatDisagreeNameBothFiles()
    {
        using var folder = new TempFolder();
        var x = Write(folder, "x.npy", NpyBytes.Floats([1, 2, 3, 4, 5, 6], 3, 2));
        var y = Write(folder, "y.npy", NpyBytes.Longs([0, 1]));
        Assert.Equal($"{x} holds 3 samples but {y} holds 2 labels", LoadError($"npy:{x},{y}"));

        var yOk = Write(folder, "y3.npy", NpyBytes.Longs([0, 1, 0]));
        var xTest = Write(folder, "xt.npy", NpyBytes.Floats([1, 2, 3], 1, 3));
        Assert.Equal($"{xTest} has shape (1, 3), so its samples are not shaped as those of {x}, (3, 2)", LoadError($"npy:{x},{yOk},{xTest},{yOk}"));
        Assert.Equal($"npy:{x}: give npy:X,Y or npy:X,Y,X_TEST,Y_TEST", LoadError($"npy:{x}"));
        Assert.Equal($"npy:{x},{y},{x}: give npy:X,Y or npy:X,Y,X_TEST,Y_TEST", LoadError($"npy:{x},{y},{x}"));
    }

    [Fact]
    public void FeaturesMustBeFiniteNumbers()
    {
        using var folder = new TempFolder();
        var y = Write(folder, "y.npy", NpyBytes.Longs([0, 1]));
        var nan = Write(folder, "nan.npy", NpyBytes.File("<f8", [2, 3], NpyBytes.Of(new[] { 1, 2, 3, 4, double.NaN, 6 })));
        Assert.Equal($"{nan} holds NaN at index (1, 1); features must be finite 32-bit floats", LoadError($"npy:{nan},{y}"));
        var huge = Write(folder, "huge.npy", NpyBytes.File("<f8", [2, 1], NpyBytes.Of(new[] { 1, 1e300 })));
        Assert.Equal($"{huge} holds 1E+300 at index (1, 0); features must be finite 32-bit floats", LoadError($"npy:{huge},{y}"));
        var text = Write(folder, "s.npy", NpyBytes.File("<U1", [2, 1], NpyBytes.Strings(["a", "b"], 1, unicode: true)));
        Assert.Equal($"{text} holds str values; features must be numbers (float32, float64, uint8 or other integers)", LoadError($"npy:{text},{y}"));
        var flags = Write(folder, "b.npy", NpyBytes.File("|b1", [2, 1], [1, 0]));
        Assert.Contains($"{flags} holds dtype '|b1' (bool), which Winnow does not read", LoadError($"npy:{flags},{y}"));
        var objects = Write(folder, "o.npy", NpyBytes.File("|O", [2, 1], new byte[16]));
        Assert.StartsWith($"{objects} holds Python objects (dtype '|O')", LoadError($"npy:{objects},{y}"));
        var vector = Write(folder, "v.npy", NpyBytes.Floats([1, 2], 2));
        Assert.StartsWith($"{vector} has shape (2,); features must be [N, D] (a table)", LoadError($"npy:{vector},{y}"));
    }

    [Theory]
    [InlineData(CompressionLevel.NoCompression)]
    [InlineData(CompressionLevel.SmallestSize)]
    public void AnNpzWithTrainAndTestArrays(CompressionLevel level)
    {
        using var folder = new TempFolder();
        var path = folder.File("shapes.npz");
        NpyBytes.WriteNpz(path, level,
            ("x_train", NpyBytes.Floats(Nhwc(4, 2, 2, 1), 4, 2, 2, 1)),
            ("y_train", NpyBytes.Longs([0, 1, 1, 0])),
            ("x_test", NpyBytes.Floats(Nhwc(1, 2, 2, 1), 1, 2, 2, 1)),
            ("y_test", NpyBytes.Longs([1])));

        var dataset = DatasetCatalog.Load($"npz:{path}", null, null, seed: 0);

        Assert.Equal("shapes", dataset.Name);
        Assert.Equal(DatasetKind.GrayImage, dataset.Kind);
        Assert.Equal([1, 2, 2], dataset.Train.SampleShape);
        Assert.Equal(4, dataset.Train.Count);
        Assert.Equal([0f, 10f, 100f, 110f], dataset.Test.Features);
        Assert.Equal([1], dataset.Test.Labels);
    }

    [Fact]
    public void AnNpzWithoutTestArraysHoldsOutAStratifiedFifth()
    {
        using var folder = new TempFolder();
        var path = folder.File("d.npz");
        var labels = Enumerable.Range(0, 50).Select(i => i < 30 ? "a" : "b").ToArray();
        NpyBytes.WriteNpz(path, CompressionLevel.Fastest,
            ("x", NpyBytes.Floats(Enumerable.Range(0, 50).Select(i => (float)i).ToArray(), 50, 1)),
            ("y", NpyBytes.File("<U1", [50], NpyBytes.Strings(labels, 1, unicode: true))));

        var dataset = DatasetCatalog.Load($"npz:{path}", null, null, seed: 5);
        var again = DatasetCatalog.Load($"npz:{path}", null, null, seed: 5);
        var other = DatasetCatalog.Load($"npz:{path}", null, null, seed: 6);

        Assert.Equal(40, dataset.Train.Count);
        Assert.Equal(10, dataset.Test.Count);
        Assert.Equal(6, dataset.Test.Labels.Count(l => l == 0));
        Assert.Equal(again.Test.Features, dataset.Test.Features);
        Assert.NotEqual(other.Test.Features, dataset.Test.Features);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (float)i), dataset.Train.Features.Concat(dataset.Test.Features).Order());
    }

    [Fact]
    public void OneTableAsCsvOrAsArraysHoldsOutTheSameRows()
    {
        using var folder = new TempFolder();
        var rows = Enumerable.Range(0, 40).Select(i => (Feature: i * 1.5f, Label: i % 7 % 3)).ToArray();
        File.WriteAllLines(folder.File("t.csv"), rows.Select(r => FormattableString.Invariant($"{r.Feature},{r.Label}")));
        var x = Write(folder, "x.npy", NpyBytes.Floats(rows.Select(r => r.Feature).ToArray(), 40, 1));
        var y = Write(folder, "y.npy", NpyBytes.Longs(rows.Select(r => (long)r.Label).ToArray()));

        var csv = DatasetCatalog.Load($"csv:{folder.File("t.csv")}", null, null, seed: 11);
        var arrays = DatasetCatalog.Load($"npy:{x},{y}", null, null, seed: 11);

        Assert.Equal(csv.ClassNames, arrays.ClassNames);
        Assert.Equal(csv.Test.Features, arrays.Test.Features);
        Assert.Equal(csv.Train.Labels, arrays.Train.Labels);
    }

    [Fact]
    public void AnNpzNamesTheArraysItLacks()
    {
        using var folder = new TempFolder();
        var path = folder.File("d.npz");
        NpyBytes.WriteNpz(path, CompressionLevel.Optimal, ("features", NpyBytes.Floats([1, 2], 2, 1)), ("labels", NpyBytes.Longs([0, 1])));
        Assert.Equal($"{path} has no arrays named x and y, or x_train and y_train; it holds features, labels", LoadError($"npz:{path}"));

        NpyBytes.WriteNpz(folder.File("e.npz"), CompressionLevel.Optimal, ("x_train", NpyBytes.Floats([1, 2], 2, 1)), ("labels", NpyBytes.Longs([0, 1])));
        Assert.Equal($"{folder.File("e.npz")} has no array 'y_train'; it holds x_train, labels", LoadError($"npz:{folder.File("e.npz")}"));

        NpyBytes.WriteNpz(folder.File("f.npz"), CompressionLevel.Optimal,
            ("x", NpyBytes.Floats([1, 2], 2, 1)), ("y", NpyBytes.Longs([0, 1])), ("x_test", NpyBytes.Floats([1], 1, 1)));
        Assert.Equal($"{folder.File("f.npz")} has no array 'y_test'; it holds x, y, x_test", LoadError($"npz:{folder.File("f.npz")}"));

        NpyBytes.WriteNpz(folder.File("g.npz"), CompressionLevel.Optimal, ("x", NpyBytes.Floats([1, 2], 2, 1)), ("x_train", NpyBytes.Floats([1, 2], 2, 1)));
        Assert.StartsWith($"{folder.File("g.npz")} holds both x/y and x_train/y_train", LoadError($"npz:{folder.File("g.npz")}"));
        Assert.Equal("data file not found: /nonexistent/d.npz", LoadError("npz:/nonexistent/d.npz"));
    }

    [Fact]
    public void TooFewSamplesToHoldOutAsksForTestArrays()
    {
        using var folder = new TempFolder();
        var x = Write(folder, "x.npy", NpyBytes.Floats([1, 2], 2, 1));
        var y = Write(folder, "y.npy", NpyBytes.Longs([0, 1]));
        Assert.Equal($"{x} has too few samples (2) to hold out a test split; give test arrays as npy:X,Y,X_TEST,Y_TEST", LoadError($"npy:{x},{y}"));
    }

    [Fact]
    public void FloatImagesInZeroToOnePrepareAsTheirUint8Pixels()
    {
        // Normalisation scales images by 1/255 and then standardises each channel: the scale of the values drops out.
        using var folder = new TempFolder();
        var random = new Random(2);
        var pixels = Enumerable.Range(0, 10 * 6 * 6 * 3).Select(_ => (byte)random.Next(256)).ToArray();
        var labels = Enumerable.Range(0, 10).Select(i => (long)(i % 2)).ToArray();
        NpyBytes.WriteNpz(folder.File("bytes.npz"), CompressionLevel.Fastest, ("x", NpyBytes.Bytes(pixels, 10, 6, 6, 3)), ("y", NpyBytes.Longs(labels)));
        NpyBytes.WriteNpz(folder.File("floats.npz"), CompressionLevel.Fastest,
            ("x", NpyBytes.Floats(pixels.Select(p => p / 255f).ToArray(), 10, 6, 6, 3)), ("y", NpyBytes.Longs(labels)));

        var asBytes = DatasetCatalog.Load($"npz:{folder.File("bytes.npz")}", null, null, seed: 1);
        var asFloats = DatasetCatalog.Load($"npz:{folder.File("floats.npz")}", null, null, seed: 1);
        Assert.Equal(DatasetKind.ColorImage, asFloats.Kind);
        Assert.Equal(asBytes.Test.Labels, asFloats.Test.Labels);
        using var fromBytes = DataPipeline.Prepare(asBytes, NoiseSpec.Parse("none"), null, seed: 1);
        using var fromFloats = DataPipeline.Prepare(asFloats, NoiseSpec.Parse("none"), null, seed: 1);

        foreach (var (a, b) in new[] { (fromBytes.Train.Inputs, fromFloats.Train.Inputs), (fromBytes.Test.Inputs, fromFloats.Test.Inputs) })
        {
            Assert.Equal(a.shape, b.shape);
            Assert.True(a.std().item<float>() > 0.5f); // standardised, not all zeros
            Assert.True((a - b).abs().max().item<float>() < 1e-4f, "float images in [0, 1] must prepare like their bytes");
        }
    }

    [Fact]
    public void NumPyWroteTheseDatasets()
    {
        string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "arrays", name);

        // np.savez: uint8 [6, 4, 4, 1] images (NHWC, one channel), uint8 labels; int16 test labels.
        var stored = DatasetCatalog.Load($"npz:{Fixture("train_test.npz")}", null, null, seed: 0);
        Assert.Equal(DatasetKind.GrayImage, stored.Kind);
        Assert.Equal([1, 4, 4], stored.Train.SampleShape);
        Assert.Equal(Enumerable.Range(0, 96).Select(i => (float)(i % 251)), stored.Train.Features);
        Assert.Equal([0, 1, 2, 0, 1, 2], stored.Train.Labels);
        Assert.Equal([0, 1, 2], stored.Test.Labels);

        // np.savez_compressed: float64 table, string labels, a fifth held out.
        var compressed = DatasetCatalog.Load($"npz:{Fixture("compressed.npz")}", null, null, seed: 0);
        Assert.Equal(DatasetKind.Table, compressed.Kind);
        Assert.Equal(["a", "b"], compressed.ClassNames);
        Assert.Equal((8, 2), (compressed.Train.Count, compressed.Test.Count));

        // np.save: NHWC colour images with their NumPy values, transposed: value 7i mod 256 at flat NHWC index i.
        var labels = new NpyArray("labels", NpyDtype.Parse("<i8"), [4], new long[] { 0, 1, 0, 1 });
        var images = ArrayDataset.Assemble("images", NpyReader.Read(Fixture("images_u8_nhwc.npy")), labels, null, null, null);
        Assert.Equal([3, 2, 3], images.Train.SampleShape);
        for (var h = 0; h < 2; h++) for (var w = 0; w < 3; w++) for (var c = 0; c < 3; c++)
            Assert.Equal((((1 * 2 + h) * 3 + w) * 3 + c) * 7 % 256, images.Train.Features[18 + (c * 2 + h) * 3 + w]);
    }
}
