using Palisade.Components.Diagnostics;
using Palisade.Components.Kubernetes;

namespace Palisade.Infra.Manifests;

/// <summary>
/// Reads the workload a Pod or controller manifest describes: its report name and kind, and the labels and container
/// ports of its pod template.
/// </summary>
internal static class WorkloadReader
{
    public static readonly IReadOnlySet<string> Controllers = new HashSet<string>(StringComparer.Ordinal)
    {
        "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "ReplicationController", "Job", "CronJob",
    };

    /// <summary>A controller: named by itself; labels and ports from spec.template (CronJob: spec.jobTemplate.spec.template).</summary>
    public static Workload ReadController(ManifestNode root, string kind, string name, string ns)
    {
        var spec = root.Get("spec") ?? throw root.Error($"the {kind} has no spec", "Add a spec with a pod template");
        var templateParent = spec;
        if (kind == "CronJob")
        {
            templateParent = spec.Get("jobTemplate")?.Get("spec")
                             ?? throw spec.Error("the CronJob has no jobTemplate.spec", "Add spec.jobTemplate.spec.template");
        }

        var template = templateParent.Get("template")
                       ?? throw templateParent.Error($"the {kind} has no pod template", "Add a template with metadata.labels and spec.containers");
        return new Workload(ns, name, kind, Labels(template), Ports(template.Get("spec")));
    }

    /// <summary>
    /// A Pod: named by its controlling ownerReference (other than a Node) when it has one, else by itself.
    /// Returns whether it was named by an owner.
    /// </summary>
    public static (Workload Workload, bool Owned) ReadPod(ManifestNode root, string name, string ns)
    {
        var owner = (root.Get("metadata")?.Get("ownerReferences")?.Items() ?? [])
            .FirstOrDefault(o => o.Get("controller")?.Boolean() == true && o.Get("kind")?.Scalar() != "Node");
        var workloadName = name;
        var kind = "Pod";
        if (owner is not null)
        {
            workloadName = owner.Get("name")?.Scalar() ?? throw owner.Error("the owner reference has no name", "Add the owner's name");
            kind = owner.Get("kind")?.Scalar() ?? throw owner.Error("the owner reference has no kind", "Add the owner's kind");
        }

        return (new Workload(ns, workloadName, kind, Labels(root), Ports(root.Get("spec"))), owner is not null);
    }

    private static SortedDictionary<string, string> Labels(ManifestNode objectOrTemplate) =>
        objectOrTemplate.Get("metadata")?.Get("labels")?.Labels() ?? new SortedDictionary<string, string>(StringComparer.Ordinal);

    private static List<ContainerPort> Ports(ManifestNode? podSpec)
    {
        var ports = new List<ContainerPort>();
        if (podSpec is null)
        {
            return ports;
        }

        // Init containers count too: a restartable init container is a sidecar that serves traffic.
        foreach (var container in (podSpec.Get("containers")?.Items() ?? []).Concat(podSpec.Get("initContainers")?.Items() ?? []))
        {
            foreach (var port in container.Get("ports")?.Items() ?? [])
            {
                ports.Add(Port(port));
            }
        }

        return ports;
    }

    private static ContainerPort Port(ManifestNode node)
    {
        var numberNode = node.Get("containerPort") ?? throw node.Error("the container port has no containerPort", "Add containerPort: <1-65535>");
        var number = numberNode.Integer("containerPort");
        if (number is < 1 or > 65535)
        {
            throw numberNode.Error($"containerPort {number} is out of range", "Use a port from 1 to 65535");
        }

        var protocol = Protocol.TCP;
        if (node.Get("protocol") is { } protocolNode)
        {
            var text = protocolNode.Scalar();
            if (!Enum.GetNames<Protocol>().Contains(text) || !ProtocolNames.TryParse(text, out protocol))
            {
                throw protocolNode.Error($"unknown protocol {Excerpt.Quote(text)}", "Use TCP, UDP or SCTP (upper case)");
            }
        }

        var name = node.Get("name")?.Scalar();
        if (name is not null && !Components.Connectivity.NetworkPolicyValidator.IsValidPortName(name))
        {
            throw node.Get("name")!.Error($"{Excerpt.Quote(name)} is not a valid port name", "Use up to 15 lowercase letters, digits and hyphens, with at least one letter");
        }

        return new ContainerPort(number, protocol, name);
    }
}
