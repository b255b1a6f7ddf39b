using Palisade.Components.Graph;

namespace Palisade.Components.Kubernetes;

/// <summary>Turns the typed Kubernetes model into Pulumi input properties (the same shape as the API object).</summary>
internal static class KubernetesProperties
{
    public static MapValue Metadata(
        Value name,
        Value? @namespace = null,
        IReadOnlyDictionary<string, string>? labels = null,
        IReadOnlyDictionary<string, Value>? annotations = null) =>
        new MapBuilder
        {
            { "name", name },
            { "namespace", @namespace },
            { "labels", labels is { Count: > 0 } ? MapValue.OfStrings(labels) : null },
            { "annotations", annotations is { Count: > 0 } ? Annotations(annotations) : null },
        };

    public static MapValue Selector(LabelSelector selector) =>
        new MapBuilder
        {
            { "matchLabels", selector.MatchLabels.Count > 0 ? MapValue.OfStrings(selector.MatchLabels) : null },
            {
                "matchExpressions",
                selector.MatchExpressions.Count > 0 ? ListValue.Of(selector.MatchExpressions.Select(Requirement)) : null
            },
        };

    public static MapValue NetworkPolicySpec(NetworkPolicy policy) =>
        new MapBuilder
        {
            { "podSelector", Selector(policy.PodSelector) },
            { "policyTypes", policy.PolicyTypes is null ? null : ListValue.OfStrings(policy.PolicyTypes.Select(t => t.ToString())) },
            { "ingress", policy.Ingress is null ? null : ListValue.Of(policy.Ingress.Select(r => Rule(r, "from"))) },
            { "egress", policy.Egress is null ? null : ListValue.Of(policy.Egress.Select(r => Rule(r, "to"))) },
        };

    private static MapValue Annotations(IReadOnlyDictionary<string, Value> annotations)
    {
        var builder = new MapBuilder();
        foreach (var (key, value) in annotations)
        {
            builder.Add(key, value);
        }

        return builder;
    }

    private static Value Requirement(LabelSelectorRequirement requirement) =>
        new MapBuilder
        {
            { "key", requirement.Key },
            { "operator", requirement.Operator.ToString() },
            { "values", requirement.Values.Count > 0 ? ListValue.OfStrings(requirement.Values) : null },
        }.Build();

    private static Value Rule(NetworkPolicyRule rule, string peersKey) =>
        new MapBuilder
        {
            { peersKey, rule.Peers is null ? null : ListValue.Of(rule.Peers.Select(Peer)) },
            { "ports", rule.Ports is null ? null : ListValue.Of(rule.Ports.Select(Port)) },
        }.Build();

    private static Value Peer(NetworkPolicyPeer peer) =>
        new MapBuilder
        {
            { "podSelector", peer.PodSelector is null ? null : Selector(peer.PodSelector) },
            { "namespaceSelector", peer.NamespaceSelector is null ? null : Selector(peer.NamespaceSelector) },
            {
                "ipBlock",
                peer.IpBlock is null
                    ? null
                    : new MapBuilder
                    {
                        { "cidr", peer.IpBlock.Cidr },
                        { "except", peer.IpBlock.Except.Count > 0 ? ListValue.OfStrings(peer.IpBlock.Except) : null },
                    }.Build()
            },
        }.Build();

    private static Value Port(NetworkPolicyPort port) =>
        new MapBuilder
        {
            { "protocol", port.Protocol is { } protocol ? new StringValue(protocol.ToString()) : null },
            { "port", port.Port is { } p ? (p.IsNamed ? new StringValue(p.Name!) : new NumberValue(p.Number!.Value)) : null },
            { "endPort", port.EndPort is { } end ? new NumberValue(end) : null },
        }.Build();
}
