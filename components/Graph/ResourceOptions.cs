namespace Palisade.Components.Graph;

/// <summary>Pulumi resource options the synthesizer uses. Only literal-capable options are modelled as literals.</summary>
public sealed record ResourceOptions
{
    public static ResourceOptions None { get; } = new();

    public Resource? Provider { get; init; }
    public Resource? Parent { get; init; }
    public IReadOnlyList<Resource> DependsOn { get; init; } = [];
    public bool Protect { get; init; }
    public bool RetainOnDelete { get; init; }
    public IReadOnlyList<string> IgnoreChanges { get; init; } = [];

    /// <summary>Pins the provider plugin version (only on provider resources and package components).</summary>
    public string? Version { get; init; }
}
