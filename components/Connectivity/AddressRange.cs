using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Palisade.Components.Connectivity;

/// <summary>An inclusive range of IPv4 or IPv6 addresses, held as numbers so ranges can be split and compared.</summary>
public readonly record struct AddressRange(AddressFamily Family, UInt128 First, UInt128 Last) : IComparable<AddressRange>
{
    public IPAddress FirstAddress => ToAddress(Family, First);

    public IPAddress LastAddress => ToAddress(Family, Last);

    public static AddressRange Whole(AddressFamily family) => new(family, UInt128.Zero, MaxValue(family));

    public static UInt128 MaxValue(AddressFamily family) => family switch
    {
        AddressFamily.InterNetwork => uint.MaxValue,
        AddressFamily.InterNetworkV6 => UInt128.MaxValue,
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, "only IPv4 and IPv6 are supported"),
    };

    public static AddressRange Single(IPAddress address)
    {
        var (family, value) = ToNumber(address);
        return new AddressRange(family, value, value);
    }

    /// <summary>The family and numeric value of an address; IPv4-mapped IPv6 addresses count as IPv4.</summary>
    public static (AddressFamily Family, UInt128 Value) ToNumber(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written))
        {
            throw new ArgumentException($"cannot read address {address}", nameof(address));
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => (AddressFamily.InterNetwork, BinaryPrimitives.ReadUInt32BigEndian(bytes[..written])),
            AddressFamily.InterNetworkV6 => (AddressFamily.InterNetworkV6, BinaryPrimitives.ReadUInt128BigEndian(bytes[..written])),
            _ => throw new ArgumentException($"address {address} is neither IPv4 nor IPv6", nameof(address)),
        };
    }

    public static IPAddress ToAddress(AddressFamily family, UInt128 value)
    {
        if (family == AddressFamily.InterNetwork)
        {
            var bytes = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)value);
            return new IPAddress(bytes);
        }

        var v6 = new byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(v6, value);
        return new IPAddress(v6);
    }

    public bool Contains(IPAddress address)
    {
        var (family, value) = ToNumber(address);
        return family == Family && value >= First && value <= Last;
    }

    public bool Overlaps(AddressRange other) => other.Family == Family && other.First <= Last && First <= other.Last;

    public bool Contains(AddressRange other) => other.Family == Family && other.First >= First && other.Last <= Last;

    public int CompareTo(AddressRange other)
    {
        var byFamily = ((int)Family).CompareTo((int)other.Family);
        if (byFamily != 0)
        {
            return byFamily;
        }

        var byFirst = First.CompareTo(other.First);
        return byFirst != 0 ? byFirst : Last.CompareTo(other.Last);
    }

    /// <summary>"first-last", e.g. "10.0.0.0-10.255.255.255"; a single address is "a-a".</summary>
    public override string ToString() => $"{FirstAddress}-{LastAddress}";
}
