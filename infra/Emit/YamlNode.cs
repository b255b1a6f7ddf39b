namespace Palisade.Infra.Emit;

/// <summary>A YAML document tree to write: scalars, sequences and mappings whose key order is kept as given.</summary>
internal abstract record YamlNode;

internal enum ScalarKind
{
    String,
    Number,
    Boolean,
    Null,
}

internal sealed record YamlScalar(string Text, ScalarKind Kind = ScalarKind.String) : YamlNode
{
    public static YamlScalar Null { get; } = new("null", ScalarKind.Null);
}

internal sealed record YamlSequence(IReadOnlyList<YamlNode> Items) : YamlNode;

internal sealed record YamlMapping(IReadOnlyList<KeyValuePair<string, YamlNode>> Entries) : YamlNode
{
    public static YamlMapping Of(params (string Key, YamlNode? Value)[] entries) =>
        new(entries.Where(e => e.Value is not null).Select(e => new KeyValuePair<string, YamlNode>(e.Key, e.Value!)).ToList());
}
