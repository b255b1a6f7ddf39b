namespace Palisade.Components.Connectivity;

/// <summary>
/// What an ingress-isolated destination class accepts: Default from every source (rules without from), FromClass per
/// source class, and External per address block. Shared by classes selected by the same policies with the same profile.
/// </summary>
internal sealed class IngressTable
{
    public ConnectionSet Default { get; set; } = ConnectionSet.None;

    public Dictionary<int, ConnectionSet> FromClass { get; } = new();

    public IReadOnlyList<BlockSegment> External { get; set; } = [];

    public bool AcceptsAnySource => !Default.IsEmpty;
}

/// <summary>
/// What an egress-isolated source class may send: DefaultPorts to every destination (rules without to, resolved per
/// destination because of named ports), ToClass per destination class, and External per address block.
/// </summary>
internal sealed class EgressTable
{
    private readonly Dictionary<int, ConnectionSet> defaultByProfile = new();

    public List<CompiledPorts> DefaultPorts { get; } = [];

    public Dictionary<int, ConnectionSet> ToClass { get; } = new();

    public IReadOnlyList<BlockSegment> External { get; set; } = [];

    public bool ReachesAnyDestination => DefaultPorts.Count > 0;

    public ConnectionSet DefaultFor(int profile, PortResolver resolver)
    {
        if (DefaultPorts.Count == 0)
        {
            return ConnectionSet.None;
        }

        if (!defaultByProfile.TryGetValue(profile, out var result))
        {
            result = ConnectionSet.None;
            foreach (var ports in DefaultPorts)
            {
                result = result.Union(resolver.Resolve(ports, profile));
            }

            defaultByProfile[profile] = result;
        }

        return result;
    }
}
