using Palisade.Infra.Diff;
using Palisade.Infra.Process;
using Palisade.Tests.Support;

namespace Palisade.Tests.Reliability;

/// <summary>
/// How the base revision's own <c>synth</c> is judged (real git on a small repository, a fake <c>dotnet</c>): exit 1
/// with complete output is a base whose checks fail and is still compared; anything else is "could not be
/// synthesized" with the end of the child's stderr.
/// </summary>
public sealed class ProcessBaseRevisionTests : IDisposable
{
    private readonly string repository = Directory.CreateTempSubdirectory("palisade-tests-base-").FullName;

    public ProcessBaseRevisionTests()
    {
        foreach (var file in new[] { "Pulumi.yaml", "Pulumi.dev.yaml" })
        {
            File.Copy(Path.Combine(RepoPaths.Root, file), Path.Combine(repository, file));
        }

        Directory.CreateDirectory(Path.Combine(repository, "infra"));
        File.WriteAllText(Path.Combine(repository, "infra", "Palisade.Infra.csproj"), "<Project />\n");
        foreach (var args in new[] { ["init", "-q"], ["add", "."], new[] { "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "base" } })
        {
            Assert.True(ProcessRunner.Instance.Run("git", args, repository).Succeeded);
        }
    }

    [Fact]
    public void A_base_whose_synth_exits_1_because_a_check_fails_is_still_compared()
    {
        var side = Synthesize((output) =>
        {
            Write(output, DiffSide.ProgramFile, "resources: {}\n");
            Write(output, DiffSide.ChecksFile, "[]\n");
            return new ProcessResult(1, "FAILED: a check\n", "");
        });

        Assert.True(side.Exists);
        Assert.Null(side.Note);
        Assert.Equal("resources: {}\n", side.File(DiffSide.ProgramFile));
    }

    [Fact]
    public void Exit_1_without_the_program_written_is_a_base_that_could_not_be_synthesized()
    {
        var side = Synthesize(output =>
        {
            Write(output, DiffSide.ChecksFile, "[]\n");
            return new ProcessResult(1, "", "error: half done\n");
        });

        Assert.False(side.Exists);
        Assert.Contains("could not be synthesized at HEAD", side.Note);
        Assert.Contains("(exit 1): error: half done", side.Note);
    }

    [Fact]
    public void Exit_2_reports_the_end_of_the_childs_stderr_not_its_stdout()
    {
        var side = Synthesize(_ => new ProcessResult(2,
            string.Join("\n", Enumerable.Range(1, 50).Select(i => $"build line {i}")),
            string.Join("\n", Enumerable.Range(1, 20).Select(i => $"stderr line {i}")) + "\nerror: Pulumi.dev.yaml: palisade:apps: bad value. Fix it.\n"));

        Assert.False(side.Exists);
        Assert.Contains("(exit 2): stderr line 17 stderr line 18 stderr line 19 stderr line 20 error: Pulumi.dev.yaml: palisade:apps: bad value. Fix it.", side.Note);
        Assert.DoesNotContain("build line", side.Note);
        Assert.DoesNotContain("stderr line 16 ", side.Note);
    }

    [Fact]
    public void The_base_build_starts_no_build_server_and_its_workspace_is_gone_afterwards()
    {
        string? workspace = null;
        Synthesize(output =>
        {
            workspace = Path.GetDirectoryName(output);
            return new ProcessResult(0, "", "");
        }, expectArguments: args => Assert.Contains("--disable-build-servers", args.TakeWhile(a => a != "--")));

        Assert.Matches($"palisade-base-{Environment.ProcessId}-[0-9a-f]{{8}}$", workspace);
        Assert.False(Directory.Exists(workspace));
    }

    private DiffSide Synthesize(Func<string, ProcessResult> dotnet, Action<IReadOnlyList<string>>? expectArguments = null) =>
        new RevisionSynthesizer(new FakeDotnet(dotnet, expectArguments), TextWriter.Null).Synthesize(repository, "HEAD", "dev");

    private static void Write(string folder, string relative, string text)
    {
        var path = Path.Combine(folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>Real git; dotnet answers with <c>dotnet(outputFolder)</c> and checks the environment that keeps build servers off.</summary>
    private sealed class FakeDotnet(Func<string, ProcessResult> dotnet, Action<IReadOnlyList<string>>? expectArguments) : IProcessRunner
    {
        public ProcessResult Run(string executable, IReadOnlyList<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?>? environment = null)
        {
            if (executable != "dotnet")
            {
                return ProcessRunner.Instance.Run(executable, arguments, workingDirectory, environment);
            }

            Assert.Equal("1", environment?["MSBUILDDISABLENODEREUSE"]);
            Assert.Equal("false", environment?["UseSharedCompilation"]);
            expectArguments?.Invoke(arguments);
            return dotnet(arguments[^1]);
        }
    }

    public void Dispose() => Directory.Delete(repository, recursive: true);
}
