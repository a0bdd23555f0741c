namespace Winnow.Data.Images;

/// <summary>
/// The shape every decoded image takes: <see cref="Channels"/> planes of <see cref="Height"/> ×
/// <see cref="Width"/> bytes; with <see cref="ResizeAndCrop"/> the image is first resized (shorter
/// side to Height = Width) and centre-cropped, otherwise it must already be Width × Height.
/// </summary>
internal sealed record SampleFormat(int Channels, int Height, int Width, bool ResizeAndCrop)
{
    public int[] Shape => [Channels, Height, Width];

    public int SampleSize => Channels * Height * Width;
}
