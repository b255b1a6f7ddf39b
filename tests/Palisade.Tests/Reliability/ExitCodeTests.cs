using System.Text;
using Palisade.Infra.Cli;
using Palisade.Infra.Checks;
using Palisade.Infra.Synthesis;
using Palisade.Tests.Support;

namespace Palisade.Tests.Reliability;

/// <summary>
/// Issue #8 parts 3 and 9: exit 0 success, 1 a check failed, 2 bad input or a file-system failure, 70 a bug; an
/// unknown verb is named on the first line; never a stack trace.
/// </summary>
public class ExitCodeTests
{
    private const string Verbs = "Verbs: plan, synth, verify, compile, connectivity, explain, diff, promote, init, preview, up.";

    [Theory]
    [InlineData("plna", "error: unknown verb 'plna'. Did you mean 'plan'? " + Verbs)]
    [InlineData("synht", "error: unknown verb 'synht'. Did you mean 'synth'? " + Verbs)]
    [InlineData("Verify", "error: unknown verb 'Verify'. Did you mean 'verify'? " + Verbs)]
    [InlineData("deploy", "error: unknown verb 'deploy'. " + Verbs)]
    [InlineData("dev", "error: unknown verb 'dev'. " + Verbs)]
    [InlineData("pl\u0007an", "error: unknown verb 'pl\\u0007an'. Did you mean 'plan'? " + Verbs)]
    public void An_unknown_verb_is_named_on_the_first_line(string verb, string expected)
    {
        using var project = TestProject.WithRepoStacks();

        Assert.Equal(2, project.Run(verb, "dev"));

        var lines = project.Error.ToString().Split('\n');
        Assert.Equal(expected + " Run with --help for usage.", lines[0]);
        Assert.Equal("", project.Out.ToString());
    }

    [Fact]
    public void An_unknown_verb_is_named_on_the_first_line_of_the_real_program_too()
    {
        using var project = TestProject.WithRepoStacks();

        var (exit, stdout, stderr) = PalisadeProcess.Run(project.Path, "plna", "dev");

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.StartsWith("error: unknown verb 'plna'. Did you mean 'plan'?", stderr);
    }

    [Fact]
    public void An_unexpected_exception_is_an_internal_error_with_exit_70_and_no_stack_trace()
    {
        using var project = TestProject.WithRepoStacks();
        var context = project.Context() with { Out = new FailingWriter(new InvalidOperationException("boom\nsecond line")) };

        var exit = PalisadeCli.Run(["plan", "dev"], () => context);

        Assert.Equal(ExitCodes.InternalError, exit);
        Assert.Equal(70, exit);
        Assert.Equal(
            ["internal error: System.InvalidOperationException: boom second line", ErrorReporting.ReportHint],
            project.Error.ToString().TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void An_io_failure_anywhere_in_a_verb_is_exit_2_with_one_line()
    {
        using var project = TestProject.WithRepoStacks();
        var context = project.Context() with { Out = new FailingWriter(new IOException("No space left on device : '/dev/stdout'", 28)) };

        Assert.Equal(2, PalisadeCli.Run(["verify", "dev"], () => context));

        Assert.Equal("error: No space left on device : '/dev/stdout'. Check the path, its permissions and the file system, then run again.\n",
            project.Error.ToString());
    }

    [Fact]
    public void A_context_that_cannot_be_made_is_reported_not_thrown()
    {
        // The message goes to the process's stderr, since the context has none; the exit code says what kind of failure.
        Assert.Equal(2, PalisadeCli.Run(["plan", "dev"], () => throw new UnauthorizedAccessException("Access to the path '/x' is denied.")));
        Assert.Equal(70, PalisadeCli.Run(["plan", "dev"], () => throw new NullReferenceException()));
    }

    [Fact]
    public void A_deleted_working_folder_is_exit_2_with_what_to_do()
    {
        using var project = TestProject.WithRepoStacks();
        var gone = Directory.CreateDirectory(Path.Combine(project.Path, "gone")).FullName;
        var script = $"cd '{gone}' && rmdir '{gone}' && exec dotnet '{PalisadeProcess.Dll}' plan dev";

        var (exit, error) = Run("bash", "-c", script);

        Assert.Equal(2, exit);
        Assert.Equal("error: the current folder: no longer exists (it was deleted or moved away). cd into the project folder and run again.", error.Trim());
    }

    [Fact]
    public void Synth_exits_1_when_a_check_fails_but_still_writes_the_output()
    {
        using var project = TestProject.WithRepoStacks();
        var result = Failing(project);
        var target = Path.Combine(project.Path, "out", "failing");

        Assert.Equal(1, SynthVerb.Write(project.Context(), result, target, new OutputRules(project.Path), failOnCheck: true));

        Assert.Contains("error: check failed: injected-failure: Injected failure: what went wrong", project.Error.ToString());
        Assert.Contains($"1 of {result.Checks.Count} checks failed (see `plan dev`); the output was written for inspection.", project.Out.ToString());
        Assert.Equal(result.Files.Keys.Append(OutputMarker.File).Order(StringComparer.Ordinal), project.FilesUnder("out/failing"));
    }

    [Fact]
    public void Synth_with_no_fail_on_check_exits_0_and_warns()
    {
        using var project = TestProject.WithRepoStacks();
        var target = Path.Combine(project.Path, "out", "failing");

        Assert.Equal(0, SynthVerb.Write(project.Context(), Failing(project), target, new OutputRules(project.Path), failOnCheck: false));

        Assert.Contains("warning: check failed: injected-failure: Injected failure: what went wrong", project.Error.ToString());
        Assert.DoesNotContain("error:", project.Error.ToString());
    }

    [Fact]
    public void Synth_accepts_no_fail_on_check_on_the_command_line()
    {
        using var project = TestProject.WithRepoStacks();

        Assert.Equal(0, project.Run("synth", "dev", "--no-fail-on-check"));
        var checks = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(project.Path, "out", "dev", "analysis", "checks.json")));
        Assert.Contains($"All {checks.RootElement.GetProperty("checks").GetArrayLength()} checks passed.", project.Out.ToString());
    }

