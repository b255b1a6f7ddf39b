using Palisade.Components.Diagnostics;
using Palisade.Components.Kubernetes;

namespace Palisade.Infra.Manifests;

/// <summary>
/// Turns manifest documents into a cluster model. Namespaces, the workload kinds, networking.k8s.io NetworkPolicies and
/// the cluster policy kinds (<see cref="ClusterPolicyReader"/>) are read; List kinds are unpacked (items may omit kind); anything else is skipped with a note.
/// </summary>
internal static class ManifestParser
{
    /// <summary>The API groups each analysed kind is read from; the same kind name in another group is another thing.</summary>
    private static readonly Dictionary<string, string[]> KnownKinds = new(StringComparer.Ordinal)
    {
        ["Namespace"] = [""],
        ["Pod"] = [""],
        ["ReplicationController"] = [""],
        ["Deployment"] = ["apps", "extensions"],
        ["ReplicaSet"] = ["apps", "extensions"],
        ["DaemonSet"] = ["apps", "extensions"],
        ["StatefulSet"] = ["apps"],
        ["Job"] = ["batch"],
        ["CronJob"] = ["batch"],
        ["NetworkPolicy"] = ["networking.k8s.io", "extensions"],
    };

    public static ManifestReadResult Parse(IEnumerable<ManifestFile> files, bool strict)
    {
        var builder = new ClusterModelBuilder(new ManifestDefects(strict));
        foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            foreach (var (number, document) in ManifestDocuments.Load(file))
            {
                if (ManifestNode.IsNullDocument(document))
                {
                    continue;
                }

                ReadObject(new ManifestNode(document, 0, string.Empty, new DocumentContext(file.Path, number)), null, null, builder);
            }
        }

        return new ManifestReadResult(builder.Build(), builder.Notes) { Warnings = builder.Defects.Warnings };
    }

    private static void ReadObject(ManifestNode node, string? listItemKind, string? listApiVersion, ClusterModelBuilder builder)
    {
        var where = node.Path.Length == 0 ? node.Context.Describe() : $"{node.Context.Describe()}, {node.Path}";
        if (!node.IsMapping)
        {
            builder.Notes.Add($"{where}: skipped, not a Kubernetes object (not a mapping)");
            return;
        }

        var kind = node.Get("kind")?.Scalar() ?? listItemKind;
        var apiVersion = node.Get("apiVersion")?.Scalar() ?? listApiVersion;
        if (string.IsNullOrEmpty(kind) || string.IsNullOrEmpty(apiVersion))
        {
            builder.Notes.Add($"{where}: skipped, not a Kubernetes object (no apiVersion and kind)");
            return;
        }

        if (kind.EndsWith("List", StringComparison.Ordinal) && node.Get("items") is { } items)
        {
            var itemKind = kind == "List" ? null : kind[..^"List".Length];
            foreach (var item in items.Items())
            {
                ReadObject(item.In(new DocumentContext(node.Context.File, node.Context.Document)), itemKind, apiVersion, builder);
            }

            return;
        }

        var metadata = node.Get("metadata");
        var name = metadata?.Get("name")?.Scalar();
        if (ClusterPolicyReader.KindOf(apiVersion, kind) is { } clusterKind)
        {
            if (string.IsNullOrEmpty(name))
            {
                throw (metadata ?? node).Error($"the {kind} has no metadata.name", "Give the object a name under metadata.name");
            }

            if (KubernetesNames.ObjectNameProblem(kind, name) is { } clusterNameProblem)
            {
                throw metadata!.Get("name")!.Error(clusterNameProblem, "Name the object as the API server requires, e.g. tenant-isolation");
            }

            node.Context.Object = $"{kind} {name}";
            where = node.Path.Length == 0 ? node.Context.Describe() : $"{node.Context.Describe()}, {node.Path}";
            builder.AddClusterPolicy(ClusterPolicyReader.Read(node, clusterKind, name), where);
            return;
        }

        if (!KnownKinds.TryGetValue(kind, out var groups) || !groups.Contains(Group(apiVersion)))
        {
            var what = name is null ? Excerpt.Short(kind) : $"{Excerpt.Short(kind)} {Excerpt.Short(name)}";
            builder.Notes.Add($"{where}: skipped {what} ({Excerpt.Short(apiVersion)}), a kind the connectivity analysis does not read");
            return;
        }

        if (string.IsNullOrEmpty(name))
        {
            throw (metadata ?? node).Error($"the {kind} has no metadata.name", "Give the object a name under metadata.name");
        }

        var ns = kind == "Namespace" ? string.Empty : metadata!.Get("namespace")?.Scalar() is { Length: > 0 } n ? n : "default";
        if (KubernetesNames.NamespaceProblem(kind == "Namespace" ? name : ns) is { } namespaceProblem)
        {
            throw (kind == "Namespace" ? metadata!.Get("name")! : metadata!.Get("namespace")!).Error(namespaceProblem, "Name the namespace as the API server requires, e.g. team-a");
        }

        if (kind != "Namespace" && KubernetesNames.ObjectNameProblem(kind, name) is { } nameProblem)
        {
            throw metadata!.Get("name")!.Error(nameProblem, "Name the object as the API server requires, e.g. web-1");
        }

        node.Context.Object = kind == "Namespace" ? $"Namespace {name}" : $"{kind} {ns}/{name}";
        where = node.Path.Length == 0 ? node.Context.Describe() : $"{node.Context.Describe()}, {node.Path}";

        switch (kind)
        {
            case "Namespace":
                builder.AddNamespace(new NamespaceInfo(name, metadata!.Get("labels")?.Labels() ?? new SortedDictionary<string, string>(StringComparer.Ordinal)), where);
                break;
            case "NetworkPolicy":
                builder.AddPolicy(NetworkPolicyReader.Read(node, name, ns), where);
                break;
            case "Pod":
                var (pod, owned) = WorkloadReader.ReadPod(node, name, ns, builder.Defects);
                builder.AddPod(pod, owned, where);
                break;
            default:
                if (WorkloadReader.ReadController(node, kind, name, ns, builder.Defects) is { } controller)
                {
                    builder.AddController(controller, where);
                }

                break;
        }
    }

    private static string Group(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? string.Empty : apiVersion[..slash];
    }
}
