using System.Text.RegularExpressions;

namespace Palisade.Components.Identity;

/// <summary>
/// A Kubernetes service account, by namespace and name, both validated as Kubernetes names (DNS-1123 labels). It is
/// the only way to name who may use a cloud identity, so a wildcard, an empty part or a separator in either part
/// cannot reach a trust policy or an IAM binding.
/// </summary>
internal sealed partial record ServiceAccountRef
{
    private ServiceAccountRef(string @namespace, string name)
    {
        Namespace = @namespace;
        Name = name;
    }

    public string Namespace { get; }
    public string Name { get; }

    /// <summary>The IRSA <c>sub</c> claim: <c>system:serviceaccount:&lt;namespace&gt;:&lt;name&gt;</c>.</summary>
    public string IrsaSubject => $"system:serviceaccount:{Namespace}:{Name}";

    /// <summary>The GKE Workload Identity member for a project's pool: <c>serviceAccount:&lt;project&gt;.svc.id.goog[&lt;ns&gt;/&lt;name&gt;]</c>.</summary>
    public string WorkloadIdentityMember(string project) => $"serviceAccount:{project}.svc.id.goog[{Namespace}/{Name}]";

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123Label();

    public static ServiceAccountRef Of(string @namespace, string name)
    {
        Require(@namespace, "namespace");
        Require(name, "service account name");
        return new ServiceAccountRef(@namespace, name);
    }

    private static void Require(string value, string what)
    {
        if (value is null || value.Length > 63 || !Dns1123Label().IsMatch(value))
        {
            throw new ArgumentException(
                $"'{value}' is not a valid Kubernetes {what}: cloud identities are bound to exactly one service account, never a pattern.");
        }
    }

    public override string ToString() => $"{Namespace}/{Name}";
}
