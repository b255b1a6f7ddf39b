using Palisade.Components.Connectivity;
using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;
using Palisade.Infra.Checks;
using Palisade.Infra.Synthesis;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Palisade.Infra.Reports;

/// <summary>The review <c>plan</c> prints: the resource tree like a preview, each namespace's policies, the checks.</summary>
internal static class PlanReport
{
    public static void Write(SynthesisResult result, TextWriter writer)
    {
        var console = ReportConsole.Create(writer);
        var stack = result.Stack;
        var graph = stack.Graph;
        console.MarkupLine($"[bold]Plan for stack {Markup.Escape(stack.Stack)}[/] ({Markup.Escape(stack.Config.Source)}): " +
                           $"{graph.Resources.Count} resources to create, {stack.Apps.Count} app(s), offline, no credentials used");
        console.WriteLine();
        console.Write(ResourceTree(graph));
        console.WriteLine();

        foreach (var group in stack.Policies.Select(p => p.Policy).GroupBy(p => p.Namespace).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            console.Write(PolicyTable(group.Key, group.OrderBy(p => p.Name, StringComparer.Ordinal)));
        }

        console.WriteLine();
        console.Write(ConnectivityTable(result));
        console.WriteLine();
        if (result.Declared.Invariants.Count > 0)
        {
            console.Write(InvariantTable(result));
            console.WriteLine();
        }

        if (stack.Platform.Ingress is { } ingress && stack.Apps.Any(a => a.App.Ingress is not null))
        {
            console.Write(EdgeTable(ingress, stack.Apps.Select(a => a.App)));
            console.WriteLine();
        }

        console.MarkupLine("[bold]Assumptions[/] (what the proof takes as given about the cluster)");
        foreach (var assumption in stack.Assumptions.Select(a => a.ToString()).Concat(result.Connectivity.Assumptions.Select(a => $"analysis: {a}")))
        {
            console.MarkupLine($"  - {Markup.Escape(assumption)}");
        }

        console.WriteLine();
        console.MarkupLine("[bold]Checks[/]");
        foreach (var check in result.Checks)
        {
            var mark = check.Passed ? "[green]PASS[/]" : "[red]FAIL[/]";
            console.MarkupLine($"  {mark} {Markup.Escape(check.Label)}");
            foreach (var finding in check.Findings)
            {
                console.MarkupLine($"       {Markup.Escape(finding)}");
            }
        }

        var failed = result.Checks.Count(c => !c.Passed);
        console.WriteLine();
        console.MarkupLine(failed == 0
            ? $"[green]All {result.Checks.Count} checks passed.[/] Deploy with: pulumi up -s {Markup.Escape(stack.Stack)}"
            : $"[red]{failed} of {result.Checks.Count} checks failed.[/] Fix them before deploying.");
    }

    private static Tree ResourceTree(ResourceGraph graph)
    {
        var tree = new Tree($"[bold]{Markup.Escape(graph.Root.Type)}[/] {Markup.Escape(graph.Root.Name)}");
        AddChildren(tree, graph.Root);
        return tree;
    }

    private static void AddChildren(IHasTreeNodes parent, Component component)
    {
        foreach (var child in component.Children)
        {
            switch (child)
            {
                case Component c:
                    AddChildren(parent.AddNode($"[blue]{Markup.Escape(c.Type)}[/] {Markup.Escape(c.Name)}"), c);
                    break;
                case Resource r:
                    var flags = r.Options.Protect ? " [yellow](protected)[/]" : string.Empty;
                    parent.AddNode($"[green]+[/] {Markup.Escape(r.Type)} {Markup.Escape(r.LogicalName)}{flags}");
                    break;
            }
        }
    }

