using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;

namespace Palisade.Stacks.Composition;

/// <summary>
/// The platform workloads application traffic meets (kube-dns, the ingress controller, monitoring), declared so the
/// connectivity analysis can check DNS and controller reachability. They are not deployed by the app layer.
/// </summary>
internal static class PlatformWorkloads
{
    public static IEnumerable<Workload> For(PlatformPeers platform)
    {
        foreach (var pods in platform.Dns.Pods)
        {
            var local = pods.PodLabels.GetValueOrDefault(WellKnownLabels.KubeDnsApp) == "node-local-dns";
            yield return new Workload(pods.Namespace, local ? "node-local-dns" : "coredns", local ? "DaemonSet" : "Deployment", pods.PodLabels,
                [new ContainerPort(DnsResolver.Port, Protocol.UDP, "dns"), new ContainerPort(DnsResolver.Port, Protocol.TCP, "dns-tcp")]);
        }
        if (platform.IngressController is { } controller)
        {
            yield return new Workload(controller.Namespace, platform.IngressControllerName, "Deployment", controller.PodLabels,
                platform.IngressControllerPorts);
        }

        foreach (var service in platform.Services.Values.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            yield return new Workload(service.Namespace, service.Name, "Deployment", service.Peer.PodLabels, service.Ports);
        }

        if (platform.Monitoring is { } monitoring)
        {
            yield return new Workload(monitoring.Namespace, "prometheus", "StatefulSet", monitoring.PodLabels,
                [new ContainerPort(9090, Name: "web")]);
        }
    }
}
