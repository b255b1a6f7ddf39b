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

    /// <summary>
    /// A controller: named by itself; labels and ports from spec.template (CronJob: spec.jobTemplate.spec.template).
    /// Null when it has no pod template: it runs no pods, so the analysis leaves it out.
    /// </summary>
    public static Workload? ReadController(ManifestNode root, string kind, string name, string ns, ManifestDefects defects)
    {
        var spec = root.Get("spec");
        if (spec is null)
        {
            defects.Report(root.Error($"the {kind} has no spec", "Add a spec with a pod template"), $"the {kind} is left out of the analysis");
            return null;
        }

        var templateParent = spec;
        if (kind == "CronJob")
        {
            templateParent = spec.Get("jobTemplate")?.Get("spec");
            if (templateParent is null)
            {
                defects.Report(spec.Error("the CronJob has no jobTemplate.spec", "Add spec.jobTemplate.spec.template"), "the CronJob is left out of the analysis");
                return null;
            }
        }

        var template = templateParent.Get("template");
        if (template is null)
        {
            defects.Report(templateParent.Error($"the {kind} has no pod template", "Add a template with metadata.labels and spec.containers"),
                $"the {kind} is left out of the analysis");
            return null;
        }

        return new Workload(ns, name, kind, Labels(template), Ports(template.Get("spec"), defects));
    }

    /// <summary>
    /// A Pod: named by its controlling ownerReference (other than a Node) when it has one, else by itself.
    /// Returns whether it was named by an owner.
    /// </summary>
    public static (Workload Workload, bool Owned) ReadPod(ManifestNode root, string name, string ns, ManifestDefects defects)
    {
        var owner = (root.Get("metadata")?.Get("ownerReferences")?.Items() ?? [])
            .FirstOrDefault(o => o.Get("controller")?.Boolean() == true && o.Get("kind")?.Scalar() != "Node");
        var workloadName = name;
        var kind = "Pod";
        if (owner is not null)
        {
            var ownerName = owner.Get("name")?.Scalar();
            var ownerKind = owner.Get("kind")?.Scalar();
            if (ownerName is null)
            {
                defects.Report(owner.Error("the owner reference has no name", "Add the owner's name"), "the pod is analysed as a workload of its own");
                owner = null;
            }
            else if (ownerKind is null)
            {
                defects.Report(owner.Error("the owner reference has no kind", "Add the owner's kind"), "the pod is analysed as a workload of its own");
                owner = null;
            }
            else
            {
                (workloadName, kind) = (ownerName, ownerKind);
            }
        }

        return (new Workload(ns, workloadName, kind, Labels(root), Ports(root.Get("spec"), defects)), owner is not null);
    }

    private static SortedDictionary<string, string> Labels(ManifestNode objectOrTemplate) =>
        objectOrTemplate.Get("metadata")?.Get("labels")?.Labels() ?? new SortedDictionary<string, string>(StringComparer.Ordinal);

    private static List<ContainerPort> Ports(ManifestNode? podSpec, ManifestDefects defects)
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
                if (Port(port, defects) is { } read)
                {
                    ports.Add(read);
                }
            }
        }

        return ports;
    }

    /// <summary>A container port, or null when it cannot be analysed (no number, a bad number or protocol): a defect.</summary>
    private static ContainerPort? Port(ManifestNode node, ManifestDefects defects)
    {
        const string LeftOut = "the port is left out of the analysis";
        var numberNode = node.Get("containerPort");
        if (numberNode is null)
        {
            defects.Report(node.Error("the container port has no containerPort", "Add containerPort: <1-65535>"), LeftOut);
            return null;
        }

        if (!numberNode.TryInteger(out var number))
        {
            defects.Report(numberNode.NotANumber("containerPort"), LeftOut);
            return null;
        }

        if (number is < 1 or > 65535)
        {
            defects.Report(numberNode.Error($"containerPort {number} is out of range", "Use a port from 1 to 65535"), LeftOut);
            return null;
        }

        var protocol = Protocol.TCP;
        if (node.Get("protocol") is { } protocolNode)
        {
            var text = protocolNode.Scalar();
            if (!Enum.GetNames<Protocol>().Contains(text) || !ProtocolNames.TryParse(text, out protocol))
            {
                defects.Report(protocolNode.Error($"unknown protocol {Excerpt.Quote(text)}", "Use TCP, UDP or SCTP (upper case)"), LeftOut);
                return null;
            }
        }

        var name = node.Get("name")?.Scalar();
        if (name is not null && !Components.Connectivity.NetworkPolicyValidator.IsValidPortName(name))
        {
            defects.Report(node.Get("name")!.Error($"{Excerpt.Quote(name)} is not a valid port name", "Use up to 15 lowercase letters, digits and hyphens, with at least one letter"),
                "the port is analysed without its name, so no policy can name it");
            name = null;
        }

        return new ContainerPort(number, protocol, name);
    }
}
