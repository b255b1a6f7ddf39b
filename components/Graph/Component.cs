namespace Palisade.Components.Graph;

public interface IGraphNode
{
    string Name { get; }
}

/// <summary>
/// A logical grouping of resources and other components (like a Pulumi ComponentResource). Pulumi YAML programs
/// cannot declare components, so the emitter flattens them; the plan shows the tree and logical names carry the
/// hierarchy as prefixes.
/// </summary>
public sealed class Component : IGraphNode
{
    private readonly List<IGraphNode> _children = [];

    internal Component(string type, string name, Component? parent)
    {
        Type = type;
        Name = name;
        Parent = parent;
    }

    /// <summary>A component type token in Pulumi's style, e.g. "palisade:k8s:ZeroTrustNamespace".</summary>
    public string Type { get; }
    public string Name { get; }
    public Component? Parent { get; }
    public IReadOnlyList<IGraphNode> Children => _children;

    internal void AddChild(IGraphNode child) => _children.Add(child);

    /// <summary>The logical name for a child resource: this component's name plus a suffix.</summary>
    public string ChildName(string suffix) => $"{Name}-{suffix}";

    public IEnumerable<Resource> DescendantResources() =>
        _children.SelectMany(c => c switch
        {
            Resource r => [r],
            Component k => k.DescendantResources(),
            _ => [],
        });
}
