using Palisade.Components.Graph;

namespace Palisade.Stacks.Platform;

/// <summary>
/// A string setting and the config key it came from (none when it is a default). The program references configured
/// values as Pulumi config instead of inlining them, so a value set with <c>pulumi config set --secret</c> stays
/// secret in state and logs even though the compiler entry sees it decrypted.
/// </summary>
public sealed record Configured(string Text, string? Key)
{
    public Value In(ResourceGraph graph) => Key is null ? Text : graph.UseConfig(Key, ConfigType.String, Text);

    public override string ToString() => Text;
}
