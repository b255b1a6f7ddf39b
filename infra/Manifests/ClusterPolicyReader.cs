using Palisade.Components.Connectivity;
using Palisade.Components.Diagnostics;
using Palisade.Components.Kubernetes;

namespace Palisade.Infra.Manifests;

/// <summary>
/// Reads the cluster-scoped policy kinds into one model, rejecting what their CRD schemas reject:
/// policy.networking.k8s.io/v1alpha2 ClusterNetworkPolicy (tier, "protocols"), v1alpha1 AdminNetworkPolicy and
/// BaselineAdminNetworkPolicy ("ports"; Allow instead of Accept; the baseline is the singleton "default" with Allow and
/// Deny only), and networking.k8s.aws/v1alpha1 ClusterNetworkPolicy (tier and Accept, with the v1alpha1 "ports").
/// </summary>
internal static class ClusterPolicyReader
{
    public const int MaxRuleName = 100;

    /// <summary>The CRD schemas' MaxItems for rules per direction, peers per rule, networks per peer and ports per rule.</summary>
    public const int MaxItems = 25;
    public const int MaxPriority = 1000;

    /// <summary>The kind read from an (apiVersion, kind), or null when it is not a cluster policy kind.</summary>
    public static ClusterPolicyKind? KindOf(string apiVersion, string kind) => (apiVersion, kind) switch
    {
        ("policy.networking.k8s.io/v1alpha2", "ClusterNetworkPolicy") => ClusterPolicyKind.ClusterNetworkPolicy,
        ("policy.networking.k8s.io/v1alpha1", "AdminNetworkPolicy") => ClusterPolicyKind.AdminNetworkPolicy,
        ("policy.networking.k8s.io/v1alpha1", "BaselineAdminNetworkPolicy") => ClusterPolicyKind.BaselineAdminNetworkPolicy,
        ("networking.k8s.aws/v1alpha1", "ClusterNetworkPolicy") => ClusterPolicyKind.AwsClusterNetworkPolicy,
        _ => null,
    };

    public static ClusterNetworkPolicy Read(ManifestNode root, ClusterPolicyKind kind, string name)
    {
        if (kind == ClusterPolicyKind.BaselineAdminNetworkPolicy && name != "default")
        {
            throw root.Get("metadata")!.Get("name")!.Error(
                $"a BaselineAdminNetworkPolicy must be named default, not {Excerpt.Quote(name)}", "Name it default: there is one per cluster");
        }

        var spec = root.Get("spec") ?? throw root.Error($"the {kind} has no spec", "Add a spec with a subject and rules");
        spec.RequireMapping();
        var tier = kind switch
        {
            ClusterPolicyKind.AdminNetworkPolicy => PolicyTier.Admin,
            ClusterPolicyKind.BaselineAdminNetworkPolicy => PolicyTier.Baseline,
            _ => Tier(spec),
        };
        var priority = kind == ClusterPolicyKind.BaselineAdminNetworkPolicy ? 0 : Priority(spec);
        var subject = Subject(spec.Get("subject") ?? throw spec.Error("the policy has no subject", "Add subject: {namespaces: {}} or subject: {pods: ...}"));
        return new ClusterNetworkPolicy(kind, name, tier, priority, subject,
            Rules(spec.Get("ingress"), kind, ingress: true),
            Rules(spec.Get("egress"), kind, ingress: false));
    }

    private static PolicyTier Tier(ManifestNode spec)
    {
        var node = spec.Get("tier") ?? throw spec.Error("the policy has no tier", "Add tier: Admin or tier: Baseline");
        return node.Scalar() switch
        {
            "Admin" => PolicyTier.Admin,
            "Baseline" => PolicyTier.Baseline,
            var other => throw node.Error($"unknown tier {Excerpt.Quote(other)}", "Use Admin or Baseline"),
        };
    }

    private static int Priority(ManifestNode spec)
    {
        var node = spec.Get("priority") ?? throw spec.Error("the policy has no priority", "Add priority: 0 to 1000 (lower is evaluated first)");
        var value = node.Integer("priority");
        return value is >= 0 and <= MaxPriority
            ? value
            : throw node.Error($"priority {value} is outside 0-1000", "Use a priority from 0 (evaluated first) to 1000");
    }

    private static ClusterPodSelection Subject(ManifestNode node)
    {
        var (key, value) = OnlyKey(node, ["namespaces", "pods"], "the subject");
        return key == "namespaces" ? new ClusterPodSelection(LabelSelectorReader.Read(value)) : Pods(value);
    }

