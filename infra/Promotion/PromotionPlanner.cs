using System.Text.Json.Nodes;
using Palisade.Components.Connectivity;
using Palisade.Infra.Diff;
using Palisade.Infra.Synthesis;
using YamlDotNet.RepresentationModel;

namespace Palisade.Infra.Promotion;

/// <summary>
/// Decides whether <c>from</c> may be promoted into <c>to</c>: the source must verify, both stacks must share one
/// environment-independent part, the target must not lose (delete, replace or unprotect) a protected resource, and
/// the target must not allow any connection from an app workload that the source does not. Pure: both stacks are
/// already synthesized, the target's base (what it runs now) is given as files.
/// </summary>
internal static class PromotionPlanner
{
    private const int MaxListed = 12;

    public static PromotionPlan Plan(SynthesisResult from, SynthesisResult to, DiffSide toBase)
    {
        var refusals = new List<string>();
        var fromPart = EnvironmentIndependentPart.Build(from);
        var toPart = EnvironmentIndependentPart.Build(to);

        refusals.AddRange(from.Checks.Where(c => !c.Passed)
            .Select(c => $"{from.Stack.Stack} does not verify: {c.Label}: {string.Join("; ", c.Findings)}"));
        refusals.AddRange(PartDifferences(fromPart, toPart, from.Stack.Stack, to.Stack.Stack));

        var toNow = new DiffSide(to.Stack.Stack, $"{to.Stack.Stack} (promoted)", to.Files);
        var changes = StackDiff.Compare(toBase, toNow);
        refusals.AddRange(LostProtection(toBase, changes, to.Stack.Stack));
        refusals.AddRange(ConnectionsNotAllowedBySource(from, to));

        return new PromotionPlan(from.Stack.Stack, to.Stack.Stack, EnvironmentIndependentPart.Digest(fromPart), refusals, changes);
    }

    private static IEnumerable<string> PartDifferences(JsonNode fromPart, JsonNode toPart, string fromStack, string toStack)
    {
        var paths = new List<string>();
        Compare(fromPart, toPart, "$", paths);
        return paths.Take(MaxListed).Select(p =>
            $"{toStack} would not run what {fromStack} verified: the environment-independent part differs at {p} (align the apps and version keys in both stack files)");
    }

    private static void Compare(JsonNode? a, JsonNode? b, string path, List<string> differences)
    {
        switch (a, b)
        {
            case (JsonObject x, JsonObject y):
                foreach (var key in x.Select(e => e.Key).Union(y.Select(e => e.Key)).Order(StringComparer.Ordinal))
                {
                    Compare(x[key], y[key], $"{path}.{key}", differences);
                }

                break;
            case (JsonArray x, JsonArray y) when x.Count == y.Count:
                for (var i = 0; i < x.Count; i++)
                {
                    Compare(x[i], y[i], $"{path}[{i}]", differences);
                }

                break;
            default:
                if (!JsonNode.DeepEquals(a, b))
                {
                    differences.Add(path);
                }

                break;
        }
    }

    private static IEnumerable<string> LostProtection(DiffSide toBase, StackDiff changes, string toStack)
    {
        var protectedAtBase = ProtectedResources(toBase.File(DiffSide.ProgramFile));
        foreach (var change in changes.Resources.Where(c => protectedAtBase.Contains(c.Name)))
        {
            var unprotected = change.Changes.Any(p => p.Path == "options.protect" && p.New is null or "false");
            if (change.Action is ResourceAction.Delete or ResourceAction.Replace || unprotected)
            {
                var what = change.Action switch
                {
                    ResourceAction.Delete => "be deleted",
                    ResourceAction.Replace => $"be replaced ({string.Join("; ", change.ReplaceReasons)})",
                    _ => "lose its protection",
                };
                yield return $"{toStack} would lose protected resource {change.Name} ({change.Type}): it would {what}";
            }
        }
    }

    private static HashSet<string> ProtectedResources(string? program)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (program is null)
        {
            return names;
        }

        var stream = new YamlStream();
        stream.Load(new StringReader(program));
        if (stream.Documents[0].RootNode is YamlMappingNode root &&
            root.Children.TryGetValue(new YamlScalarNode("resources"), out var resources) && resources is YamlMappingNode map)
        {
            foreach (var (name, body) in map.Children)
            {
                if (body is YamlMappingNode resource &&
                    resource.Children.TryGetValue(new YamlScalarNode("options"), out var options) && options is YamlMappingNode o &&
                    o.Children.TryGetValue(new YamlScalarNode("protect"), out var protect) && protect.ToString() == "true")
                {
                    names.Add(name.ToString());
                }
            }
        }

        return names;
    }

    /// <summary>
    /// Traffic from app workloads must be allowed in the source too. Traffic into apps from platform peers (ingress
    /// controller, load balancer, monitoring) is where environments differ by design, and is compared by the
    /// environment-independent part instead (the apps' exposure), not here.
    /// </summary>
    private static IEnumerable<string> ConnectionsNotAllowedBySource(SynthesisResult from, SynthesisResult to)
    {
        var fromWorkloads = from.Connectivity.Workloads.Select(w => w.Id).ToHashSet(StringComparer.Ordinal);
        var refusals = new List<string>();
        foreach (var connection in to.Connectivity.Connections)
        {
            if (connection.Source is not WorkloadPeer source || !to.Declared.AppWorkloads.Contains(source.Id))
            {
                continue;
            }

            var allowedInSource = connection.Destination switch
            {
                _ when !fromWorkloads.Contains(source.Id) => ConnectionSet.None,
                WorkloadPeer d when fromWorkloads.Contains(d.Id) => from.Connectivity.Between(source.Id, d.Id),
                ExternalPeer e => e.Ranges.SelectMany(r => new[] { r.FirstAddress, r.LastAddress })
                    .Select(address => from.Connectivity.ExternalFamilies.Contains(address.AddressFamily)
                        ? from.Connectivity.ToExternal(source.Id, address)
                        : ConnectionSet.None)
                    .Aggregate(ConnectionSet.All, (set, next) => set.Intersect(next)),
                _ => ConnectionSet.None,
            };
            if (!connection.Allowed.IsSubsetOf(allowedInSource))
            {
                refusals.Add($"{to.Stack.Stack} would open {connection.Source} => {connection.Destination}: {connection.Allowed}, " +
                             $"which {from.Stack.Stack} does not allow ({(allowedInSource.IsEmpty ? "nothing" : allowedInSource.ToString())})");
            }
        }

        return refusals.Take(MaxListed);
    }
}
