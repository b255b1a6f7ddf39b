using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Palisade.Components.Connectivity;

/// <summary>Strict CIDR parsing ("10.0.0.0/8", "2001:db8::/32") into an address range.</summary>
internal static class Cidr
{
    /// <summary>
    /// Parses a CIDR. Host bits after the prefix are cleared, as the Kubernetes API server does ("10.0.0.1/8" is
    /// 10.0.0.0/8). Shorthand IPv4 forms ("10/8") and zone ids are rejected.
    /// </summary>
    public static bool TryParse(string? text, out AddressRange range, out string problem)
    {
        range = default;
        problem = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "the CIDR is empty";
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            problem = $"'{text}' has no prefix length (write it like 10.0.0.0/8 or 2001:db8::/32)";
            return false;
        }

        var addressText = text.AsSpan(0, slash);
        var prefixText = text.AsSpan(slash + 1);
        if (!IsStrictAddress(addressText) || !IPAddress.TryParse(addressText, out var address))
        {
            problem = $"'{addressText}' in '{text}' is not an IPv4 or IPv6 address";
            return false;
        }

        var maxPrefix = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (prefixText.Length == 0 || prefixText.ContainsAnyExceptInRange('0', '9') ||
            !int.TryParse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix > maxPrefix)
        {
            problem = $"the prefix length in '{text}' must be a number from 0 to {maxPrefix}";
            return false;
        }

        var (family, value) = AddressRange.ToNumber(address);
        if (family != address.AddressFamily)
        {
            // An IPv4-mapped IPv6 address: the network is built the general way, which checks the prefix against IPv4.
            range = ToRange(new IPNetwork(Mask(address, prefix), prefix));
            return true;
        }

        var hostBits = (family == AddressFamily.InterNetwork ? 32 : 128) - prefix;
        var hostMask = hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
        range = new AddressRange(family, value & ~hostMask, (value & ~hostMask) + hostMask);
        return true;
    }

    public static AddressRange Parse(string text) =>
        TryParse(text, out var range, out var problem) ? range : throw new FormatException(problem);

    public static AddressRange ToRange(IPNetwork network)
    {
        var (family, first) = AddressRange.ToNumber(network.BaseAddress);
        var bits = family == AddressFamily.InterNetwork ? 32 : 128;
        var hostBits = bits - network.PrefixLength;
        var size = hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
        return new AddressRange(family, first, first + size);
    }

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var (family, value) = AddressRange.ToNumber(address);
        var bits = family == AddressFamily.InterNetwork ? 32 : 128;
        var hostBits = bits - prefix;
        var hostMask = hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
        return AddressRange.ToAddress(family, value & ~hostMask);
    }

    private static bool IsStrictAddress(ReadOnlySpan<char> text)
    {
        if (text.Contains(':'))
        {
            return !text.Contains('%');
        }

        var parts = 0;
        foreach (var range in text.Split('.'))
        {
            var part = text[range];
            if (part.Length is 0 or > 3 || part.ContainsAnyExceptInRange('0', '9'))
            {
                return false;
            }

            parts++;
        }

        return parts == 4;
    }
}
