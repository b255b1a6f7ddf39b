using System.Net.Sockets;

namespace Palisade.Components.Connectivity;

/// <summary>An inclusive run of block indexes.</summary>
internal readonly record struct BlockInterval(int First, int Last);

/// <summary>
/// The external address space cut at every ipBlock and except boundary into the coarsest blocks that all policies
/// treat uniformly. Covers all of IPv4, plus all of IPv6 when any ipBlock is IPv6. Blocks are indexed IPv4 first.
/// </summary>
internal sealed class AddressSpace
{
    private readonly AddressRange[] blocks;
    private readonly IReadOnlyList<NamedRange> named;
    private readonly string?[] blockNames;

    /// <param name="named">Ranges cut out as blocks of their own so that results can name them.</param>
    public AddressSpace(IEnumerable<CompiledIpBlock> ipBlocks, IReadOnlyList<NamedRange>? named = null)
    {
        this.named = named ?? [];
        var ranges = ipBlocks.SelectMany(b => b.Except.Prepend(b.Cidr)).ToList();
        var families = new List<AddressFamily> { AddressFamily.InterNetwork };
        if (ranges.Any(r => r.Family == AddressFamily.InterNetworkV6))
        {
            families.Add(AddressFamily.InterNetworkV6);
        }

        // A named range of a family no policy uses adds no family: it is named only where the analysis looks.
        ranges.AddRange(this.named.Select(n => n.Range).Where(r => families.Contains(r.Family)));

        var all = new List<AddressRange>();
        foreach (var family in families)
        {
            var max = AddressRange.MaxValue(family);
            var starts = new SortedSet<UInt128> { UInt128.Zero };
            foreach (var range in ranges.Where(r => r.Family == family))
            {
                starts.Add(range.First);
                if (range.Last != max)
                {
                    starts.Add(range.Last + 1);
                }
            }

            var ordered = starts.ToArray();
            for (var i = 0; i < ordered.Length; i++)
            {
                all.Add(new AddressRange(family, ordered[i], i + 1 < ordered.Length ? ordered[i + 1] - 1 : max));
            }
        }

        blocks = [.. all];
        blockNames = [.. all.Select(b => this.named.FirstOrDefault(n => n.Range.Contains(b))?.Name)];
        Families = families;
        Everything = [new BlockInterval(0, blocks.Length - 1)];
    }

    public IReadOnlyList<AddressFamily> Families { get; }

    /// <summary>
    /// The name of the named range that holds a range of addresses (every block is inside one or outside all). A run
    /// of blocks with one name may span adjacent named ranges of that name (two node subnets), so its first address decides.
    /// </summary>
    public string? NameOf(AddressRange range) =>
        named.FirstOrDefault(n => n.Range.Family == range.Family && n.Range.First <= range.First && range.First <= n.Range.Last)?.Name;

    public IReadOnlyList<AddressRange> Blocks => blocks;

    public IReadOnlyList<BlockInterval> Everything { get; }

    /// <summary>The blocks an ipBlock matches: its CIDR minus its except ranges.</summary>
    public IReadOnlyList<BlockInterval> Cover(CompiledIpBlock ipBlock)
    {
        var result = new List<BlockInterval>();
        var cidr = Interval(ipBlock.Cidr);
        var next = cidr.First;
        foreach (var except in ipBlock.Except.Select(Interval).OrderBy(e => e.First))
        {
            if (except.First > next)
            {
                result.Add(new BlockInterval(next, except.First - 1));
            }

            next = Math.Max(next, except.Last + 1);
        }

        if (next <= cidr.Last)
        {
            result.Add(new BlockInterval(next, cidr.Last));
        }

        return result;
    }

    /// <summary>Address ranges of a run of blocks, split where the run crosses from IPv4 to IPv6 and at named ranges.</summary>
    public IEnumerable<AddressRange> Ranges(BlockInterval interval)
    {
        var start = interval.First;
        for (var i = interval.First; i <= interval.Last; i++)
        {
            if (i == interval.Last || blocks[i + 1].Family != blocks[i].Family || blockNames[i + 1] != blockNames[i])
            {
                yield return new AddressRange(blocks[i].Family, blocks[start].First, blocks[i].Last);
                start = i + 1;
            }
        }
    }

    private BlockInterval Interval(AddressRange range) => new(IndexOfStart(range), IndexOfEnd(range));

    private int IndexOfStart(AddressRange range)
    {
        var index = Array.BinarySearch(blocks, new AddressRange(range.Family, range.First, range.First), StartComparer.Instance);
        return index >= 0 ? index : throw new InvalidOperationException($"{range} does not start at a block boundary");
    }

    private int IndexOfEnd(AddressRange range)
    {
        var index = Array.BinarySearch(blocks, new AddressRange(range.Family, range.Last, range.Last), EndComparer.Instance);
        return index >= 0 ? index : throw new InvalidOperationException($"{range} does not end at a block boundary");
    }

    private sealed class StartComparer : IComparer<AddressRange>
    {
        public static StartComparer Instance { get; } = new();

        public int Compare(AddressRange x, AddressRange y) =>
            x.Family != y.Family ? ((int)x.Family).CompareTo((int)y.Family) : x.First.CompareTo(y.First);
    }

    private sealed class EndComparer : IComparer<AddressRange>
    {
        public static EndComparer Instance { get; } = new();

        public int Compare(AddressRange x, AddressRange y) =>
            x.Family != y.Family ? ((int)x.Family).CompareTo((int)y.Family) : x.Last.CompareTo(y.Last);
    }
}
