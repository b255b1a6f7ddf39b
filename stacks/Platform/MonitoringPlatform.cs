using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;

namespace Palisade.Stacks.Platform;

/// <summary>The monitoring system admitted to the tiers' metrics ports: Prometheus pods in a namespace.</summary>
internal sealed record MonitoringPlatform(string Namespace)
{
    public PlatformPeer Peer => new(Namespace, Labels.Of((WellKnownLabels.AppName, "prometheus")));
}
