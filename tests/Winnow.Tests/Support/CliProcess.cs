using System.Diagnostics;

namespace Winnow.Tests.Support;

/// <summary>Runs the real winnow executable (built beside the tests) as a child process.</summary>
public static class CliProcess
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr);

    public static Outcome Run(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Winnow.Cli.dll"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment.Remove("WINNOW_DATA");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"winnow {string.Join(' ', args)} did not finish in 3 minutes");
        }
        return new Outcome(process.ExitCode, stdout.Result, stderr.Result);
    }
}