    private static ClusterPodSelection Pods(ManifestNode node)
    {
        node.RequireMapping();
        var pods = node.Get("podSelector") ?? throw node.Error("pods has no podSelector", "Add podSelector: {} to select every pod of the namespaces");
        var namespaces = node.Get("namespaceSelector") is { } ns ? LabelSelectorReader.Read(ns) : LabelSelector.Everything;
        return new ClusterPodSelection(namespaces, LabelSelectorReader.Read(pods));
    }

    private static IReadOnlyList<ClusterPolicyRule> Rules(ManifestNode? node, ClusterPolicyKind kind, bool ingress) =>
        node is null ? [] : Limited(node).Select(rule =>
        {
            rule.RequireMapping();
            var name = rule.Get("name")?.Scalar() ?? string.Empty;
            if (name.Length > MaxRuleName)
            {
                throw rule.Get("name")!.Error($"the rule name is {name.Length} characters long", "Use at most 100 characters");
            }

            var peersKey = ingress ? "from" : "to";
            var peers = rule.Get(peersKey) is { } peersNode ? Limited(peersNode) : [];
            if (peers.Count == 0)
            {
                throw rule.Error($"the rule has no {peersKey} peers", $"Add {peersKey}: with at least one peer");
            }

            var action = Action(rule.Get("action") ?? throw rule.Error("the rule has no action", $"Add action: {string.Join(", ", Actions(kind))}"), kind);
            var portsKey = kind == ClusterPolicyKind.ClusterNetworkPolicy ? "protocols" : "ports";
            var other = kind == ClusterPolicyKind.ClusterNetworkPolicy ? "ports" : "protocols";
            if (rule.Get(other) is { } wrongShape)
            {
                throw wrongShape.Error($"{kind} rules name ports under {portsKey}, not {other}", $"Write the ports under {portsKey}");
            }

            var ports = (rule.Get(portsKey) is { } portsNode ? Limited(portsNode) : null)?
                .Select(p => kind == ClusterPolicyKind.ClusterNetworkPolicy ? ProtocolEntry(p) : LegacyPort(p))
                .ToList();
            return new ClusterPolicyRule(name, action, peers.Select(p => Peer(p, kind, ingress)).ToList(), ports is { Count: > 0 } ? ports : null);
        }).ToList();

    private static string[] Actions(ClusterPolicyKind kind) => kind switch
    {
        ClusterPolicyKind.AdminNetworkPolicy => ["Allow", "Deny", "Pass"],
        ClusterPolicyKind.BaselineAdminNetworkPolicy => ["Allow", "Deny"],
        _ => ["Accept", "Deny", "Pass"],
    };

    private static PolicyAction Action(ManifestNode node, ClusterPolicyKind kind)
    {
        var text = node.Scalar();
        var allowed = Actions(kind);
        if (!allowed.Contains(text))
        {
            throw node.Error($"action {Excerpt.Quote(text)} is not one a {kind} takes", $"Use {string.Join(", ", allowed)}");
        }

        return text switch
        {
            "Allow" or "Accept" => PolicyAction.Accept,
            "Deny" => PolicyAction.Deny,
            _ => PolicyAction.Pass,
        };
    }

    private static ClusterPeer Peer(ManifestNode node, ClusterPolicyKind kind, bool ingress)
    {
        string[] keys = ingress
            ? ["namespaces", "pods"]
            : kind switch
            {
                ClusterPolicyKind.AwsClusterNetworkPolicy => ["namespaces", "pods", "networks", "domainNames"],
                ClusterPolicyKind.ClusterNetworkPolicy => ["namespaces", "pods", "networks", "nodes", "domainNames"],
                _ => ["namespaces", "pods", "networks", "nodes"],
            };
        var (key, value) = OnlyKey(node, keys, "a peer");
        switch (key)
        {
            case "namespaces":
                if (value.Get("sameLabels") is not null || value.Get("notSameLabels") is not null || value.Get("namespaceSelector") is not null)
                {
                    throw value.Error("this is the withdrawn namespaces shape (namespaceSelector/sameLabels)", "Write namespaces as a label selector (matchLabels, matchExpressions)");
                }

                return new ClusterPeer(new ClusterPodSelection(LabelSelectorReader.Read(value)));
            case "pods":
                return new ClusterPeer(Pods(value));
            case "networks":
                var networks = Limited(value);
                if (networks.Count == 0)
                {
                    throw value.Error("networks is empty", "List at least one CIDR, e.g. 10.0.0.0/8");
                }

                foreach (var network in networks)
                {
                    if (!Cidr.TryParse(network.Scalar(), out _, out var problem))
                    {
                        throw network.Error(problem, "Write a CIDR such as 10.0.0.0/8 or fd00::/8");
                    }
                }

                return new ClusterPeer(Networks: networks.Select(n => n.Scalar()).ToList());
            default:
                return new ClusterPeer(Unmodelled: key);
        }
    }

