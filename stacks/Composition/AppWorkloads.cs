using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;

namespace Palisade.Stacks.Composition;

/// <summary>The workload each tier runs as (kind, name, pod labels, ports), as the analysis sees it.</summary>
public static class AppWorkloads
{
    public static IEnumerable<Workload> For(AppSpec app) =>
        app.Tiers.Select(t => new Workload(t.Namespace, t.Name, t.WorkloadKind, app.PodLabels(t), t.Ports));
}
