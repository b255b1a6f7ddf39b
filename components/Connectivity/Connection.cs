namespace Palisade.Components.Connectivity;

/// <summary>Traffic that both the source's egress and the destination's ingress allow.</summary>
public sealed record Connection(Peer Source, Peer Destination, ConnectionSet Allowed)
{
    public override string ToString() => $"{Source} => {Destination} : {Allowed}";
}
