using System.Diagnostics;
using System.Text;
using Palisade.Components.Diagnostics;
using Palisade.Infra.Synthesis;
using Palisade.Stacks.Config;
using Palisade.Stacks.Parsing;
using Palisade.Tests.Support;
using static Palisade.Tests.Reliability.ParsingTestSupport;

namespace Palisade.Tests.Reliability;

/// <summary>Stack files (Pulumi.&lt;stack&gt;.yaml) read from disk: every hostile shape ends in one clear InputError.</summary>
public sealed class StackFileParsingTests : IDisposable
{
    private readonly TestProject project = new();

    public void Dispose() => project.Dispose();

    private string StackPath => Path.Combine(project.Path, "Pulumi.dev.yaml");

    private InputError Refused(string yaml) => Refused(Encoding.UTF8.GetBytes(yaml));

    private InputError Refused(byte[] bytes)
    {
        File.WriteAllBytes(StackPath, bytes);
        return Within(() => Assert.Throws<InputError>(() => new ProjectDirectory(project.Path).ReadStack("dev")));
    }

    private static string Config(string extra) => DevStack + extra;

    /// <summary>The line number of the <paramref name="offset"/>-th line (from 0) that <see cref="Config"/> appends.</summary>
    private static int Appended(int offset = 0) => DevStack.Count(c => c == '\n') + 1 + offset;

    /// <summary>Where <c>palisade-dev</c> (the cluster name) starts in the dev stack: line and column, 1-based.</summary>
    private static (int Line, int Column) ClusterNameAt()
    {
        var at = DevStack.IndexOf("palisade-dev", StringComparison.Ordinal);
        var lineStart = DevStack.LastIndexOf('\n', at) + 1;
        return (DevStack[..at].Count(c => c == '\n') + 1, at - lineStart + 1);
    }

