using System.Net.Sockets;
using CsCheck;
using Palisade.Components.Connectivity;
using Palisade.Components.Kubernetes;

namespace Palisade.Tests.Connectivity;

/// <summary>
/// The laws of the connection algebra (ports, address sets, connection sets), checked on random values and against a
/// membership model of their own: what each operation must contain, point by point, and that equal contents have one
/// canonical form. Independent of the engine and of the pairwise oracle.
/// </summary>
public sealed class ConnectionAlgebraLawTests
{
    private const int Iterations = 400;

    private static readonly Protocol[] Protocols = [Protocol.TCP, Protocol.UDP, Protocol.SCTP];

    /// <summary>Ports near both ends of the range, so sets touch, overlap and reach the edges often.</summary>
    private static readonly int[] PortProbes = [.. Enumerable.Range(1, 40), .. Enumerable.Range(PortSet.MaxPort - 20, 21)];

    private static readonly Gen<int> PortGen = Gen.OneOf(Gen.Int[1, 40], Gen.Int[PortSet.MaxPort - 20, PortSet.MaxPort]);

    private static readonly Gen<PortRange> PortRangeGen =
        Gen.Select(PortGen, Gen.Int[0, 12], (first, length) => new PortRange(first, Math.Min(PortSet.MaxPort, first + length)));

    private static readonly Gen<PortRange[]> PortRangesGen = PortRangeGen.Array[0, 5];

    private static readonly Gen<PortSet> PortSetGen = Gen.Frequency((9, PortRangesGen.Select(PortSet.Of)), (1, Gen.Const(PortSet.All)));

    private static readonly Gen<ConnectionSet> ConnectionSetGen = Gen.Frequency(
        (8, Gen.Select(Gen.Bool, PortSetGen, PortSetGen, PortSetGen, (others, tcp, udp, sctp) => Connections(others, tcp, udp, sctp))),
        (1, Gen.Const(ConnectionSet.All)),
        (1, Gen.Const(ConnectionSet.None)));

    /// <summary>IPv4 addresses near 0, near 10.0.0.0 and near the top; IPv6 near 0 and near the top.</summary>
    private static readonly UInt128[] V4Bases = [0, 0x0A000000, uint.MaxValue - 40];

    private static readonly UInt128[] V6Bases = [0, UInt128.MaxValue - 40];

    private static readonly Gen<AddressRange> AddressRangeGen = Gen.Select(Gen.Int[0, 9], Gen.Int[0, 30], Gen.Int[0, 10], (which, offset, length) =>
    {
        var v6 = which >= 7;
        var bases = v6 ? V6Bases : V4Bases;
        var family = v6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
        var first = bases[which % bases.Length] + (UInt128)offset;
        var max = AddressRange.MaxValue(family);
        var last = max - first < (UInt128)length ? max : first + (UInt128)length;
        return new AddressRange(family, first, last);
    });

    private static readonly Gen<AddressRange[]> AddressRangesGen = AddressRangeGen.Array[0, 5];

    private static readonly Gen<AddressSet> AddressSetGen = Gen.Frequency(
        (9, AddressRangesGen.Select(AddressSet.Of)),
        (1, Gen.Const(AddressSet.All)));

    private static readonly AddressRange[] AddressProbes =
    [
        .. V4Bases.SelectMany(b => Enumerable.Range(0, 42).Select(i => Point(AddressFamily.InterNetwork, b + (UInt128)i))),
        .. V6Bases.SelectMany(b => Enumerable.Range(0, 42).Select(i => Point(AddressFamily.InterNetworkV6, b + (UInt128)i))),
    ];

    [Fact]
    public void Port_sets_union_and_intersection_are_associative_and_commutative() =>
        Gen.Select(PortSetGen, PortSetGen, PortSetGen).Sample(t =>
        {
            var (a, b, c) = t;
            return a.Union(b).Union(c).Equals(a.Union(b.Union(c))) &&
                   a.Intersect(b).Intersect(c).Equals(a.Intersect(b.Intersect(c))) &&
                   a.Union(b).Equals(b.Union(a)) &&
                   a.Intersect(b).Equals(b.Intersect(a));
        }, iter: Iterations);

