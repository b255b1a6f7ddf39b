using System.Net;
using System.Text.RegularExpressions;
using Palisade.Components.Diagnostics;
using Palisade.Components.Kubernetes;

namespace Palisade.Components.ZeroTrust;

/// <summary>
/// Rejects an application declaration that would synthesize policies that silently allow nothing (unknown tiers,
/// undefined named ports) or too much (malformed CIDRs), before anything is emitted.
/// </summary>
internal static partial class AppValidator
{
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123Label();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex PortName();

    public static void Validate(AppSpec app)
    {
        var where = $"{app.Source}: app '{app.Name}'";
        RequireLabel(app.Name, where, "name");
        ValidateTiers(app, where);

        var tiers = app.Tiers.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < app.Flows.Count; i++)
        {
            var flow = app.Flows[i];
            var at = $"{where} flows[{i}] ({flow})";
            var from = RequireTier(tiers, flow.From, at, "from");
            var to = RequireTier(tiers, flow.To, at, "to");
            if (from == to)
            {
                throw new InputError(at, $"tier '{flow.From}' flows to itself", "Pods of one tier are one workload; remove the flow.");
            }

            RequirePortOn(to, flow.Port, flow.Protocol, at);
            if (!seen.Add($"{flow.From} {flow.To} {flow.Protocol} {ContainerPorts.Find(to, flow.Port, flow.Protocol)!.Port}"))
            {
                throw new InputError(at, "the flow is declared twice", "Remove the duplicate flow (a port's name and its number are the same port).");
            }
        }

        ValidateIngress(app, where, tiers);
        ValidateIdentities(app, where);

        for (var i = 0; i < app.ExternalEgress.Count; i++)
        {
            var egress = app.ExternalEgress[i];
            var at = $"{where} externalEgress[{i}] ({egress})";
            RequireTier(tiers, egress.From, at, "from");
            ValidateCidr(egress, at);
            if (egress.Ports.Count == 0)
            {
                throw new InputError(at, "no ports are given", "Name the ports the tier needs (for example 443); egress to every port is never declared.");
            }

            foreach (var port in egress.Ports)
            {
                RequirePortRange(port, at, "ports");
            }
        }

