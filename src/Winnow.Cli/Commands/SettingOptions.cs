using System.CommandLine;
using Winnow.Settings;

namespace Winnow.Cli.Commands;

/// <summary>
/// The command-line options of one options record, made from its declarations
/// (<see cref="SettingAttribute"/>): <c>--name VALUE</c> for values; <c>--name</c> for a switch
/// (<c>--name true|false</c> too), and <c>--no-name</c> besides for one that is on by default or
/// may be unset. Values are parsed and checked by the declaration, so the command line, grid
/// files and the library agree.
/// </summary>
public sealed class SettingOptions<T> where T : class
{
    private readonly List<(Setting Setting, Option Option, bool? Sets)> _entries = [];

    /// <param name="optional">Make required settings optional flags (the command decides whether the record applies).</param>
    /// <param name="hidden">Settings (by name) this command does not take.</param>
    public SettingOptions(bool optional = false, params string[] hidden)
    {
        foreach (var setting in Declared.Of<T>().Where(s => !hidden.Contains(s.Name)))
        {
            if (setting.ValueType == typeof(bool))
            {
                Add(setting, new Option<bool>($"--{setting.Name}") { Description = setting.Default is true ? $"{setting.Help} [on unless false]" : setting.Help }, true);
                if (setting.IsNullable || setting.Default is true)
                    Add(setting, new Option<bool>($"--no-{setting.Name}") { Description = $"{setting.Help} [on unless given]" }, false);
                continue;
            }
            var option = new Option<string>($"--{setting.Name}") { Description = Describe(setting), Required = setting.IsRequired && !optional };
            if (setting.Default is { } value) option.DefaultValueFactory = _ => setting.Format(value);
            else if (setting.NullWord is { } word) option.DefaultValueFactory = _ => word;
            Add(setting, option, null);
        }
    }

    public IEnumerable<Option> Options => _entries.Select(e => e.Option);

    public void AddTo(Command command)
    {
        foreach (var option in Options) command.Options.Add(option);
    }

    /// <summary>The option of a setting (its value option, or its first switch).</summary>
    public Option this[string name] => _entries.First(e => e.Setting.Name == name).Option;

    /// <summary>Whether any of these options was given on the command line.</summary>
    public bool Given(ParseResult result) => _entries.Any(e => IsGiven(result, e.Option));

    public static bool IsGiven(ParseResult result, Option option) => result.GetResult(option) is { Implicit: false };

    /// <summary><paramref name="record"/> with every option given on the command line applied.</summary>
    /// <exception cref="SettingException">A value the setting cannot take.</exception>
    public T Read(ParseResult result, T record)
    {
        foreach (var group in _entries.Where(e => IsGiven(result, e.Option)).GroupBy(e => e.Setting))
        {
            var setting = group.Key;
            if (group.Count() > 1) throw new WinnowException($"--{setting.Name} and --no-{setting.Name} contradict each other");
            var (_, option, sets) = group.Single();
            // A switch may carry its value (--init-strict false); --no-name negates whatever it carries.
            var value = sets is { } positive ? result.GetValue((Option<bool>)option) == positive : setting.Parse(result.GetValue((Option<string>)option)!);
            record = setting.With(record, value);
        }
        return record;
    }

    private void Add(Setting setting, Option option, bool? sets) => _entries.Add((setting, option, sets));

    private static string Describe(Setting setting) =>
        setting.Choices is { } choices && !choices.All(c => setting.Help.Contains(c, StringComparison.Ordinal))
            ? $"{setting.Help}: {string.Join(" | ", choices)}"
            : setting.Help;
}
