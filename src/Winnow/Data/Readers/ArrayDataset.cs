namespace Winnow.Data.Readers;

/// <summary>
/// A dataset from NumPy arrays: features x and labels y to train on, and optionally a pair to
/// test on. x is [N, D] (a table), [N, H, W] (gray images) or [N, C, H, W] / [N, H, W, C]
/// (images; see <see cref="ImageLayout"/>), and [N, H, W, C] is transposed to the [C, H, W]
/// samples models take. Values are kept as given: uint8 pixels 0–255 as IDX and CIFAR give them,
/// float images in whatever scale they have, since normalisation standardises each channel and
/// so does not depend on the scale. y is [N] or [N, 1] of integers (the classes 0..C−1, every one
/// present in training) or of strings (classes ordered as CSV labels are: numbers numerically,
/// other names ordinally).
/// </summary>
public static class ArrayDataset
{
    /// <summary>What the arrays hold. <see cref="Test"/> is null when no test arrays were given, for the catalogue to hold a split out.</summary>
    /// <param name="Source">The file the training samples came from, for messages.</param>
    public sealed record Arrays(string Name, string Source, DatasetKind Kind, Split Train, Split? Test, string[] ClassNames);

    /// <param name="argument">"X.npy,Y.npy" or "X.npy,Y.npy,X_TEST.npy,Y_TEST.npy".</param>
    /// <param name="layout">nchw, nhwc, or null to tell from the shape (4-D images only).</param>
    public static Arrays ReadNpy(string argument, string? layout)
    {
        CheckLayout(layout);
        var files = argument.Split(',', StringSplitOptions.TrimEntries);
        if (files.Length is not (2 or 4) || files.Any(f => f.Length == 0))
            throw new WinnowException($"npy:{argument}: give npy:X,Y or npy:X,Y,X_TEST,Y_TEST");
        var arrays = files.Select(NpyReader.Read).ToArray();
        return Assemble(Path.GetFileNameWithoutExtension(files[0]), arrays[0], arrays[1],
            files.Length == 4 ? arrays[2] : null, files.Length == 4 ? arrays[3] : null, layout);
    }

    /// <summary>An .npz holding x and y, or x_train and y_train; and x_test and y_test when it has a test split.</summary>
    /// <param name="layout">nchw, nhwc, or null to tell from the shape (4-D images only).</param>
    public static Arrays ReadNpz(string path, string? layout)
    {
        CheckLayout(layout);
        using var archive = NpzArchive.Open(path);
        var plain = archive.Contains("x") || archive.Contains("y");
        var suffixed = archive.Contains("x_train") || archive.Contains("y_train");
        if (plain && suffixed)
            throw new WinnowException($"{path} holds both x/y and x_train/y_train, so which to train on is unclear; keep one pair");
        if (!plain && !suffixed)
        {
            var held = archive.Keys.Count == 0 ? "no arrays" : string.Join(", ", archive.Keys);
            throw new WinnowException($"{path} has no arrays named x and y, or x_train and y_train; it holds {held}");
        }
        var (xKey, yKey) = suffixed ? ("x_train", "y_train") : ("x", "y");
        var x = archive.Read(xKey);
        var y = archive.Read(yKey);
        var hasTest = archive.Contains("x_test") || archive.Contains("y_test");
        return Assemble(Path.GetFileNameWithoutExtension(path), x, y,
            hasTest ? archive.Read("x_test") : null, hasTest ? archive.Read("y_test") : null, layout);
    }

    /// <summary>Checks the arrays against each other and turns them into splits.</summary>
    /// <param name="xTest">With <paramref name="yTest"/>, or both null.</param>
    public static Arrays Assemble(string name, NpyArray x, NpyArray y, NpyArray? xTest, NpyArray? yTest, string? layout)
    {
        CheckLayout(layout);
        if ((xTest is null) != (yTest is null)) throw new ArgumentException("give both test arrays or neither");
        var (kind, sampleShape, nhwc) = Interpret(x, layout);
        if (xTest is not null)
        {
            if (xTest.Rank == 0 || !xTest.Shape.Skip(1).SequenceEqual(x.Shape.Skip(1)))
                throw new WinnowException($"{xTest.Source} has shape {xTest.ShapeText}, so its samples are not shaped as those of {x.Source}, {x.ShapeText}");
            if (xTest.Shape[0] == 0) throw new WinnowException($"{xTest.Source} holds no samples");
        }
        CheckLabelShape(y, x);
        if (yTest is not null) CheckLabelShape(yTest, xTest!);
        var (trainLabels, testLabels, names) = Classes(y, yTest);

        Split SplitOf(NpyArray features, int[] labels)
        {
            var values = Floats(features);
            if (nhwc) values = ArrayAxes.Permute(values, features.Shape, [0, 3, 1, 2]);
            return new Split(values, labels, sampleShape);
        }
        var train = SplitOf(x, trainLabels);
        var test = xTest is null ? null : SplitOf(xTest, testLabels!);
        return new Arrays(name, x.Source, kind, train, test, names);
    }

