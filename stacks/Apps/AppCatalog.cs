using Palisade.Components.ZeroTrust;

namespace Palisade.Stacks.Apps;

/// <summary>The applications a stack can deploy, by the name stacks use in <c>palisade:apps</c>.</summary>
public static class AppCatalog
{
    private static readonly IReadOnlyDictionary<string, Func<AppSpec>> Apps =
        new SortedDictionary<string, Func<AppSpec>>(StringComparer.Ordinal)
        {
            ["govtech"] = GovTechApp.Define,
            ["tenant-a"] = () => TenantApp.Define("tenant-a"),
            ["tenant-b"] = () => TenantApp.Define("tenant-b"),
            ["tomoda"] = TomodaApp.Define,
            ["voting"] = VotingApp.Define,
        };

    public static IEnumerable<string> Names => Apps.Keys;

    public static AppSpec? Find(string name) => Apps.TryGetValue(name, out var define) ? define() : null;
}
