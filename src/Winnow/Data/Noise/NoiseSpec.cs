using System.Globalization;
using System.Text.RegularExpressions;

namespace Winnow.Data.Noise;

/// <summary>
/// What noise to put on the training labels: <c>none</c>, <c>symmetric:R</c>,
/// <c>asymmetric:R</c>, <c>instance:R</c> (R in [0, 1)), <c>file:PATH</c> or, for a
/// torch.save file of label sets (CIFAR-N's), <c>file:PATH.pt:KEY</c>. Paths may hold ':', so
/// a <c>:KEY</c> suffix is taken only after .pt or .pth and when KEY is an identifier.
/// </summary>
public sealed partial record NoiseSpec(NoiseKind Kind, double Rate = 0, string? Path = null, string? Key = null)
{
    public static NoiseSpec None { get; } = new(NoiseKind.None);

    public static NoiseSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var colon = trimmed.IndexOf(':');
        var name = (colon < 0 ? trimmed : trimmed[..colon]).ToLowerInvariant();
        var argument = colon < 0 ? null : trimmed[(colon + 1)..];
        const string Forms = "none, symmetric:R, asymmetric:R, instance:R (R in [0, 1)), file:PATH or file:PATH.pt[:KEY]";

        switch (name)
        {
            case "none" when argument is null:
                return None;
            case "file" when !string.IsNullOrWhiteSpace(argument):
                return TorchFileWithKey().Match(argument) is { Success: true } keyed
                    ? new NoiseSpec(NoiseKind.File, 0, keyed.Groups["path"].Value, keyed.Groups["key"].Value)
                    : new NoiseSpec(NoiseKind.File, 0, argument);
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
        NoiseKind.File => Key is null ? $"file:{Path}" : $"file:{Path}:{Key}",
        _ => $"{Kind.ToString().ToLowerInvariant()}:{Rate.ToString(CultureInfo.InvariantCulture)}",
    };

    [GeneratedRegex(@"^(?<path>.+\.pth?):(?<key>[A-Za-z_][A-Za-z0-9_]*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TorchFileWithKey();
}
