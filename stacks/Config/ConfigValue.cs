namespace Palisade.Stacks.Config;

/// <summary>
/// A stack config value as Pulumi stores it: a scalar (kept as its text), a list, a map, or a secret whose
/// plaintext the synthesizer never needs (it is referenced, not inlined).
/// </summary>
internal abstract record ConfigValue;

/// <summary>A scalar; <paramref name="Secret"/> when the Pulumi engine holds it as a secret (the compiler entry sees it decrypted).</summary>
internal sealed record ConfigScalar(string Text, bool Secret = false) : ConfigValue;

internal sealed record ConfigList(IReadOnlyList<ConfigValue> Items) : ConfigValue;

internal sealed record ConfigMap(IReadOnlyDictionary<string, ConfigValue> Entries) : ConfigValue;

/// <summary>A <c>{secure: ...}</c> value, or a value the Pulumi engine marked secret.</summary>
internal sealed record ConfigSecret : ConfigValue;
