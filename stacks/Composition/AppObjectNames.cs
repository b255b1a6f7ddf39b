using Palisade.Components.Diagnostics;
using Palisade.Components.ZeroTrust;

namespace Palisade.Stacks.Composition;

/// <summary>
/// Logical names in the program start with each app's name, but the Kubernetes objects a tier creates are named after
/// the tier: its ServiceAccount and its Service. Two tiers (of one app or of two) that would create the same object in
/// one namespace are refused here, before two resources of the program fight over one object in the cluster.
/// </summary>
public static class AppObjectNames
{
    public static void RefuseShared(IReadOnlyList<AppSpec> apps)
    {
        var owners = new Dictionary<(string Kind, string Namespace, string Name), (AppSpec App, TierSpec Tier)>();
        foreach (var app in apps)
        {
            foreach (var tier in app.Tiers)
            {
                Claim(owners, ("ServiceAccount", tier.Namespace, tier.ServiceAccountName), app, tier);
                if (tier.Ports.Count > 0)
                {
                    Claim(owners, ("Service", tier.Namespace, tier.Name), app, tier);
                }
            }
        }
    }

    private static void Claim(Dictionary<(string Kind, string Namespace, string Name), (AppSpec App, TierSpec Tier)> owners,
        (string Kind, string Namespace, string Name) key, AppSpec app, TierSpec tier)
    {
        if (owners.TryGetValue(key, out var owner))
        {
            throw new InputError($"{app.Source}: app '{app.Name}' tier '{tier.Name}'",
                $"the tier's {key.Kind} '{key.Name}' in namespace '{key.Namespace}' is already the {key.Kind} of app '{owner.App.Name}' tier '{owner.Tier.Name}' ({owner.App.Source})",
                key.Kind == "ServiceAccount"
                    ? "Give one of the tiers its own service account name, or run it in another namespace."
                    : "Rename one of the tiers (its Service is named after it), or run it in another namespace.");
        }

        owners[key] = (app, tier);
    }
}
