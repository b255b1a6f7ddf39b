namespace Palisade.Infra.Process;

/// <summary>
/// Whether the process that left something behind (a temporary folder, a temporary file) still runs. A pid alone
/// can be reused, so folders also record the process's start time (<see cref="Identity"/>).
/// </summary>
internal static class LiveProcess
{
    /// <summary>"pid start-ticks" of the current process.</summary>
    public static string Identity { get; } = $"{Environment.ProcessId} {StartTicks(Environment.ProcessId)}";

    public static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>Whether the process an <see cref="Identity"/> names is still the one running under that pid.</summary>
    public static bool IsRunning(string identity)
    {
        var parts = identity.Trim().Split(' ');
        if (parts.Length == 0 || !int.TryParse(parts[0], out var pid))
        {
            return false;
        }

        return IsRunning(pid) && (parts.Length < 2 || parts[1] == StartTicks(pid).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static long StartTicks(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.StartTime.ToUniversalTime().Ticks / TimeSpan.TicksPerSecond;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return 0;
        }
    }
}
