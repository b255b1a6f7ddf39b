namespace Palisade.Stacks.Config;

/// <summary>Every <c>palisade:</c> config key a stack may set. Unknown keys are rejected (they are usually typos).</summary>
public static class ConfigSchema
{
    public const string Project = "palisade";

    public static readonly ConfigKey Apps = new("apps", ConfigKind.StringList,
        "Applications this stack deploys, by catalog name (a list, or a comma-separated string).", Required: true);

    public static readonly ConfigKey KubeContext = new("kubeContext", ConfigKind.String,
        "kubeconfig context the Kubernetes provider uses when the stack does not create its own cluster.");

    public static readonly ConfigKey Kubeconfig = new("kubeconfig", ConfigKind.String,
        "kubeconfig contents or path for the Kubernetes provider (set with `pulumi config set --secret`).", Secret: true);

    public static readonly ConfigKey IngressNamespace = new("ingressNamespace", ConfigKind.String,
        "Namespace of the ingress controller allowed to reach exposed tiers (default ingress-nginx).");

    public static readonly ConfigKey MonitoringNamespace = new("monitoringNamespace", ConfigKind.String,
        "Namespace of the monitoring system allowed to scrape metrics ports (none when unset).");

    public static IReadOnlyList<ConfigKey> Keys { get; } = [Apps, KubeContext, Kubeconfig, IngressNamespace, MonitoringNamespace];

    public static ConfigKey? Find(string name) => Keys.FirstOrDefault(k => k.Name == name);
}