    /// <summary>
    /// What x is: a table, gray images or colour images, the shape of one sample, and whether its
    /// channels come last. A 4-D array without a layout is read by the dimension that holds 1 or 3
    /// channels; when both dimension 1 and dimension 3 could (an image 1 or 3 pixels wide), the
    /// layout must be given rather than guessed.
    /// </summary>
    private static (DatasetKind Kind, int[] SampleShape, bool Nhwc) Interpret(NpyArray x, string? layout)
    {
        var shape = x.Shape;
        if (shape.Length is < 2 or > 4)
            throw new WinnowException($"{x.Source} has shape {x.ShapeText}; features must be [N, D] (a table), [N, H, W] (gray images), [N, C, H, W] or [N, H, W, C] (images)");
        if (shape[0] == 0) throw new WinnowException($"{x.Source} holds no samples");
        if (shape.Skip(1).Contains(0)) throw new WinnowException($"{x.Source} has shape {x.ShapeText}: its samples hold no values");
        if (layout is not null && shape.Length != 4)
            throw new WinnowException($"the layout applies to 4-D image arrays, and {x.Source} has shape {x.ShapeText}");
        if (shape.Length == 2) return (DatasetKind.Table, [shape[1]], false);
        if (shape.Length == 3) return (DatasetKind.GrayImage, [1, shape[1], shape[2]], false);

        var nhwc = (layout ?? AutoLayout(x)) == ImageLayout.Nhwc;
        var (channels, height, width) = nhwc ? (shape[3], shape[1], shape[2]) : (shape[1], shape[2], shape[3]);
        var kind = channels switch
        {
            1 => DatasetKind.GrayImage,
            3 => DatasetKind.ColorImage,
            _ => throw new WinnowException(
                $"{x.Source} has shape {x.ShapeText}, which as {(nhwc ? ImageLayout.Nhwc : ImageLayout.Nchw)} is images of {channels} channels; images must have 1 (gray) or 3 (colour)"),
        };
        return (kind, [channels, height, width], nhwc);
    }

    private static string AutoLayout(NpyArray x)
    {
        var first = x.Shape[1] is 1 or 3;
        var last = x.Shape[3] is 1 or 3;
        return (first, last) switch
        {
            (true, false) => ImageLayout.Nchw,
            (false, true) => ImageLayout.Nhwc,
            (true, true) => throw new WinnowException(
                $"{x.Source} has shape {x.ShapeText}: dimension 1 and dimension 3 could each be the channels; set the layout to nchw or nhwc"),
            _ => throw new WinnowException(
                $"{x.Source} has shape {x.ShapeText}: neither dimension 1 nor dimension 3 holds 1 or 3 channels, and images must be gray (1) or colour (3)"),
        };
    }

    private static void CheckLayout(string? layout)
    {
        if (layout is not null && !ImageLayout.Names.Contains(layout))
            throw new WinnowException($"the layout '{layout}' is not one of {string.Join(", ", ImageLayout.Names)}");
    }

    private static void CheckLabelShape(NpyArray y, NpyArray x)
    {
        if (y.Rank is not (1 or 2) || (y.Rank == 2 && y.Shape[1] != 1))
            throw new WinnowException($"{y.Source} has shape {y.ShapeText}; labels must be [N] or [N, 1]");
        if (y.Shape[0] != x.Shape[0])
            throw new WinnowException($"{x.Source} holds {x.Shape[0]} samples but {y.Source} holds {y.Shape[0]} labels");
    }

    /// <summary>Class indices of the training and test labels, and the class names.</summary>
    private static (int[] Train, int[]? Test, string[] Names) Classes(NpyArray y, NpyArray? yTest)
    {
        if (!y.Dtype.IsInteger && !y.Dtype.IsText) throw NotLabels(y);
        if (yTest is not null && !yTest.Dtype.IsInteger && !yTest.Dtype.IsText) throw NotLabels(yTest);
        if (yTest is not null && y.Dtype.IsText != yTest.Dtype.IsText)
            throw new WinnowException($"{yTest.Source} holds {Describe(yTest)} labels but {y.Source} holds {Describe(y)} labels");
        return y.Dtype.IsText ? NamedClasses(y, yTest) : NumberedClasses(y, yTest);
    }

    private static WinnowException NotLabels(NpyArray y) =>
        new($"{y.Source} holds {y.Dtype.Name} values; labels must be integers (classes 0..C−1) or strings, so store them as one of those");

    private static string Describe(NpyArray y) => y.Dtype.IsText ? "string" : "integer";

