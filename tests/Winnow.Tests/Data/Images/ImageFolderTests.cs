using SkiaSharp;
using Winnow.Data.Images;
using Winnow.Tests.Support;

namespace Winnow.Tests.Data.Images;

public sealed class ImageFolderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string Train => Path.Combine(_folder.Path, "train");

    private string TestDir => Path.Combine(_folder.Path, "test");

    private string CacheDir => Path.Combine(_folder.Path, "cache");

    private ImageFolderOptions Options(int? imageSize = null, int? channels = null, bool skip = false) => new(imageSize, channels, CacheDir, skip);

    private static string Put(string folder, string relative, byte[] bytes)
    {
        var path = Path.Combine(folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Encode(int width, int height, Func<int, int, SKColor> pixel, SKEncodedImageFormat format = SKEncodedImageFormat.Png, bool gray = false)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, gray ? SKColorType.Gray8 : SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++) bitmap.SetPixel(x, y, pixel(x, y));
        using var data = bitmap.Encode(format, 95);
        return data.ToArray();
    }

    private static byte[] Solid(SKColor colour, int width = 4, int height = 4, SKEncodedImageFormat format = SKEncodedImageFormat.Png) =>
        Encode(width, height, (_, _) => colour, format);

    private static byte[] Gray(Func<int, int, byte> value, int width = 4, int height = 4, SKEncodedImageFormat format = SKEncodedImageFormat.Png) =>
        Encode(width, height, (x, y) => { var v = value(x, y); return new SKColor(v, v, v); }, format, gray: true);

    private static byte[] Sample(ImageFolderSplit split, int row)
    {
        var bytes = new byte[split.Cache.SampleSize];
        split.Cache.Read([row], bytes);
        return bytes;
    }

    private static byte[] AllBytes(ImageFolderSplit split)
    {
        var bytes = new byte[split.Cache.Count * split.Cache.SampleSize];
        split.Cache.Read(Enumerable.Range(0, split.Cache.Count).ToArray(), bytes);
        return bytes;
    }

    private static void AssertNear(IEnumerable<byte> expected, IEnumerable<byte> actual, int tolerance)
    {
        var e = expected.ToArray();
        var a = actual.ToArray();
        Assert.Equal(e.Length, a.Length);
        for (var i = 0; i < e.Length; i++)
            Assert.True(Math.Abs(e[i] - a[i]) <= tolerance, $"byte {i}: expected {e[i]} ± {tolerance}, got {a[i]}");
    }

    private static string Error(Action load) => Assert.Throws<WinnowException>(load).Message;

    [Fact]
    public void ClassesSortOrdinallyAndSamplesGoClassByClassInOrdinalFileOrder()
    {
        var red = Solid(SKColors.Red);
        foreach (var name in new[] { "b/2.png", "b/10.png", "b/1.PNG", "B/x.png", "a/z.jpg", "a/sub/y.png" }) Put(Train, name, red);
        Put(Train, "a/notes.txt", "not an image"u8.ToArray());
        Put(Train, "a/.hidden.png", [1, 2, 3]);
        Put(Train, ".git/c.png", red);
        Put(Train, "a/.thumbs/t.png", [1, 2, 3]);
        Put(Train, "stray.png", red);

        using var data = ImageFolder.Load(Train, null, Options());

        Assert.Equal(["B", "a", "b"], data.ClassNames);
        Assert.Equal(["B/x.png", "a/sub/y.png", "a/z.jpg", "b/1.PNG", "b/10.png", "b/2.png"], data.Train.Paths);
        Assert.Equal([0, 1, 1, 2, 2, 2], data.Train.Labels);
        Assert.Equal(6, data.Train.Cache.Count);
        Assert.Null(data.Test);
        Assert.Empty(data.SkippedImages);
        Assert.False(data.CacheReused);
    }

    [Fact]
    public void PngPixelsComeBackExactlyAsChannelPlanes()
    {
        static SKColor Pixel(int x, int y) => new((byte)(x * 60 + 1), (byte)(y * 50 + 2), (byte)(x * 16 + y * 4 + 3));
        Put(Train, "cat/a.png", Encode(4, 4, Pixel));
        Put(Train, "dog/b.png", Solid(new SKColor(9, 8, 7)));

        using var data = ImageFolder.Load(Train, null, Options());

        Assert.Equal([3, 4, 4], data.Train.Cache.SampleShape);
        var expected = new byte[48];
        for (var y = 0; y < 4; y++)
            for (var x = 0; x < 4; x++)
            {
                var p = Pixel(x, y);
                expected[y * 4 + x] = p.Red;
                expected[16 + y * 4 + x] = p.Green;
                expected[32 + y * 4 + x] = p.Blue;
            }
        Assert.Equal(expected, Sample(data.Train, 0));
        Assert.Equal(Enumerable.Repeat((byte)9, 16).Concat(Enumerable.Repeat((byte)8, 16)).Concat(Enumerable.Repeat((byte)7, 16)), Sample(data.Train, 1));
    }

    [Fact]
    public void GrayImagesGiveOneChannelAndGrayAmongColourIsReplicated()
    {
        Put(Train, "cat/a.png", Gray((x, y) => (byte)(x * 60 + y)));
        Put(Train, "dog/b.png", Gray((_, _) => 77));
        using (var gray = ImageFolder.Load(Train, null, Options()))
        {
            Assert.Equal([1, 4, 4], gray.Train.Cache.SampleShape);
            Assert.Equal(Enumerable.Range(0, 16).Select(i => (byte)(i % 4 * 60 + i / 4)), Sample(gray.Train, 0));
            Assert.Equal(Enumerable.Repeat((byte)77, 16), Sample(gray.Train, 1));
        }

        Put(Train, "dog/c.png", Solid(new SKColor(200, 100, 50)));
        using var mixed = ImageFolder.Load(Train, null, Options());
        Assert.Equal([3, 4, 4], mixed.Train.Cache.SampleShape);
        Assert.Equal(Enumerable.Repeat((byte)77, 48), Sample(mixed.Train, 1));
        Assert.Equal(Enumerable.Repeat((byte)200, 16).Concat(Enumerable.Repeat((byte)100, 16)).Concat(Enumerable.Repeat((byte)50, 16)), Sample(mixed.Train, 2));
    }

    [Fact]
    public void AlphaIsDroppedNotComposited()
    {
        using (var bitmap = new SKBitmap(new SKImageInfo(2, 2, SKColorType.Rgba8888, SKAlphaType.Unpremul)))
        {
            bitmap.Erase(new SKColor(200, 100, 50, 64));
            using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            Put(Train, "a/half-clear.png", png.ToArray());
        }
        Put(Train, "b/opaque.png", Solid(SKColors.Black, 2, 2));

        using var data = ImageFolder.Load(Train, null, Options());

        Assert.Equal([3, 2, 2], data.Train.Cache.SampleShape);
        Assert.Equal(new byte[] { 200, 200, 200, 200, 100, 100, 100, 100, 50, 50, 50, 50 }, Sample(data.Train, 0));
    }

    [Fact]
    public void ForcedChannelsConvertByLumaOrReplication()
    {
        Put(Train, "cat/a.png", Solid(new SKColor(200, 100, 50)));
        Put(Train, "dog/b.png", Gray((_, _) => 33));

        using (var gray = ImageFolder.Load(Train, null, Options(channels: 1)))
        {
            Assert.Equal([1, 4, 4], gray.Train.Cache.SampleShape);
            var luma = (byte)Math.Round(0.299 * 200 + 0.587 * 100 + 0.114 * 50); // 124.25 → 124
            Assert.Equal(Enumerable.Repeat(luma, 16), Sample(gray.Train, 0));
            Assert.Equal(Enumerable.Repeat((byte)33, 16), Sample(gray.Train, 1));
        }
        File.Delete(Path.Combine(Train, "cat/a.png"));
        Put(Train, "cat/a.png", Gray((_, _) => 150));
        using var rgb = ImageFolder.Load(Train, null, Options(channels: 3));
        Assert.Equal([3, 4, 4], rgb.Train.Cache.SampleShape);
        Assert.Equal(Enumerable.Repeat((byte)150, 48), Sample(rgb.Train, 0));
    }

    [Fact]
    public void AnImageSizeResizesTheShorterSideAndCropsTheCentre()
    {
        // 8×4, left half red, right half blue: the shorter side is already 4, the crop keeps columns 2..5.
        Put(Train, "wide/a.png", Encode(8, 4, (x, _) => x < 4 ? SKColors.Red : SKColors.Blue));
        // 4×8, rows 0..3 green, 4..7 white: halved to 2×4, the crop keeps rows 1..2 (green, white).
        Put(Train, "tall/b.png", Encode(4, 8, (_, y) => y < 4 ? SKColors.Lime : SKColors.White));

        using var four = ImageFolder.Load(Train, null, Options(imageSize: 4));
        Assert.Equal(["tall", "wide"], four.ClassNames);
        Assert.Equal([3, 4, 4], four.Train.Cache.SampleShape);
        byte[] redBlueRow = [255, 255, 0, 0];
        byte[] none = [0, 0, 0, 0];
        byte[] blueRow = [0, 0, 255, 255];
        var expected = Enumerable.Repeat(redBlueRow, 4).Concat(Enumerable.Repeat(none, 4)).Concat(Enumerable.Repeat(blueRow, 4)).SelectMany(r => r);
        Assert.Equal(expected, Sample(four.Train, 1));

        using var two = ImageFolder.Load(Train, null, Options(imageSize: 2));
        Assert.Equal([3, 2, 2], two.Train.Cache.SampleShape);
        // Planes R, G, B of [[green, green], [white, white]].
        AssertNear([0, 0, 255, 255, 255, 255, 255, 255, 0, 0, 255, 255], Sample(two.Train, 0), 8);
        // The wide image halved to 4×2 and cropped to columns 1..2: red then blue.
        AssertNear([255, 0, 255, 0, 0, 0, 0, 0, 0, 255, 0, 255], Sample(two.Train, 1), 8);
    }

    [Fact]
    public void JpegAndBmpDecode()
    {
        Put(Train, "a/solid.jpg", Solid(new SKColor(200, 100, 50), 8, 8, SKEncodedImageFormat.Jpeg));
        Put(Train, "b/solid.JPEG", Solid(new SKColor(20, 150, 220), 8, 8, SKEncodedImageFormat.Jpeg));
        using (var jpeg = ImageFolder.Load(Train, null, Options()))
        {
            Assert.Equal([3, 8, 8], jpeg.Train.Cache.SampleShape);
            AssertNear(Enumerable.Repeat((byte)200, 64).Concat(Enumerable.Repeat((byte)100, 64)).Concat(Enumerable.Repeat((byte)50, 64)), Sample(jpeg.Train, 0), 6);
            AssertNear(Enumerable.Repeat((byte)20, 64).Concat(Enumerable.Repeat((byte)150, 64)).Concat(Enumerable.Repeat((byte)220, 64)), Sample(jpeg.Train, 1), 6);
        }

        Directory.Delete(Train, recursive: true);
        Put(Train, "a/g.jpg", Gray((_, _) => 90, 8, 8, SKEncodedImageFormat.Jpeg));
        Put(Train, "b/p.bmp", Bmp24(8, 8, (x, y) => (byte)(x * 30), (x, y) => (byte)(y * 30), (_, _) => 90));
        using var mixed = ImageFolder.Load(Train, null, Options());
        Assert.Equal([3, 8, 8], mixed.Train.Cache.SampleShape);
        AssertNear(Enumerable.Repeat((byte)90, 192), Sample(mixed.Train, 0), 2);
        var bmp = Enumerable.Range(0, 64).Select(i => (byte)(i % 8 * 30))
            .Concat(Enumerable.Range(0, 64).Select(i => (byte)(i / 8 * 30))).Concat(Enumerable.Repeat((byte)90, 64));
        Assert.Equal(bmp, Sample(mixed.Train, 1));

        using var grayJpeg = ImageFolder.Load(Train, null, Options(channels: 1));
        Assert.Equal([1, 8, 8], grayJpeg.Train.Cache.SampleShape);
    }

    /// <summary>A bottom-up 24-bit BMP (SkiaSharp encodes none).</summary>
    private static byte[] Bmp24(int width, int height, Func<int, int, byte> r, Func<int, int, byte> g, Func<int, int, byte> b)
    {
        var row = (width * 3 + 3) / 4 * 4;
        var bytes = new byte[54 + row * height];
        void Int(int at, int value) => BitConverter.TryWriteBytes(bytes.AsSpan(at), value);
        bytes[0] = (byte)'B';
        bytes[1] = (byte)'M';
        Int(2, bytes.Length);
        Int(10, 54);
        Int(14, 40);
        Int(18, width);
        Int(22, height);
        BitConverter.TryWriteBytes(bytes.AsSpan(26), (short)1);
        BitConverter.TryWriteBytes(bytes.AsSpan(28), (short)24);
        Int(34, row * height);
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var at = 54 + (height - 1 - y) * row + x * 3;
                bytes[at] = b(x, y);
                bytes[at + 1] = g(x, y);
                bytes[at + 2] = r(x, y);
            }
        return bytes;
    }

    [Theory]
    // Stored 32×16 in quadrants red | blue over green | white; what is where once the EXIF orientation is applied.
    [InlineData(1, "red", "blue", "green", "white")]
    [InlineData(2, "blue", "red", "white", "green")]
    [InlineData(3, "white", "green", "blue", "red")]
    [InlineData(4, "green", "white", "red", "blue")]
    [InlineData(5, "red", "green", "blue", "white")]
    [InlineData(6, "green", "red", "white", "blue")]
    [InlineData(7, "white", "blue", "green", "red")]
    [InlineData(8, "blue", "white", "red", "green")]
    public void TheExifOrientationIsApplied(byte orientation, string topLeft, string topRight, string bottomLeft, string bottomRight)
    {
        var colours = new Dictionary<string, SKColor> { ["red"] = SKColors.Red, ["blue"] = SKColors.Blue, ["green"] = SKColors.Lime, ["white"] = SKColors.White };
        var jpeg = Encode(32, 16, (x, y) => (x < 16, y < 8) switch
        {
            (true, true) => SKColors.Red,
            (false, true) => SKColors.Blue,
            (true, false) => SKColors.Lime,
            _ => SKColors.White,
        }, SKEncodedImageFormat.Jpeg);
        Put(Train, "a/turned.jpg", WithExifOrientation(jpeg, orientation));
        var turned = orientation >= 5;
        Put(Train, "b/plain.jpg", Solid(SKColors.Gray, turned ? 16 : 32, turned ? 32 : 16, SKEncodedImageFormat.Jpeg));

        using var data = ImageFolder.Load(Train, null, Options());

        var (width, height) = turned ? (16, 32) : (32, 16);
        Assert.Equal([3, height, width], data.Train.Cache.SampleShape);
        var sample = Sample(data.Train, 0);
        // The centre of each quadrant, away from the edges that JPEG blurs.
        foreach (var (name, x, y) in new[] { (topLeft, width / 4, height / 4), (topRight, 3 * width / 4, height / 4), (bottomLeft, width / 4, 3 * height / 4), (bottomRight, 3 * width / 4, 3 * height / 4) })
        {
            var c = colours[name];
            var at = y * width + x;
            AssertNear([c.Red, c.Green, c.Blue], [sample[at], sample[width * height + at], sample[2 * width * height + at]], 40);
        }
    }

    /// <summary>Inserts an EXIF APP1 segment with just the orientation tag after the JPEG's SOI marker.</summary>
    private static byte[] WithExifOrientation(byte[] jpeg, byte orientation)
    {
        byte[] app1 =
        [
            0xFF, 0xE1, 0, 34, (byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0,
            (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8,          // big-endian TIFF header, IFD at 8
            0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, // one entry: Orientation, SHORT
            0, 0, 0, 0,                                         // no next IFD
        ];
        return [.. jpeg[..2], .. app1, .. jpeg[2..]];
    }

    [Fact]
    public void ImagesOfDifferentSizesNeedAnImageSize()
    {
        Put(Train, "a/1.png", Solid(SKColors.Red, 4, 4));
        Put(Train, "a/2.png", Solid(SKColors.Red, 4, 4));
        Put(Train, "b/1.png", Solid(SKColors.Red, 6, 5));

        var message = Error(() => ImageFolder.Load(Train, null, Options()));
        Assert.Contains(Path.Combine(Train, "b", "1.png"), message);
        Assert.Contains("6×5", message);
        Assert.Contains("4×4", message);
        Assert.Contains("give an image size", message);

        using var resized = ImageFolder.Load(Train, null, Options(imageSize: 3));
        Assert.Equal([3, 3, 3], resized.Train.Cache.SampleShape);
        Assert.Equal(3, resized.Train.Cache.Count);
    }

    [Fact]
    public void TheTestFolderFollowsTheTrainingClassesAndShape()
    {
        Put(Train, "cat/1.png", Gray((_, _) => 10));
        Put(Train, "dog/1.png", Gray((_, _) => 20));
        Put(Train, "eel/1.png", Gray((_, _) => 30));
        Put(TestDir, "eel/1.png", Solid(new SKColor(200, 100, 50)));
        Put(TestDir, "cat/1.png", Gray((_, _) => 40));

        using (var data = ImageFolder.Load(Train, TestDir, Options()))
        {
            Assert.Equal(["cat", "dog", "eel"], data.ClassNames);
            Assert.NotNull(data.Test);
            Assert.Equal(["cat/1.png", "eel/1.png"], data.Test.Paths);
            Assert.Equal([0, 2], data.Test.Labels);
            // The training images are gray, so the test's colour image becomes gray too.
            Assert.Equal([1, 4, 4], data.Test.Cache.SampleShape);
            Assert.Equal(Enumerable.Repeat((byte)124, 16), Sample(data.Test, 1));
        }

        Put(TestDir, "cat/2.png", Gray((_, _) => 40, 5, 5));
        var size = Error(() => ImageFolder.Load(Train, TestDir, Options()));
        Assert.Contains("cat/2.png", size.Replace('\\', '/'));
        Assert.Contains("5×5", size);
        Assert.Contains("4×4", size);

        Put(TestDir, "fox/1.png", Gray((_, _) => 40));
        var stranger = Error(() => ImageFolder.Load(Train, TestDir, Options(imageSize: 4)));
        Assert.Contains("'fox'", stranger);
        Assert.Contains("training folder does not have", stranger);
    }

    [Fact]
    public void ACorruptImageIsNamedUnlessBadImagesAreSkipped()
    {
        var png = Solid(SKColors.Red);
        Put(Train, "a/1.png", png);
        Put(Train, "a/2.png", png);
        var garbage = Put(Train, "a/3.png", "this is not a PNG"u8.ToArray());
        Put(Train, "b/1.png", png);
        Put(Train, "b/2.png", Solid(SKColors.Blue));
        // The header reads, the pixels do not: found only while decoding.
        var truncated = Put(Train, "b/3.png", Encode(4, 4, (x, y) => new SKColor((byte)(x * 50), (byte)(y * 50), 7))[..60]);

        var message = Error(() => ImageFolder.Load(Train, null, Options()));
        Assert.Contains(garbage, message);
        Assert.DoesNotContain("\n", message);

        File.Delete(garbage);
        var cut = Error(() => ImageFolder.Load(Train, null, Options()));
        Assert.Contains(truncated, cut);
        Assert.Contains("truncated", cut);

        Put(Train, "a/3.png", "this is not a PNG"u8.ToArray());
        using (var data = ImageFolder.Load(Train, null, Options(skip: true)))
        {
            Assert.Equal([garbage, truncated], data.SkippedImages);
            Assert.Equal(["a/1.png", "a/2.png", "b/1.png", "b/2.png"], data.Train.Paths);
            Assert.Equal(4, data.Train.Cache.Count);
            Assert.Equal(Enumerable.Repeat((byte)0, 16).Concat(Enumerable.Repeat((byte)0, 16)).Concat(Enumerable.Repeat((byte)255, 16)), Sample(data.Train, 3));
        }
        using (var again = ImageFolder.Load(Train, null, Options(skip: true)))
        {
            Assert.True(again.CacheReused);
            Assert.Equal([garbage, truncated], again.SkippedImages);
        }

        Put(Train, "c/bad.png", [0x89, 0x50]);
        var empty = Error(() => ImageFolder.Load(Train, null, Options(skip: true)));
        Assert.Contains("class folder 'c'", empty);
        Assert.Empty(Directory.GetFiles(CacheDir, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void FoldersThatCannotMakeADatasetAreOneClearError()
    {
        Assert.Contains("not found", Error(() => ImageFolder.Load(Train, null, Options())));

        Directory.CreateDirectory(Train);
        Put(Train, "loose.png", Solid(SKColors.Red));
        Assert.Contains("has no class folders", Error(() => ImageFolder.Load(Train, null, Options())));

        Put(Train, "cat/1.png", Solid(SKColors.Red));
        Assert.Contains("at least 2 classes", Error(() => ImageFolder.Load(Train, null, Options())));

        Put(Train, "dog/readme.txt", "no images here"u8.ToArray());
        var noImages = Error(() => ImageFolder.Load(Train, null, Options()));
        Assert.Contains("class folder 'dog'", noImages);
        Assert.Contains("has no images (.jpg, .jpeg, .png, .webp, .bmp)", noImages);

        Put(Train, "dog/1.webp", Solid(SKColors.Red, format: SKEncodedImageFormat.Webp));
        Assert.Contains("test image folder not found", Error(() => ImageFolder.Load(Train, TestDir, Options())));
        Directory.CreateDirectory(TestDir);
        Assert.Contains("has no class folders", Error(() => ImageFolder.Load(Train, TestDir, Options())));

        Assert.Contains("at least 1 pixel", Error(() => ImageFolder.Load(Train, null, Options(imageSize: 0))));
        Assert.Contains("got 2", Error(() => ImageFolder.Load(Train, null, Options(channels: 2))));

        using var data = ImageFolder.Load(Train, null, Options());
        Assert.Equal(["cat/1.png", "dog/1.webp"], data.Train.Paths);
    }

    [Fact]
    public void AnUnchangedFolderReusesItsCacheAndAChangedOneRebuildsIt()
    {
        Put(Train, "cat/1.png", Solid(new SKColor(10, 20, 30)));
        var dog = Put(Train, "dog/1.png", Solid(new SKColor(40, 50, 60)));
        Put(TestDir, "dog/1.png", Solid(new SKColor(70, 80, 90)));
        var reports = new List<(int, int)>();
        var progress = new SynchronousProgress(reports.Add);

        byte[] first;
        using (var built = ImageFolder.Load(Train, TestDir, Options(), progress))
        {
            Assert.False(built.CacheReused);
            first = AllBytes(built.Train);
            Assert.Equal((0, 3), reports[0]);
            Assert.Equal((3, 3), reports[^1]);
        }
        reports.Clear();
        using (var reused = ImageFolder.Load(Train, TestDir, Options(), progress))
        {
            Assert.True(reused.CacheReused);
            Assert.Empty(reports);
            Assert.Equal(first, AllBytes(reused.Train));
            Assert.Equal(["cat/1.png", "dog/1.png"], reused.Train.Paths);
            Assert.Equal([0, 1], reused.Train.Labels);
            Assert.Equal(["cat", "dog"], reused.ClassNames);
            Assert.Equal(Enumerable.Repeat((byte)70, 16), Sample(reused.Test!, 0).Take(16));
        }

        // Another image size is another cache; the first stays.
        using (var other = ImageFolder.Load(Train, TestDir, Options(imageSize: 2))) Assert.False(other.CacheReused);
        using (var back = ImageFolder.Load(Train, TestDir, Options())) Assert.True(back.CacheReused);

        File.WriteAllBytes(dog, Solid(new SKColor(1, 2, 3)));
        File.SetLastWriteTimeUtc(dog, DateTime.UtcNow.AddMinutes(5));
        reports.Clear();
        using (var rebuilt = ImageFolder.Load(Train, TestDir, Options(), progress))
        {
            Assert.False(rebuilt.CacheReused);
            // The test folder did not change: only the training split's 2 images are decoded.
            Assert.Equal([(0, 2), (2, 2)], reports);
            Assert.Equal(Enumerable.Repeat((byte)1, 16), Sample(rebuilt.Train, 1).Take(16));
            Assert.Equal(first.Take(48), AllBytes(rebuilt.Train).Take(48));
        }

        // The stale training cache was replaced: two splits × two image sizes, a cache and an index each, no temporary files.
        var files = Directory.GetFiles(CacheDir).Select(Path.GetFileName).ToArray();
        Assert.Equal(8, files.Length);
        Assert.All(files, f => Assert.Matches(@"^images-[0-9a-f]{16}-[0-9a-f]{16}\.(cache|json)$", f));
    }

    [Fact]
    public void TheCacheFolderDefaultsToWinnowCacheThenXdgThenHome()
    {
        var variables = new Dictionary<string, string?> { ["WINNOW_CACHE"] = "/somewhere/w", ["XDG_CACHE_HOME"] = "/somewhere/x" };
        string? Read(string name) => variables.GetValueOrDefault(name);
        Assert.Equal(Path.GetFullPath(CacheDir), ImageFolderCache.ResolveDirectory(CacheDir, Read));
        Assert.Equal(Path.GetFullPath("/somewhere/w"), ImageFolderCache.ResolveDirectory(null, Read));
        variables["WINNOW_CACHE"] = "";
        Assert.Equal(Path.Combine("/somewhere/x", "winnow"), ImageFolderCache.ResolveDirectory(null, Read));
        variables["XDG_CACHE_HOME"] = "relative/ignored";
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        Assert.Equal(Path.Combine(home, ".cache", "winnow"), ImageFolderCache.ResolveDirectory(null, Read));
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; the tests need the reports before Load returns.</summary>
    private sealed class SynchronousProgress(Action<(int, int)> report) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => report(value);
    }

    public void Dispose() => _folder.Dispose();
}
