using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Winnow.Tests.Deploy;

/// <summary>
/// A real single-node SLURM cluster for one test: Debian's slurm-wlm and munge (installed with
/// apt-get when absent), a minimal slurm.conf in a temporary folder (this host on 127.0.0.1, 2
/// CPUs, free ports, munge on its own socket), and munged, slurmctld and slurmd started as this
/// test's own child processes. Disposing stops exactly those three, by their pids. Anything that
/// keeps the cluster from coming up throws with the reason and the daemons' logs: the test fails,
/// it does not skip.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SlurmCluster : IDisposable
{
    private readonly List<Process> _daemons = [];

    public string Folder { get; }

    public string ConfigFile => Path.Combine(Folder, "slurm.conf");

    private SlurmCluster(string folder) => Folder = folder;

    public static SlurmCluster Start()
    {
        Install();
        var cluster = new SlurmCluster(Directory.CreateTempSubdirectory("winnow-slurm-").FullName);
        try
        {
            cluster.Configure();
            cluster.StartDaemons();
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>Runs a SLURM client command (sbatch, sinfo, …) against this cluster.</summary>
    public (int ExitCode, string Output) Client(TimeSpan timeout, string command, params string[] args)
    {
        var info = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["SLURM_CONF"] = ConfigFile;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} {string.Join(' ', args)} did not finish in {timeout.TotalSeconds:0} s\n{Logs()}");
        }
        return (process.ExitCode, output.Result + error.Result);
    }

    /// <summary>The tail of every daemon log, for a failure message.</summary>
    public string Logs() => string.Join("\n", Directory.Exists(Path.Combine(Folder, "log"))
        ? Directory.GetFiles(Path.Combine(Folder, "log")).Order().Select(f => $"== {Path.GetFileName(f)}\n{string.Join("\n", File.ReadLines(f).TakeLast(15))}")
        : []);

    private static void Install()
    {
        if (File.Exists("/usr/sbin/slurmctld") && File.Exists("/usr/sbin/slurmd") && File.Exists("/usr/sbin/munged") && File.Exists("/usr/bin/sbatch")) return;
        var root = Environment.UserName == "root";
        var (update, updateLog) = Shell(TimeSpan.FromMinutes(5), root ? "apt-get update -qq" : "sudo -n apt-get update -qq");
        var (install, installLog) = Shell(TimeSpan.FromMinutes(10),
            (root ? "" : "sudo -n ") + "env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge");
        if (install != 0)
            throw new InvalidOperationException($"SLURM is not installed and apt-get could not install slurm-wlm and munge (update exit {update}, install exit {install}):\n{updateLog}\n{installLog}");
    }

    private void Configure()
    {
        foreach (var sub in new[] { "munge", "state", "spool", "log" }) Directory.CreateDirectory(Path.Combine(Folder, sub));
        // munged insists on a private key (0600) in a folder others cannot write.
        File.SetUnixFileMode(Path.Combine(Folder, "munge"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var key = Path.Combine(Folder, "munge", "munge.key");
        File.WriteAllBytes(key, System.Security.Cryptography.RandomNumberGenerator.GetBytes(1024));
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var host = Dns.GetHostName().Split('.')[0];
        var user = Environment.UserName;
        File.WriteAllText(ConfigFile, $"""
            ClusterName=winnowtest
            SlurmctldHost={host}(127.0.0.1)
            SlurmctldPort={FreePort()}
            SlurmdPort={FreePort()}
            SlurmUser={user}
            SlurmdUser={user}
            AuthType=auth/munge
            AuthInfo=socket={Path.Combine(Folder, "munge", "munge.socket")}
            CredType=cred/munge
            StateSaveLocation={Path.Combine(Folder, "state")}
            SlurmdSpoolDir={Path.Combine(Folder, "spool")}
            SlurmctldPidFile={Path.Combine(Folder, "slurmctld.pid")}
            SlurmdPidFile={Path.Combine(Folder, "slurmd.pid")}
            SlurmctldLogFile={Path.Combine(Folder, "log", "slurmctld.log")}
            SlurmdLogFile={Path.Combine(Folder, "log", "slurmd.log")}
            ProctrackType=proctrack/linuxproc
            TaskPlugin=task/none
            JobAcctGatherType=jobacct_gather/none
            AccountingStorageType=accounting_storage/none
            SelectType=select/cons_tres
            SelectTypeParameters=CR_CPU
            SchedulerType=sched/builtin
            MpiDefault=none
            ReturnToService=2
            SlurmdParameters=config_overrides
            NodeName={host} NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN
            PartitionName=winnow Nodes={host} Default=YES MaxTime=INFINITE State=UP

            """);
        _host = host;
    }

    private string _host = "";

    private void StartDaemons()
    {
        var munge = Path.Combine(Folder, "munge");
        Daemon("munged", "/usr/sbin/munged", "--foreground", "--force", $"--key-file={Path.Combine(munge, "munge.key")}", $"--socket={Path.Combine(munge, "munge.socket")}",
            $"--pid-file={Path.Combine(munge, "munged.pid")}", $"--seed-file={Path.Combine(munge, "munged.seed")}", $"--log-file={Path.Combine(Folder, "log", "munged.log")}");
        WaitFor(() => File.Exists(Path.Combine(munge, "munge.socket")), "munged to open its socket");
        Daemon("slurmctld", "/usr/sbin/slurmctld", "-D", "-f", ConfigFile);
        WaitFor(() => Client(TimeSpan.FromSeconds(20), "sinfo", "-h", "-o", "%P").ExitCode == 0, "slurmctld to answer");
        Daemon("slurmd", "/usr/sbin/slurmd", "-D", "-f", ConfigFile, "-N", _host);
        WaitFor(() => Client(TimeSpan.FromSeconds(20), "sinfo", "-h", "-o", "%T").Output.Trim() == "idle", "the node to be idle");
    }

    private void Daemon(string name, string path, params string[] args)
    {
        var info = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["SLURM_CONF"] = ConfigFile;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{path} did not start");
        _daemons.Add(process);
        var log = Path.Combine(Folder, "log", name + ".out");
        // Drain the daemon's own output into a file (a full pipe would block it).
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_daemons) File.AppendAllText(log, e.Data + "\n"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_daemons) File.AppendAllText(log, e.Data + "\n"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    private void WaitFor(Func<bool> ready, string what)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_daemons.FirstOrDefault(d => d.HasExited) is { } dead)
                throw new InvalidOperationException($"a SLURM test daemon (pid {dead.Id}) exited with {dead.ExitCode} while waiting for {what}\n{Logs()}");
            if (ready()) return;
            Thread.Sleep(500);
        }
        throw new TimeoutException($"waited 60 s for {what}\n{Logs()}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static (int, string) Shell(TimeSpan timeout, string command)
    {
        var info = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command + " 2>&1");
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{command}: no answer in {timeout.TotalMinutes:0} min");
        }
        return (process.ExitCode, output.Result);
    }

    /// <summary>Stops the daemons this cluster started (slurmd first), by pid, and removes its folder.</summary>
    public void Dispose()
    {
        for (var i = _daemons.Count - 1; i >= 0; i--)
        {
            var daemon = _daemons[i];
            try
            {
                if (!daemon.HasExited) daemon.Kill(entireProcessTree: true);
                daemon.WaitForExit(10_000);
            }
            catch (InvalidOperationException) { }
            daemon.Dispose();
        }
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
