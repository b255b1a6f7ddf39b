using Palisade.Components.Kubernetes;

namespace Palisade.Components.Connectivity;

/// <summary>
/// Workloads grouped by how they resolve the named ports the policies use: two workloads with the same profile
/// resolve every named port to the same port numbers.
/// </summary>
internal sealed class PortProfiles
{
    private readonly NamedPort[] usedNames;
    private readonly Dictionary<string, int> idsByKey = new(StringComparer.Ordinal);
    private readonly List<Dictionary<NamedPort, PortSet>> profiles = [];

    public PortProfiles(IEnumerable<NamedPort> usedNames)
    {
        this.usedNames = usedNames.Distinct().OrderBy(n => n.Name, StringComparer.Ordinal).ThenBy(n => n.Protocol).ToArray();
    }

    public int ProfileOf(Workload workload)
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

        var key = string.Join("\u0001", resolved.Select(r => $"{r.Key.Name}\u0002{r.Key.Protocol}\u0002{r.Value}"));
        if (!idsByKey.TryGetValue(key, out var id))
        {
            id = profiles.Count;
            idsByKey[key] = id;
            profiles.Add(resolved);
        }

        return id;
    }

    public PortSet Lookup(int profile, NamedPort name) => profiles[profile].GetValueOrDefault(name, PortSet.Empty);
}
