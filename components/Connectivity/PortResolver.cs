using Palisade.Components.Kubernetes;

namespace Palisade.Components.Connectivity;

/// <summary>Resolves a rule's ports against a destination's named-port profile, caching per (ports, profile).</summary>
internal sealed class PortResolver(PortProfiles profiles)
{
    private readonly Dictionary<(int Ports, int Profile), ConnectionSet> cache = new();

    public ConnectionSet Resolve(CompiledPorts ports, int profile)
    {
        if (ports.All || ports.Named.Count == 0)
        {
            return ports.Numeric;
        }

        if (!cache.TryGetValue((ports.Id, profile), out var result))
        {
            result = ports.Numeric;
            foreach (var name in ports.Named)
            {
                result = result.Union(ConnectionSet.For(name.Protocol, profiles.Lookup(profile, name)));
            }

            cache[(ports.Id, profile)] = result;
        }

        return result;
    }
}
