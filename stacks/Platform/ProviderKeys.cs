using Palisade.Components.Diagnostics;
using Palisade.Stacks.Config;

namespace Palisade.Stacks.Platform;

/// <summary>Provider keys (<c>aws:region</c>, <c>gcp:project</c>) a cloud needs: baked into its explicit provider.</summary>
internal static class ProviderKeys
{
    public static string Required(SettingsReader reader, string key, string what) =>
        reader.Config.Values.GetValueOrDefault(key) is ConfigScalar { Text.Length: > 0 } scalar
            ? scalar.Text
            : throw new InputError($"{reader.Config.Source}: {key}", "the required key is missing",
                $"Add {key} under config: {what} (`pulumi config set {key} <value>`).");
}
