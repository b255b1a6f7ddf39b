using Palisade.Components.Graph;

namespace Palisade.Components.Kubernetes;

/// <summary>
/// The exec credential plugin a kubeconfig user runs for a token (<c>client.authentication.k8s.io/v1beta1</c>): the
/// cloud's CLI or auth plugin, so no long-lived credential is ever written into the program.
/// </summary>
public sealed record KubeconfigExec
{
    public const string ApiVersion = "client.authentication.k8s.io/v1beta1";

    /// <summary>The program to run, e.g. <c>aws</c> or <c>gke-gcloud-auth-plugin</c>.</summary>
    public required string Command { get; init; }

    /// <summary>Its arguments.</summary>
    /// <remarks>Default: none.</remarks>
    public IReadOnlyList<Value> Args { get; init; } = [];

    /// <summary>Whether the plugin is given the cluster's entry (<c>provideClusterInfo</c>).</summary>
    /// <remarks>Default: false.</remarks>
    public bool ProvideClusterInfo { get; init; }
}

/// <summary>What a kubeconfig for one cluster holds: where its API server is, the CA that signs it, and how to get a token.</summary>
public sealed record KubeconfigArgs
{
    /// <summary>The API server's URL (<c>https://…</c>).</summary>
    public required Value Server { get; init; }

    /// <summary>The base64 CA certificate bundle of the API server.</summary>
    public required Value CertificateAuthorityData { get; init; }

    /// <summary>The credential plugin the user runs.</summary>
    public required KubeconfigExec Exec { get; init; }

    /// <summary>The name of the context, which is also the user's name.</summary>
    public required string ContextName { get; init; }

    /// <summary>The name of the cluster entry.</summary>
    /// <remarks>Default: the context's name.</remarks>
    public string? ClusterEntryName { get; init; }
}

/// <summary>
/// One kubeconfig builder for every cloud: a single cluster, context and exec user, current context set. EKS and GKE
/// differ only in the arguments (cloud-wiring.md §6).
/// </summary>
public static class Kubeconfig
{
    public static MapValue Build(KubeconfigArgs args)
    {
        var clusterEntry = args.ClusterEntryName ?? args.ContextName;
        return new MapBuilder
        {
            { "apiVersion", "v1" },
            { "kind", "Config" },
            {
                "clusters", ListValue.Of(new MapBuilder
                {
                    { "name", clusterEntry },
                    {
                        "cluster", new MapBuilder
                        {
                            { "server", args.Server },
                            { "certificate-authority-data", args.CertificateAuthorityData },
                        }.Build()
                    },
                }.Build())
            },
            {
                "contexts", ListValue.Of(new MapBuilder
                {
                    { "name", args.ContextName },
                    { "context", new MapBuilder { { "cluster", clusterEntry }, { "user", args.ContextName } }.Build() },
                }.Build())
            },
            { "current-context", args.ContextName },
            {
                "users", ListValue.Of(new MapBuilder
                {
                    { "name", args.ContextName },
                    { "user", new MapBuilder { { "exec", Exec(args.Exec) } }.Build() },
                }.Build())
            },
        };
    }

    private static MapValue Exec(KubeconfigExec exec) => new MapBuilder
    {
        { "apiVersion", KubeconfigExec.ApiVersion },
        { "command", exec.Command },
        { "args", exec.Args.Count == 0 ? null : ListValue.Of(exec.Args) },
        { "provideClusterInfo", exec.ProvideClusterInfo ? new BoolValue(true) : null },
    };
}
