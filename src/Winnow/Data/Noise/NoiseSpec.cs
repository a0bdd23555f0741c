using System.Globalization;

namespace Winnow.Data.Noise;

/// <summary>
/// What noise to put on the training labels: <c>none</c>, <c>symmetric:R</c>,
/// <c>asymmetric:R</c>, <c>instance:R</c> (R in [0, 1)) or <c>file:PATH</c>.
/// </summary>
public sealed record NoiseSpec(NoiseKind Kind, double Rate = 0, string? Path = null)
{
    public static NoiseSpec None { get; } = new(NoiseKind.None);

    public static NoiseSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var colon = trimmed.IndexOf(':');
        var name = (colon < 0 ? trimmed : trimmed[..colon]).ToLowerInvariant();
        var argument = colon < 0 ? null : trimmed[(colon + 1)..];
        const string Forms = "none, symmetric:R, asymmetric:R, instance:R (R in [0, 1)) or file:PATH";

        switch (name)
        {
            case "none" when argument is null:
                return None;
            case "file" when !string.IsNullOrWhiteSpace(argument):
                return new NoiseSpec(NoiseKind.File, 0, argument);
            case "symmetric" or "asymmetric" or "instance" when argument is not null:
                if (!double.TryParse(argument, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate))
                    throw new WinnowException($"noise rate '{argument}' is not a number; use {Forms}");
                if (!(rate >= 0 && rate < 1))
                    throw new WinnowException($"noise rate {argument} is outside [0, 1)");
                var kind = name switch { "symmetric" => NoiseKind.Symmetric, "asymmetric" => NoiseKind.Asymmetric, _ => NoiseKind.Instance };
                return new NoiseSpec(kind, rate);
            default:
                throw new WinnowException($"unknown noise spec '{text}'; use {Forms}");
        }
    }

    public override string ToString() => Kind switch
    {
        NoiseKind.None => "none",
        NoiseKind.File => $"file:{Path}",
        _ => $"{Kind.ToString().ToLowerInvariant()}:{Rate.ToString(CultureInfo.InvariantCulture)}",
    };
}