    /// <summary>
    /// Integer labels are the classes 0..the largest training label. A class below it with no
    /// training sample is refused: it would be a class that never trains yet draws noisy labels
    /// (labels counted from 1 would otherwise make a dead class 0).
    /// </summary>
    private static (int[] Train, int[]? Test, string[] Names) NumberedClasses(NpyArray y, NpyArray? yTest)
    {
        var train = ClassIndices(y);
        var present = train.ToHashSet();
        var largest = train.Max();
        if (present.Count < largest + 1)
        {
            var missing = Enumerable.Range(0, largest).First(c => !present.Contains(c));
            throw new WinnowException(
                $"{y.Source}: no sample has label {missing}, though the labels run to {largest}; integer labels must be the classes 0..C−1, each with a training sample");
        }
        if (present.Count < 2) throw new WinnowException($"{y.Source} holds a single class; classification needs at least 2");
        int[]? test = null;
        if (yTest is not null)
        {
            test = ClassIndices(yTest);
            var unknown = Array.FindIndex(test, l => l > largest);
            if (unknown >= 0) throw new WinnowException($"{yTest.Source} has label {test[unknown]}, which never occurs in {y.Source}");
        }
        return (train, test, Enumerable.Range(0, largest + 1).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
    }

    private static int[] ClassIndices(NpyArray y)
    {
        var labels = new int[y.Shape[0]];
        for (var i = 0; i < labels.Length; i++)
        {
            var value = y.Data switch
            {
                sbyte[] v => v[i],
                short[] v => v[i],
                int[] v => v[i],
                long[] v => v[i],
                byte[] v => v[i],
                ushort[] v => v[i],
                uint[] v => v[i],
                ulong[] v => v[i] > long.MaxValue ? long.MaxValue : (long)v[i],
                _ => throw NotLabels(y),
            };
            if (value < 0) throw new WinnowException($"{y.Source}: label {i} is {value}; integer labels must be the classes 0..C−1");
            if (value >= int.MaxValue) throw new WinnowException($"{y.Source}: label {i} is {value}, too large to be a class");
            labels[i] = (int)value;
        }
        return labels;
    }

    /// <summary>String labels: classes named by the distinct training labels, in <see cref="CsvReader.ClassNames"/>' order.</summary>
    private static (int[] Train, int[]? Test, string[] Names) NamedClasses(NpyArray y, NpyArray? yTest)
    {
        var train = Strings(y);
        var names = CsvReader.ClassNames(train);
        if (names.Length < 2) throw new WinnowException($"{y.Source} holds a single class; classification needs at least 2");
        var classOf = names.Select((n, c) => (n, c)).ToDictionary(p => p.n, p => p.c, StringComparer.Ordinal);
        int[]? test = null;
        if (yTest is not null)
        {
            var testNames = Strings(yTest);
            var unknown = testNames.FirstOrDefault(l => !classOf.ContainsKey(l));
            if (unknown is not null) throw new WinnowException($"{yTest.Source} has label '{unknown}', which never occurs in {y.Source}");
            test = testNames.Select(l => classOf[l]).ToArray();
        }
        return (train.Select(l => classOf[l]).ToArray(), test, names);
    }

    private static string[] Strings(NpyArray y)
    {
        var labels = (string[])y.Data;
        var empty = Array.FindIndex(labels, l => l.Length == 0);
        if (empty >= 0) throw new WinnowException($"{y.Source}: label {empty} is an empty string");
        return labels;
    }

    /// <summary>The features as floats, in the array's own order; non-finite values are refused, naming the first.</summary>
    private static float[] Floats(NpyArray x)
    {
        if (!x.Dtype.IsFloat && !x.Dtype.IsInteger)
            throw new WinnowException($"{x.Source} holds {x.Dtype.Name} values; features must be numbers (float32, float64, uint8 or other integers)");
        var values = x.Data switch
        {
            float[] v => v,
            double[] v => Array.ConvertAll(v, d => (float)d),
            Half[] v => Array.ConvertAll(v, h => (float)h),
            byte[] v => Array.ConvertAll(v, b => (float)b),
            sbyte[] v => Array.ConvertAll(v, b => (float)b),
            short[] v => Array.ConvertAll(v, s => (float)s),
            ushort[] v => Array.ConvertAll(v, s => (float)s),
            int[] v => Array.ConvertAll(v, i => (float)i),
            uint[] v => Array.ConvertAll(v, i => (float)i),
            long[] v => Array.ConvertAll(v, l => (float)l),
            ulong[] v => Array.ConvertAll(v, l => (float)l),
            _ => throw new WinnowException($"{x.Source} holds {x.Dtype.Name} values; features must be numbers"),
        };
        if (x.Dtype.IsFloat)
        {
            var bad = Array.FindIndex(values, v => !float.IsFinite(v));
            if (bad >= 0)
            {
                var original = x.Data.GetValue(bad);
                throw new WinnowException($"{x.Source} holds {Convert.ToString(original, System.Globalization.CultureInfo.InvariantCulture)} at index {x.IndexText(bad)}; features must be finite 32-bit floats");
            }
        }
        return values;
    }
}
