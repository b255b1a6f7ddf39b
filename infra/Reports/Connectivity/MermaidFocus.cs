using Palisade.Components.Connectivity;

namespace Palisade.Infra.Reports.Connectivity;

/// <summary>
/// What the focused Mermaid view keeps: the app workloads and the peers they talk to. Edges from an app workload to
/// the DNS resolver on port 53 only are folded into one note; edges between two platform peers are left out.
/// </summary>
/// <param name="Apps">Ids of the app workloads.</param>
/// <param name="IsDns">Whether a peer is the cluster's DNS resolver (its pods or addresses).</param>
internal sealed record MermaidFocus(IReadOnlySet<string> Apps, Func<Peer, bool> IsDns)
{
    private static readonly ConnectionSet DnsPorts = ConnectionSet.For(Components.Kubernetes.Protocol.UDP, 53, 53)
        .Union(ConnectionSet.For(Components.Kubernetes.Protocol.TCP, 53, 53));

    public bool IsApp(Peer peer) => peer is WorkloadPeer w && Apps.Contains(w.Id);

    /// <summary>An app workload's DNS traffic to the resolver, nothing else: shown in the note instead of as an edge.</summary>
    public bool IsDnsEdge(Connection connection) =>
        IsApp(connection.Source) && IsDns(connection.Destination) && connection.Allowed.Union(DnsPorts).Equals(DnsPorts);

    public bool Shows(Connection connection) => (IsApp(connection.Source) || IsApp(connection.Destination)) && !IsDnsEdge(connection);
}
