using Palisade.Components.Graph;

namespace Palisade.Components.Gcp;

/// <summary>The explicit GCP provider every GCP resource of the stack uses, pinned, with the stack's project and region.</summary>
public static class GcpProvider
{
    public const string LogicalName = "gcp";

    /// <param name="name">Default: <c>gcp</c>; another name for a second project or region.</param>
    public static Resource Create(ResourceGraph graph, Component parent, string project, string region, string name = LogicalName) =>
        graph.AddResource(parent, GcpTypes.Provider, name,
            new MapBuilder { { "project", project }, { "region", region } },
            new ResourceOptions { Version = GcpTypes.PackageVersion });
}
