using Palisade.Components.Kubernetes;

namespace Palisade.Components.Connectivity;

/// <summary>
/// The API server's validation rules the analysis relies on: ports, protocols, CIDRs, except ranges, selector
/// operators and peer shapes. Key paths use the manifest's names (spec.ingress[0].from[1].ipBlock.cidr).
/// </summary>
internal static class NetworkPolicyValidator
{
    public static PolicyProblem? FindProblem(NetworkPolicy policy)
    {
        return Selector(policy.PodSelector, "spec.podSelector")
               ?? Rules(policy.Ingress, "spec.ingress", "from")
               ?? Rules(policy.Egress, "spec.egress", "to");
    }

    /// <summary>A port name must be an IANA service name: 1-15 lowercase letters, digits and inner single hyphens, with a letter.</summary>
    public static bool IsValidPortName(string name) =>
        name.Length is >= 1 and <= 15 &&
        name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') &&
        name.Any(char.IsAsciiLetterLower) &&
        !name.StartsWith('-') && !name.EndsWith('-') && !name.Contains("--", StringComparison.Ordinal);

    public static PolicyProblem? Selector(LabelSelector? selector, string path)
    {
        if (selector is null)
        {
            return null;
        }

        for (var i = 0; i < selector.MatchExpressions.Count; i++)
        {
            var expression = selector.MatchExpressions[i];
            if (string.IsNullOrEmpty(expression.Key))
            {
                return new PolicyProblem($"{At(path, i)}.key", "the key is empty", "Name the label key the expression tests");
            }

            switch (expression.Operator)
            {
                case SelectorOperator.In or SelectorOperator.NotIn when expression.Values.Count == 0:
                    return new PolicyProblem($"{At(path, i)}.values", $"operator {expression.Operator} needs at least one value",
                        "List the label values, or use Exists / DoesNotExist");
                case SelectorOperator.Exists or SelectorOperator.DoesNotExist when expression.Values.Count > 0:
                    return new PolicyProblem($"{At(path, i)}.values", $"operator {expression.Operator} takes no values",
                        "Remove the values, or use In / NotIn");
                case SelectorOperator.In or SelectorOperator.NotIn or SelectorOperator.Exists or SelectorOperator.DoesNotExist:
                    break;
                default:
                    return new PolicyProblem($"{At(path, i)}.operator", $"unknown operator {expression.Operator}",
                        "Use In, NotIn, Exists or DoesNotExist");
            }
        }

        return null;

        static string At(string path, int i) => $"{path}.matchExpressions[{i}]";
    }

    // Key paths are built only for a problem: policies are validated on every analysis, and nearly all are valid.
    private static PolicyProblem? Rules(IReadOnlyList<NetworkPolicyRule>? rules, string path, string peersKey)
    {
        for (var i = 0; i < (rules?.Count ?? 0); i++)
        {
            var rule = rules![i];
            for (var j = 0; j < (rule.Peers?.Count ?? 0); j++)
            {
                var problem = Peer(rule.Peers![j], string.Empty);
                if (problem is not null)
                {
                    return problem with { KeyPath = $"{path}[{i}].{peersKey}[{j}]{problem.KeyPath}" };
                }
            }

            for (var j = 0; j < (rule.Ports?.Count ?? 0); j++)
            {
                var problem = Port(rule.Ports![j], string.Empty);
                if (problem is not null)
                {
                    return problem with { KeyPath = $"{path}[{i}].ports[{j}]{problem.KeyPath}" };
                }
            }
        }

        return null;
    }

    private static PolicyProblem? Peer(NetworkPolicyPeer peer, string path)
    {
        if (peer.IpBlock is not null && (peer.PodSelector is not null || peer.NamespaceSelector is not null))
        {
            return new PolicyProblem(path, "ipBlock is combined with a podSelector or namespaceSelector in one entry",
                "Put the ipBlock in its own list entry (entries are ORed)");
        }

        if (peer.IpBlock is null && peer.PodSelector is null && peer.NamespaceSelector is null)
        {
            return new PolicyProblem(path, "the peer entry is empty",
                "Give it a podSelector, a namespaceSelector or an ipBlock (an empty selector {} selects everything)");
        }

        return Selector(peer.PodSelector, $"{path}.podSelector")
               ?? Selector(peer.NamespaceSelector, $"{path}.namespaceSelector")
               ?? (peer.IpBlock is null ? null : IpBlock(peer.IpBlock, $"{path}.ipBlock"));
    }

    private static PolicyProblem? IpBlock(IpBlock block, string path)
    {
        if (!Cidr.TryParse(block.Cidr, out var cidr, out var problem))
        {
            return new PolicyProblem($"{path}.cidr", problem, "Write a CIDR such as 10.0.0.0/8 or 2001:db8::/32");
        }

        for (var i = 0; i < block.Except.Count; i++)
        {
            if (!Cidr.TryParse(block.Except[i], out var except, out problem))
            {
                return new PolicyProblem($"{path}.except[{i}]", problem, "Write a CIDR such as 10.0.0.0/8 or 2001:db8::/32");
            }

            if (!cidr.Contains(except) || except == cidr)
            {
                return new PolicyProblem($"{path}.except[{i}]", $"{block.Except[i]} is not strictly inside {block.Cidr}",
                    $"Use a narrower range inside {block.Cidr}, or remove it");
            }
        }

        return null;
    }

    private static PolicyProblem? Port(NetworkPolicyPort port, string path)
    {
        if (port.Protocol is { } protocol && !Enum.IsDefined(protocol))
        {
            return new PolicyProblem($"{path}.protocol", $"unknown protocol {protocol}", "Use TCP, UDP or SCTP");
        }

        if (port.Port is { IsNamed: true } named)
        {
            if (!IsValidPortName(named.Name!))
            {
                return new PolicyProblem($"{path}.port", $"'{named.Name}' is not a valid port name",
                    "Use a port number 1-65535 or a container port name (up to 15 lowercase letters, digits and hyphens)");
            }

            if (port.EndPort is not null)
            {
                return new PolicyProblem($"{path}.endPort", "endPort is set with a named port",
                    "Use a numeric port with endPort, or remove endPort");
            }

            return null;
        }

        if (port.Port is { Number: { } number } && number is < PortSet.MinPort or > PortSet.MaxPort)
        {
            return new PolicyProblem($"{path}.port", $"port {number} is out of range", "Use a port from 1 to 65535");
        }

        if (port.EndPort is { } end)
        {
            if (port.Port is null)
            {
                return new PolicyProblem($"{path}.endPort", "endPort is set without port", "Set port to the first port of the range");
            }

            if (end < port.Port.Value.Number!.Value || end > PortSet.MaxPort)
            {
                return new PolicyProblem($"{path}.endPort", $"endPort {end} is not between port {port.Port.Value.Number} and 65535",
                    "Make endPort at least port and at most 65535");
            }
        }

        return null;
    }
}