        AppInvariantValidator.Validate(app, where, tiers);
    }

    private static void ValidateTiers(AppSpec app, string where)
    {
        if (app.Tiers.Count == 0)
        {
            throw new InputError(where, "the app has no tiers", "Declare at least one tier.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tier in app.Tiers)
        {
            var at = $"{where} tier '{tier.Name}'";
            RequireLabel(tier.Name, at, "name");
            RequireLabel(tier.Namespace, at, "namespace");
            RequireLabel(tier.ServiceAccountName, at, "serviceAccount");
            if (!names.Add(tier.Name))
            {
                throw new InputError(at, "the tier name is used twice", "Give every tier a unique name.");
            }

            var portNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (var port in tier.Ports)
            {
                RequirePortRange(port.Port, at, "ports");
                if (port.Name is { } name && (name.Length > 15 || !PortName().IsMatch(name) || !name.Any(char.IsLetter)))
                {
                    throw new InputError(at, $"port name '{name}' is not a valid IANA service name",
                        "Use at most 15 lowercase letters, digits and '-', with at least one letter.");
                }

                if (port.Name is { } n && !portNames.Add(n))
                {
                    throw new InputError(at, $"port name '{n}' is used twice", "Give every container port a unique name.");
                }
            }

            if (tier.ExposedPort is { } exposed)
            {
                RequirePortOn(tier, exposed, Protocol.TCP, $"{at} exposedPort");
            }

            if (tier.HealthPath is { } health)
            {
                if (tier.ExposedPort is null)
                {
                    throw new InputError($"{at} healthPath", "the tier is not exposed, so no load balancer health-checks it",
                        "Remove HealthPath, or expose the tier (ExposedPort) and route to it.");
                }

                if (!health.StartsWith('/') || health.Any(char.IsWhiteSpace) || health.Length > 1024)
                {
                    throw new InputError($"{at} healthPath", $"'{health}' is not an absolute URL path", "Write a path such as /api/health.");
                }
            }

            var monitored = new HashSet<int>();
            for (var i = 0; i < tier.MonitoredPorts.Count; i++)
            {
                var monitoredAt = $"{at} monitoredPorts[{i}]";
                RequirePortOn(tier, tier.MonitoredPorts[i], Protocol.TCP, monitoredAt);
                if (!monitored.Add(ContainerPorts.Find(tier, tier.MonitoredPorts[i], Protocol.TCP)!.Port))
                {
                    throw new InputError(monitoredAt, $"port {tier.MonitoredPorts[i]} is monitored twice", "List every monitored port once (a name and its number are the same port).");
                }
            }
        }
    }

    private static void ValidateIngress(AppSpec app, string where, IReadOnlyDictionary<string, TierSpec> tiers)
    {
        if (app.Ingress is not { } ingress)
        {
            return;
        }

        var at = $"{where} ingress";
        RequireLabel(ingress.HostLabel, at, "hostLabel");
        if (ingress.Routes.Count == 0)
        {
            throw new InputError(at, "the ingress has no routes", "Route at least one path to an exposed tier, or remove the ingress.");
        }

        ingress.Limits.Validate(at);
        var paths = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ingress.Routes.Count; i++)
        {
            var route = ingress.Routes[i];
            var routeAt = $"{at} routes[{i}] ({route.Path} -> {route.Tier})";
            route.Limits?.Validate(routeAt);
            var tier = RequireTier(tiers, route.Tier, routeAt, "tier");
            if (tier.ExposedPort is null)
            {
                throw new InputError(routeAt, $"tier '{tier.Name}' is not exposed, so no policy would admit the route's traffic",
                    $"Set ExposedPort on tier '{tier.Name}', or route to an exposed tier.");
            }

            if (!route.Path.StartsWith('/') || route.Path.Contains('*') || route.Path.Contains(' '))
            {
                throw new InputError(routeAt, $"'{route.Path}' is not a path prefix", "Write a prefix such as /api or / (no wildcards; the prefix covers everything below it).");
            }

            if (!paths.Add(route.Path))
            {
                throw new InputError(routeAt, "the path is routed twice", "Route every path once.");
            }
        }
    }

    private static void ValidateIdentities(AppSpec app, string where)
    {
        foreach (var tier in app.Tiers.Where(t => t.Identity is not null))
        {
            var at = $"{where} tier '{tier.Name}' identity";
            var identity = tier.Identity!;
            if (!identity.ForAws && !identity.ForGcp)
            {
                throw new InputError(at, "the identity says nothing the tier needs on any cloud",
                    "Declare AWS managed policy ARNs or inline statements, GCP roles, or both (CloudIdentitySpec.Aws(...), .Gcp(...)); a stack on a cloud the identity is not for refuses the app.");
            }

            foreach (var arn in identity.AwsManagedPolicyArns.Where(a => !a.StartsWith("arn:aws", StringComparison.Ordinal) || !a.Contains(":policy/", StringComparison.Ordinal)))
            {
                throw new InputError(at, $"'{arn}' is not an IAM policy ARN", "Write arn:aws:iam::aws:policy/<name> or arn:aws:iam::<account>:policy/<name>.");
            }

            foreach (var statement in identity.AwsInlineStatements)
            {
                if (statement.Actions.Count == 0 || statement.Resources.Count == 0 || statement.Actions.Any(a => a == "*" || a.EndsWith(":*", StringComparison.Ordinal)))
                {
                    throw new InputError(at, "an inline statement has no actions or resources, or allows every action",
                        "Name the exact actions (for example secretsmanager:GetSecretValue) and the resources they apply to.");
                }
            }

            foreach (var scope in identity.Secrets.Where(s => s.Prefix is null || s.Prefix.Length > SecretScope.MaxPrefixLength || !Dns1123Label().IsMatch(s.Prefix)))
            {
                throw new InputError(at, $"'{scope.Prefix}' is not a secret prefix",
                    $"Write lowercase letters, digits and '-' (at most {SecretScope.MaxPrefixLength}), such as the app's name: the tier reads <prefix>/… on AWS and <prefix>_… on GCP.");
            }

            if (identity.Secrets.Select(s => s.Prefix).Distinct(StringComparer.Ordinal).Count() != identity.Secrets.Count)
            {
                throw new InputError(at, "a secret prefix is declared twice", "Declare each prefix once.");
            }

            if (identity.GcpRoles.Contains(SecretScope.GcpAccessorRole, StringComparer.Ordinal))
            {
                throw new InputError(at, $"the identity asks for {SecretScope.GcpAccessorRole} on the whole project",
                    "Declare the secrets it reads as Secrets (a prefix, for example CloudIdentitySpec.ReadingSecrets(\"govtech\")), so it is granted those secrets only.");
            }

            foreach (var role in identity.GcpRoles.Where(r => !r.StartsWith("roles/", StringComparison.Ordinal) && !r.StartsWith("projects/", StringComparison.Ordinal)))
            {
                throw new InputError(at, $"'{role}' is not a GCP role", "Write a role such as roles/storage.objectViewer.");
            }

            if (identity.GcpRoles.Any(r => r is "roles/owner" or "roles/editor" or "roles/iam.workloadIdentityUser"))
            {
                throw new InputError(at, "the identity asks for a primitive or impersonation role", "Grant the narrow predefined role the tier needs.");
            }
        }
    }

    internal static TierSpec RequireTier(IReadOnlyDictionary<string, TierSpec> tiers, string name, string at, string key) =>
        tiers.TryGetValue(name, out var tier)
            ? tier
            : throw new InputError($"{at} {key}", $"unknown tier '{name}'",
                $"Use one of the app's tiers: {string.Join(", ", tiers.Keys.Order(StringComparer.Ordinal))}.");

    /// <summary>
    /// Port truth: a rule's port must be a container port of the tier, numeric or named, with the rule's protocol.
    /// A port nothing listens on passes every connectivity check and still allows nothing.
    /// </summary>
    internal static void RequirePortOn(TierSpec tier, IntOrString port, Protocol protocol, string at, string consequence = "so the rule would allow nothing")
    {
        if (!port.IsNamed)
        {
            RequirePortRange(port.Number!.Value, at, "port");
        }

        if (ContainerPorts.Find(tier, port, protocol) is not null)
        {
            return;
        }

        var exposes = ContainerPorts.Describe(tier);
        if (port.IsNamed)
        {
            throw new InputError(at, $"tier '{tier.Name}' has no {protocol} container port named '{port.Name}' ({exposes}), {consequence}",
                $"Name a port of tier '{tier.Name}' or add the named port to the tier.");
        }

        throw new InputError(at, $"tier '{tier.Name}' exposes no {protocol} port {port.Number} ({exposes}), {consequence}",
            $"Use a port tier '{tier.Name}' listens on, or add {protocol} container port {port.Number} to the tier if it really listens there.");
    }

    private static void RequirePortRange(int port, string at, string key)
    {
        if (port is < 1 or > 65535)
        {
            throw new InputError($"{at} {key}", $"port {port} is out of range", "Use a port from 1 to 65535.");
        }
    }

    private static void RequireLabel(string value, string at, string key)
    {
        if (value.Length > 63 || !Dns1123Label().IsMatch(value))
        {
            throw new InputError($"{at} {key}", $"'{value}' is not a valid Kubernetes name",
                "Use at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit.");
        }
    }

    private static void ValidateCidr(ExternalEgressSpec egress, string at)
    {
        var cidr = ParseCidr(egress.Cidr, $"{at} cidr");
        foreach (var except in egress.Except)
        {
            var range = ParseCidr(except, $"{at} except");
            if (range.BaseAddress.AddressFamily != cidr.BaseAddress.AddressFamily ||
                range.PrefixLength < cidr.PrefixLength || !cidr.Contains(range.BaseAddress))
            {
                throw new InputError($"{at} except", $"'{except}' is not inside '{egress.Cidr}'",
                    "Every except range must lie inside the rule's CIDR; remove it or widen the CIDR.");
            }
        }

        if (cidr.PrefixLength == (cidr.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128) &&
            cidr.Contains(MetadataAddress.Address))
        {
            throw new InputError($"{at} cidr", "the CIDR is the cloud metadata address 169.254.169.254",
                "Pods must never reach instance metadata; use IRSA or Workload Identity for cloud credentials.");
        }
    }

    public static IPNetwork ParseCidr(string text, string at)
    {
        if (!text.Contains('/') || !IPNetwork.TryParse(text, out var network))
        {
            throw new InputError(at, $"'{text}' is not a valid CIDR",
                "Write an address and prefix length with no host bits set, for example 10.0.0.0/8 or 2001:db8::/32.");
        }

        // IPNetwork masks host bits silently; a CIDR with host bits set usually means a typo in the address or prefix.
        if (!IPAddress.Parse(text[..text.IndexOf('/')]).Equals(network.BaseAddress))
        {
            throw new InputError(at, $"'{text}' is not a valid CIDR: it has host bits set",
                $"Write the network address, {network}, or fix the prefix length.");
        }

        return network;
    }
}
