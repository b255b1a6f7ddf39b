using Palisade.Components.Graph;

namespace Palisade.Components.Gcp;

/// <summary>The explicit GCP provider every GCP resource of the stack uses, pinned, with the stack's project and region.</summary>
public static class GcpProvider
{
    public const string LogicalName = "gcp";

    public static Resource Create(ResourceGraph graph, Component parent, string project, string region) =>
        graph.AddResource(parent, GcpTypes.Provider, LogicalName,
            new MapBuilder { { "project", project }, { "region", region } },
            new ResourceOptions { Version = GcpTypes.PackageVersion });
}
