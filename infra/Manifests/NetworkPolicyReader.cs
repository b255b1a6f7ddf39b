using Palisade.Components.Connectivity;
using Palisade.Components.Diagnostics;
using Palisade.Components.Kubernetes;

namespace Palisade.Infra.Manifests;

/// <summary>Reads a networking.k8s.io/v1 NetworkPolicy and rejects what the API server would reject.</summary>
internal static class NetworkPolicyReader
{
    public static NetworkPolicy Read(ManifestNode root, string name, string ns)
    {
        var spec = root.Get("spec") ?? throw root.Error("the NetworkPolicy has no spec", "Add a spec with at least podSelector: {}");
        spec.RequireMapping();
        var podSelector = spec.Get("podSelector") is { } selector ? LabelSelectorReader.Read(selector) : LabelSelector.Everything;
        var policy = new NetworkPolicy(
            name,
            ns,
            podSelector,
            PolicyTypes(spec.Get("policyTypes")),
            Rules(spec.Get("ingress"), "from"),
            Rules(spec.Get("egress"), "to"),
            root.Get("metadata")?.Get("labels")?.Labels(),
            root.Get("metadata")?.Get("annotations")?.Annotations());

        if (NetworkPolicyValidator.FindProblem(policy) is { } problem)
        {
            throw Find(root, problem.KeyPath).At(problem.KeyPath).Error(problem.Problem, problem.Fix);
        }

        return policy;
    }

    /// <summary>An empty list is the same as an absent one: the API server then defaults the types.</summary>
    private static IReadOnlyList<PolicyType>? PolicyTypes(ManifestNode? node)
    {
        var types = new List<PolicyType>();
        foreach (var item in node?.Items() ?? [])
        {
            var text = item.Scalar();
            if (!Enum.GetNames<PolicyType>().Contains(text) || !Enum.TryParse<PolicyType>(text, out var type))
            {
                throw item.Error($"unknown policy type {Excerpt.Quote(text)}", "Use Ingress or Egress");
            }

            if (!types.Contains(type))
            {
                types.Add(type);
            }
        }

        return types.Count == 0 ? null : types;
    }

    /// <summary>Absent (or null) stays null; an empty list stays empty, since "egress: []" turns Egress on.</summary>
    private static IReadOnlyList<NetworkPolicyRule>? Rules(ManifestNode? node, string peersKey) =>
        node?.Items().Select(rule =>
        {
            rule.RequireMapping();
            return new NetworkPolicyRule(
                rule.Get(peersKey)?.Items().Select(Peer).ToList(),
                rule.Get("ports")?.Items().Select(Port).ToList());
        }).ToList();

    private static NetworkPolicyPeer Peer(ManifestNode node)
    {
        node.RequireMapping();
        var ipBlock = node.Get("ipBlock");
        return new NetworkPolicyPeer(
            node.Get("podSelector") is { } pods ? LabelSelectorReader.Read(pods) : null,
            node.Get("namespaceSelector") is { } namespaces ? LabelSelectorReader.Read(namespaces) : null,
            ipBlock is null ? null : IpBlock(ipBlock));
    }

    private static IpBlock IpBlock(ManifestNode node)
    {
        node.RequireMapping();
        var cidr = node.Get("cidr")?.Scalar() ?? throw node.Error("the ipBlock has no cidr", "Add cidr: <range>, e.g. 0.0.0.0/0");
        var except = (node.Get("except")?.Items() ?? []).Select(e => e.Scalar()).ToList();
        return new IpBlock(cidr, except);
    }

    private static NetworkPolicyPort Port(ManifestNode node)
    {
        node.RequireMapping();
        Protocol? protocol = null;
        if (node.Get("protocol") is { } protocolNode)
        {
            var text = protocolNode.Scalar();
            if (!Enum.GetNames<Protocol>().Contains(text) || !ProtocolNames.TryParse(text, out var parsed))
            {
                throw protocolNode.Error($"unknown protocol {Excerpt.Quote(text)}", "Use TCP, UDP or SCTP (upper case)");
            }

            protocol = parsed;
        }

        IntOrString? port = null;
        if (node.Get("port") is { } portNode)
        {
            if (portNode.TryInteger(out var number))
            {
                port = IntOrString.FromNumber(number);
            }
            else
            {
                var text = portNode.Scalar();
                if (text.Length > 0 && text.All(char.IsAsciiDigit))
                {
                    throw portNode.Error($"port {Excerpt.Quote(text)} is quoted, so it reads as a port name", "Write the port number without quotes");
                }

                port = IntOrString.FromName(text);
            }
        }

        int? endPort = node.Get("endPort") is { } endNode ? endNode.Integer("endPort") : null;
        return new NetworkPolicyPort(protocol, port, endPort);
    }

    /// <summary>The node a validator key path points to, or the deepest existing parent (for the line number).</summary>
    private static ManifestNode Find(ManifestNode root, string keyPath)
    {
        var current = root;
        foreach (var part in keyPath.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            var key = bracket < 0 ? part : part[..bracket];
            var next = current.IsMapping ? current.Get(key) : null;
            if (next is null)
            {
                return current;
            }

            current = next;
            if (bracket >= 0)
            {
                var index = int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
                if (!current.IsSequence || current.Items() is not { } items || index >= items.Count)
                {
                    return current;
                }

                current = items[index];
            }
        }

        return current;
    }
}
