using Palisade.Infra.Checks;
using Palisade.Infra.Synthesis;

namespace Palisade.Tests.Verification;

/// <summary>
/// Port truth for the rendered Services and Ingresses: the service-ports check reads the manifests as written, so a
/// targetPort or backend port that names nothing is caught even though every NetworkPolicy check still passes.
/// </summary>
public class ServicePortTests
{
    private static CheckResult After(string file, Func<string, string> edit)
    {
        var result = StackFixtures.Voting();
        var files = result.Files.ToDictionary(f => f.Key, f => f.Key == file ? edit(f.Value) : f.Value);
        return ServicePortChecks.Run(files, Synthesizer.AnalyzeRendered(files).Workloads);
    }

    [Fact]
    public void The_synthesized_services_and_ingress_pass()
    {
        var check = StackFixtures.Voting().Checks.Single(c => c.Id == CheckIds.ServicePorts);

        // A Service per tier that has ports, an Ingress backend per route of the app.
        var app = Palisade.Examples.VotingApp.Define();
        Assert.True(check.Passed, string.Join("; ", check.Findings));
        Assert.Equal($"{app.Tiers.Count(t => t.Ports.Count > 0)} Services target container ports of their pods; " +
                     $"{app.Ingress!.Routes.Count} Ingress backends use ports of their Services", check.Findings.Single());
    }

    [Fact]
    public void A_target_port_name_no_container_defines_is_a_finding_naming_the_real_ports()
    {
        var check = After("manifests/voting-api.yaml", text => text.Replace("targetPort: http", "targetPort: web"));

        Assert.False(check.Passed);
        Assert.Equal("manifests/voting-api.yaml: Service voting-api/api port 8000 targets TCP port 'web', which voting-api/api[Deployment] does not expose (it exposes TCP/8000 http)",
            check.Findings.Single());
    }

    [Fact]
    public void A_numeric_target_port_no_container_listens_on_is_a_finding()
    {
        var check = After("manifests/voting-data.yaml", text => text.Replace("targetPort: redis", "targetPort: 6380"));

        Assert.Contains("Service voting-data/redis port 6379 targets TCP port '6380'", check.Findings.Single());
    }

    [Fact]
    public void An_ingress_backend_on_a_port_the_service_does_not_serve_is_a_finding()
    {
        var check = After("manifests/voting-frontend.yaml", text => text.Replace("number: 80", "number: 8080"));

        Assert.Equal("manifests/voting-frontend.yaml: Ingress voting-frontend/voting routes to port 8080 of Service 'frontend', which serves 80 http",
            check.Findings.Single());
    }

    [Fact]
    public void A_service_whose_selector_matches_no_pods_is_a_finding()
    {
        var check = After("manifests/voting-api.yaml", text => text.Replace("    app.kubernetes.io/component: api\n    app.kubernetes.io/name: voting\n  type: ClusterIP",
            "    app.kubernetes.io/component: apii\n    app.kubernetes.io/name: voting\n  type: ClusterIP"));

        Assert.Equal("manifests/voting-api.yaml: Service voting-api/api selects no pods", check.Findings.Single());
    }
}
