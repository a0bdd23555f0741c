namespace Winnow.Data.Noise;

/// <summary>The training labels after noise, aligned with the chosen training samples, and the fraction that differ from the clean ones.</summary>
public sealed record NoiseResult(int[] NoisyLabels, double ActualRate, string Description);
