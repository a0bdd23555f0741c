using System.Diagnostics;
using System.IO.Compression;
using System.Text.RegularExpressions;
using Winnow.Tests.Support;

namespace Winnow.Tests.Packaging;

/// <summary>
/// The packages as a user meets them, outside this repository: both packed into a local feed;
/// the tool installed with `dotnet tool install --tool-path` and run; a fresh `dotnet new
/// console` app that references Winnow and the CPU backend from the feed, built and run with every
/// C# program of the README (the code blocks that start with `using`), read from README.md here
/// so the README cannot drift. Slow (minutes): one test.
/// </summary>
[Trait("Category", "Slow")]
public class PackagesTests
{
    [Fact]
    public void ThePackagesWorkAsAnInstalledToolAndInAFreshApp()
    {
        var repo = Repository.Root;
        using var work = new TempFolder();
        var feed = Path.Combine(work.Path, "feed");
        // A version of this test run's own: NuGet caches a package by id and version, so packing the
        // project's 0.1.0 again would restore whatever 0.1.0 an earlier checkout left in the cache.
        var version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        using var cached = new CachedPackages(version, "winnow", "winnow.cli");
        Run(repo, "dotnet", "pack", Path.Combine(repo, "src", "Winnow", "Winnow.csproj"), "-c", "Release", "-o", feed, "-nologo", $"-p:Version={version}");
        Run(repo, "dotnet", "pack", Path.Combine(repo, "src", "Winnow.Cli", "Winnow.Cli.csproj"), "-c", "Release", "-o", feed, "-nologo", $"-p:Version={version}");
        var library = Path.Combine(feed, $"Winnow.{version}.nupkg");
        Assert.True(File.Exists(library), $"dotnet pack did not write {library}");

        // The library names the managed bindings and no native backend, and carries the Debian 12 fix for the app's build.
        using (var package = ZipFile.OpenRead(library))
        {
            using var reader = new StreamReader(package.GetEntry("Winnow.nuspec")!.Open());
            var nuspec = reader.ReadToEnd();
            Assert.Contains("<dependency id=\"TorchSharp\" version=\"0.107.0\"", nuspec);
            Assert.DoesNotMatch("<dependency id=\"(TorchSharp-cpu|TorchSharp-cuda[^\"]*|libtorch[^\"]*)\"", nuspec);
            Assert.Contains("<license type=\"expression\">MIT</license>", nuspec);
            Assert.NotNull(package.GetEntry("buildTransitive/Winnow.targets"));
            Assert.NotNull(package.GetEntry("README.md"));
        }

        // The tool, installed outside the repository.
        var tools = Path.Combine(work.Path, "tools");
        Run(work.Path, "dotnet", "tool", "install", "--tool-path", tools, "Winnow.Cli", "--add-source", feed, "--version", version);
        var winnow = Path.Combine(tools, "winnow");
        Assert.StartsWith(version, Run(work.Path, winnow, "--version").Trim());
        var tiny = TinyIdx.Create(trainCount: 120, testCount: 30, folder: Path.Combine(work.Path, "tiny"));
        Run(work.Path, winnow, "train", "--dataset", $"idx:{tiny}", "--epochs", "1", "--out", Path.Combine(work.Path, "trained"));
        Assert.True(File.Exists(Path.Combine(work.Path, "trained", "metrics.json")));
        Assert.Contains("quick", Run(work.Path, winnow, "bench", "--help"));

        // A fresh console app with the README's programs, run on a stand-in fashion-mnist of 28×28 images.
        var app = Path.Combine(work.Path, "app");
        Run(work.Path, "dotnet", "new", "console", "-o", app, "-n", "App");
        File.WriteAllText(Path.Combine(app, "nuget.config"),
            $"""<?xml version="1.0" encoding="utf-8"?><configuration><packageSources><add key="local" value="{feed}" /></packageSources></configuration>""");
        Run(app, "dotnet", "add", "package", "Winnow", "--version", version);
        Run(app, "dotnet", "add", "package", "libtorch-cpu-linux-x64", "--version", "2.10.0");
        var data = Path.Combine(work.Path, "datasets");
        TinyIdx.Create(trainCount: 2400, testCount: 200, size: 28, folder: Path.Combine(data, "fashion-mnist"));
        var programs = Programs(File.ReadAllText(Path.Combine(repo, "README.md")));
        Assert.True(programs.Count >= 2, "the README's C# programs were not found");
        foreach (var program in programs)
        {
            File.WriteAllText(Path.Combine(app, "Program.cs"), program);
            var output = Run(app, "dotnet", ["run", "-c", "Release", "-r", "linux-x64"], ("WINNOW_DATA", data));
            Assert.Contains("test accuracy", output);
        }
    }

    /// <summary>Removes this run's versions from NuGet's global packages folder when the test ends, so runs do not pile up there.</summary>
    private sealed class CachedPackages(string version, params string[] ids) : IDisposable
    {
        public void Dispose()
        {
            var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set
                ? set
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            foreach (var id in ids)
            {
                var folder = Path.Combine(root, id, version.ToLowerInvariant());
                if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
                if (Directory.Exists(Path.GetDirectoryName(folder)) && !Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(folder)!).Any())
                    Directory.Delete(Path.GetDirectoryName(folder)!);
            }
        }
    }

    /// <summary>Every ```csharp block of the README that is a whole program (starts with `using`), as written.</summary>
    private static IReadOnlyList<string> Programs(string readme) =>
        Regex.Matches(readme, "```csharp\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value)
            .Where(code => code.StartsWith("using ", StringComparison.Ordinal)).ToArray();

    private static string Run(string directory, string program, params string[] args) => Run(directory, program, args, []);

    private static string Run(string directory, string program, string[] args, params (string Name, string Value)[] environment)
    {
        var info = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (name, value) in environment) info.Environment[name] = value;
        info.Environment.Remove("MSBuildExtensionsPath");
        info.Environment.Remove("MSBUILD_EXE_PATH");
        info.Environment.Remove("MSBuildSDKsPath");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(8)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in 8 minutes");
        }
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} exited {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
        return stdout.Result;
    }
}
