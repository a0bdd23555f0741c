using SkiaSharp;

namespace Winnow.Data.Images;

/// <summary>
/// Decodes one image file with SkiaSharp into [C, H, W] uint8 planes. Pixels are taken as stored
/// (no colour management, as PIL does by default); the EXIF orientation is applied (so sizes are
/// those of the upright image); alpha is dropped, not composited (PIL's convert("RGB")); RGB → gray
/// is PIL's rounded luma 0.299 R + 0.587 G + 0.114 B, gray → RGB replicates the plane.
/// </summary>
internal static class ImageDecoder
{
    /// <summary>What a file's header says, read without decoding the pixels.</summary>
    /// <param name="Width">Of the upright image (after the EXIF orientation).</param>
    /// <param name="IsGray">The image decodes as one gray channel (Skia's Gray8: a gray PNG or JPEG).</param>
    public readonly record struct Header(int Width, int Height, bool IsGray);

    private static readonly SKSamplingOptions Resampling = new(SKFilterMode.Linear, SKMipmapMode.Linear);

    public static Header ReadHeader(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var codec = SKCodec.Create(stream, out var result)
                ?? throw new UnreadableImageException(path, $"not an image SkiaSharp can decode ({result})");
            var (width, height) = Upright(codec.Info.Width, codec.Info.Height, codec.EncodedOrigin);
            return new Header(width, height, codec.Info.ColorType == SKColorType.Gray8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UnreadableImageException(path, e.Message);
        }
    }

    /// <summary>Decodes <paramref name="path"/> into <paramref name="destination"/> (<see cref="SampleFormat.SampleSize"/> bytes).</summary>
    public static void Decode(string path, SampleFormat format, Span<byte> destination)
    {
        byte[] encoded;
        try
        {
            encoded = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UnreadableImageException(path, e.Message);
        }
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data) ?? throw new UnreadableImageException(path, "not an image SkiaSharp can decode");
        var raw = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul, null);
        var pixels = new byte[raw.BytesSize];
        var result = codec.GetPixels(raw, pixels);
        if (result != SKCodecResult.Success)
            throw new UnreadableImageException(path, result == SKCodecResult.IncompleteInput ? "the file is truncated" : $"decoding failed ({result})");
        for (var i = 3; i < pixels.Length; i += 4) pixels[i] = 255;

        var origin = codec.EncodedOrigin;
        var (width, height) = Upright(raw.Width, raw.Height, origin);
        var (resizedWidth, resizedHeight) = format.ResizeAndCrop ? ShorterSideTo(width, height, format.Width) : (width, height);
        if (!format.ResizeAndCrop && (width, height) != (format.Width, format.Height))
            throw new UnreadableImageException(path, $"it is {width}×{height}, not the {format.Width}×{format.Height} of the other images");
        // torchvision's CenterCrop: offsets rounded half to even, as C#'s Math.Round does.
        var left = (int)Math.Round((resizedWidth - format.Width) / 2.0);
        var top = (int)Math.Round((resizedHeight - format.Height) / 2.0);

        if (origin == SKEncodedOrigin.TopLeft && (resizedWidth, resizedHeight) == (width, height))
        {
            ToPlanes(pixels, raw.Width, left, top, format, destination);
            return;
        }
        var scaled = (resizedWidth, resizedHeight) != (width, height);
        var target = new SKImageInfo(format.Width, format.Height, SKColorType.Rgba8888, SKAlphaType.Opaque, null);
        using var image = SKImage.FromPixelCopy(raw.WithAlphaType(SKAlphaType.Opaque), pixels);
        using var drawn = new SKBitmap(target);
        using (var canvas = new SKCanvas(drawn))
        {
            canvas.Clear(SKColors.Black);
            canvas.Translate(-left, -top);
            canvas.Scale(resizedWidth / (float)width, resizedHeight / (float)height);
            canvas.Concat(Orientation(origin, raw.Width, raw.Height));
            // Unscaled (only turned or cropped), nearest sampling moves whole pixels: exact values.
            canvas.DrawImage(image, 0, 0, scaled ? Resampling : SKSamplingOptions.Default, null);
        }
        ToPlanes(drawn.Bytes, format.Width, 0, 0, format, destination);
    }

    /// <summary>torchvision's Resize(S) for an int S: the shorter side becomes S, the longer one S × long / short, truncated.</summary>
    private static (int Width, int Height) ShorterSideTo(int width, int height, int size) =>
        width <= height
            ? (size, (int)Math.Max(1, (long)size * height / width))
            : ((int)Math.Max(1, (long)size * width / height), size);

    /// <summary>RGBA rows (of <paramref name="rowWidth"/> pixels) → the format's planes, from the crop's top-left corner.</summary>
    private static void ToPlanes(byte[] rgba, int rowWidth, int left, int top, SampleFormat format, Span<byte> destination)
    {
        var plane = format.Height * format.Width;
        for (var y = 0; y < format.Height; y++)
        {
            for (var x = 0; x < format.Width; x++)
            {
                var source = ((top + y) * rowWidth + left + x) * 4;
                var at = y * format.Width + x;
                if (format.Channels == 3)
                {
                    destination[at] = rgba[source];
                    destination[plane + at] = rgba[source + 1];
                    destination[2 * plane + at] = rgba[source + 2];
                }
                else
                {
                    // PIL's fixed-point luma (weights summing to 65536): a gray pixel (R = G = B) keeps its value.
                    destination[at] = (byte)((rgba[source] * 19595 + rgba[source + 1] * 38470 + rgba[source + 2] * 7471 + 32768) >> 16);
                }
            }
        }
    }

    private static bool Transposes(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    private static (int Width, int Height) Upright(int width, int height, SKEncodedOrigin origin) =>
        Transposes(origin) ? (height, width) : (width, height);

    /// <summary>Maps stored pixel coordinates (a <paramref name="width"/> × <paramref name="height"/> image) to upright ones.</summary>
    private static SKMatrix Orientation(SKEncodedOrigin origin, int width, int height) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, width, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, width, 0, -1, height, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, height, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, height, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, height, -1, 0, width, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, width, 0, 0, 1),
        _ => SKMatrix.Identity,
    };
}
