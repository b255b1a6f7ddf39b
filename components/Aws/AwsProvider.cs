using Palisade.Components.Graph;

namespace Palisade.Components.Aws;

/// <summary>The explicit AWS provider every AWS resource and invoke of the stack uses, pinned and in the stack's region.</summary>
public static class AwsProvider
{
    public const string LogicalName = "aws";

    public static Resource Create(ResourceGraph graph, Component parent, string region) =>
        graph.AddResource(parent, AwsTypes.Provider, LogicalName,
            new MapBuilder { { "region", region } },
            new ResourceOptions { Version = AwsTypes.PackageVersion });
}
