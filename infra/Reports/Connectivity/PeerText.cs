using System.Net.Sockets;
using Palisade.Components.Connectivity;

namespace Palisade.Infra.Reports.Connectivity;

/// <summary>
/// How the readable reports write a peer: a workload by id, external addresses as CIDRs, as one CIDR with exceptions
/// when that is shorter (<c>0.0.0.0/0 except 10.0.0.0/8, 172.16.0.0/12</c>), prefixed with their name when they have
/// one (<c>node-local-dns 169.254.20.10/32</c>). Both forms are exact; the ranges are kept when neither fits.
/// </summary>
internal static class PeerText
{
    /// <summary>More CIDRs than this in a form make it unreadable; the raw ranges are shorter then.</summary>
    private const int MaxCidrs = 8;

    public static string Of(Peer peer) => peer is ExternalPeer external ? Of(external) : peer.Name;

    public static string Of(ExternalPeer peer)
    {
        var addresses = Addresses(peer.Ranges);
        return peer.Label is { } label ? $"{label} {addresses}" : addresses;
    }

    /// <summary>The shortest exact CIDR form of sorted, disjoint ranges of one family.</summary>
    public static string Addresses(IReadOnlyList<AddressRange> ranges)
    {
        var family = ranges[0].Family;
        var plain = ranges.SelectMany(Cidrs).ToList();
        var enclosing = Enclosing(family, ranges[0].First, ranges[^1].Last);
        var gaps = Gaps(enclosing, ranges).SelectMany(Cidrs).ToList();
        if (gaps.Count > 0 && gaps.Count + 1 < plain.Count && gaps.Count <= MaxCidrs)
        {
            return $"{Text(enclosing)} except {string.Join(", ", gaps.Select(Text))}";
        }

        return plain.Count <= MaxCidrs ? string.Join(", ", plain.Select(Text)) : string.Join(", ", ranges);
    }

    /// <summary>The smallest CIDR holding every address from first to last.</summary>
    private static AddressRange Enclosing(AddressFamily family, UInt128 first, UInt128 last)
    {
        var bits = Bits(family);
        var host = 0;
        while (host < bits && (first >> host) != (last >> host))
        {
            host++;
        }

        var mask = host == 128 ? UInt128.MaxValue : (UInt128.One << host) - 1;
        return new AddressRange(family, first & ~mask, (first & ~mask) | mask);
    }

    private static IEnumerable<AddressRange> Gaps(AddressRange enclosing, IReadOnlyList<AddressRange> ranges)
    {
        var next = enclosing.First;
        foreach (var range in ranges)
        {
            if (range.First > next)
            {
                yield return new AddressRange(enclosing.Family, next, range.First - 1);
            }

            if (range.Last == enclosing.Last)
            {
                yield break;
            }

            next = range.Last + 1;
        }

        if (next <= enclosing.Last)
        {
            yield return new AddressRange(enclosing.Family, next, enclosing.Last);
        }
    }

    /// <summary>A range as the fewest CIDRs (each an aligned power-of-two block).</summary>
    private static IEnumerable<AddressRange> Cidrs(AddressRange range)
    {
        var bits = Bits(range.Family);
        var first = range.First;
        while (true)
        {
            var host = 0;
            while (host < bits && Fits(first, host + 1, range.Last))
            {
                host++;
            }

            var size = host == 128 ? UInt128.MaxValue : (UInt128.One << host) - 1;
            yield return new AddressRange(range.Family, first, first + size);
            if (first + size >= range.Last)
            {
                yield break;
            }

            first += size + 1;
        }
    }

    /// <summary>Whether the block of 2^host addresses at first is aligned and ends by last.</summary>
    private static bool Fits(UInt128 first, int host, UInt128 last)
    {
        if (host == 128)
        {
            return first == UInt128.Zero && last == UInt128.MaxValue;
        }

        var mask = (UInt128.One << host) - 1;
        return (first & mask) == UInt128.Zero && first + mask <= last;
    }

    private static string Text(AddressRange cidr)
    {
        var bits = Bits(cidr.Family);
        var size = cidr.Last - cidr.First;
        var host = 0;
        while (host < bits && (size >> host) != 0)
        {
            host++;
        }

        return $"{cidr.FirstAddress}/{bits - host}";
    }

    private static int Bits(AddressFamily family) => family == AddressFamily.InterNetwork ? 32 : 128;
}