    [Fact]
    public void An_alias_bomb_fails_fast_with_a_clear_message()
    {
        var bomb = new StringBuilder("config:\n  palisade:a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 9; i++)
        {
            bomb.Append($"  palisade:{(char)('a' + i)}: &{(char)('a' + i)} [{string.Join(", ", Enumerable.Repeat($"*{(char)('a' + i - 1)}", 9))}]\n");
        }

        var watch = Stopwatch.StartNew();
        var error = Refused(bomb.ToString());

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.Equal("Pulumi.dev.yaml: key config.palisade:b[0] (line 3, column 19)", error.Location);
        Assert.Contains("YAML aliases ('*a') are not allowed in a stack file", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Even_a_single_alias_or_merge_key_is_refused_in_a_stack_file()
    {
        Assert.Contains("aliases", Refused(Config("  palisade:x: &q 1\n  palisade:y: *q\n")).Problem, StringComparison.Ordinal);
        Assert.Contains("key config.palisade:n.<<", Refused(Config("  palisade:m: &m {a: 1}\n  palisade:n:\n    <<: *m\n")).Location, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_is_bounded_at_64_levels()
    {
        static string Nested(int levels) => $"config:\n  palisade:x: {new string('[', levels - 2)}{new string(']', levels - 2)}\n";

        Assert.Single(BoundedYaml.Load(Nested(64), "s.yaml", ParseLimits.StackFile));
        var error = Assert.Throws<InputError>(() => BoundedYaml.Load(Nested(65), "s.yaml", ParseLimits.StackFile));
        Assert.Equal("s.yaml: line 2, column 77", error.Location);
        Assert.Contains("nest more than 64 levels deep", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_100000_deep_flow_sequence_is_exit_2_in_a_real_process_not_a_stack_overflow()
    {
        project.WriteStack("dev", $"config:\n  palisade:apps: {new string('[', 100_000)}\n");

        var (code, stdout, stderr) = RunCli(project.Path, null, "plan", "dev");

        var line = AssertOneErrorLine(code, stderr);
        Assert.Empty(stdout);
        Assert.StartsWith("error: Pulumi.dev.yaml: line 2, column 80: the lists and mappings nest more than 64 levels deep", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_over_1_MiB_is_refused_by_its_size_before_it_is_read()
    {
        using (var file = File.Create(StackPath))
        {
            file.SetLength(4L * 1024 * 1024 * 1024); // sparse: reading it would take seconds and 4 GiB
        }

        var watch = Stopwatch.StartNew();
        var error = Within(() => Assert.Throws<InputError>(() => new ProjectDirectory(project.Path).ReadStack("dev")));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
        Assert.Equal("Pulumi.dev.yaml", error.Location);
        Assert.Equal("the file is 4096 MiB, more than the 1 MiB a stack file may have", error.Problem);
        Assert.Contains("the file is 1 MiB", Refused(Config("# " + new string('x', 1024 * 1024) + "\n")).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_document_is_refused_even_an_empty_one()
    {
        var error = Refused(Config("---\nconfig:\n  palisade:cloud: gcp\n"));
        Assert.Equal($"Pulumi.dev.yaml: line {Appended()}, column 1", error.Location);
        Assert.Contains("a second YAML document starts here", error.Problem, StringComparison.Ordinal);
        Assert.Contains("second YAML document", Refused(Config("---\n")).Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("config:\n  palisade:cloud: gcp\n", "Pulumi.dev.yaml: key config (line {0}, column 1)", 0, "'config'")]
    [InlineData("  palisade:cloud: gcp\n", "Pulumi.dev.yaml: key config.palisade:cloud (line {0}, column 3)", 0, "'palisade:cloud'")]
    [InlineData("  palisade:tags:\n    team: a\n    team: b\n", "Pulumi.dev.yaml: key config.palisade:tags.team (line {0}, column 5)", 2, "'team'")]
    [InlineData("  palisade:x: [{a: 1, a: 2}]\n", "Pulumi.dev.yaml: key config.palisade:x[0].a (line {0}, column 23)", 0, "'a'")]
    public void Duplicate_keys_are_refused_at_any_level_with_their_key_path(string extra, string location, int line, string key)
    {
        var error = Refused(Config(extra));

        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, location, Appended(line)), error.Location);
        Assert.Equal($"the key {key} appears twice in this mapping", error.Problem);
    }

    [Theory]
    [InlineData("  [a, b]: c\n")]
    [InlineData("  ? {a: 1}\n  : c\n")]
    [InlineData("  palisade:x: {[a]: 1}\n")]
    public void Keys_that_are_lists_or_mappings_are_refused_not_a_crash(string extra)
    {
        var error = Refused(Config(extra));

        Assert.StartsWith("Pulumi.dev.yaml: key config", error.Location, StringComparison.Ordinal);
        Assert.Contains("keys must be plain values", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclosed_bracket_followed_by_a_less_indented_line_names_where_it_was_opened()
    {
        // YamlDotNet's scanner throws a bare InvalidOperationException for this shape; it used to escape as a crash.
        var error = Refused("config:\n  palisade:apps: [voting,\n  palisade:cloud: aws\n");

        Assert.Equal("Pulumi.dev.yaml: line 3, column 3", error.Location);
        Assert.Equal("the [ opened at line 2, column 18 is not closed", error.Problem);

        var atEnd = Refused("config:\n  palisade:apps: [voting\n");
        Assert.Contains("(the [ opened at line 2, column 18 is not closed)", atEnd.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE }, "byte 0xFF")]
    [InlineData(new byte[] { 0xC0, 0xAF }, "byte 0xC0")] // overlong encoding of '/'
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, "byte 0xED")] // an encoded UTF-16 surrogate
    public void Invalid_utf8_is_refused_with_its_position(byte[] bad, string what)
    {
        var bytes = Encoding.UTF8.GetBytes(DevStack.Replace("palisade-dev", "palisade-@dev", StringComparison.Ordinal)).ToList();
        var at = bytes.IndexOf((byte)'@');
        bytes.RemoveAt(at);
        bytes.InsertRange(at, bad);

        var error = Refused([.. bytes]);

        var (line, column) = ClusterNameAt();
        Assert.Equal($"Pulumi.dev.yaml: line {line}, column {column + "palisade-".Length} (byte offset {at})", error.Location);
        Assert.Equal($"the file is not valid UTF-8 ({what})", error.Problem);
    }

    [Fact]
    public void Nul_and_other_control_characters_are_refused_with_their_position_even_in_a_comment()
    {
        var nul = Refused(DevStack.Replace("palisade-dev", "palisade-\0dev", StringComparison.Ordinal));
        var (line, column) = ClusterNameAt();
        Assert.Equal($"Pulumi.dev.yaml: line {line}, column {column + "palisade-".Length}", nul.Location);
        Assert.Equal("the text contains a NUL character (U+0000)", nul.Problem);

        Assert.Equal("the text contains the control character U+0007", Refused(DevStack.Replace("palisade-dev", "palisade-\adev", StringComparison.Ordinal)).Problem);
        Assert.Equal($"Pulumi.dev.yaml: line {Appended()}, column 3", Refused(Config("# \0\n")).Location);
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_accepted_and_utf16_is_refused()
    {
        File.WriteAllBytes(StackPath, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(DevStack)]);
        var config = new ProjectDirectory(project.Path).ReadStack("dev");
        Assert.Equal("palisade-dev", Assert.IsType<ConfigScalar>(config.Values["palisade:clusterName"]).Text);

        var utf16 = Refused([0xFF, 0xFE, .. Encoding.Unicode.GetBytes(DevStack)]);
        Assert.Contains("UTF-16", utf16.Problem, StringComparison.Ordinal);
    }

    [LinuxFact]
    public void A_fifo_as_stack_file_is_refused_without_blocking()
    {
        MakeFifo(StackPath);

        var error = Within(() => Assert.Throws<InputError>(() => new ProjectDirectory(project.Path).ReadStack("dev")));
        Assert.Equal("Pulumi.dev.yaml: is a FIFO (named pipe), not a regular file. Pass a stack file as a regular file", error.Message);

        var (code, _, stderr) = RunCli(project.Path, null, "plan", "dev");
        Assert.Equal("error: Pulumi.dev.yaml: is a FIFO (named pipe), not a regular file. Pass a stack file as a regular file", AssertOneErrorLine(code, stderr));
    }

    [LinuxFact]
    public void A_directory_a_device_or_a_symlink_loop_as_stack_file_is_refused_without_opening_it()
    {
        Directory.CreateDirectory(StackPath);
        Assert.Contains("is a directory, not a regular file", Within(() => Assert.Throws<InputError>(() => new ProjectDirectory(project.Path).ReadStack("dev"))).Problem, StringComparison.Ordinal);
        Directory.Delete(StackPath);

        File.CreateSymbolicLink(StackPath, "/dev/zero");
        Assert.Contains("is a character device", Within(() => Assert.Throws<InputError>(() => new ProjectDirectory(project.Path).ReadStack("dev"))).Problem, StringComparison.Ordinal);
        File.Delete(StackPath);

        File.CreateSymbolicLink(StackPath, "Pulumi.loop.yaml");
        File.CreateSymbolicLink(Path.Combine(project.Path, "Pulumi.loop.yaml"), "Pulumi.dev.yaml");
        Assert.Contains("is a symlink loop", Within(() => Assert.Throws<InputError>(() => new ProjectDirectory(project.Path).ReadStack("dev"))).Problem, StringComparison.Ordinal);
        File.Delete(StackPath);

        File.CreateSymbolicLink(StackPath, "nowhere.yaml");
        Assert.Equal("is a symlink to nowhere.yaml, which does not exist", Assert.Throws<InputError>(() => new ProjectDirectory(project.Path).ReadStack("dev")).Problem);
    }

    [Theory]
    [InlineData("config:\n  palisade:apps: [voting,\n  palisade:cloud: aws\n")]
    [InlineData("config:\n  [a]: b\n")]
    [InlineData("config:\n  a: 1\n  a: 2\n")]
    [InlineData("a: &a [x, x]\nb: [*a, *a]\n")]
    [InlineData("config: {}\n---\n")]
    public void The_plan_verb_turns_each_into_one_error_line_and_exit_2(string yaml)
    {
        project.WriteStack("dev", yaml);

        var code = project.Run("plan", "dev");

        Assert.StartsWith("error: Pulumi.dev.yaml: ", AssertOneErrorLine(code, project.Error.ToString()), StringComparison.Ordinal);
        Assert.Empty(project.Out.ToString());
    }
}
