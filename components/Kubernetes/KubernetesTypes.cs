namespace Palisade.Components.Kubernetes;

/// <summary>Pulumi type tokens of the Kubernetes resources the synthesizer emits (reference: resource-types.md §1).</summary>
internal static class KubernetesTypes
{
    public const string Provider = "pulumi:providers:kubernetes";
    public const string Namespace = "kubernetes:core/v1:Namespace";
    public const string ServiceAccount = "kubernetes:core/v1:ServiceAccount";
    public const string NetworkPolicy = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
    public const string Ingress = "kubernetes:networking.k8s.io/v1:Ingress";
    public const string HelmRelease = "kubernetes:helm.sh/v3:Release";

    /// <summary>
    /// The apiVersion and kind of a plain Kubernetes object type token ("kubernetes:core/v1:Namespace" gives "v1",
    /// "Namespace"), or null for providers, Helm releases, patches and components that are not one object.
    /// </summary>
    public static (string ApiVersion, string Kind)? ObjectKind(string type)
    {
        var parts = type.Split(':');
        if (parts.Length != 3 || parts[0] != "kubernetes")
        {
            return null;
        }

        var (groupVersion, kind) = (parts[1], parts[2]);
        if (groupVersion.StartsWith("helm.sh/", StringComparison.Ordinal) ||
            groupVersion.StartsWith("yaml/", StringComparison.Ordinal) ||
            groupVersion.StartsWith("kustomize/", StringComparison.Ordinal) ||
            kind.EndsWith("Patch", StringComparison.Ordinal))
        {
            return null;
        }

        var apiVersion = groupVersion.StartsWith("core/", StringComparison.Ordinal) ? groupVersion["core/".Length..] : groupVersion;
        return (apiVersion, kind);
    }
}
