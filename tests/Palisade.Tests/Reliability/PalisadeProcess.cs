using System.Diagnostics;

namespace Palisade.Tests.Reliability;

/// <summary>The built program as a real process (as CI and the Pulumi host run it): start it, kill it, read its streams.</summary>
public static class PalisadeProcess
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "palisade.dll");

    public static Process Start(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Dll, .. args])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return Process.Start(start)!;
    }

    public static (int Exit, string Out, string Error) Run(string workingDirectory, params string[] args)
    {
        using var process = Start(workingDirectory, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"palisade {string.Join(' ', args)} did not finish within a minute");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
