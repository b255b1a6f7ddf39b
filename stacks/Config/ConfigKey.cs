namespace Palisade.Stacks.Config;

internal enum ConfigKind
{
    String,
    Integer,
    Boolean,
    StringList,
    Cidr,
    CidrList,
    Map,
}

/// <summary>
/// One key of the project's stack config (<c>palisade:&lt;name&gt;</c>). Secret keys are never inlined into the
/// program: the program references them so they stay encrypted in state and logs.
/// </summary>
/// <remarks><paramref name="AppliesTo"/> names the stacks the key does something on, for the error that refuses it elsewhere.</remarks>
/// <remarks>
/// <paramref name="Secret"/> keys must be secrets. <paramref name="MayBeSecret"/> keys are referenced as config by the
/// program, so they stay secret in Pulumi's state and logs when set with --secret; every other key is written into
/// resource names or decides what is synthesized, so it cannot be a secret.
/// </remarks>
internal sealed record ConfigKey(string Name, ConfigKind Kind, string Description, bool Required = false, bool Secret = false,
    string AppliesTo = "every stack", bool MayBeSecret = false);
