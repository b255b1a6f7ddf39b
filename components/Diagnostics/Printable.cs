using System.Text;

namespace Palisade.Components.Diagnostics;

/// <summary>Quotes user input in a one-line message: control characters escaped, long values cut short.</summary>
public static class Printable
{
    public static string Excerpt(string value, int max = 60)
    {
        var text = new StringBuilder();
        foreach (var c in value.Length > max ? value[..max] : value)
        {
            text.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return value.Length > max ? text.Append("...").ToString() : text.ToString();
    }
}
