using System.Text.Json;
using Palisade.Infra.Cli;
using Palisade.Infra.Promotion;
using Palisade.Infra.Synthesis;
using Palisade.Tests.Cli;
using Palisade.Tests.Support;

namespace Palisade.Tests.Reliability;

/// <summary>
/// The compiler entry sees every config value decrypted; values the stack holds as secrets must reach Pulumi as
/// secret config references, never as plain text in the program or in analysis files.
/// </summary>
public class SecretConfigTests
{
    private const string SecretDomain = "internal-secret-domain.example.org";

    private static Dictionary<string, string> Engine(TestProject project, string stack, IDictionary<string, string>? overrides = null)
    {
        var config = JsonSerializer.Deserialize<Dictionary<string, string>>(CompileVerbTests.EngineConfig(Path.Combine(project.Path, $"Pulumi.{stack}.yaml")))!;
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            config[key] = value;
        }

        return new Dictionary<string, string> { ["PULUMI_STACK"] = stack, ["PULUMI_CONFIG"] = JsonSerializer.Serialize(config) };
    }

    private static void StoreAsSecret(TestProject project, string stack, string key)
    {
        var file = Path.Combine(project.Path, $"Pulumi.{stack}.yaml");
        var lines = File.ReadAllLines(file).Select(l => l.StartsWith($"  {key}:", StringComparison.Ordinal)
            ? $"  {key}:\n    secure: AAABAKxUPnmk9rHk4Yd0c2VjcmV0"
            : l);
        File.WriteAllText(file, string.Join("\n", lines) + "\n");
    }

    [Fact]
    public void A_domain_set_with_secret_is_a_secret_config_reference_and_never_in_the_program()
    {
        using var project = TestProject.WithRepoStacks();
        StoreAsSecret(project, "dev", "palisade:domain");

        var exit = CompileVerb.Run(project.Context(Engine(project, "dev", new Dictionary<string, string> { ["palisade:domain"] = SecretDomain })));

        Assert.Equal(0, exit);
        var program = project.Out.ToString();
        Assert.DoesNotContain(SecretDomain, program);
        Assert.Contains("  domain:\n    type: string\n    secret: true\n", program);
        Assert.Contains("host: govtech.${domain}", program);
    }

    [Fact]
    public void Offline_a_secret_domain_is_not_needed_and_not_written()
    {
        using var project = TestProject.WithRepoStacks();
        StoreAsSecret(project, "dev", "palisade:domain");

        Assert.Equal(0, project.Run("synth", "dev", "--out", "out/s"));

        var files = Directory.EnumerateFiles(Path.Combine(project.Path, "out/s"), "*", SearchOption.AllDirectories).Select(File.ReadAllText).ToList();
        Assert.DoesNotContain(files, f => f.Contains("dev.example.com", StringComparison.Ordinal));
        Assert.Contains("\"palisade:domain\": \"[secret]\"", File.ReadAllText(Path.Combine(project.Path, "out/s", EnvironmentSpecificPart.File)));
    }

    [Fact]
    public void A_key_written_into_resource_names_cannot_be_a_secret()
    {
        using var project = TestProject.WithRepoStacks();
        StoreAsSecret(project, "dev", "palisade:clusterName");

        var exit = CompileVerb.Run(project.Context(Engine(project, "dev", new Dictionary<string, string> { ["palisade:clusterName"] = "palisade-dev" })));

        Assert.Equal(2, exit);
        Assert.Equal("", project.Out.ToString());
        Assert.Contains("Pulumi.dev.yaml: palisade:clusterName: the value is a secret, but this key is written into the program in plain text", project.Error.ToString());
        Assert.Equal(2, project.Run("plan", "dev"));
    }

    [Fact]
    public void Provider_credentials_in_the_stack_file_are_masked_in_the_analysis()
    {
        using var project = TestProject.WithRepoStacks();
        var file = Path.Combine(project.Path, "Pulumi.dev.yaml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("config:\n", "config:\n  aws:secretKey: wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY\n  aws:accessKey: AKIAIOSFODNN7EXAMPLE\n", StringComparison.Ordinal));

        Assert.Equal(0, project.Run("synth", "dev", "--out", "out/s"));

        var analysis = string.Concat(Directory.EnumerateFiles(Path.Combine(project.Path, "out/s/analysis")).Select(File.ReadAllText));
        Assert.DoesNotContain("wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY", analysis);
        Assert.DoesNotContain("AKIAIOSFODNN7EXAMPLE", analysis);
        Assert.Contains("\"aws:secretKey\": \"[secret]\"", analysis);
    }
}
