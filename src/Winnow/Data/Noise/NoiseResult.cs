namespace Winnow.Data.Noise;

/// <summary>
/// The training labels after noise, aligned with the chosen training samples; the clean labels
/// they are measured against (the dataset's, or the truth a label file carries, like CIFAR-N's
/// clean_label); and the fraction that differ.
/// </summary>
public sealed record NoiseResult(int[] NoisyLabels, double ActualRate, string Description, int[] CleanLabels);
