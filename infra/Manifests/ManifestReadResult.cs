using Palisade.Components.Kubernetes;

namespace Palisade.Infra.Manifests;

/// <summary>
/// The cluster the manifests describe, notes about what was skipped, and warnings about defects the API server would
/// reject but the analysis did without (both for stderr; warnings are errors in strict mode).
/// </summary>
public sealed record ManifestReadResult(ClusterModel Cluster, IReadOnlyList<string> Notes)
{
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
