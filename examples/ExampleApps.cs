using Palisade.Stacks.Composition;

namespace Palisade.Examples;

/// <summary>The seed systems' applications, as this repository's stacks deploy them.</summary>
public static class ExampleApps
{
    public static AppCatalog Catalog { get; } = AppCatalog.Empty
        .Add("govtech", GovTechApp.Define)
        .Add("tenant-a", () => TenantApp.Define("tenant-a"))
        .Add("tenant-b", () => TenantApp.Define("tenant-b"))
        .Add("tomoda", TomodaApp.Define)
        .Add("voting", VotingApp.Define)
        .RegisteredAt("examples/ExampleApps.cs");
}
