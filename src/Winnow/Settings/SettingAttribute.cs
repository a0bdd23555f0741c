namespace Winnow.Settings;

/// <summary>
/// Declares an option once, on the property of the options record that holds it: its name, its
/// help text and its range. The command line (<c>--name</c>), grid files (<c>name</c> with
/// underscores), validation, help texts and the run's configuration hash all come from this
/// declaration; the default is the property's initial value.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SettingAttribute(string name, string help) : Attribute
{
    /// <summary>kebab-case, e.g. "batch-size".</summary>
    public string Name { get; } = name;

    public string Help { get; } = help;

    /// <summary>How messages name the setting ("learning rate" for lr); the name with spaces when not given.</summary>
    public string? Label { get; set; }

    /// <summary>Smallest value allowed (numbers); NaN = no bound.</summary>
    public double Min { get; set; } = double.NaN;

    /// <summary>Largest value allowed (numbers); NaN = no bound.</summary>
    public double Max { get; set; } = double.NaN;

    public bool MinExclusive { get; set; }

    public bool MaxExclusive { get; set; }

    /// <summary>The word that stands for null, e.g. "auto" for a value Winnow chooses.</summary>
    public string? NullWord { get; set; }

    /// <summary>A catalogue whose static <c>Names</c> lists the values allowed (models, methods, learners …).</summary>
    public Type? Choices { get; set; }

    /// <summary>A regular expression a text value must match whole (for open-ended forms such as "cuda:N").</summary>
    public string? Pattern { get; set; }

    /// <summary>What <see cref="Pattern"/> allows, in words: "one of auto, cpu, cuda or cuda:N".</summary>
    public string? PatternHelp { get; set; }
}

/// <summary>
/// Marks a property holding a nested options record whose settings are named with this prefix
/// ("sop" makes SOP+'s "lr-u" the setting "sop-lr-u").
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SettingGroupAttribute(string prefix) : Attribute
{
    public string Prefix { get; } = prefix;
}
