using System.Text.RegularExpressions;

namespace Palisade.Infra.Secrets;

/// <summary>
/// Key names whose values are treated as secret wherever Palisade prints or writes configuration: password, token,
/// secret, private key material, credentials, kubeconfig (provider keys such as <c>aws:secretKey</c>,
/// <c>aws:token</c>, <c>gcp:credentials</c> and <c>kubernetes:kubeconfig</c> included).
/// </summary>
internal static partial class SecretNames
{
    public const string Mask = "[secret]";

    [GeneratedRegex("(password|passwd|passphrase|token|secret|private[-_]?key|api[-_]?key|access[-_]?key|key[-_]?material|credential|kubeconfig)", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();

    public static bool LooksSecret(string key) => Pattern().IsMatch(key);
}
