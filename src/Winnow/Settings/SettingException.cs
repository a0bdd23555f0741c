namespace Winnow.Settings;

/// <summary>
/// A setting with a value it cannot take. The message is in the library's words ("batch size
/// must be at least 1 (got 0)"); front ends put their own name of the setting before
/// <see cref="Problem"/> (the command line's flag, a grid file's line and key).
/// </summary>
public sealed class SettingException(Setting setting, string problem) : WinnowException($"{setting.Label} {problem}")
{
    public Setting Setting { get; } = setting;

    /// <summary>What is wrong, without the setting's name: "must be at least 1 (got 0)".</summary>
    public string Problem { get; } = problem;
}
