using System.Net;
using System.Net.Sockets;
using Palisade.Components.Connectivity;
using Palisade.Infra.Reports.Connectivity;

namespace Palisade.Tests.Connectivity;

/// <summary>External peers as CIDRs with exceptions: readable, and exactly the addresses of the peer.</summary>
public sealed class PeerTextTests
{
    private static AddressRange R(string first, string last) =>
        new(IPAddress.Parse(first).AddressFamily, AddressRange.ToNumber(IPAddress.Parse(first)).Value, AddressRange.ToNumber(IPAddress.Parse(last)).Value);

    [Fact]
    public void The_internet_without_private_ranges_is_one_cidr_with_exceptions()
    {
        Assert.Equal("0.0.0.0/0 except 10.0.0.0/8, 169.254.0.0/16, 172.16.0.0/12, 192.168.0.0/16", PeerText.Addresses(
        [
            R("0.0.0.0", "9.255.255.255"), R("11.0.0.0", "169.253.255.255"), R("169.255.0.0", "172.15.255.255"),
            R("172.32.0.0", "192.167.255.255"), R("192.169.0.0", "255.255.255.255"),
        ]));
    }

    [Fact]
    public void Single_addresses_and_whole_spaces_are_cidrs()
    {
        Assert.Equal("169.254.20.10/32", PeerText.Addresses([R("169.254.20.10", "169.254.20.10")]));
        Assert.Equal("0.0.0.0/0", PeerText.Addresses([AddressRange.Whole(AddressFamily.InterNetwork)]));
        Assert.Equal("::/0", PeerText.Addresses([AddressRange.Whole(AddressFamily.InterNetworkV6)]));
        Assert.Equal("10.0.0.0/8, 12.0.0.0/8", PeerText.Addresses([R("10.0.0.0", "10.255.255.255"), R("12.0.0.0", "12.255.255.255")]));
    }

    [Fact]
    public void A_named_peer_is_written_with_its_name() =>
        Assert.Equal("node-local-dns 169.254.20.10/32", PeerText.Of(new ExternalPeer([R("169.254.20.10", "169.254.20.10")], "node-local-dns")));

    [Fact]
    public void The_text_holds_exactly_the_addresses_of_random_peers()
    {
        var random = new Random(7);
        for (var round = 0; round < 500; round++)
        {
            var cuts = Enumerable.Range(0, random.Next(1, 12)).Select(_ => (UInt128)(uint)random.NextInt64(0, 1L << 32)).Append(UInt128.Zero).Append((UInt128)uint.MaxValue + 1)
                .Distinct().Order().ToList();
            var ranges = new List<AddressRange>();
            for (var i = 0; i + 1 < cuts.Count; i++)
            {
                if (random.Next(2) == 0)
                {
                    ranges.Add(new AddressRange(AddressFamily.InterNetwork, cuts[i], cuts[i + 1] - 1));
                }
            }

            ranges = Merge(ranges);
            if (ranges.Count == 0)
            {
                continue;
            }

            var text = PeerText.Addresses(ranges);
            Assert.Equal(ranges, Read(text));
        }
    }

    private static List<AddressRange> Read(string text)
    {
        if (text.Contains(" except ", StringComparison.Ordinal))
        {
            var parts = text.Split(" except ");
            var whole = Cidr.Parse(parts[0]);
            var gaps = parts[1].Split(", ").Select(Cidr.Parse).OrderBy(g => g.First).ToList();
            var result = new List<AddressRange>();
            var next = whole.First;
            foreach (var gap in gaps)
            {
                if (gap.First > next)
                {
                    result.Add(whole with { First = next, Last = gap.First - 1 });
                }

                next = gap.Last + 1;
            }

            if (next <= whole.Last && gaps[^1].Last != whole.Last)
            {
                result.Add(whole with { First = next });
            }

            return Merge(result);
        }

        return Merge(text.Split(", ").Select(t => t.Contains('/') ? Cidr.Parse(t) : R(t.Split('-')[0], t.Split('-')[1])).ToList());
    }

    private static List<AddressRange> Merge(List<AddressRange> ranges)
    {
        var merged = new List<AddressRange>();
        foreach (var range in ranges.OrderBy(r => r.First))
        {
            if (merged.Count > 0 && merged[^1].Last + 1 == range.First)
            {
                merged[^1] = merged[^1] with { Last = range.Last };
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }
}
