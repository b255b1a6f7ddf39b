using System.Runtime.InteropServices;

namespace Palisade.Infra.Process;

/// <summary>
/// The children running right now, so that a timeout, Ctrl-C or SIGTERM stops each of them with everything it
/// started. On Linux children are session (and so process-group) leaders (<c>setsid</c>), so the group kill also
/// reaches grandchildren that were re-parented when their parent died. On a signal the running children are killed
/// and the temporary workspaces of this run deleted, then the process ends with 128 + the signal (130, 143).
/// </summary>
internal static class ChildProcesses
{
    private const int SigKill = 9;
    private static readonly object Gate = new();
    private static readonly HashSet<System.Diagnostics.Process> Running = [];
    private static readonly List<PosixSignalRegistration> Registrations = [];
    private static int stopping;

    /// <summary>
    /// Called when the main thread is done. While a signal is being handled, the main thread (which may have run on
    /// once its child was killed) must not end the process first with its own exit code: it waits for the handler,
    /// which ends the process with 128 + the signal.
    /// </summary>
    public static void AwaitSignalHandling()
    {
        if (Volatile.Read(ref stopping) == 1)
        {
            Thread.Sleep(Timeout.Infinite);
        }
    }

    /// <summary>The <c>setsid</c> that starts a child in a session of its own, or null where there is none.</summary>
    public static string? Setsid { get; } = OperatingSystem.IsLinux()
        ? new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists)
        : null;

    public static void Add(System.Diagnostics.Process process)
    {
        lock (Gate)
        {
            RegisterSignals();
            Running.Add(process);
        }
    }

    public static void Remove(System.Diagnostics.Process process)
    {
        lock (Gate)
        {
            Running.Remove(process);
        }
    }

    /// <summary>Kills the child, its descendants, and (when it leads one) its whole process group.</summary>
    public static void KillTree(System.Diagnostics.Process process, bool ownGroup)
    {
        int pid;
        try
        {
            pid = process.Id;
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // Already gone; its group may still hold orphans.
            pid = SafeId(process);
        }

        if (ownGroup && pid > 0 && !OperatingSystem.IsWindows())
        {
            _ = kill(-pid, SigKill);
        }
    }

    /// <summary>Kills one process found by pid (an orphan of a killed run), and the group it leads.</summary>
    public static void KillProcess(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            KillTree(process, ownGroup: IsGroupLeader(pid));
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
    }

    private static bool IsGroupLeader(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length > 2 && fields[2] == pid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    private static int SafeId(System.Diagnostics.Process process)
    {
        try
        {
            return process.Id;
        }
        catch (InvalidOperationException)
        {
            return 0;
        }
    }

    private static void RegisterSignals()
    {
        if (Registrations.Count > 0)
        {
            return;
        }

        var signals = OperatingSystem.IsWindows()
            ? new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM }
            : new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT };
        foreach (var signal in signals)
        {
            try
            {
                Registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
            }
            catch (PlatformNotSupportedException)
            {
                // Not every signal exists everywhere.
            }
        }
    }

    private static void OnSignal(PosixSignalContext context)
    {
        // Handled here rather than by the runtime's default, so the clean-up finishes before the process ends
        // and the exit code is the shell's 128 + signal whatever the main thread was doing.
        context.Cancel = true;
        Volatile.Write(ref stopping, 1);
        List<System.Diagnostics.Process> children;
        lock (Gate)
        {
            children = [.. Running];
        }

        foreach (var child in children)
        {
            KillTree(child, Setsid is not null);
            try
            {
                child.WaitForExit(2000);
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Not ours to wait for any more.
            }
        }

        TemporaryWorkspace.DeleteAllOfThisRun();
        Environment.Exit(128 + context.Signal switch
        {
            PosixSignal.SIGHUP => 1,
            PosixSignal.SIGINT => 2,
            PosixSignal.SIGQUIT => 3,
            _ => 15,
        });
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
