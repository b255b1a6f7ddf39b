using YamlDotNet.RepresentationModel;

namespace Palisade.Infra.Diff;

/// <summary>
/// Pairs the items of a list on two sides by identity, not position. Items that all carry a unique identity key
/// (<see cref="IdentityKeys"/>: containers, env vars, volumes and ports by <c>name</c>, IAM statements by <c>Sid</c>)
/// are paired by it and labelled <c>name=api</c>. Other items (NetworkPolicy rules, whose identity is their peers and
/// ports; statements without a Sid) are their content: the longest common subsequence of equal items is kept, and the
/// rest are removed or added items labelled by their index on their side. Only plain values (strings, numbers)
/// replaced at one place pair up as one change.
/// </summary>
internal static class ListItems
{
    /// <summary>Keys that name a list item, in order of preference.</summary>
    public static IReadOnlyList<string> IdentityKeys { get; } = ["name", "Sid"];

    /// <summary>Paired items (either side null when the item exists on one side only) with their label in a path.</summary>
    public static IReadOnlyList<(YamlNode? Old, YamlNode? New, string Label)> Match(
        IList<YamlNode> old, IList<YamlNode> @new, Func<YamlNode, string> canonical)
    {
        foreach (var key in IdentityKeys)
        {
            var byOld = Identities(old, key);
            var byNew = Identities(@new, key);
            if (byOld is not null && byNew is not null && (old.Count > 0 || @new.Count > 0))
            {
                return ByIdentity(old, @new, key, byOld, byNew);
            }
        }

        return ByContent(old, @new, canonical);
    }

    private static List<(YamlNode?, YamlNode?, string)> ByIdentity(
        IList<YamlNode> old, IList<YamlNode> @new, string key, List<string> byOld, List<string> byNew)
    {
        var oldIndex = byOld.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        var result = new List<(YamlNode?, YamlNode?, string)>();
        for (var j = 0; j < @new.Count; j++)
        {
            result.Add((oldIndex.TryGetValue(byNew[j], out var i) ? old[i] : null, @new[j], Label(key, byNew[j])));
        }

        var added = byNew.ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < old.Count; i++)
        {
            if (!added.Contains(byOld[i]))
            {
                result.Add((old[i], null, Label(key, byOld[i])));
            }
        }

        return result;
    }

    private static List<(YamlNode?, YamlNode?, string)> ByContent(IList<YamlNode> old, IList<YamlNode> @new, Func<YamlNode, string> canonical)
    {
        var a = old.Select(canonical).ToArray();
        var b = @new.Select(canonical).ToArray();

        // Longest common subsequence, filled from the end so the walk below goes forward.
        var length = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                length[i, j] = a[i] == b[j] ? length[i + 1, j + 1] + 1 : Math.Max(length[i + 1, j], length[i, j + 1]);
            }
        }

        var result = new List<(YamlNode?, YamlNode?, string)>();
        var removed = new List<int>();
        var addedItems = new List<int>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                Flush();
                x++;
                y++;
            }
            else if (y < b.Length && (x == a.Length || length[x, y + 1] >= length[x + 1, y]))
            {
                addedItems.Add(y++);
            }
            else
            {
                removed.Add(x++);
            }
        }

        Flush();
        return result;

        // One gap between kept items: a plain value replaced by a plain value is one change, the rest stand alone.
        void Flush()
        {
            if (removed.Count == addedItems.Count && removed.All(i => old[i] is YamlScalarNode) && addedItems.All(j => @new[j] is YamlScalarNode))
            {
                result.AddRange(removed.Zip(addedItems, (i, j) => ((YamlNode?)old[i], (YamlNode?)@new[j], Index(j))));
            }
            else
            {
                result.AddRange(removed.Select(i => ((YamlNode?)old[i], (YamlNode?)null, Index(i))));
                result.AddRange(addedItems.Select(j => ((YamlNode?)null, (YamlNode?)@new[j], Index(j))));
            }

            removed.Clear();
            addedItems.Clear();
        }
    }

    /// <summary>Each item's identity under <paramref name="key"/>, or null unless every item has a unique one.</summary>
    private static List<string>? Identities(IList<YamlNode> items, string key)
    {
        var ids = new List<string>(items.Count);
        foreach (var item in items)
        {
            if (item is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var value) ||
                value is not YamlScalarNode { Value: { Length: > 0 } id })
            {
                return null;
            }

            ids.Add(id);
        }

        return ids.Distinct(StringComparer.Ordinal).Count() == ids.Count ? ids : null;
    }

    private static string Label(string key, string id) =>
        id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/' or ':')
            ? $"{key}={id}"
            : $"{key}=\"{id.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"";

    private static string Index(int index) => index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
