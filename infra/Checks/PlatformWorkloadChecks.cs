using System.Net;
using Palisade.Components.Connectivity;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Composition;

namespace Palisade.Infra.Checks;

/// <summary>
/// On a strict dataplane every pod starts deny-all, the platform's own included: CoreDNS must still admit DNS and
/// reach its upstream resolvers and the API server, and each platform workload the stack's baselines cover must reach
/// DNS and the API server and admit its clients (the internet on its public ports, the control plane on its webhook).
/// </summary>
internal static class PlatformWorkloadChecks
{
    /// <summary>An address outside every private range, standing for the internet's clients.</summary>
    private static readonly IPAddress InternetClient = IPAddress.Parse("198.51.100.10");

    public static IReadOnlyList<CheckResult> Run(SynthesizedStack stack, ConnectivityResult actual)
    {
        if (stack.Platform.Cloud.StrictEnforcement is not { } strict)
        {
            return [];
        }

        var failures = new List<string>();
        var workloads = stack.PlatformWorkloads;
        var dnsPods = workloads.Where(w => PlatformPeer.KubeDns.Selects(w)).ToList();
        var apiServer = IPNetwork.Parse(strict.ApiServerCidr).BaseAddress;
        var controlPlane = IPNetwork.Parse(strict.ControlPlaneCidr).BaseAddress;
        bool Both(Func<Protocol, bool> allows) => allows(Protocol.UDP) && allows(Protocol.TCP);

        foreach (var coreDns in dnsPods)
        {
            foreach (var upstream in strict.UpstreamDnsCidrs.Select(c => IPNetwork.Parse(c).BaseAddress))
            {
                if (!Both(p => actual.ToExternal(coreDns.Id, upstream).Allows(p, DnsResolver.Port)))
                {
                    failures.Add($"{coreDns.Id} cannot reach its upstream resolver {upstream} on UDP and TCP 53");
                }
            }

            if (!actual.ToExternal(coreDns.Id, apiServer).Allows(Protocol.TCP, StrictEnforcement.ApiServerPort))
            {
                failures.Add($"{coreDns.Id} cannot reach the API server at {apiServer} on TCP {StrictEnforcement.ApiServerPort}");
            }
        }

        var covered = 0;
        foreach (var system in stack.SystemWorkloads)
        {
            foreach (var workload in workloads.Where(system.Pods.Selects))
            {
                covered++;
                if (!dnsPods.Any(d => Both(p => actual.Allows(workload.Id, d.Id, p, DnsResolver.Port))))
                {
                    failures.Add($"{workload.Id} cannot reach CoreDNS on UDP and TCP 53");
                }

                if (!actual.ToExternal(workload.Id, apiServer).Allows(Protocol.TCP, StrictEnforcement.ApiServerPort))
                {
                    failures.Add($"{workload.Id} cannot reach the API server at {apiServer} on TCP {StrictEnforcement.ApiServerPort}");
                }

                foreach (var port in system.PublicPorts.Select(p => p.Port?.Number).OfType<int>().Where(p => workload.Ports.Any(c => c.Port == p)))
                {
                    if (!actual.FromExternal(InternetClient, workload.Id).Allows(Protocol.TCP, port))
                    {
                        failures.Add($"{workload.Id} does not admit clients ({InternetClient}) on TCP {port}");
                    }
                }

                if (system.WebhookPort is { } webhook && workload.Ports.Any(c => c.Port == webhook) &&
                    !actual.FromExternal(controlPlane, workload.Id).Allows(Protocol.TCP, webhook))
                {
                    failures.Add($"{workload.Id} does not admit the control plane ({strict.ControlPlaneCidr}) on its webhook port TCP {webhook}");
                }
            }
        }

        return
        [
            CheckResult.From(CheckIds.PlatformWorkloads, "Platform workloads keep working under strict enforcement (computed: CoreDNS, controllers, monitoring)", failures,
                $"{dnsPods.Count} CoreDNS and {covered} other platform workloads reach DNS, upstream resolvers and the API server ({strict.ApiServerCidr}) and admit their clients"),
        ];
    }
}
