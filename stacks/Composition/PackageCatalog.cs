using Palisade.Components.Aws;
using Palisade.Components.Gcp;
using Palisade.Components.Ingress;

namespace Palisade.Stacks.Composition;

/// <summary>
/// Every provider package any stack may use, with its pinned version. The Pulumi YAML host runs the compiler once
/// without a stack to learn which plugins to install, and gets a program that references exactly these.
/// </summary>
internal static class PackageCatalog
{
    public static IReadOnlyDictionary<string, string> Versions { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["aws"] = AwsTypes.PackageVersion,
        ["gcp"] = GcpTypes.PackageVersion,
        ["kubernetes"] = StackComposer.KubernetesVersion,
        ["kubernetes-ingress-nginx"] = NginxIngressController.PackageVersion,
    };
}
