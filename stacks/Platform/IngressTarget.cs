using System.Text.RegularExpressions;
using Palisade.Components.Diagnostics;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Config;

namespace Palisade.Stacks.Platform;

/// <summary>
/// How a stack exposes its apps' routes: one type per ingress kind, each with its own settings and the peer that
/// reaches exposed tiers. A new kind is one more subtype plus its <see cref="IngressKind"/> in <see cref="IngressKinds"/>.
/// </summary>
internal abstract partial record IngressTarget(Configured Domain)
{
    /// <summary>The <c>palisade:ingress</c> value.</summary>
    public abstract string Name { get; }

    /// <summary>The controller's pods, admitted to exposed tiers; null when a load balancer reaches pods by address.</summary>
    public virtual PlatformPeer? Controller => null;

    /// <summary>The name the analysis gives the controller's pods.</summary>
    public virtual string ControllerWorkload => "ingress-controller";

    /// <summary>The container ports the controller's pods listen on.</summary>
    public virtual IReadOnlyList<ContainerPort> ControllerPorts => [new ContainerPort(80, Name: "http"), new ContainerPort(443, Name: "https")];

    /// <summary>Addresses a load balancer reaches pods from directly, admitted to exposed tiers on their exposed port.</summary>
    public virtual IReadOnlyList<string> LoadBalancerCidrs => [];

    /// <summary>
    /// The pod ports (TCP) the API server calls for the admission webhooks of the controller the stack installs: a
    /// control plane outside the nodes' network (a GKE private cluster) must be let through to them, or every object
    /// such a webhook checks is refused. None when the stack installs nothing or the controller has no webhook.
    /// </summary>
    public virtual IReadOnlyList<int> AdmissionWebhookPorts => [];

    /// <summary>Whether the stack installs the controller itself (and so owns its namespace and keeps it working).</summary>
    public virtual bool InstallsController => false;

    /// <summary>Annotations the kind puts on a tier's Service (none unless the controller reads some there).</summary>
    public virtual IReadOnlyDictionary<string, Palisade.Components.Graph.Value>? TierServiceAnnotations(AppSpec app, TierSpec tier) => null;

    /// <summary>Labels the kind needs on the namespaces that hold routed tiers (none unless the controller reads some there).</summary>
    public virtual IReadOnlyDictionary<string, string> TargetNamespaceLabels => new Dictionary<string, string>();

    /// <summary>A warning <c>plan</c> prints about the kind itself (a retired controller), or null.</summary>
    public virtual string? Warning => null;

    /// <summary>How this stack's controller enforces each edge limit.</summary>
    public abstract EdgeSupport Edge { get; }

    /// <summary>Limits the stack accepts as not enforced by its kind (<c>palisade:unenforcedLimits</c>); the plan states them.</summary>
    public IReadOnlySet<EdgeLimit> Unenforced { get; init; } = new HashSet<EdgeLimit>();

    /// <summary>Whether the kind terminates TLS with a Secret the Ingress names (<c>palisade:tlsSecretName</c>).</summary>
    public virtual bool TlsFromSecret => false;

    /// <summary>The TLS Secret every Ingress names (<c>palisade:tlsSecretName</c>), on kinds that take one.</summary>
    public string? TlsSecretName { get; init; }

    /// <summary>
    /// Refuses a route whose declared limits this kind cannot enforce, naming the limit and the kinds that can, unless
    /// the stack accepts it as not enforced.
    /// </summary>
    public void RequireEnforceable(IEnumerable<AppSpec> apps)
    {
        foreach (var app in apps)
        {
            if (app.Ingress is not { } ingress)
            {
                continue;
            }

            for (var i = 0; i < ingress.Routes.Count; i++)
            {
                var route = ingress.Routes[i];
                var limits = ingress.LimitsOf(route);
                foreach (var limit in Enum.GetValues<EdgeLimit>().Where(l => !Unenforced.Contains(l)))
                {
                    if (Edge.Problem(limits, limit) is not { } why)
                    {
                        continue;
                    }

                    var can = IngressKinds.All.Where(k => k.Edge.Problem(limits, limit) is null).Select(k => k.Name).ToList();
                    throw new InputError(
                        $"{app.Source}: app '{app.Name}' ingress routes[{i}] ({route.Path} -> {route.Tier}) limits.{EdgeLimits.Key(limit)}",
                        $"ingress {Name} cannot enforce {limits.Show(limit)}: {why}",
                        $"{(can.Count == 0 ? "No ingress kind can" : $"Kinds that can: {string.Join(", ", can)}")}; use one, or accept it on this stack with palisade:unenforcedLimits: [{EdgeLimits.Key(limit)}] (the plan then says it is not enforced).");
                }
            }
        }
    }
}

