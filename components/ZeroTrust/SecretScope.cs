using Palisade.Components.Aws;

namespace Palisade.Components.ZeroTrust;

/// <summary>
/// Secrets a tier reads, declared once as a name prefix and granted exactly that on each cloud: AWS Secrets Manager
/// secrets named <c>&lt;prefix&gt;/…</c>, Google Secret Manager secrets whose id starts with <c>&lt;prefix&gt;_</c>
/// (ids cannot hold '/'; a prefix cannot hold '_', so <c>govtech</c> never reaches the secrets of <c>govtech-admin</c>).
/// </summary>
public sealed record SecretScope(string Prefix)
{
    public const int MaxPrefixLength = 100;
    public const string AwsReadAction = "secretsmanager:GetSecretValue";
    public const string GcpAccessorRole = "roles/secretmanager.secretAccessor";

    /// <summary>Every secret under the prefix in any region and account the role's credentials reach.</summary>
    public string AwsResourceArn => $"arn:aws:secretsmanager:*:*:secret:{Prefix}/*";

    public IamStatement AwsStatement => new([AwsReadAction], [AwsResourceArn]);

    /// <summary>What a Google Secret Manager secret id of the scope starts with.</summary>
    public string GcpSecretIdPrefix => $"{Prefix}_";

    public override string ToString() => Prefix;
}
