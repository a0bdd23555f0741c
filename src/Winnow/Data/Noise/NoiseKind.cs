namespace Winnow.Data.Noise;

/// <summary>The kinds of label corruption Winnow can inject or read (METHODS.md, "Label noise injection").</summary>
public enum NoiseKind
{
    None,
    Symmetric,
    Asymmetric,
    Instance,
    File,
}