/// <summary>
/// How <c>palisade:ingress</c> names an ingress kind, where it is available, how it reads its settings, how it
/// enforces edge limits, and — for a kind whose limits live on the Ingress — how an existing cluster's controller of
/// this kind is addressed (<see cref="ExternalController"/>).
/// </summary>
internal sealed record IngressKind(
    string Name,
    Func<CloudTarget, bool> AvailableOn,
    string Availability,
    Func<SettingsReader, CloudTarget, Configured, IngressTarget> Read,
    EdgeSupport Edge)
{
    public ExternalController? External { get; init; }
}

/// <summary>
/// A controller of a known kind that the platform team runs: the Ingresses get that kind's annotations or resources
/// for the team's IngressClass, and the limits the kind enforces without Palisade configuring the controller.
/// </summary>
internal sealed record ExternalController(EdgeSupport Edge, Func<string, Palisade.Components.Ingress.IngressStyle> Style);

/// <summary>Every ingress kind a stack can use.</summary>
internal static partial class IngressKinds
{
    public static IReadOnlyList<IngressKind> All { get; } = [NginxIngress.Kind, IngressNginx.Kind, AlbIngress.Kind, TraefikIngress.Kind, ExternalIngress.Kind];

    [GeneratedRegex(@"^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,63}$")]
    private static partial Regex DomainPattern();

    /// <summary>The stack's ingress: nginx (the F5 NGINX Ingress Controller) by default on clouds where the stack creates the cluster, none otherwise.</summary>
    public static IngressTarget? Read(SettingsReader reader, CloudTarget cloud)
    {
        var name = reader.String(ConfigSchema.Ingress) ?? (cloud.CreatesCluster ? NginxIngress.KindName : null);
        if (name is null)
        {
            return null;
        }

        var kind = All.FirstOrDefault(k => k.Name == name) ?? throw reader.Error(ConfigSchema.Ingress,
            $"unknown ingress '{SettingsReader.Excerpt(name)}'", $"Use one of: {string.Join(", ", All.Select(k => k.Name))}.");
        if (!kind.AvailableOn(cloud))
        {
            throw reader.Error(ConfigSchema.Ingress, $"ingress {kind.Name} is not available on cloud {cloud.Name}", kind.Availability);
        }

        var target = kind.Read(reader, cloud, Domain(reader));
        return target with { Unenforced = Unenforced(reader, target), TlsSecretName = target.TlsFromSecret ? TlsSecret(reader) : null };
    }

    private static string? TlsSecret(SettingsReader reader)
    {
        var name = reader.String(ConfigSchema.TlsSecretName);
        if (name is not null && !Palisade.Components.Kubernetes.KubernetesNames.IsDns1123Subdomain(name))
        {
            throw reader.Error(ConfigSchema.TlsSecretName, $"'{SettingsReader.Excerpt(name)}' is not a Secret name",
                "Use a lowercase DNS subdomain name (a-z, 0-9, '-', '.'; at most 253 characters), e.g. edge-tls.");
        }

        return name;
    }

    private static HashSet<EdgeLimit> Unenforced(SettingsReader reader, IngressTarget target)
    {
        var accepted = new HashSet<EdgeLimit>();
        foreach (var key in reader.List(ConfigSchema.UnenforcedLimits))
        {
            var limit = EdgeLimits.Parse(key) ?? throw reader.Error(ConfigSchema.UnenforcedLimits, $"unknown limit '{SettingsReader.Excerpt(key)}'",
                $"Use one of: {string.Join(", ", Enum.GetValues<EdgeLimit>().Select(EdgeLimits.Key))}.");
            if (target.Edge.How.ContainsKey(limit))
            {
                throw reader.Error(ConfigSchema.UnenforcedLimits, $"ingress {target.Name} enforces {key}",
                    "Remove it from the list: only a limit the kind has no mechanism for can be accepted as not enforced.");
            }

            if (!accepted.Add(limit))
            {
                throw reader.Error(ConfigSchema.UnenforcedLimits, $"'{key}' is listed twice", "List each limit once.");
            }
        }

        return accepted;
    }

    private static Configured Domain(SettingsReader reader)
    {
        var domain = reader.Referenced(ConfigSchema.Domain) ??
                     throw reader.Error(ConfigSchema.Domain, "the required key is missing",
                         $"Add it under config: every app is served at <app host>.<domain>. {ConfigSchema.Domain.Description}");
        if (domain.Known && (domain.Text.Length > 200 || !DomainPattern().IsMatch(domain.Text)))
        {
            throw reader.Error(ConfigSchema.Domain, $"'{SettingsReader.Excerpt(domain.Text)}' is not a valid DNS domain",
                "Write a lowercase domain such as example.com.");
        }

        return domain;
    }
}