    private static IRenderable PolicyTable(string ns, IEnumerable<NetworkPolicy> policies)
    {
        var table = new Table { Title = new TableTitle($"NetworkPolicies in namespace {ns}"), Border = TableBorder.Rounded };
        table.AddColumns("Policy", "Applies to", "Direction", "Peers", "Ports");
        foreach (var policy in policies)
        {
            var selects = PolicyText.Selector(policy.PodSelector);
            var rows = (policy.Ingress ?? []).Select(r => ("Ingress from", r))
                .Concat((policy.Egress ?? []).Select(r => ("Egress to", r)))
                .ToList();
            if (rows.Count == 0)
            {
                table.AddRow(Cell(policy.Name), Cell(selects), Cell($"deny {string.Join("+", policy.EffectivePolicyTypes)}"), Cell("nobody"), Cell("-"));
                continue;
            }

            foreach (var (direction, rule) in rows)
            {
                table.AddRow(Cell(policy.Name), Cell(selects), Cell(direction), Cell(PolicyText.Peers(rule.Peers)), Cell(PolicyText.Ports(rule.Ports)));
            }
        }

        return table;
    }

    private static IRenderable ConnectivityTable(SynthesisResult result)
    {
        var declared = result.Declared;
        var table = new Table
        {
            Title = new TableTitle("Connectivity computed from the rendered manifests (connections to or from app workloads)"),
            Border = TableBorder.Rounded,
        };
        table.AddColumns("Source", "Destination", "Allowed", "Declared as", "Allowed by");
        foreach (var connection in result.Connectivity.Connections)
        {
            var source = connection.Source is WorkloadPeer s ? s.Id : null;
            var destination = connection.Destination is WorkloadPeer d ? d.Id : null;
            if ((source is null || !declared.AppWorkloads.Contains(source)) && (destination is null || !declared.AppWorkloads.Contains(destination)))
            {
                continue;
            }

            var reasons = declared.ReasonsFor(connection.Source, connection.Destination);
            table.AddRow(
                Cell(connection.Source.Name),
                Cell(connection.Destination.Name),
                Cell(connection.Allowed.ToString()),
                reasons.Count == 0 ? new Markup("[red]UNDECLARED[/]") : Cell(string.Join("; ", reasons)),
                Cell(DecidingRules.AllowingInShort(result.Connectivity, connection.Source, connection.Destination, connection.Allowed).Replace("; ", "\n", StringComparison.Ordinal)));
        }

        return table;
    }

    private static IRenderable InvariantTable(SynthesisResult result)
    {
        var table = new Table
        {
            Title = new TableTitle("App invariants (what must never be open), checked on the computed connectivity"),
            Border = TableBorder.Rounded,
        };
        table.AddColumns("App", "Invariant", "Status");
        foreach (var outcome in AppInvariantChecks.Evaluate(result.Connectivity, result.Declared))
        {
            table.AddRow(
                Cell(outcome.Invariant.App),
                Cell(outcome.Invariant.Invariant.ToString()),
                outcome.Held ? new Markup("[green]held[/]") : new Markup($"[red]VIOLATED[/]: {Markup.Escape(string.Join("; ", outcome.Violations))}"));
        }

        return table;
    }

    private static IRenderable EdgeTable(Palisade.Stacks.Platform.IngressTarget ingress, IEnumerable<Palisade.Components.ZeroTrust.AppSpec> apps)
    {
        var table = new Table { Title = new TableTitle($"Edge limits per exposed route, as ingress {ingress.Name} enforces them"), Border = TableBorder.Rounded };
        table.AddColumns("Route", "Limit", "Declared", "Enforced by");
        foreach (var app in apps.Where(a => a.Ingress is not null).OrderBy(a => a.Name, StringComparer.Ordinal))
        {
            foreach (var route in app.Ingress!.Routes)
            {
                var limits = app.Ingress.LimitsOf(route);
                foreach (var limit in Enum.GetValues<Palisade.Components.ZeroTrust.EdgeLimit>())
                {
                    var how = ingress.Edge.How.TryGetValue(limit, out var mechanism)
                        ? (IRenderable)new Text(mechanism)
                        : new Markup("[yellow]NOT ENFORCED[/] (no mechanism on this kind; accepted by palisade:unenforcedLimits)");
                    table.AddRow(Cell($"{app.Name} {route.Path} -> {route.Tier}"), Cell(Palisade.Components.ZeroTrust.EdgeLimits.Key(limit)), Cell(limits.Show(limit)), how);
                }
            }
        }

        return table;
    }

    private static Text Cell(string text) => new(text);
}
