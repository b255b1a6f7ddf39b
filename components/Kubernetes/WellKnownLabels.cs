namespace Palisade.Components.Kubernetes;

internal static class WellKnownLabels
{
    /// <summary>Set by the API server on every namespace; immutable, so safe to select on.</summary>
    public const string NamespaceName = "kubernetes.io/metadata.name";
    public const string AppName = "app.kubernetes.io/name";
    public const string AppComponent = "app.kubernetes.io/component";
    public const string AppInstance = "app.kubernetes.io/instance";
    public const string ManagedBy = "app.kubernetes.io/managed-by";
    public const string PartOf = "app.kubernetes.io/part-of";
    public const string KubeDnsApp = "k8s-app";
}
