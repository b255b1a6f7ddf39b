using System.Text;
using Palisade.Components.Kubernetes;

namespace Palisade.Tests.Reliability;

/// <summary>
/// Writes a folder of manifests for a large, open cluster: namespaces of Deployments with no NetworkPolicy, so every
/// workload reaches every other one and all of the internet. One file per namespace, or the model in memory.
/// Also compiled into the benchmarks.
/// </summary>
public static class LargeClusterManifests
{
    public static void Write(string directory, int workloads, int namespaces)
    {
        Directory.CreateDirectory(directory);
        for (var n = 0; n < namespaces; n++)
        {
            var ns = $"team-{n:D4}";
            var text = new StringBuilder();
            text.Append($"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {ns}\n");
            for (var w = n; w < workloads; w += namespaces)
            {
                text.Append($"---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-{w:D5}\n  namespace: {ns}\n")
                    .Append($"spec:\n  selector:\n    matchLabels: {{app: app-{w:D5}}}\n  template:\n    metadata:\n      labels: {{app: app-{w:D5}, tier: web}}\n")
                    .Append("    spec:\n      containers:\n        - name: app\n          image: nginx:1.27\n          ports: [{containerPort: 8080}]\n");
            }

            File.WriteAllText(Path.Combine(directory, ns + ".yaml"), text.ToString());
        }
    }

    /// <summary>The same kind of cluster in memory, in namespaces ns-000, ns-001, ...</summary>
    public static ClusterModel Model(int workloads, int namespaces) => new(
        Enumerable.Range(0, namespaces).Select(n => new NamespaceInfo($"ns-{n:D3}", Labels.Of())).ToList(),
        Enumerable.Range(0, workloads).Select(w => new Workload($"ns-{w % namespaces:D3}", $"app-{w:D5}", "Deployment",
            Labels.Of(("app", $"app-{w:D5}")), [new ContainerPort(8080, Protocol.TCP, null)])).ToList(),
        []);
}
