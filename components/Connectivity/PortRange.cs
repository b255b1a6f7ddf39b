using System.Globalization;

namespace Palisade.Components.Connectivity;

/// <summary>An inclusive range of port numbers.</summary>
public readonly record struct PortRange(int First, int Last)
{
    public override string ToString() =>
        First == Last
            ? First.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{First}-{Last}");
}
