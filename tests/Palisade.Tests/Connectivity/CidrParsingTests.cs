using System.Net;
using System.Net.Sockets;
using CsCheck;
using Palisade.Components.Connectivity;

namespace Palisade.Tests.Connectivity;

/// <summary>
/// CIDR parsing against the framework's own network type: on random addresses and prefix lengths, the parsed range
/// starts at a valid network base (host bits cleared, as the API server does), holds the written address, and ends
/// exactly where that network ends.
/// </summary>
public sealed class CidrParsingTests
{
    private static readonly Gen<IPAddress> V4 = Gen.UInt.Select(v => new IPAddress(BitConverter.GetBytes(v)));

    private static readonly Gen<IPAddress> V6 = Gen.Byte.Array[16].Select(b => new IPAddress(b));

    [Fact]
    public void Parsed_ranges_are_the_networks_the_framework_sees()
    {
        Gen.OneOf(V4.Select(Gen.Int[0, 32], (a, p) => (a, p)), V6.Select(Gen.Int[0, 128], (a, p) => (a, p)))
            .Where(x => !x.a.IsIPv4MappedToIPv6)
            .Sample(x =>
            {
                var (address, prefix) = x;
                var range = Cidr.Parse($"{address}/{prefix}");
                var network = new IPNetwork(range.FirstAddress, prefix);
                var max = AddressRange.MaxValue(range.Family);
                Assert.Equal(address.AddressFamily, range.Family);
                Assert.True(network.Contains(address), $"{address}/{prefix}: {range}");
                Assert.True(network.Contains(range.LastAddress), $"{address}/{prefix}: {range}");
                Assert.True(range.Last == max || !network.Contains(AddressRange.ToAddress(range.Family, range.Last + 1)), $"{address}/{prefix}: {range}");
                Assert.True(range.First == 0 || !network.Contains(AddressRange.ToAddress(range.Family, range.First - 1)), $"{address}/{prefix}: {range}");
            }, iter: 2000);
    }

    [Theory]
    [InlineData("10.0.0.1/8", "10.0.0.0-10.255.255.255")]
    [InlineData("0.0.0.0/0", "0.0.0.0-255.255.255.255")]
    [InlineData("169.254.169.254/32", "169.254.169.254-169.254.169.254")]
    [InlineData("2001:db8::1/32", "2001:db8::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")]
    [InlineData("::/0", "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")]
    public void Known_networks(string text, string expected) => Assert.Equal(expected, Cidr.Parse(text).ToString());

    [Theory]
    [InlineData("10.0.0/8", "not an IPv4 or IPv6 address")]
    [InlineData("10.0.0.0.0/8", "not an IPv4 or IPv6 address")]
    [InlineData("10..0.0/8", "not an IPv4 or IPv6 address")]
    [InlineData("10.0.0.0001/8", "not an IPv4 or IPv6 address")]
    [InlineData("10/8", "not an IPv4 or IPv6 address")]
    [InlineData("fe80::1%eth0/64", "not an IPv4 or IPv6 address")]
    [InlineData("10.0.0.0/33", "prefix length")]
    [InlineData("10.0.0.0/+8", "prefix length")]
    [InlineData("10.0.0.0/", "prefix length")]
    [InlineData("2001:db8::/129", "prefix length")]
    [InlineData("10.0.0.0", "no prefix length")]
    public void Malformed_cidrs_are_refused_with_the_reason(string text, string reason)
    {
        Assert.False(Cidr.TryParse(text, out _, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }
}
