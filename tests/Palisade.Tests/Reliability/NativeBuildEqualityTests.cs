using Palisade.Tests.Cli;
using Palisade.Tests.Support;

namespace Palisade.Tests.Reliability;

/// <summary>
/// The NativeAOT and the ReadyToRun build of the CLI print byte-identical stdout and stderr and return the same exit
/// code on every stack, every manifest fixture in every format, and the error paths. Runs when PALISADE_NATIVE_CLI
/// (the native executable) and PALISADE_R2R_CLI (palisade.dll) name built binaries: `.ci/run` builds both with
/// scripts/lib/cli-build.sh after installing clang and zlib1g-dev, then runs this class by its trait.
/// </summary>
[Trait("Category", "NativeEquality")]
public sealed class NativeBuildEqualityTests(EqualityProject project) : IClassFixture<EqualityProject>
{
    public static TheoryData<string> Cases => new(EqualityCases.All.Keys);

    [NativeBuildsTheory]
    [MemberData(nameof(Cases))]
    public async Task Native_and_ReadyToRun_builds_give_identical_output(string name)
    {
        var run = EqualityCases.All[name];

        var native = await project.Run(NativeBuilds.Native!, [], run);
        var readyToRun = await project.Run("dotnet", [NativeBuilds.ReadyToRun!], run);

        Assert.Equal(readyToRun.Outcome.ExitCode, native.Outcome.ExitCode);
        Assert.Equal(readyToRun.Outcome.Stdout, native.Outcome.Stdout);
        Assert.Equal(readyToRun.Outcome.Stderr, native.Outcome.Stderr);
        Assert.Equal(readyToRun.Files.Keys, native.Files.Keys);
        foreach (var (file, content) in readyToRun.Files)
        {
            Assert.True(content.AsSpan().SequenceEqual(native.Files[file]), $"{file} differs between the builds");
        }

        // A case that printed nothing would compare nothing.
        Assert.True(native.Outcome.Stdout.Length + native.Outcome.Stderr.Length > 0, native.Outcome.ToString());
        Assert.Equal(run.Expected, ExitClass(native.Outcome.ExitCode));
    }

    [NativeBuildsFact]
    public void The_native_binary_is_native_code()
    {
        var head = new byte[4];
        using (var file = File.OpenRead(NativeBuilds.Native!))
        {
            file.ReadExactly(head);
        }

        Assert.Equal(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' }, head);
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(NativeBuilds.Native!)!, "palisade.dll")));
    }

    private static Expect ExitClass(int exit) => exit switch
    {
        0 => Expect.Success,
        1 => Expect.VerificationFailed,
        _ => Expect.BadInput,
    };
}

public enum Expect
{
    Success,
    VerificationFailed,
    BadInput,
}

/// <summary>One invocation: arguments, extra environment, and the folder it writes (compared file by file).</summary>
public sealed record EqualityCase(string[] Arguments, Expect Expected, IReadOnlyDictionary<string, string?>? Environment = null, string? Writes = null);

public static class EqualityCases
{
    public static readonly IReadOnlyDictionary<string, EqualityCase> All = Build();

    private static IReadOnlyDictionary<string, EqualityCase> Build()
    {
        var cases = new SortedDictionary<string, EqualityCase>(StringComparer.Ordinal);
        foreach (var stack in EqualityProject.Stacks)
        {
            cases[$"plan {stack}"] = new(["plan", stack], Expect.Success);
            cases[$"verify {stack}"] = new(["verify", stack], Expect.Success);
            cases[$"synth {stack}"] = new(["synth", stack, "--out", "out/equality"], Expect.Success, Writes: "out/equality");
            cases[$"compile {stack}"] = new(["compile"], Expect.Success, new Dictionary<string, string?>
            {
                ["PULUMI_STACK"] = $"acme/palisade/{stack}",
                ["PULUMI_PROJECT"] = "palisade",
                ["PULUMI_CONFIG"] = EqualityProject.EngineConfig(stack),
            });
        }

        cases["compile (package discovery)"] = new(["compile"], Expect.Success, new Dictionary<string, string?> { ["PULUMI_STACK"] = null });
        foreach (var fixture in Directory.EnumerateDirectories(Path.Combine(RepoPaths.TestProject, "Fixtures", "Connectivity")).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(fixture);
            if (name == "golden")
            {
                continue;
            }

            foreach (var format in new[] { "text", "json", "md", "mermaid" })
            {
                cases[$"connectivity {name} {format}"] = new(["connectivity", fixture, "--output", format], Expect.Success);
            }
        }

        cases["error: unknown stack"] = new(["plan", "nope"], Expect.BadInput);
        cases["error: bad stack config"] = new(["verify", "bad"], Expect.BadInput);
        cases["error: bad PULUMI_CONFIG"] = new(["compile"], Expect.BadInput, new Dictionary<string, string?>
        {
            ["PULUMI_STACK"] = "dev",
            ["PULUMI_CONFIG"] = "{\"palisade:apps\": ",
        });
        cases["error: connectivity on a missing folder"] = new(["connectivity", "no-such-folder"], Expect.BadInput);
        cases["error: unknown verb"] = new(["frobnicate"], Expect.BadInput);
        cases["error: unknown output format"] = new(["connectivity", ".", "--output", "pdf"], Expect.BadInput);
        cases["help"] = new(["--help"], Expect.Success);
        cases["help plan"] = new(["plan", "--help"], Expect.Success);
        cases["version"] = new(["--version"], Expect.Success);
        return cases;
    }
}