    [Fact]
    public void Port_sets_distribute_and_subtraction_splits_a_set() =>
        Gen.Select(PortSetGen, PortSetGen, PortSetGen).Sample(t =>
        {
            var (a, b, c) = t;
            return a.Intersect(b.Union(c)).Equals(a.Intersect(b).Union(a.Intersect(c))) &&
                   a.Union(b.Intersect(c)).Equals(a.Union(b).Intersect(a.Union(c))) &&
                   a.Subtract(b).Union(a.Intersect(b)).Equals(a) &&
                   a.Subtract(b).Intersect(b).IsEmpty &&
                   a.Union(a.Complement()).IsAll && a.Complement().Complement().Equals(a);
        }, iter: Iterations);

    [Fact]
    public void Port_set_operations_contain_exactly_the_ports_of_their_definition() =>
        Gen.Select(PortSetGen, PortSetGen).Sample(t =>
        {
            var (a, b) = t;
            var (union, intersection, difference) = (a.Union(b), a.Intersect(b), a.Subtract(b));
            return PortProbes.All(p =>
                union.Contains(p) == (a.Contains(p) || b.Contains(p)) &&
                intersection.Contains(p) == (a.Contains(p) && b.Contains(p)) &&
                difference.Contains(p) == (a.Contains(p) && !b.Contains(p)));
        }, iter: Iterations);

    [Fact]
    public void A_port_set_has_one_canonical_form_whatever_ranges_built_it() =>
        Gen.Select(PortRangesGen, Gen.Int[0, 1000]).Sample(t =>
        {
            var (ranges, seed) = t;
            var set = PortSet.Of(ranges);
            var rebuilt = PortSet.Of(Split(ranges, seed, r => r.First, r => r.Last, (f, l) => new PortRange(f, l)));
            return set.Equals(rebuilt) && set.GetHashCode() == rebuilt.GetHashCode() &&
                   set.Ranges.SequenceEqual(rebuilt.Ranges) &&
                   IsCanonical(set.Ranges.Select(r => ((int)AddressFamily.InterNetwork, (UInt128)r.First, (UInt128)r.Last)).ToList()) &&
                   PortProbes.All(p => set.Contains(p) == ranges.Any(r => r.First <= p && p <= r.Last));
        }, iter: Iterations);

    [Fact]
    public void Address_sets_union_and_intersection_are_associative_and_commutative() =>
        Gen.Select(AddressSetGen, AddressSetGen, AddressSetGen).Sample(t =>
        {
            var (a, b, c) = t;
            return a.Union(b).Union(c).Equals(a.Union(b.Union(c))) &&
                   a.Intersect(b).Intersect(c).Equals(a.Intersect(b.Intersect(c))) &&
                   a.Union(b).Equals(b.Union(a)) &&
                   a.Intersect(b).Equals(b.Intersect(a));
        }, iter: Iterations);

    [Fact]
    public void Address_sets_distribute_and_subtraction_splits_a_set() =>
        Gen.Select(AddressSetGen, AddressSetGen, AddressSetGen).Sample(t =>
        {
            var (a, b, c) = t;
            return a.Intersect(b.Union(c)).Equals(a.Intersect(b).Union(a.Intersect(c))) &&
                   a.Union(b.Intersect(c)).Equals(a.Union(b).Intersect(a.Union(c))) &&
                   a.Subtract(b).Union(a.Intersect(b)).Equals(a) &&
                   a.Subtract(b).Intersect(b).IsEmpty &&
                   a.Union(a.Complement()).Equals(AddressSet.All) && a.Complement().Complement().Equals(a);
        }, iter: Iterations);

