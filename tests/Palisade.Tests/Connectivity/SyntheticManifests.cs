using System.Globalization;
using System.Text;
using Palisade.Components.Kubernetes;

namespace Palisade.Tests.Connectivity;

/// <summary>
/// Writes a cluster model as a folder of manifests the way kubectl users keep them: one file per namespace holding the
/// Namespace, its workloads (Deployments and StatefulSets with a selector, replicas, an image, resources and probes the
/// analysis skips) and its NetworkPolicies in block style, plus one file of cluster policies. Reading the folder back
/// gives the model again. Also compiled into Palisade.Benchmarks, which times <c>connectivity</c> on it.
/// </summary>
public static class SyntheticManifests
{
    public static void Write(string directory, ClusterModel cluster)
    {
        Directory.CreateDirectory(directory);
        var workloads = cluster.Workloads.ToLookup(w => w.Namespace, StringComparer.Ordinal);
        var policies = cluster.Policies.ToLookup(p => p.Namespace, StringComparer.Ordinal);
        foreach (var ns in cluster.Namespaces)
        {
            var text = new StringBuilder();
            text.Append("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ").Append(ns.Name).Append('\n');
            Map(text, "  ", "labels", ns.Labels);
            foreach (var workload in workloads[ns.Name])
            {
                WriteWorkload(text, workload);
            }

            foreach (var policy in policies[ns.Name])
            {
                WritePolicy(text, policy);
            }

            File.WriteAllText(Path.Combine(directory, ns.Name + ".yaml"), text.ToString());
        }

        if (cluster.ClusterPolicies is { Count: > 0 } clusterPolicies)
        {
            var text = new StringBuilder();
            foreach (var policy in clusterPolicies)
            {
                WriteClusterPolicy(text, policy);
            }

            File.WriteAllText(Path.Combine(directory, "cluster-policies.yaml"), text.ToString());
        }
    }

    private static void WriteWorkload(StringBuilder text, Workload workload)
    {
        text.Append("---\napiVersion: apps/v1\nkind: ").Append(workload.Kind).Append("\nmetadata:\n  name: ").Append(workload.Name)
            .Append("\n  namespace: ").Append(workload.Namespace).Append('\n');
        Map(text, "  ", "labels", workload.Labels);
        text.Append("  annotations:\n    deployment.kubernetes.io/revision: \"3\"\n");
        text.Append("spec:\n  replicas: 2\n");
        if (workload.Kind == "StatefulSet")
        {
            text.Append("  serviceName: ").Append(workload.Name).Append('\n');
        }

        text.Append("  selector:\n");
        Map(text, "    ", "matchLabels", workload.Labels);
        text.Append("  template:\n    metadata:\n");
        Map(text, "      ", "labels", workload.Labels);
        text.Append("    spec:\n      serviceAccountName: ").Append(workload.Name).Append('\n')
            .Append("      securityContext:\n        runAsNonRoot: true\n        seccompProfile:\n          type: RuntimeDefault\n")
            .Append("      containers:\n        - name: main\n          image: registry.example.com/")
            .Append(workload.Name).Append(":1.4.2\n          args: [\"--listen\", \":8080\", \"--log-format=json\"]\n")
            .Append("          env:\n            - name: NAMESPACE\n              valueFrom:\n                fieldRef:\n                  fieldPath: metadata.namespace\n")
            .Append("          resources:\n            requests: {cpu: 100m, memory: 128Mi}\n            limits:\n              memory: 256Mi\n");
        if (workload.Ports.Count > 0)
        {
            text.Append("          ports:\n");
            foreach (var port in workload.Ports)
            {
                text.Append("            - containerPort: ").Append(port.Port.ToString(CultureInfo.InvariantCulture)).Append('\n');
                if (port.Name is not null)
                {
                    text.Append("              name: ").Append(port.Name).Append('\n');
                }

                text.Append("              protocol: ").Append(port.Protocol).Append('\n');
            }
        }

        text.Append("          readinessProbe:\n            httpGet: {path: /healthz, port: 8080}\n            periodSeconds: 10\n");
    }

    private static void WritePolicy(StringBuilder text, NetworkPolicy policy)
    {
        text.Append("---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ").Append(policy.Name)
            .Append("\n  namespace: ").Append(policy.Namespace).Append("\nspec:\n");
        Selector(text, "  ", "podSelector", policy.PodSelector);
        if (policy.PolicyTypes is { } types)
        {
            text.Append("  policyTypes:\n");
            foreach (var type in types)
            {
                text.Append("    - ").Append(type).Append('\n');
            }
        }

        Rules(text, "ingress", "from", policy.Ingress);
        Rules(text, "egress", "to", policy.Egress);
    }

