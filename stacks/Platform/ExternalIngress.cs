using System.Text.RegularExpressions;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Config;

namespace Palisade.Stacks.Platform;

/// <summary>
/// Bring your own controller, on a cluster the stack does not create: the stack names the controller's namespace, the
/// labels its pods really carry and its IngressClass, and admits exactly those pods to exposed tiers. When the stack
/// also names the controller's kind (<c>palisade:ingressController</c>), the Ingresses get that kind's annotations
/// and the limits it enforces; otherwise the controller is opaque and enforces none of them as far as the proof knows.
/// </summary>
internal sealed partial record ExternalIngress(
    Configured Domain,
    string Namespace,
    IReadOnlyDictionary<string, string> PodLabels,
    string ClassName,
    IngressKind? ControllerKind) : IngressTarget(Domain)
{
    public const string KindName = "external";

    public static IngressKind Kind { get; } = new(KindName, cloud => !cloud.CreatesCluster,
        "An external controller is one the platform team runs on an existing cluster; a stack that creates its cluster installs its own (nginx, alb).", Read, EdgeSupport.None);

    public override string Name => KindName;

    public override EdgeSupport Edge => ControllerKind?.External?.Edge ?? EdgeSupport.None;

    public override PlatformPeer Controller => new(Namespace, PodLabels);

    public override string ControllerWorkload => $"{ClassName}-controller";

    [GeneratedRegex("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")]
    private static partial Regex ClassNamePattern();

    private static IngressTarget Read(SettingsReader reader, CloudTarget cloud, Configured domain)
    {
        var ns = reader.Namespace(ConfigSchema.IngressNamespace) ?? throw reader.Error(ConfigSchema.IngressNamespace, "the required key is missing",
            "Name the namespace the controller runs in (palisade:ingressNamespace), e.g. ingress-system.");
        var labels = reader.PodLabels(ConfigSchema.IngressPodLabels, reader.Map(ConfigSchema.IngressPodLabels), string.Empty,
            "List the labels the controller's pods carry (kubectl get pods -n <namespace> --show-labels), e.g. {app: bunkerweb}.");

        var className = reader.Required(ConfigSchema.IngressClassName, "the apps' Ingresses name the controller's IngressClass");
        if (className.Length > 253 || !ClassNamePattern().IsMatch(className))
        {
            throw reader.Error(ConfigSchema.IngressClassName, $"'{SettingsReader.Excerpt(className)}' is not an IngressClass name", "Use the name kubectl get ingressclass shows.");
        }

        return new ExternalIngress(domain, ns, labels, className, ReadControllerKind(reader));
    }

    private static IngressKind? ReadControllerKind(SettingsReader reader)
    {
        if (reader.String(ConfigSchema.IngressController) is not { } name)
        {
            return null;
        }

        var known = IngressKinds.All.Where(k => k.External is not null).ToList();
        return known.FirstOrDefault(k => k.Name == name) ?? throw reader.Error(ConfigSchema.IngressController,
            $"'{SettingsReader.Excerpt(name)}' is not a controller kind Palisade can address",
            $"Use one of: {string.Join(", ", known.Select(k => k.Name))}; leave the key out for another controller (the limits are then not enforced by anything the proof knows).");
    }
}
