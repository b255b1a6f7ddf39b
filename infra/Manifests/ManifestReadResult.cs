using Palisade.Components.Kubernetes;

namespace Palisade.Infra.Manifests;

/// <summary>The cluster the manifests describe, and notes about what was skipped (for stderr).</summary>
public sealed record ManifestReadResult(ClusterModel Cluster, IReadOnlyList<string> Notes);
