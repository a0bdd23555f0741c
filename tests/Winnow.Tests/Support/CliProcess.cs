using System.Diagnostics;

namespace Winnow.Tests.Support;

/// <summary>Runs the real winnow executable (built beside the tests) as a child process.</summary>
public static class CliProcess
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr);

    public static Outcome Run(params string[] args) => RunWith([], args);

    /// <summary>Runs winnow with these environment variables set (e.g. OMP_NUM_THREADS).</summary>
    public static Outcome RunWith((string Name, string Value)[] environment, params string[] args)
    {
        var info = Info(args);
        foreach (var (name, value) in environment) info.Environment[name] = value;
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

    /// <summary>
    /// Starts winnow, waits until a line of its stderr matches <paramref name="ready"/>, then
    /// calls <paramref name="interrupt"/> with its process id (to kill it or send it a signal)
    /// and returns how it ended.
    /// </summary>
    public static Outcome RunUntil(Func<string, bool> ready, Action<int> interrupt, params string[] args)
    {
        using var process = Process.Start(Info(args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = new System.Text.StringBuilder();
        var signalled = false;
        string? line;
        while ((line = process.StandardError.ReadLine()) is not null)
        {
            stderr.AppendLine(line);
            if (signalled || !ready(line)) continue;
            signalled = true;
            interrupt(process.Id);
        }
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"winnow {string.Join(' ', args)} did not stop in 3 minutes");
        }
        Assert.True(signalled, $"winnow {string.Join(' ', args)} ended before it printed the awaited line: {stderr}");
        return new Outcome(process.ExitCode, stdout.Result, stderr.ToString());
    }

    /// <summary>Sends a POSIX signal (INT, TERM, KILL) to a process.</summary>
    public static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", $"-{signal} {pid}")!;
        kill.WaitForExit();
    }

    private static ProcessStartInfo Info(string[] args)
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
        return info;
    }
}
