using System.Net;
using System.Numerics;

namespace Palisade.Stacks.Platform;

/// <summary>Whether a set of CIDRs of one address family covers that family's whole address space.</summary>
internal static class AddressCoverage
{
    public static bool CoversAll(IReadOnlyList<IPNetwork> networks)
    {
        if (networks.Count == 0)
        {
            return false;
        }

        var bits = networks[0].BaseAddress.GetAddressBytes().Length * 8;
        var ranges = networks
            .Select(n => (Start: Number(n.BaseAddress), Size: BigInteger.One << (bits - n.PrefixLength)))
            .OrderBy(r => r.Start)
            .ToList();
        var next = BigInteger.Zero;
        foreach (var (start, size) in ranges)
        {
            if (start > next)
            {
                return false;
            }

            next = BigInteger.Max(next, start + size);
        }

        return next >= BigInteger.One << bits;
    }

    private static BigInteger Number(IPAddress address) => new(address.GetAddressBytes(), isUnsigned: true, isBigEndian: true);
}
