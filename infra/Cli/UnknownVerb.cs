using Palisade.Components.Diagnostics;
using System.CommandLine;

namespace Palisade.Infra.Cli;

/// <summary>The first word is not a verb: say which word, the closest verb, and the list.</summary>
internal static class UnknownVerb
{
    public static string? Describe(IReadOnlyList<string> args, IEnumerable<Command> verbs)
    {
        var names = verbs.Select(v => v.Name).ToList();
        if (args.Count == 0 || args[0].StartsWith('-') || names.Contains(args[0], StringComparer.Ordinal))
        {
            return null;
        }

        var word = Components.Diagnostics.Excerpt.Plain(args[0]);
        var closest = args[0].Length > 40 ? null : names.Select(n => (Name: n, Distance: Distance(args[0].ToLowerInvariant(), n)))
            .Where(x => x.Distance <= Math.Max(1, x.Name.Length / 3))
            .OrderBy(x => x.Distance)
            .Select(x => x.Name)
            .FirstOrDefault();
        return $"unknown verb '{word}'.{(closest is null ? "" : $" Did you mean '{closest}'?")} Verbs: {string.Join(", ", names)}. Run with --help for usage.";
    }

    /// <summary>Optimal string alignment distance: edits, counting a swap of two neighbours as one ("plna" is one from "plan").</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