    [Theory]
    [InlineData("..")]
    [InlineData("acme/palisade/..")]
    [InlineData("acme/palisade/")]
    [InlineData("acme/palisade/a\\b")]
    public void Compile_refuses_a_pulumi_stack_that_is_not_a_plain_name(string stack)
    {
        using var project = TestProject.WithRepoStacks();
        var env = new Dictionary<string, string> { ["PULUMI_STACK"] = stack };

        Assert.Equal(2, PalisadeCli.Run(["compile"], () => project.Context(env)));

        Assert.StartsWith("error: PULUMI_STACK '", project.Error.ToString());
        Assert.Contains("is not a plain stack name", project.Error.ToString());
        Assert.Equal("", project.Out.ToString());
    }

    [Theory]
    [InlineData("synth", "dev", "--out", "/proc/palisade")]
    [InlineData("synth", "..")]
    [InlineData("synth", "dev", "--out", "Pulumi.yaml/sub")]
    [InlineData("synth", "dev", "--out", "")]
    [InlineData("plan", "nope")]
    [InlineData("verify", "a/b")]
    [InlineData("connectivity", "/nonexistent")]
    [InlineData("diff", "dev", "..")]
    public void Hostile_command_lines_in_the_real_program_end_in_one_error_line_and_exit_2(params string[] args)
    {
        using var project = TestProject.WithRepoStacks();

        var (exit, _, stderr) = PalisadeProcess.Run(project.Path, args);

        Assert.Equal(2, exit);
        Assert.StartsWith("error: ", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.DoesNotContain("Exception", stderr);
    }

    private static SynthesisResult Failing(TestProject project)
    {
        var result = TestApps.Synthesize(new ProjectDirectory(project.Path).ReadStack("dev"));
        return result with { Checks = [.. result.Checks, new CheckResult(CheckId.Of("injected-failure"), "Injected failure", false, ["what went wrong"])] };
    }

    private static (int Exit, string Error) Run(string file, params string[] args)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(file, args)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error.GetAwaiter().GetResult());
    }

    private sealed class FailingWriter(Exception failure) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => throw failure;

        public override void Write(string? value) => throw failure;

        public override void WriteLine(string? value) => throw failure;
    }
}