    private static void Rules(StringBuilder text, string key, string peersKey, IReadOnlyList<NetworkPolicyRule>? rules)
    {
        if (rules is null)
        {
            return;
        }

        text.Append("  ").Append(key).Append(rules.Count == 0 ? ": []\n" : ":\n");
        foreach (var rule in rules)
        {
            var first = "    - ";
            if (rule.Peers is null && rule.Ports is null)
            {
                text.Append(first).Append("{}\n");
            }

            if (rule.Peers is { } peers)
            {
                text.Append(first).Append(peersKey).Append(":\n");
                first = "      ";
                foreach (var peer in peers)
                {
                    var peerFirst = "        - ";
                    if (peer.PodSelector is { } pods)
                    {
                        Selector(text, peerFirst, "podSelector", pods, "          ");
                        peerFirst = "          ";
                    }

                    if (peer.NamespaceSelector is { } namespaces)
                    {
                        Selector(text, peerFirst, "namespaceSelector", namespaces, "          ");
                        peerFirst = "          ";
                    }

                    if (peer.IpBlock is { } block)
                    {
                        text.Append(peerFirst).Append("ipBlock:\n            cidr: ").Append(block.Cidr).Append('\n');
                        if (block.Except.Count > 0)
                        {
                            text.Append("            except:\n");
                            foreach (var except in block.Except)
                            {
                                text.Append("              - ").Append(except).Append('\n');
                            }
                        }
                    }
                }
            }

            if (rule.Ports is { } ports)
            {
                text.Append(first).Append("ports:\n");
                foreach (var port in ports)
                {
                    var portFirst = "        - ";
                    if (port.Protocol is { } protocol)
                    {
                        text.Append(portFirst).Append("protocol: ").Append(protocol).Append('\n');
                        portFirst = "          ";
                    }

                    if (port.Port is { } number)
                    {
                        text.Append(portFirst).Append("port: ").Append(number.ToString()).Append('\n');
                        portFirst = "          ";
                    }

                    if (port.EndPort is { } end)
                    {
                        text.Append(portFirst).Append("endPort: ").Append(end.ToString(CultureInfo.InvariantCulture)).Append('\n');
                    }
                }
            }
        }
    }

    private static void WriteClusterPolicy(StringBuilder text, ClusterNetworkPolicy policy)
    {
        text.Append("---\napiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata:\n  name: ").Append(policy.Name)
            .Append("\nspec:\n  tier: ").Append(policy.Tier).Append("\n  priority: ").Append(policy.Priority.ToString(CultureInfo.InvariantCulture))
            .Append("\n  subject:\n");
        Selection(text, "    ", policy.Subject);
        ClusterRules(text, "ingress", "from", policy.Ingress);
        ClusterRules(text, "egress", "to", policy.Egress);
    }

    private static void ClusterRules(StringBuilder text, string key, string peersKey, IReadOnlyList<ClusterPolicyRule> rules)
    {
        if (rules.Count == 0)
        {
            return;
        }

        text.Append("  ").Append(key).Append(":\n");
        foreach (var rule in rules)
        {
            text.Append("    - name: ").Append(rule.Name).Append("\n      action: ").Append(rule.Action).Append("\n      ").Append(peersKey).Append(":\n");
            foreach (var peer in rule.Peers)
            {
                if (peer.Networks is { } networks)
                {
                    text.Append("        - networks:\n");
                    foreach (var network in networks)
                    {
                        text.Append("            - ").Append(network).Append('\n');
                    }
                }
                else
                {
                    text.Append("        -\n");
                    Selection(text, "          ", peer.Pods!);
                }
            }

            if (rule.Ports is { } ports)
            {
                text.Append("      protocols:\n");
                foreach (var port in ports)
                {
                    text.Append(port switch
                    {
                        ClusterPort.Number n => $"        - {Lower(n.Protocol)}:\n            destinationPort:\n              number: {n.Port}\n",
                        ClusterPort.Range r => $"        - {Lower(r.Protocol)}:\n            destinationPort:\n              range: {{start: {r.Start}, end: {r.End}}}\n",
                        ClusterPort.Named n => $"        - destinationNamedPort: {n.Name}\n",
                        _ => throw new ArgumentOutOfRangeException(nameof(rules)),
                    });
                }
            }
        }
    }

    private static string Lower(Protocol protocol) => protocol.ToString().ToLowerInvariant();

    private static void Selection(StringBuilder text, string indent, ClusterPodSelection selection)
    {
        if (selection.PodSelector is null)
        {
            Selector(text, indent, "namespaces", selection.NamespaceSelector, indent);
            return;
        }

        text.Append(indent).Append("pods:\n");
        Selector(text, indent + "  ", "namespaceSelector", selection.NamespaceSelector, indent + "  ");
        Selector(text, indent + "  ", "podSelector", selection.PodSelector, indent + "  ");
    }

    private static void Selector(StringBuilder text, string first, string key, LabelSelector selector, string? indent = null)
    {
        indent ??= first;
        if (selector.IsEmpty)
        {
            text.Append(first).Append(key).Append(": {}\n");
            return;
        }

        text.Append(first).Append(key).Append(":\n");
        Map(text, indent + "  ", "matchLabels", selector.MatchLabels);
        if (selector.MatchExpressions.Count > 0)
        {
            text.Append(indent).Append("  matchExpressions:\n");
            foreach (var requirement in selector.MatchExpressions)
            {
                text.Append(indent).Append("    - key: ").Append(requirement.Key).Append('\n')
                    .Append(indent).Append("      operator: ").Append(requirement.Operator).Append('\n');
                if (requirement.Values.Count > 0)
                {
                    text.Append(indent).Append("      values: [").Append(string.Join(", ", requirement.Values)).Append("]\n");
                }
            }
        }
    }

    private static void Map(StringBuilder text, string indent, string key, IReadOnlyDictionary<string, string> map)
    {
        if (map.Count == 0)
        {
            return;
        }

        text.Append(indent).Append(key).Append(":\n");
        foreach (var (name, value) in map)
        {
            text.Append(indent).Append("  ").Append(name).Append(": ").Append(Quoted(value)).Append('\n');
        }
    }

    /// <summary>Values YAML would read as something else than a string are quoted.</summary>
    private static string Quoted(string value) =>
        value.Length == 0 || value.All(char.IsAsciiDigit) || value is "true" or "false" or "null" or "yes" or "no" or "on" or "off" ? $"\"{value}\"" : value;
}
