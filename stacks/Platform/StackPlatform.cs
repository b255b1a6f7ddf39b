using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Config;

namespace Palisade.Stacks.Platform;

/// <summary>
/// A stack's settings, parsed once into one typed value: the apps it deploys, where it runs, how it is exposed,
/// what monitors it, and what it is promoted from. Every later layer reads this value, never the raw config.
/// </summary>
public sealed record StackPlatform(
    string Stack,
    IReadOnlyList<string> Apps,
    CloudTarget Cloud,
    IngressTarget? Ingress,
    MonitoringPlatform? Monitoring,
    IReadOnlyList<PlatformService> Services,
    DnsResolver Dns,
    PromotionSettings? Promotion)
{
    /// <summary>The platform's pods and addresses that app traffic meets, for the app components and the proof.</summary>
    public PlatformPeers Peers => new(Dns, Ingress?.Controller, Monitoring?.Peer)
    {
        IdentityEndpoint = Cloud.IdentityEndpoint,
        ApiEndpointCidrs = Cloud.ApiEndpointCidrs,
        IngressControllerName = Ingress?.ControllerWorkload ?? "ingress-controller",
        IngressControllerPorts = Ingress?.ControllerPorts ?? [new ContainerPort(80, Name: "http"), new ContainerPort(443, Name: "https")],
        LoadBalancerCidrs = Ingress?.LoadBalancerCidrs ?? [],
        Services = Services.ToDictionary(s => s.Name, StringComparer.Ordinal),
    };

    /// <summary>The Kubernetes minor version of the cluster the stack creates (null on an existing cluster).</summary>
    public string? KubernetesVersion => Cloud.Cluster?.KubernetesVersion;

    public static StackPlatform Read(StackConfig config)
    {
        var reader = new SettingsReader(config);
        var apps = ReadApps(reader);
        var cloudName = reader.String(ConfigSchema.Cloud, CloudKinds.Default);
        var kind = CloudKinds.Find(cloudName) ?? throw reader.Error(ConfigSchema.Cloud, $"unknown cloud '{SettingsReader.Excerpt(cloudName)}'",
            $"Use one of: {string.Join(", ", CloudKinds.All.Select(k => k.Name))}.");
        var cloud = kind.Read(reader);
        cloud = cloud with { NodeCidrs = NodeAddresses.Read(reader, cloud) };
        var ingress = IngressKinds.Read(reader, cloud);
        var monitoring = reader.Namespace(ConfigSchema.MonitoringNamespace) is { } ns ? new MonitoringPlatform(ns) : null;
        var services = PlatformServices.Read(reader);
        var dns = ReadDns(reader, cloud);
        var promotion = PromotionSettings.Read(reader);
        reader.RefuseUnread($"cloud {cloud.Name}, {(ingress is null ? "no ingress" : $"ingress {ingress.Name}")}");
        return new StackPlatform(config.Stack, apps, cloud, ingress, monitoring, services, dns, promotion);
    }

    private static DnsResolver ReadDns(SettingsReader reader, CloudTarget cloud)
    {
        var name = reader.String(ConfigSchema.Dns);
        if (name is null)
        {
            return cloud.Resolvers[0];
        }

        var all = new[] { DnsResolver.KubeDns, DnsResolver.NodeLocalDns, DnsResolver.CloudDns };
        var resolver = all.FirstOrDefault(r => r.Name == name) ?? throw reader.Error(ConfigSchema.Dns,
            $"unknown resolver '{SettingsReader.Excerpt(name)}'", $"Use one of: {string.Join(", ", all.Select(r => r.Name))}.");
        return cloud.Resolvers.Contains(resolver)
            ? resolver
            : throw reader.Error(ConfigSchema.Dns, $"resolver {name} is not available on cloud {cloud.Name}",
                $"Use one of: {string.Join(", ", cloud.Resolvers.Select(r => r.Name))}.");
    }

    private static IReadOnlyList<string> ReadApps(SettingsReader reader)
    {
        var apps = reader.List(ConfigSchema.Apps);
        if (apps.Count == 0)
        {
            throw reader.Error(ConfigSchema.Apps, "the list is empty", "Name at least one app the stack deploys, e.g. [voting].");
        }

        foreach (var duplicate in apps.GroupBy(a => a, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            throw reader.Error(ConfigSchema.Apps, $"app '{SettingsReader.Excerpt(duplicate.Key)}' is listed twice", "List each app once.");
        }

        return apps;
    }
}