    [Fact]
    public void Address_set_operations_contain_exactly_the_addresses_of_their_definition() =>
        Gen.Select(AddressRangesGen, AddressRangesGen).Sample(t =>
        {
            var (left, right) = t;
            var (a, b) = (AddressSet.Of(left), AddressSet.Of(right));
            var (union, intersection, difference) = (a.Union(b), a.Intersect(b), a.Subtract(b));
            bool In(AddressRange[] ranges, AddressRange point) => ranges.Any(r => r.Contains(point));
            return AddressProbes.All(p =>
                a.Contains(p) == In(left, p) &&
                union.Contains(p) == (In(left, p) || In(right, p)) &&
                intersection.Contains(p) == (In(left, p) && In(right, p)) &&
                difference.Contains(p) == (In(left, p) && !In(right, p)));
        }, iter: Iterations);

    [Fact]
    public void An_address_set_has_one_canonical_form_whatever_ranges_built_it() =>
        AddressRangesGen.Sample(ranges =>
        {
            var set = AddressSet.Of(ranges);
            var shuffled = AddressSet.Of(ranges.Reverse());
            return set.Equals(shuffled) && set.Ranges.SequenceEqual(shuffled.Ranges) &&
                   IsCanonical(set.Ranges.Select(r => ((int)r.Family, r.First, r.Last)).ToList()) &&
                   AddressProbes.All(p => set.Contains(p) == ranges.Any(r => r.Contains(p)));
        }, iter: Iterations);

    [Fact]
    public void Splitting_an_address_range_does_not_change_the_set() =>
        Gen.Select(AddressRangesGen, Gen.Int[0, 1000]).Sample(t =>
        {
            var (ranges, seed) = t;
            var pieces = new List<AddressRange>();
            foreach (var range in ranges)
            {
                var width = range.Last - range.First;
                var cut = width == UInt128.Zero ? range.Last : range.First + ((UInt128)seed % width);
                pieces.Add(range with { Last = cut });
                if (cut < range.Last)
                {
                    pieces.Add(range with { First = cut + 1 });
                }
            }

            var set = AddressSet.Of(ranges);
            var rebuilt = AddressSet.Of(pieces);
            return set.Equals(rebuilt) && set.GetHashCode() == rebuilt.GetHashCode() && set.Ranges.SequenceEqual(rebuilt.Ranges);
        }, iter: Iterations);

    [Fact]
    public void Connection_sets_union_and_intersection_are_associative_and_commutative() =>
        Gen.Select(ConnectionSetGen, ConnectionSetGen, ConnectionSetGen).Sample(t =>
        {
            var (a, b, c) = t;
            return a.Union(b).Union(c).Equals(a.Union(b.Union(c))) &&
                   a.Intersect(b).Intersect(c).Equals(a.Intersect(b.Intersect(c))) &&
                   a.Union(b).Equals(b.Union(a)) &&
                   a.Intersect(b).Equals(b.Intersect(a));
        }, iter: Iterations);

    [Fact]
    public void Connection_sets_distribute_and_subtraction_splits_a_set() =>
        Gen.Select(ConnectionSetGen, ConnectionSetGen, ConnectionSetGen).Sample(t =>
        {
            var (a, b, c) = t;
            return a.Intersect(b.Union(c)).Equals(a.Intersect(b).Union(a.Intersect(c))) &&
                   a.Union(b.Intersect(c)).Equals(a.Union(b).Intersect(a.Union(c))) &&
                   a.Subtract(b).Union(a.Intersect(b)).Equals(a) &&
                   a.Subtract(b).Intersect(b).IsEmpty &&
                   a.Union(a.Complement()).IsAll && a.Complement().Complement().Equals(a) &&
                   a.IsSubsetOf(a.Union(b)) && a.Intersect(b).IsSubsetOf(a);
        }, iter: Iterations);

