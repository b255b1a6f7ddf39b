using Palisade.Components.Diagnostics;
using Palisade.Infra.Cli;
using Palisade.Infra.Manifests;

namespace Palisade.Tests.Connectivity;

/// <summary>
/// Foreign manifests: a defect the API server would reject but the analysis can do without is a warning naming file
/// and key, and the analysis goes on; strict mode makes it the error it always was. Policy semantics stay errors.
/// </summary>
public sealed class ManifestDefectTests : IDisposable
{
    private const string Web = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\n" +
                               "spec: {template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, ports: [{name: http, containerPort: 8080}]}]}}}\n";

    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("palisade-defects-");

    public void Dispose() => directory.Delete(recursive: true);

    private static ManifestReadResult Lenient(string text) => ManifestDirectoryReader.Parse([new ManifestFile("m.yaml", Web + "---\n" + text)]);

    private static InputError Strict(string text) =>
        Assert.Throws<InputError>(() => ManifestDirectoryReader.Parse([new ManifestFile("m.yaml", Web + "---\n" + text)], strict: true));

    public static TheoryData<string, string, string, string> Defects() => new()
    {
        {
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p-1, namespace: shop, labels: {app: p}, ownerReferences: [{name: p, controller: true}]}\nspec: {containers: [{name: c}]}\n",
            "m.yaml: document 2 (Pod shop/p-1), key metadata.ownerReferences[0] (line 8)", "the owner reference has no kind", "shop/p-1[Pod]"
        },
        {
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p-1, namespace: shop, ownerReferences: [{kind: ReplicaSet, controller: true}]}\nspec: {containers: [{name: c}]}\n",
            "m.yaml: document 2 (Pod shop/p-1), key metadata.ownerReferences[0] (line 8)", "the owner reference has no name", "shop/p-1[Pod]"
        },
        {
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec:\n  containers:\n    - name: c\n      ports:\n        - name: http\n        - containerPort: 9090\n",
            "m.yaml: document 2 (Pod shop/p), key spec.containers[0].ports[0] (line 13)", "the container port has no containerPort", "shop/p[Pod]"
        },
        {
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec: {containers: [{name: c, ports: [{containerPort: 70000}, {containerPort: 9090}]}]}\n",
            "m.yaml: document 2 (Pod shop/p), key spec.containers[0].ports[0].containerPort (line 9)", "containerPort 70000 is out of range", "shop/p[Pod]"
        },
        {
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec: {containers: [{name: c, ports: [{containerPort: '80'}, {containerPort: 9090}]}]}\n",
            "m.yaml: document 2 (Pod shop/p), key spec.containers[0].ports[0].containerPort (line 9)", "containerPort '80' is not a number", "shop/p[Pod]"
        },
        {
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec: {containers: [{name: c, ports: [{containerPort: 80, protocol: tcp}, {containerPort: 9090}]}]}\n",
            "m.yaml: document 2 (Pod shop/p), key spec.containers[0].ports[0].protocol (line 9)", "unknown protocol 'tcp'", "shop/p[Pod]"
        },
        {
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: shop}\nspec: {replicas: 1}\n",
            "m.yaml: document 2 (Deployment shop/d), key spec (line 9)", "the Deployment has no pod template", ""
        },
        {
            "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c, namespace: shop}\nspec: {schedule: '* * * * *'}\n",
            "m.yaml: document 2 (CronJob shop/c), key spec (line 9)", "the CronJob has no jobTemplate.spec", ""
        },
    };

    [Theory]
    [MemberData(nameof(Defects))]
    public void A_defect_the_analysis_can_do_without_is_a_warning_naming_file_and_key_and_an_error_when_strict(
        string document, string location, string problem, string analysedAs)
    {
        var read = Lenient(document);

        var warning = Assert.Single(read.Warnings);
        Assert.StartsWith($"{location}: {problem}; ", warning, StringComparison.Ordinal);
        Assert.Contains("--strict", warning, StringComparison.Ordinal);
        Assert.Contains(read.Cluster.Workloads, w => w.Id == "shop/web[Deployment]");
        if (analysedAs.Length == 0)
        {
            Assert.Single(read.Cluster.Workloads);
        }
        else
        {
            var workload = Assert.Single(read.Cluster.Workloads, w => w.Id == analysedAs);
            Assert.DoesNotContain(workload.Ports, p => p.Port is 70000 or 80 || p.Name == "http");
        }

        var error = Strict(document);
        Assert.Equal(location, error.Location);
        Assert.Equal(problem, error.Problem);
    }

    [Fact]
    public void A_port_with_an_invalid_name_is_analysed_by_number_with_a_warning()
    {
        var read = Lenient("apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec: {containers: [{name: c, ports: [{name: Not_Valid, containerPort: 81}]}]}\n");

        Assert.StartsWith("m.yaml: document 2 (Pod shop/p), key spec.containers[0].ports[0].name (line 9): 'Not_Valid' is not a valid port name", Assert.Single(read.Warnings), StringComparison.Ordinal);
        var port = Assert.Single(Assert.Single(read.Cluster.Workloads, w => w.Id == "shop/p[Pod]").Ports);
        Assert.Equal((81, (string?)null), (port.Port, port.Name));
    }

    public static TheoryData<string, string> PolicySemantics() => new()
    {
        { "spec: {podSelector: {matchExpressions: [{key: app, operator: Within, values: [web]}]}}", "unknown operator 'Within'" },
        { "spec: {podSelector: {}, egress: [{to: [{ipBlock: {cidr: 10.0.0.0/33}}]}]}", "spec.egress[0].to[0].ipBlock.cidr" },
        { "spec: {podSelector: {}, ingress: [{ports: [{port: 70000}]}]}", "spec.ingress[0].ports[0].port" },
    };

    [Theory]
    [MemberData(nameof(PolicySemantics))]
    public void Malformed_policy_semantics_stay_errors_without_strict(string spec, string expected)
    {
        var error = Assert.Throws<InputError>(() => Lenient($"apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{name: p, namespace: shop}}\n{spec}\n"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_connectivity_verb_warns_and_analyses_and_with_strict_exits_2()
    {
        File.WriteAllText(Path.Combine(directory.FullName, "m.yaml"), Web + "---\n" +
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop, labels: {app: p}}\nspec: {containers: [{name: c, ports: [{name: http}]}]}\n");

        var (code, stdout, stderr) = Run(strict: false);
        Assert.Equal(0, code);
        Assert.Contains("shop/p[Pod]", stdout, StringComparison.Ordinal);
        var warning = Assert.Single(stderr.Split('\n'), l => l.StartsWith("warning: ", StringComparison.Ordinal));
        Assert.StartsWith($"warning: {Path.Combine(directory.FullName, "m.yaml")}: document 2 (Pod shop/p), key spec.containers[0].ports[0] (line 9): the container port has no containerPort", warning, StringComparison.Ordinal);

        (code, stdout, stderr) = Run(strict: true);
        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.StartsWith($"error: {Path.Combine(directory.FullName, "m.yaml")}: document 2 (Pod shop/p), key spec.containers[0].ports[0] (line 9): the container port has no containerPort", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_strict_flag_reaches_the_verbs_from_the_command_line()
    {
        File.WriteAllText(Path.Combine(directory.FullName, "m.yaml"), Web + "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: shop}\nspec: {}\n");
        foreach (var verb in new[] { new[] { "connectivity", directory.FullName }, ["explain", directory.FullName, "--from", "shop/web", "--to", "shop/web"] })
        {
            var lenient = Cli(verb);
            Assert.Equal(0, lenient.Code);
            Assert.Contains("warning: ", lenient.Stderr, StringComparison.Ordinal);
            Assert.Contains("the Deployment has no pod template; the Deployment is left out of the analysis", lenient.Stderr, StringComparison.Ordinal);

            var strict = Cli([.. verb, "--strict"]);
            Assert.Equal(2, strict.Code);
            Assert.Contains("error: ", strict.Stderr, StringComparison.Ordinal);
            Assert.Contains("the Deployment has no pod template", strict.Stderr, StringComparison.Ordinal);
        }
    }

    private (int Code, string Stdout, string Stderr) Run(bool strict)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = ConnectivityVerb.Run(directory.FullName, "text", stdout, stderr, strict: strict);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static (int Code, string Stdout, string Stderr) Cli(string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var root = new System.CommandLine.RootCommand { ConnectivityVerb.Create(), ExplainVerb.Create(() => TestApps.Context(Path.GetTempPath(), _ => null, TextWriter.Null, TextWriter.Null)) };
        var code = root.Parse(args).Invoke(new System.CommandLine.InvocationConfiguration { Output = stdout, Error = stderr });
        return (code, stdout.ToString(), stderr.ToString());
    }
}
