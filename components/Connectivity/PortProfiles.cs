using Palisade.Components.Kubernetes;

namespace Palisade.Components.Connectivity;

/// <summary>
/// Workloads grouped by how they resolve the named ports the policies use: two workloads with the same profile
/// resolve every named port to the same port numbers.
/// </summary>
internal sealed class PortProfiles
{
    private readonly NamedPort[] usedNames;
    private readonly Dictionary<NamedPort, int> indexOfName = new();
    private readonly SequenceIds ids = new();
    private readonly List<Dictionary<NamedPort, PortSet>> profiles = [];
    private readonly List<int> key = [];

    public PortProfiles(IEnumerable<NamedPort> usedNames)
    {
        this.usedNames = usedNames.Distinct().OrderBy(n => n.Name, StringComparer.Ordinal).ThenBy(n => n.Protocol).ToArray();
        for (var i = 0; i < this.usedNames.Length; i++)
        {
            indexOfName[this.usedNames[i]] = i;
        }
    }

    /// <summary>Equal ids for workloads whose container ports give every used name the same port numbers.</summary>
    public int ProfileOf(Workload workload)
    {
        // The key: (name index, port) for every container port that carries a used name, in order.
        key.Clear();
        foreach (var port in workload.Ports)
        {
            if (port.Name is { } name && port.Port is >= PortSet.MinPort and <= PortSet.MaxPort &&
                indexOfName.TryGetValue(new NamedPort(name, port.Protocol), out var index))
            {
                key.Add(index);
                key.Add(port.Port);
            }
        }

        var pairs = System.Runtime.InteropServices.MemoryMarshal.Cast<int, long>(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(key));
        if (pairs.Length > 1)
        {
            Canonical(ref pairs);
            key.RemoveRange(pairs.Length * 2, key.Count - (pairs.Length * 2));
        }

        var id = ids.IdOf(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(key), out var isNew);
        if (isNew)
        {
            var resolved = new Dictionary<NamedPort, PortSet>();
            foreach (var name in usedNames)
            {
                var ports = PortSet.Empty;
                foreach (var port in workload.Ports)
                {
                    if (port.Name == name.Name && port.Protocol == name.Protocol && port.Port is >= PortSet.MinPort and <= PortSet.MaxPort)
                    {
                        ports = ports.Union(PortSet.Single(port.Port));
                    }
                }

                if (!ports.IsEmpty)
                {
                    resolved[name] = ports;
                }
            }

            profiles.Add(resolved);
        }

        return id;
    }

    /// <summary>Sorts the (name, port) pairs and drops repeats, so that the order of container ports does not count.</summary>
    private static void Canonical(ref Span<long> pairs)
    {
        pairs.Sort();
        var n = 1;
        for (var i = 1; i < pairs.Length; i++)
        {
            if (pairs[i] != pairs[n - 1])
            {
                pairs[n++] = pairs[i];
            }
        }

        pairs = pairs[..n];
    }

    public PortSet Lookup(int profile, NamedPort name) => profiles[profile].GetValueOrDefault(name, PortSet.Empty);
}