/// <summary>A throwaway project folder holding the repository's stacks, the GKE fixture stack and a broken stack.</summary>
public sealed class EqualityProject : IDisposable
{
    public static readonly string[] Stacks = ["dev", "prod", "gke"];

    public EqualityProject()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "palisade-tests", "equality-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        foreach (var stack in Stacks)
        {
            File.Copy(StackFile(stack), System.IO.Path.Combine(Path, $"Pulumi.{stack}.yaml"));
        }

        File.Copy(System.IO.Path.Combine(RepoPaths.Root, "Pulumi.yaml"), System.IO.Path.Combine(Path, "Pulumi.yaml"));
        File.WriteAllText(System.IO.Path.Combine(Path, "Pulumi.bad.yaml"), File.ReadAllText(StackFile("dev")).Replace("palisade:nodeType:", "palisade:nodeTyp:", StringComparison.Ordinal));
    }

    public string Path { get; }

    public static string StackFile(string stack) => stack == "gke"
        ? System.IO.Path.Combine(RepoPaths.TestProject, "Fixtures", "stacks", "Pulumi.gke.yaml")
        : System.IO.Path.Combine(RepoPaths.Root, $"Pulumi.{stack}.yaml");

    public static string EngineConfig(string stack) => CompileVerbTests.EngineConfig(StackFile(stack));

    /// <summary>Runs one case in the project folder; the folder it writes is read back and removed.</summary>
    public async Task<(CliOutcome Outcome, IReadOnlyDictionary<string, byte[]> Files)> Run(string program, string[] prefix, EqualityCase run)
    {
        var outcome = await CliRun.Run(program, [.. prefix, .. run.Arguments], Path, run.Environment);
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        if (run.Writes is not null)
        {
            var folder = System.IO.Path.Combine(Path, run.Writes);
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                files[System.IO.Path.GetRelativePath(folder, file)] = File.ReadAllBytes(file);
            }

            Directory.Delete(folder, recursive: true);
        }

        return (outcome, files);
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

/// <summary>Where the two builds are; the reason to skip when they are not there.</summary>
public static class NativeBuilds
{
    public const string NativeVariable = "PALISADE_NATIVE_CLI";
    public const string ReadyToRunVariable = "PALISADE_R2R_CLI";

    public static string? Native => Environment.GetEnvironmentVariable(NativeVariable);
    public static string? ReadyToRun => Environment.GetEnvironmentVariable(ReadyToRunVariable);

    public static string? SkipReason =>
        string.IsNullOrEmpty(Native) || string.IsNullOrEmpty(ReadyToRun)
            ? $"no native build to compare: set {NativeVariable} and {ReadyToRunVariable} (.ci/run does after building both with scripts/lib/cli-build.sh)"
            : !File.Exists(Native) || Native.EndsWith(".dll", StringComparison.Ordinal)
                ? $"{NativeVariable}={Native} is not a native binary (no native toolchain: apt-get install clang zlib1g-dev)"
                : !File.Exists(ReadyToRun) ? $"{ReadyToRunVariable}={ReadyToRun} does not exist" : null;
}

public sealed class NativeBuildsTheoryAttribute : TheoryAttribute
{
    public NativeBuildsTheoryAttribute() => Skip = NativeBuilds.SkipReason!;
}

public sealed class NativeBuildsFactAttribute : FactAttribute
{
    public NativeBuildsFactAttribute() => Skip = NativeBuilds.SkipReason!;
}
