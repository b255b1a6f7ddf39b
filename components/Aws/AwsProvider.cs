using Palisade.Components.Graph;

namespace Palisade.Components.Aws;

/// <summary>The explicit AWS provider every AWS resource and invoke of the stack uses, pinned and in the stack's region.</summary>
public static class AwsProvider
{
    public const string LogicalName = "aws";

    /// <param name="name">Default: <c>aws</c>; another name for a second region.</param>
    public static Resource Create(ResourceGraph graph, Component parent, string region, string name = LogicalName) =>
        graph.AddResource(parent, AwsTypes.Provider, name,
            new MapBuilder { { "region", region } },
            new ResourceOptions { Version = AwsTypes.PackageVersion });
}
