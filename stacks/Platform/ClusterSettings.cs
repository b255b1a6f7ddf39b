using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Palisade.Stacks.Config;

namespace Palisade.Stacks.Platform;

/// <summary>Node pool sizing shared by EKS node groups and GKE node pools.</summary>
public sealed record NodeSizing(Configured NodeType, int Min, int Desired, int Max);

/// <summary>The settings every cluster a stack creates has, whatever the cloud.</summary>
public sealed partial record ClusterSettings(
    string Name,
    string? KubernetesVersion,
    NodeSizing Nodes,
    IReadOnlyList<string> ApiAccessCidrs,
    bool DeletionProtection)
{
    /// <summary>In standard support on EKS and GKE at release (EKS 1.33 left standard support on 2026-07-29).</summary>
    public const string DefaultKubernetesVersion = Components.Aws.EksCluster.DefaultKubernetesVersion;
    public const int MinKubernetesMinor = 25;

    [GeneratedRegex("^1\\.[0-9]{2}$")]
    private static partial Regex VersionPattern();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex NamePattern();

    /// <param name="defaultVersion">The version when the stack pins none; null leaves it to the cloud's release channel.</param>
    public static ClusterSettings Read(SettingsReader reader, string defaultNodeType, string apiCidrsWhy, string? defaultVersion)
    {
        var name = reader.String(ConfigSchema.ClusterName, $"palisade-{reader.Stack}");
        if (name.Length > 40 || !NamePattern().IsMatch(name))
        {
            throw reader.Error(ConfigSchema.ClusterName, $"'{SettingsReader.Excerpt(name)}' is not a valid cluster name",
                "Use at most 40 lowercase letters, digits and '-', starting with a letter (set palisade:clusterName).");
        }

        var version = reader.String(ConfigSchema.KubernetesVersion) ?? defaultVersion;
        if (version is not null && (!VersionPattern().IsMatch(version) || int.Parse(version[2..], CultureInfo.InvariantCulture) < MinKubernetesMinor))
        {
            throw reader.Error(ConfigSchema.KubernetesVersion, $"'{SettingsReader.Excerpt(version)}' is not a supported Kubernetes minor version",
                "Write it as 1.<minor>, at least 1.25 (NetworkPolicy enforcement by the VPC CNI needs 1.25 or later), e.g. 1.35.");
        }

        return new ClusterSettings(name, version, ReadNodes(reader, defaultNodeType), ReadApiCidrs(reader, apiCidrsWhy),
            reader.Boolean(ConfigSchema.DeletionProtection, false));
    }

    private static IReadOnlyList<string> ReadApiCidrs(SettingsReader reader, string why)
    {
        var cidrs = reader.List(ConfigSchema.ApiAccessCidrs);
        if (cidrs.Count == 0)
        {
            throw reader.Error(ConfigSchema.ApiAccessCidrs, "the key is required on a stack that creates its cluster",
                "List the CIDRs allowed to reach the Kubernetes API, e.g. [203.0.113.0/24]; the API is never open to everyone by default.");
        }

        var networks = cidrs.Select(c => reader.Cidr(ConfigSchema.ApiAccessCidrs, c, AddressFamily.InterNetwork, why)).ToList();
        reader.NotEverything(ConfigSchema.ApiAccessCidrs, networks, "List only the networks operators and CI connect from.");
        return cidrs;
    }

    private static NodeSizing ReadNodes(SettingsReader reader, string defaultType)
    {
        var type = reader.Referenced(ConfigSchema.NodeType, defaultType);
        var min = Size(reader, ConfigSchema.NodeMinSize, 1);
        var desired = Size(reader, ConfigSchema.NodeDesiredSize, 2);
        var max = Size(reader, ConfigSchema.NodeMaxSize, 3);
        if (!(min <= desired && desired <= max) || max == 0)
        {
            throw reader.Error(ConfigSchema.NodeDesiredSize, $"node sizes min {min}, desired {desired}, max {max} are not ordered",
                "Set palisade:nodeMinSize <= palisade:nodeDesiredSize <= palisade:nodeMaxSize, with a maximum of at least 1.");
        }

        return new NodeSizing(type, min, desired, max);
    }

    private static int Size(SettingsReader reader, ConfigKey key, int fallback) => (int)reader.Integer(key, fallback, 0, 100, "nodes");
}
