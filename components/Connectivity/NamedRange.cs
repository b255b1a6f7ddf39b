namespace Palisade.Components.Connectivity;

/// <summary>
/// External addresses the analysis speaks about by name (a platform endpoint such as node-local DNS, or the nodes):
/// the address space is cut at its edges and its addresses form peers of their own, labelled with the name.
/// </summary>
public sealed record NamedRange(string Name, AddressRange Range)
{
    public override string ToString() => $"{Name} {Range}";
}
