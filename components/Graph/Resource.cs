namespace Palisade.Components.Graph;

/// <summary>
/// A Pulumi resource: type token, logical name (unique in the program and stable across runs, because it is part
/// of the URN), input properties and options.
/// </summary>
public sealed class Resource : IGraphNode
{
    internal Resource(string type, string logicalName, MapValue properties, ResourceOptions options, Component component)
    {
        Type = type;
        LogicalName = logicalName;
        Properties = properties;
        Options = options;
        Component = component;
    }

    public string Type { get; }
    public string LogicalName { get; }
    public MapValue Properties { get; }
    public ResourceOptions Options { get; }

    /// <summary>The component that declared this resource (the plan's tree).</summary>
    public Component Component { get; }

    public string Name => LogicalName;

    /// <summary>The package (plugin) this resource belongs to, e.g. "kubernetes" or "aws".</summary>
    public string Package => Type.StartsWith("pulumi:providers:", StringComparison.Ordinal)
        ? Type["pulumi:providers:".Length..]
        : Type[..Type.IndexOf(':')];

    public bool IsProvider => Type.StartsWith("pulumi:providers:", StringComparison.Ordinal);

    /// <summary><c>${name}</c> — the resource itself (for provider, dependsOn, parent).</summary>
    public OutputRef Self => new(this, string.Empty);

    /// <summary><c>${name.path}</c>, optionally with the value the synthesizer already knows.</summary>
    public OutputRef Output(string path, Value? known = null) => new(this, path, known);

    public override string ToString() => $"{LogicalName} ({Type})";
}
