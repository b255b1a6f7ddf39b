namespace Palisade.Stacks.Config;

/// <summary>
/// The Pulumi YAML host passes the compiler entry every config value decrypted, without saying which are secrets.
/// The stack file says it (<c>secure:</c> values), so the engine's values are marked secret wherever the file stores
/// a secret; the program then declares those keys secret, and keys that cannot be secrets are refused.
/// </summary>
internal static class EngineSecrets
{
    public static StackConfig Mark(StackConfig engine, StackConfig? file)
    {
        if (file is null)
        {
            return engine;
        }

        var values = new SortedDictionary<string, ConfigValue>(StringComparer.Ordinal);
        foreach (var (key, value) in engine.Values)
        {
            values[key] = value is ConfigScalar scalar && file.Values.GetValueOrDefault(key) is ConfigSecret
                ? scalar with { Secret = true }
                : value;
        }

        return new StackConfig(engine.Stack, engine.Source, values).InProject(engine.Project);
    }
}
