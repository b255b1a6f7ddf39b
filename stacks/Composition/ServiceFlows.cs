using Palisade.Components.Diagnostics;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Config;
using Palisade.Stacks.Platform;

namespace Palisade.Stacks.Composition;

/// <summary>An app's flows to platform services must name a service the stack declares, on a port it serves.</summary>
internal static class ServiceFlows
{
    public static void Validate(StackConfig config, StackPlatform platform, AppSpec app)
    {
        var services = platform.Peers.Services;
        foreach (var flow in app.ServiceFlows)
        {
            var at = $"{app.Source}: flow {flow}";
            if (!app.Tiers.Any(t => t.Name == flow.From))
            {
                throw new InputError(at, $"app '{app.Name}' has no tier '{flow.From}'",
                    $"Use one of its tiers: {string.Join(", ", app.Tiers.Select(t => t.Name))}.");
            }

            if (!services.TryGetValue(flow.Service, out var service))
            {
                throw new InputError(at, $"the stack declares no platform service '{flow.Service}'",
                    $"Declare it under palisade:platformServices in {config.Source} (namespace, podLabels, ports){(services.Count == 0 ? "" : $", or use one of: {string.Join(", ", services.Keys.Order(StringComparer.Ordinal))}")}.");
            }

            if (service.Port(flow.Port, flow.Protocol) is null)
            {
                throw new InputError(at, $"platform service '{service.Name}' serves no {flow.Protocol}/{flow.Port}",
                    $"Use a port it serves ({string.Join(", ", service.Ports.Select(p => $"{p.Protocol}/{p.Port}"))}), or add the port to its declaration in {config.Source}.");
            }
        }
    }
}