    [Fact]
    public void Connection_set_operations_allow_exactly_what_their_definition_allows() =>
        Gen.Select(ConnectionSetGen, ConnectionSetGen).Sample(t =>
        {
            var (a, b) = t;
            var (union, intersection, difference) = (a.Union(b), a.Intersect(b), a.Subtract(b));
            return union.AllowsOtherProtocols == (a.AllowsOtherProtocols || b.AllowsOtherProtocols) &&
                   intersection.AllowsOtherProtocols == (a.AllowsOtherProtocols && b.AllowsOtherProtocols) &&
                   difference.AllowsOtherProtocols == (a.AllowsOtherProtocols && !b.AllowsOtherProtocols) &&
                   Protocols.All(protocol => PortProbes.All(p =>
                       union.Allows(protocol, p) == (a.Allows(protocol, p) || b.Allows(protocol, p)) &&
                       intersection.Allows(protocol, p) == (a.Allows(protocol, p) && b.Allows(protocol, p)) &&
                       difference.Allows(protocol, p) == (a.Allows(protocol, p) && !b.Allows(protocol, p))));
        }, iter: Iterations);

    [Fact]
    public void A_connection_set_has_one_canonical_form() =>
        Gen.Select(Gen.Bool, PortRangesGen, PortRangesGen, Gen.Int[0, 1000]).Sample(t =>
        {
            var (others, tcp, udp, seed) = t;
            var direct = Connections(others, PortSet.Of(tcp), PortSet.Of(udp), PortSet.Empty);
            var pieces = Split(tcp, seed, r => r.First, r => r.Last, (f, l) => ConnectionSet.For(Protocol.TCP, f, l))
                .Concat(Split(udp, seed, r => r.First, r => r.Last, (f, l) => ConnectionSet.For(Protocol.UDP, f, l)))
                .Concat(others ? [ConnectionSet.OtherProtocolsOnly] : [])
                .Reverse()
                .Aggregate(ConnectionSet.None, (set, piece) => set.Union(piece));
            var everything = Connections(true, PortSet.All, PortSet.All, PortSet.All);
            return direct.Equals(pieces) && direct.GetHashCode() == pieces.GetHashCode() &&
                   direct.ToString() == pieces.ToString() &&
                   ReferenceEquals(everything, ConnectionSet.All) && everything.IsAll &&
                   (direct.IsEmpty == ReferenceEquals(direct, ConnectionSet.None));
        }, iter: Iterations);

    [Fact]
    public void Every_port_protocol_is_not_all_connections()
    {
        var ports = Connections(false, PortSet.All, PortSet.All, PortSet.All);
        Assert.False(ports.IsAll);
        Assert.Equal(ConnectionSet.OtherProtocolsOnly, ConnectionSet.All.Subtract(ports));
    }

    private static ConnectionSet Connections(bool others, PortSet tcp, PortSet udp, PortSet sctp) =>
        new[] { (Protocol.TCP, tcp), (Protocol.UDP, udp), (Protocol.SCTP, sctp) }
            .Aggregate(others ? ConnectionSet.OtherProtocolsOnly : ConnectionSet.None, (set, p) => set.Union(ConnectionSet.For(p.Item1, p.Item2)));

    private static AddressRange Point(AddressFamily family, UInt128 value) => new(family, value, value);

    /// <summary>Each range cut in two at a point chosen by the seed, in reverse order: the same members.</summary>
    private static IEnumerable<TOut> Split<TRange, TNumber, TOut>(IEnumerable<TRange> ranges, int seed, Func<TRange, TNumber> first, Func<TRange, TNumber> last, Func<TNumber, TNumber, TOut> make)
        where TNumber : System.Numerics.INumber<TNumber>
    {
        var result = new List<TOut>();
        foreach (var range in ranges)
        {
            var (f, l) = (first(range), last(range));
            var width = l - f;
            var cut = width == TNumber.Zero ? l : f + (TNumber.CreateTruncating(seed) % width);
            result.Add(make(f, cut));
            if (cut < l)
            {
                result.Add(make(cut + TNumber.One, l));
            }
        }

        result.Reverse();
        return result;
    }

    /// <summary>Sorted by (family, first), each range well formed, and neither overlapping nor touching the next.</summary>
    private static bool IsCanonical(IReadOnlyList<(int Family, UInt128 First, UInt128 Last)> ranges) =>
        ranges.All(r => r.First <= r.Last) &&
        ranges.Zip(ranges.Skip(1)).All(p => p.First.Family < p.Second.Family ||
                                             (p.First.Family == p.Second.Family && p.First.Last + 1 < p.Second.First));
}
