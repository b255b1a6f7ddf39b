using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Platform;

namespace Palisade.Stacks.Composition;

/// <summary>What the proof takes as given about the cluster, because the stack does not own or create it.</summary>
public sealed record Assumption(string Subject, string Statement)
{
    public override string ToString() => $"{Subject}: {Statement}";

    public static IReadOnlyList<Assumption> For(StackPlatform platform, IReadOnlyList<TieredApp> apps, IReadOnlyCollection<string> ownedNamespaces)
    {
        var assumptions = new List<Assumption>();
        var dns = platform.Peers.Dns;
        assumptions.Add(new Assumption("DNS", $"pods resolve through {dns.Name} ({dns}){DnsSetBy(platform)}"));
        assumptions.Add(new Assumption("dataplane", platform.Cloud.EnforcementAssumption));
        assumptions.Add(new Assumption("nodes", platform.Cloud.NodeAssumption));

        switch (platform.Ingress)
        {
            case IngressNginx { Installs: false } community:
                assumptions.Add(new Assumption("ingress", $"ingress-nginx is installed in namespace {community.Namespace} with the chart's pod labels {Labels(community.Controller)}"));
                break;
            case NginxIngress { Installs: false } nginx:
                assumptions.Add(new Assumption("ingress", $"the F5 NGINX Ingress Controller is installed in namespace {nginx.Namespace} as release {Components.Ingress.F5NginxIngressController.ReleaseName} with the chart's pod labels {Labels(nginx.Controller)}"));
                break;
        }

        if (platform.Ingress is { } ingress)
        {
            assumptions.AddRange(EdgeAssumptions(ingress));
        }

        if (platform.Cloud.StrictEnforcement is { } strict)
        {
            assumptions.Add(new Assumption("platform namespaces",
                $"every pod starts deny-all (VPC CNI strict mode), so the stack's baselines admit CoreDNS, its controllers and monitoring; their webhook ports admit {strict.ControlPlaneCidr}, where the control plane's interfaces are, which on VPC CNI includes every pod"
                + (platform.Monitoring is { } monitoring ? $"; namespace {monitoring.Namespace} exists before the stack deploys (its Prometheus gets a baseline, nothing may reach Prometheus until its own policies admit it)" : string.Empty)));
        }

        foreach (var service in platform.Services.Where(s => !ownedNamespaces.Contains(s.Namespace)))
        {
            var callers = apps.SelectMany(a => a.App.ServiceFlows.Where(f => f.Service == service.Name)
                    .Select(f => $"{a.App.Tier(f.From).Namespace}/{f.From} on {f.Protocol}/{f.Port}"))
                .Distinct().Order(StringComparer.Ordinal).ToList();
            if (callers.Count > 0)
            {
                assumptions.Add(new Assumption($"platform service {service.Name}",
                    $"namespace {service.Namespace} is not this stack's, so its own policies must admit {string.Join(", ", callers)}; the proof assumes they do"));
            }
        }

        return assumptions;
    }

    /// <summary>What the edge does not enforce: limits the stack accepted as unenforced, and the kind's own caveats.</summary>
    private static IEnumerable<Assumption> EdgeAssumptions(IngressTarget ingress)
    {
        foreach (var limit in ingress.Unenforced.Order())
        {
            yield return new Assumption("edge", $"{EdgeLimits.Key(limit)} is NOT enforced: ingress {ingress.Name} has no mechanism for it (accepted by palisade:unenforcedLimits)");
        }

        if (ingress.Edge.How.TryGetValue(EdgeLimit.BodySize, out var body) && ingress is AlbIngress)
        {
            yield return new Assumption("edge", $"bodyBytes is enforced by {body}");
        }
    }

    private static string DnsSetBy(StackPlatform platform) => (platform.Cloud, platform.Dns.Name) switch
    {
        (GkeCloud, "kube-dns") => "; the stack turns GKE's NodeLocal DNSCache off so that nothing else answers",
        (GkeCloud, _) => "; the stack configures the cluster for it",
        (_, "node-local-dns") => "; NodeLocal DNSCache is installed by the platform team",
        _ => string.Empty,
    };

    private static string Labels(PlatformPeer peer) => string.Join(", ", peer.PodLabels.Select(l => $"{l.Key}={l.Value}"));
}
