namespace Palisade.Stacks.Config;

public enum ConfigKind
{
    String,
    Integer,
    Boolean,
    StringList,
    Cidr,
    CidrList,
}

/// <summary>
/// One key of the project's stack config (<c>palisade:&lt;name&gt;</c>). Secret keys are never inlined into the
/// program: the program references them so they stay encrypted in state and logs.
/// </summary>
/// <remarks><paramref name="AppliesTo"/> names the stacks the key does something on, for the error that refuses it elsewhere.</remarks>
public sealed record ConfigKey(string Name, ConfigKind Kind, string Description, bool Required = false, bool Secret = false,
    string AppliesTo = "every stack");
