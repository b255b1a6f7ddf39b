namespace Palisade.Components.Graph;

/// <summary>The graph would be invalid (name collision, dangling reference). Always a bug in composition or input.</summary>
public sealed class GraphException(string message) : Exception(message);
