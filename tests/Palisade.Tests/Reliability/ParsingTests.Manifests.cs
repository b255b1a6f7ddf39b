using System.Diagnostics;
using System.Text;
using Palisade.Components.Diagnostics;
using Palisade.Infra.Cli;
using Palisade.Infra.Manifests;
using Palisade.Stacks.Parsing;
using static Palisade.Tests.Reliability.ParsingTestSupport;

namespace Palisade.Tests.Reliability;

/// <summary>Manifest folders (<c>connectivity &lt;dir&gt;</c>) and the manifests synthesis reads back: bounded and never blocking.</summary>
public sealed class ManifestParsingTests : IDisposable
{
    private const string Pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: team-a\n  labels: {app: web}\nspec:\n  containers: [{name: c, ports: [{containerPort: 80}]}]\n";

    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("palisade-parsing-");

    public void Dispose() => directory.Delete(recursive: true);

    private string Write(string relative, string text) => WriteBytes(relative, Encoding.UTF8.GetBytes(text));

    private string WriteBytes(string relative, byte[] bytes)
    {
        var path = Path.Combine(directory.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private ManifestReadResult Read() => Within(() => ManifestDirectoryReader.Read(directory.FullName));

    private InputError Refused() => Within(() => Assert.Throws<InputError>(() => ManifestDirectoryReader.Read(directory.FullName)));

    private static InputError Refused(string path, string text) =>
        Assert.Throws<InputError>(() => ManifestDirectoryReader.Parse([new ManifestFile(path, text)], strict: true));

    [Fact]
    public void An_alias_bomb_is_refused_by_its_expansion_budget_and_small_aliases_still_work()
    {
        var bomb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 9; i++)
        {
            bomb.Append($"  {(char)('a' + i)}: &{(char)('a' + i)} [{string.Join(", ", Enumerable.Repeat($"*{(char)('a' + i - 1)}", 10))}]\n");
        }

        var watch = Stopwatch.StartNew();
        var error = Refused("bomb.yaml", bomb.ToString());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.StartsWith("bomb.yaml: document 1, key data.f[", error.Location, StringComparison.Ordinal);
        Assert.Contains("the YAML aliases expand to more than 1,000,000 nodes", error.Problem, StringComparison.Ordinal);

        var read = ManifestDirectoryReader.Parse([new ManifestFile("list.yaml", """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Pod
              metadata: {name: p, namespace: team-a, labels: &web {app: web}}
            - apiVersion: networking.k8s.io/v1
              kind: NetworkPolicy
              metadata: {name: np, namespace: team-a}
              spec:
                podSelector: {matchLabels: *web}
                ingress: [{from: [{podSelector: {matchLabels: *web}}]}]
            """)]);
        Assert.Equal("web", Assert.Single(read.Cluster.Policies).PodSelector.MatchLabels["app"]);
    }

    [Fact]
    public void Nesting_is_bounded_at_256_levels_in_yaml_and_json()
    {
        static string Nested(int levels) => $"x: {new string('[', levels - 1)}{new string(']', levels - 1)}\n";

        Assert.Single(BoundedYaml.Load(Nested(256), "m.yaml", ParseLimits.Manifest));
        Assert.Contains("nest more than 256 levels deep", Refused("m.yaml", Nested(257)).Problem, StringComparison.Ordinal);
        Assert.Contains("nests more than 256 levels deep", Refused("m.json", new string('[', 257) + new string(']', 257)).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_100000_deep_manifest_is_exit_2_in_a_real_process_not_a_stack_overflow()
    {
        Write("deep.yaml", "x: " + new string('{', 100_000) + "\n");
        Write("deep.json", new string('[', 100_000));

        var (code, stdout, stderr) = RunCli(directory.FullName, null, "connectivity", directory.FullName);

        Assert.Contains("nests more than 256 levels deep", AssertOneErrorLine(code, stderr), StringComparison.Ordinal);
        Assert.Empty(stdout);
    }

    [Fact]
    public void A_file_over_64_MiB_is_refused_by_its_size_before_it_is_read()
    {
        Write("ns.yaml", Namespace("team-a"));
        using (var file = File.Create(Path.Combine(directory.FullName, "huge.yaml")))
        {
            file.SetLength(8L * 1024 * 1024 * 1024);
        }

        var watch = Stopwatch.StartNew();
        var error = Refused();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
        Assert.Equal(Path.Combine(directory.FullName, "huge.yaml"), error.Location);
        Assert.Equal("the file is 8192 MiB, more than the 64 MiB a manifest file may have", error.Problem);
    }

    [Fact]
    public void Manifest_files_that_add_up_to_more_than_1_GiB_are_refused_before_any_is_read()
    {
        for (var i = 0; i < 17; i++)
        {
            using var file = File.Create(Path.Combine(directory.FullName, $"part-{i:D2}.yaml"));
            file.SetLength(64L * 1024 * 1024); // each within the per-file limit, sparse
        }

        var watch = Stopwatch.StartNew();
        var error = Refused();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
        Assert.Equal(directory.FullName, error.Location);
        Assert.Equal($"the manifest files add up to more than 1024 MiB (at {Path.Combine(directory.FullName, "part-16.yaml")})", error.Problem);
    }

    [LinuxFact]
    public void Fifos_and_devices_are_skipped_with_a_note_and_never_opened()
    {
        Write("ns.yaml", Namespace("team-a"));
        MakeFifo(Path.Combine(directory.FullName, "pipe.yaml"));
        File.CreateSymbolicLink(Path.Combine(directory.FullName, "zero.yaml"), "/dev/zero");

        var read = Read();

        Assert.Equal("team-a", Assert.Single(read.Cluster.Namespaces).Name);
        Assert.Equal([
            $"{directory.FullName}/pipe.yaml: skipped, a FIFO (named pipe) is not a regular file",
            $"{directory.FullName}/zero.yaml: skipped, a character device is not a regular file",
        ], read.Notes);

        var (code, _, stderr) = RunCli(directory.FullName, null, "connectivity", directory.FullName);
        Assert.Equal(0, code);
        Assert.Contains("note: " + Path.Combine(directory.FullName, "pipe.yaml") + ": skipped, a FIFO", stderr, StringComparison.Ordinal);
    }

    [LinuxFact]
    public void Two_symlink_loops_finish_and_each_real_folder_and_file_is_read_once()
    {
        Write("ns.yaml", Namespace("team-a"));
        Write("sub/pod.yaml", Pod);
        Directory.CreateSymbolicLink(Path.Combine(directory.FullName, "self"), ".");
        Directory.CreateSymbolicLink(Path.Combine(directory.FullName, "sub", "up"), "..");
        File.CreateSymbolicLink(Path.Combine(directory.FullName, "sub", "again.yaml"), "pod.yaml");
        File.CreateSymbolicLink(Path.Combine(directory.FullName, "l1.yaml"), "l2.yaml");
        File.CreateSymbolicLink(Path.Combine(directory.FullName, "l2.yaml"), "l1.yaml");
        File.CreateSymbolicLink(Path.Combine(directory.FullName, ".#lock.yaml"), "user@host.1234");

        var read = Read();

        Assert.Equal("team-a/p[Pod]", Assert.Single(read.Cluster.Workloads).Id);
        var root = directory.FullName;
        Assert.Equal([
            $"{root}/.#lock.yaml: skipped, a symlink whose target does not exist",
            $"{root}/l1.yaml: skipped, a symlink loop (too many levels of symbolic links)",
            $"{root}/l2.yaml: skipped, a symlink loop (too many levels of symbolic links)",
            $"{root}/self: skipped, the same folder as {root} (a symlink loop or a second link to it)",
            $"{root}/sub/pod.yaml: skipped, the same file as {root}/sub/again.yaml",
            $"{root}/sub/up: skipped, the same folder as {root} (a symlink loop or a second link to it)",
        ], read.Notes);
    }

    [Fact]
    public void A_regular_file_or_a_missing_path_where_a_folder_is_expected_is_a_clear_error()
    {
        var file = Write("ns.yaml", Namespace("team-a"));

        var error = Assert.Throws<InputError>(() => ManifestDirectoryReader.Read(file));
        Assert.Equal($"{file}: is a file, not a directory. Pass the directory that holds the manifests (for one file, the folder it is in)", error.Message);
        Assert.Contains("does not exist", Assert.Throws<InputError>(() => ManifestDirectoryReader.Read(file + ".missing")).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_and_nul_are_refused_with_file_and_position()
    {
        var bad = WriteBytes("ns.yaml", [.. Encoding.UTF8.GetBytes("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-"), 0xFF, (byte)'\n']);
        var error = Refused();
        Assert.Equal($"{bad}: line 4, column 14 (byte offset 54)", error.Location);
        Assert.Equal("the file is not valid UTF-8 (byte 0xFF)", error.Problem);

        var nul = Refused("ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-\0a\n");
        Assert.Equal("ns.yaml: line 4, column 14", nul.Location);
        Assert.Equal("the text contains a NUL character (U+0000)", nul.Problem);
    }

    [Fact]
    public void Duplicate_keys_are_refused_with_file_and_key_path_in_yaml_and_json()
    {
        var yaml = Refused("p.yaml", Pod.Replace("{app: web}", "{app: web, app: db}", StringComparison.Ordinal));
        Assert.Equal("p.yaml: document 1, key metadata.labels.app (line 6, column 22)", yaml.Location);
        Assert.Equal("the key 'app' appears twice in this mapping", yaml.Problem);

        var json = Refused("ns.json", """{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a", "name": "b"}}""");
        Assert.Equal("ns.json: document 1: key metadata.name", json.Location);

        var second = Refused("two.yaml", Namespace("a") + "---\n" + Namespace("b") + "kind: Pod\n");
        Assert.Equal("two.yaml: document 2, key kind (line 10, column 1)", second.Location);
    }

    [Fact]
    public void Keys_that_are_not_plain_values_and_unclosed_brackets_are_input_errors_not_crashes()
    {
        Assert.Contains("keys must be plain values", Refused("k.yaml", Namespace("a") + "? [a]\n: b\n").Problem, StringComparison.Ordinal);

        var unclosed = Refused("u.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: [x,\n  labels: {}\n");
        Assert.StartsWith("u.yaml: document 1 (line", unclosed.Location, StringComparison.Ordinal);
        Assert.Contains("the [ opened at line 3, column 18 is not closed", unclosed.Problem, StringComparison.Ordinal);

        var json = Refused("s.json", """{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a", "labels": {"x": "\ud800"}}}""");
        Assert.Equal("s.json: document 1: key metadata.labels.x", json.Location);
    }

    [Theory]
    [InlineData("{'bad key!': web}", "key metadata.labels.bad key! (line 6)", "label key 'bad key!' is not valid")]
    [InlineData("{'Example.COM/app': web}", "key metadata.labels.Example.COM/app (line 6)", "the prefix before '/' must be a DNS-1123 subdomain")]
    [InlineData("{app: -web}", "key metadata.labels.app (line 6)", "the value '-web' of label 'app' is not valid")]
    [InlineData("{app: web_}", "key metadata.labels.app (line 6)", "the value 'web_' of label 'app' is not valid")]
    public void Label_keys_and_values_are_validated_as_the_api_server_does(string labels, string key, string problem)
    {
        var error = Refused("p.yaml", Pod.Replace("{app: web}", labels, StringComparison.Ordinal));

        Assert.Equal($"p.yaml: document 1 (Pod team-a/p), {key}", error.Location);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_labels_pass_and_a_huge_invalid_value_is_quoted_as_a_short_excerpt()
    {
        var read = ManifestDirectoryReader.Parse([new ManifestFile("p.yaml", Pod.Replace("{app: web}", "{app.kubernetes.io/name: web, empty: '', a_b.c-D: X1}", StringComparison.Ordinal))]);
        Assert.Equal("X1", Assert.Single(read.Cluster.Workloads).Labels["a_b.c-D"]);

        var error = Refused("p.yaml", Pod.Replace("{app: web}", "{app: " + new string('w', 100_000) + "}", StringComparison.Ordinal));
        Assert.DoesNotContain(new string('w', 81), error.Message, StringComparison.Ordinal);
        Assert.Contains("...' (100,000 characters)", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Namespace_names_and_selector_labels_are_validated_as_the_api_server_does()
    {
        var ns = Refused("ns.yaml", Namespace("Bad_NS!"));
        Assert.Equal("ns.yaml: document 1, key metadata.name (line 4)", ns.Location);
        Assert.StartsWith("namespace name 'Bad_NS!' is not a DNS-1123 label", ns.Problem, StringComparison.Ordinal);

        Assert.Equal("p.yaml: document 1, key metadata.namespace (line 5)",
            Refused("p.yaml", Pod.Replace("namespace: team-a", "namespace: Team-A", StringComparison.Ordinal)).Location);

        var selector = Refused("np.yaml", """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: np, namespace: team-a}
            spec:
              podSelector: {matchExpressions: [{key: app, operator: In, values: [bad value]}]}
            """);
        Assert.Equal("np.yaml: document 1 (NetworkPolicy team-a/np), key spec.podSelector.matchExpressions[0].values[0] (line 5)", selector.Location);
    }

    [Fact]
    public void Object_names_are_dns1123_subdomains_and_huge_values_are_excerpted_in_every_message()
    {
        var name = Refused("p.yaml", Pod.Replace("name: p\n", "name: Web_1\n", StringComparison.Ordinal));
        Assert.Equal("p.yaml: document 1, key metadata.name (line 4)", name.Location);
        Assert.StartsWith("the Pod name 'Web_1' is not a DNS-1123 subdomain", name.Problem, StringComparison.Ordinal);

        var huge = new string('T', 100_000);
        var protocol = Refused("p.yaml", Pod.Replace("containerPort: 80", $"containerPort: 80, protocol: {huge}", StringComparison.Ordinal));
        Assert.DoesNotContain(new string('T', 81), protocol.Message, StringComparison.Ordinal);
        Assert.Contains("(100,000 characters)", protocol.Problem, StringComparison.Ordinal);
        var warning = Assert.Single(ManifestDirectoryReader.Parse([new ManifestFile("p.yaml", Pod.Replace("containerPort: 80", $"containerPort: 80, protocol: {huge}", StringComparison.Ordinal))]).Warnings);
        Assert.DoesNotContain(new string('T', 81), warning, StringComparison.Ordinal);

        var note = Assert.Single(ManifestDirectoryReader.Parse([new ManifestFile("s.yaml", $"apiVersion: v1\nkind: {huge}\nmetadata: {{name: {huge}}}\n")]).Notes);
        Assert.True(note.Length < 300, note);
    }

    [Fact]
    public void The_connectivity_verb_turns_each_hostile_folder_into_one_error_line_and_exit_2()
    {
        Write("bad.yaml", Pod.Replace("{app: web}", "{app: web, app: db}", StringComparison.Ordinal));
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = ConnectivityVerb.Run(directory.FullName, "text", stdout, stderr);

        Assert.Contains("appears twice", AssertOneErrorLine(code, stderr.ToString()), StringComparison.Ordinal);
        Assert.Empty(stdout.ToString());
    }
}
