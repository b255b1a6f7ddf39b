using System.Diagnostics;
using Palisade.Tests.Support;

namespace Palisade.Tests.Cli;

/// <summary>Runs the built program the way the Pulumi YAML host runs the compiler: a process, env vars, stdout read.</summary>
public class CompilerProcessTests
{
    [Fact]
    public async Task The_compiler_process_prints_exactly_the_synthesized_program_on_stdout()
    {
        using var project = TestProject.WithRepoStacks();
        Assert.Equal(0, project.Run("synth", "dev"));
        var expected = File.ReadAllText(Path.Combine(project.Path, "out/dev/Main.yaml"));

        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "palisade.dll"), "compile"])
        {
            WorkingDirectory = project.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["PULUMI_STACK"] = "dev";
        start.Environment["PULUMI_PROJECT"] = "palisade";
        start.Environment["PULUMI_ORGANIZATION"] = "acme";
        start.Environment["PULUMI_ROOT_DIRECTORY"] = project.Path;
        start.Environment["PULUMI_CONFIG"] = CompileVerbTests.EngineConfig(Path.Combine(project.Path, "Pulumi.dev.yaml"));

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(0, process.ExitCode);
        Assert.Equal(string.Empty, await stderr);
        Assert.Equal(expected, await stdout);
    }
}
