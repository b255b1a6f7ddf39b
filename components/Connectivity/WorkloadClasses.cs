using Palisade.Components.Kubernetes;

namespace Palisade.Components.Connectivity;

/// <summary>A group of namespaces no policy can tell apart; PolicyNamespace is set for a namespace that holds policies.</summary>
internal sealed record NamespaceClass(int Id, string? PolicyNamespace, IReadOnlyDictionary<string, string> Labels);

/// <summary>Workloads no selector or named port can tell apart; Members are workload ranks in ascending order.</summary>
internal sealed record WorkloadClass(
    int Id,
    int NamespaceClass,
    string Namespace,
    IReadOnlyDictionary<string, string> Labels,
    int Profile,
    List<int> Members);

/// <summary>
/// Partitions workloads into equivalence classes: same namespace class (the namespace itself when it holds policies,
/// otherwise its labels as projected onto what namespace selectors look at), same pod labels projected onto what pod
/// selectors look at, and same resolution of the named ports in use. Everything is then computed once per class.
/// </summary>
internal sealed class WorkloadClasses
{
    private readonly Dictionary<string, int> namespaceClassByPolicyNamespace = new(StringComparer.Ordinal);
    private readonly List<List<int>> classesByNamespaceClass = [];

    public WorkloadClasses(
        IReadOnlyList<Workload> sortedWorkloads,
        IReadOnlyDictionary<string, Dictionary<string, string>> namespaceLabels,
        IReadOnlyList<CompiledPolicy> policies,
        IReadOnlyList<CompiledClusterPolicy>? clusterPolicies = null)
    {
        var podRelevance = new LabelRelevance();
        var namespaceRelevance = new LabelRelevance();
        var policyNamespaces = new HashSet<string>(StringComparer.Ordinal);
        var namedPorts = new List<NamedPort>();
        foreach (var policy in policies)
        {
            policyNamespaces.Add(policy.Namespace);
            podRelevance.Add(policy.PodSelector);
            foreach (var rule in policy.IngressRules.Concat(policy.EgressRules))
            {
                namedPorts.AddRange(rule.Ports.Named);
                foreach (var peer in rule.Peers)
                {
                    podRelevance.Add(peer.PodSelector);
                    namespaceRelevance.Add(peer.NamespaceSelector);
                }
            }
        }

        // Cluster policies select by namespace and pod labels too, so their selectors tell classes apart the same way.
        foreach (var policy in clusterPolicies ?? [])
        {
            namespaceRelevance.Add(policy.Subject.NamespaceSelector);
            podRelevance.Add(policy.Subject.PodSelector);
            foreach (var rule in policy.Ingress.Concat(policy.Egress))
            {
                namedPorts.AddRange(rule.Ports.Named);
                foreach (var peer in rule.Peers)
                {
                    namespaceRelevance.Add(peer.Pods?.NamespaceSelector);
                    podRelevance.Add(peer.Pods?.PodSelector);
                }
            }
        }

        Profiles = new PortProfiles(namedPorts);
        var namespaceClassIds = new Dictionary<(string? PolicyNamespace, int Labels), int>();
        var classIds = new Dictionary<(int NamespaceClass, int Labels, int Profile), int>();
        var namespaceClasses = new List<NamespaceClass>();
        var classes = new List<WorkloadClass>();
        var namespaceClassOf = new Dictionary<string, int>(StringComparer.Ordinal);
        ClassOf = new int[sortedWorkloads.Count];

        for (var rank = 0; rank < sortedWorkloads.Count; rank++)
        {
            var workload = sortedWorkloads[rank];
            if (!namespaceClassOf.TryGetValue(workload.Namespace, out var namespaceClass))
            {
                var labels = namespaceLabels[workload.Namespace];
                var holdsPolicies = policyNamespaces.Contains(workload.Namespace);
                var key = (holdsPolicies ? workload.Namespace : null, namespaceRelevance.Project(labels));
                if (!namespaceClassIds.TryGetValue(key, out namespaceClass))
                {
                    namespaceClass = namespaceClasses.Count;
                    namespaceClassIds[key] = namespaceClass;
                    namespaceClasses.Add(new NamespaceClass(namespaceClass, holdsPolicies ? workload.Namespace : null, labels));
                    classesByNamespaceClass.Add([]);
                    if (holdsPolicies)
                    {
                        namespaceClassByPolicyNamespace[workload.Namespace] = namespaceClass;
                    }
                }

                namespaceClassOf[workload.Namespace] = namespaceClass;
            }

            var profile = Profiles.ProfileOf(workload);
            var classKey = (namespaceClass, podRelevance.Project(workload.Labels), profile);
            if (!classIds.TryGetValue(classKey, out var classId))
            {
                classId = classes.Count;
                classIds[classKey] = classId;
                classes.Add(new WorkloadClass(classId, namespaceClass, workload.Namespace,
                    new Dictionary<string, string>(workload.Labels, StringComparer.Ordinal), profile, []));
                classesByNamespaceClass[namespaceClass].Add(classId);
            }

            classes[classId].Members.Add(rank);
            ClassOf[rank] = classId;
        }

        NamespaceClasses = namespaceClasses;
        Classes = classes;
        NamespaceIndex = new LabelIndex(namespaceClasses.Select(n => n.Labels).ToList());
        PodIndex = new LabelIndex(classes.Select(c => c.Labels).ToList());
    }

    public IReadOnlyList<NamespaceClass> NamespaceClasses { get; }

    public IReadOnlyList<WorkloadClass> Classes { get; }

    /// <summary>The class of each workload, by rank (position in id order).</summary>
    public int[] ClassOf { get; }

    public PortProfiles Profiles { get; }

    public LabelIndex NamespaceIndex { get; }

    public LabelIndex PodIndex { get; }

    public IReadOnlyList<int> ClassesIn(int namespaceClass) => classesByNamespaceClass[namespaceClass];

    /// <summary>The class of a namespace holding policies, or -1 when no workload lives there.</summary>
    public int NamespaceClassOfPolicyNamespace(string ns) => namespaceClassByPolicyNamespace.GetValueOrDefault(ns, -1);
}
