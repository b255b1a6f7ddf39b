using System.Text;

namespace Palisade.Components.Ingress;

/// <summary>
/// A regular expression matching exactly the decimal numbers (leading zeros allowed) greater than a bound, so a
/// rule can compare a header's numeric value where the WAF only matches text.
/// </summary>
internal static class DecimalAbove
{
    public static string Pattern(long bound)
    {
        if (bound < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bound), bound, "The bound is a non-negative number.");
        }

        var digits = bound.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var alternatives = new List<string> { $"[1-9][0-9]{{{digits.Length},}}" };
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[i] - '0';
            if (digit == 9)
            {
                continue;
            }

            var next = digit + 1 == 9 ? "9" : $"[{digit + 1}-9]";
            var rest = digits.Length - i - 1;
            var alternative = new StringBuilder(digits[..i]).Append(next);
            if (rest > 0)
            {
                alternative.Append(rest == 1 ? "[0-9]" : $"[0-9]{{{rest}}}");
            }

            alternatives.Add(alternative.ToString());
        }

        return $"^0*({string.Join("|", alternatives)})$";
    }
}