    /// <summary>v1alpha2: exactly one of tcp, udp, sctp ({destinationPort: {number} | {range}}) or destinationNamedPort.</summary>
    private static ClusterPort ProtocolEntry(ManifestNode node)
    {
        var (key, value) = OnlyKey(node, ["tcp", "udp", "sctp", "destinationNamedPort"], "a protocols entry");
        if (key == "destinationNamedPort")
        {
            return new ClusterPort.Named(value.Scalar());
        }

        var protocol = key switch { "tcp" => Protocol.TCP, "udp" => Protocol.UDP, _ => Protocol.SCTP };
        var port = value.Get("destinationPort") ?? throw value.Error("no destinationPort", "Add destinationPort: {number: N} or {range: {start, end}}");
        var (which, detail) = OnlyKey(port, ["number", "range"], "destinationPort");
        return which == "number" ? new ClusterPort.Number(protocol, PortNumber(detail, "number")) : Range(detail, protocol, strict: true);
    }

    /// <summary>v1alpha1 and AWS: exactly one of portNumber {protocol, port}, portRange {protocol, start, end} or namedPort.</summary>
    private static ClusterPort LegacyPort(ManifestNode node)
    {
        var (key, value) = OnlyKey(node, ["portNumber", "portRange", "namedPort"], "a ports entry");
        return key switch
        {
            "namedPort" => new ClusterPort.Named(value.Scalar()),
            "portNumber" => new ClusterPort.Number(ProtocolOf(value), PortNumber(value.Get("port") ?? throw value.Error("portNumber has no port", "Add port: N"), "port")),
            _ => Range(value, ProtocolOf(value), strict: false),
        };
    }

    private static Protocol ProtocolOf(ManifestNode node)
    {
        if (node.Get("protocol") is not { } protocolNode)
        {
            return Protocol.TCP;
        }

        var text = protocolNode.Scalar();
        return Enum.GetNames<Protocol>().Contains(text) && ProtocolNames.TryParse(text, out var protocol)
            ? protocol
            : throw protocolNode.Error($"unknown protocol {Excerpt.Quote(text)}", "Use TCP, UDP or SCTP (upper case)");
    }

    /// <summary>v1alpha2 requires start &lt; end; v1alpha1 start &lt;= end.</summary>
    private static ClusterPort Range(ManifestNode node, Protocol protocol, bool strict)
    {
        var start = PortNumber(node.Get("start") ?? throw node.Error("the range has no start", "Add start: N"), "start");
        var end = PortNumber(node.Get("end") ?? throw node.Error("the range has no end", "Add end: N"), "end");
        if (strict ? start >= end : start > end)
        {
            throw node.Error($"the range starts at {start} and ends at {end}", strict ? "Make start less than end (use number: for one port)" : "Make start at most end");
        }

        return new ClusterPort.Range(protocol, start, end);
    }

    private static int PortNumber(ManifestNode node, string what)
    {
        var value = node.Integer(what);
        return value is >= PortSet.MinPort and <= PortSet.MaxPort ? value : throw node.Error($"{what} {value} is outside 1-65535", "Use a port from 1 to 65535");
    }

    private static IReadOnlyList<ManifestNode> Limited(ManifestNode node)
    {
        var items = node.Items();
        return items.Count <= MaxItems
            ? items
            : throw node.Error($"the list has {items.Count} entries, more than the {MaxItems} the API takes", "Split it over several rules or policies");
    }

    /// <summary>The one key a one-of mapping sets.</summary>
    private static (string Key, ManifestNode Value) OnlyKey(ManifestNode node, string[] allowed, string what)
    {
        var keys = node.Keys();
        if (keys.FirstOrDefault(k => !allowed.Contains(k)) is { } unknown)
        {
            throw node.Error($"{what} has a key {Excerpt.Quote(unknown)} this kind does not take", $"Use exactly one of {string.Join(", ", allowed)}");
        }

        if (keys.Count != 1)
        {
            throw node.Error($"{what} sets {keys.Count} of {string.Join(", ", allowed)}", "Set exactly one of them (write separate entries to combine)");
        }

        return (keys[0], node.Get(keys[0]) ?? throw node.Error($"{what}: {keys[0]} is empty", "Give it a value"));
    }
}
