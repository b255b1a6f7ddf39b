using Palisade.Components.Graph;

namespace Palisade.Stacks.Platform;

/// <summary>
/// A string setting and the config key it came from (none when it is a default). The program references configured
/// values as Pulumi config instead of inlining them, so a value set with <c>pulumi config set --secret</c> stays
/// secret in state and logs even though the compiler entry sees it decrypted. Offline, a secret's text is not
/// <see cref="Known"/> (nobody decrypts it), so it is neither validated nor written anywhere.
/// </summary>
internal sealed record Configured(string Text, string? Key, bool Secret = false, bool Known = true)
{
    public const string Hidden = "[secret]";

    public static Configured Unknown(string key) => new(Hidden, key, Secret: true, Known: false);

    public Value In(ResourceGraph graph) =>
        Key is null ? Text : graph.UseConfig(Key, ConfigType.String, Secret ? null : new StringValue(Text), Secret);

    public override string ToString() => Text;
}
