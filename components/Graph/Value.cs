using System.Collections.Immutable;

namespace Palisade.Components.Graph;

/// <summary>
/// A property value in the resource graph: plain data (strings, numbers, booleans, lists, maps) or a reference
/// that Pulumi resolves at deployment time (another resource's output, stack config, a program variable,
/// a built-in function). Emitters turn it into Pulumi YAML; the manifest renderer resolves references to their
/// known values.
/// </summary>
public abstract record Value
{
    public static implicit operator Value(string text) => new StringValue(text);
    public static implicit operator Value(int number) => new NumberValue(number);
    public static implicit operator Value(long number) => new NumberValue(number);
    public static implicit operator Value(bool flag) => new BoolValue(flag);
}

public sealed record StringValue(string Text) : Value;

public sealed record NumberValue(long Number) : Value;

public sealed record BoolValue(bool Flag) : Value;

public sealed record ListValue(ImmutableArray<Value> Items) : Value
{
    public static ListValue Empty { get; } = new(ImmutableArray<Value>.Empty);

    public static ListValue Of(params Value[] items) => new(items.ToImmutableArray());

    public static ListValue Of(IEnumerable<Value> items) => new(items.ToImmutableArray());

    public static ListValue OfStrings(IEnumerable<string> items) => new(items.Select(i => (Value)i).ToImmutableArray());

    public bool Equals(ListValue? other) => other is not null && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => Items.Aggregate(17, (h, v) => (h * 31) + v.GetHashCode());
}

/// <summary>A map with keys in ordinal order, so every emitted document is deterministic.</summary>
public sealed record MapValue(ImmutableSortedDictionary<string, Value> Entries) : Value
{
    public static MapValue Empty { get; } = new(ImmutableSortedDictionary<string, Value>.Empty.WithComparers(StringComparer.Ordinal));

    public static MapValue OfStrings(IEnumerable<KeyValuePair<string, string>> entries) =>
        new(entries.ToImmutableSortedDictionary(e => e.Key, e => (Value)new StringValue(e.Value), StringComparer.Ordinal));

    public Value? this[string key] => Entries.GetValueOrDefault(key);

    public bool Equals(MapValue? other) =>
        other is not null && Entries.Count == other.Entries.Count &&
        Entries.All(e => other.Entries.TryGetValue(e.Key, out var v) && e.Value.Equals(v));

    public override int GetHashCode() => Entries.Aggregate(17, (h, e) => (h * 31) + e.Key.GetHashCode() + e.Value.GetHashCode());
}

/// <summary>
/// <c>${resource.path}</c>, or <c>${resource}</c> when Path is empty. Known is the value when the synthesizer already
/// knows it (an explicit name it set), used when rendering manifests; otherwise it is only known after deployment.
/// </summary>
public sealed record OutputRef(Resource Resource, string Path, Value? Known = null) : Value
{
    public bool Equals(OutputRef? other) =>
        other is not null && Resource.LogicalName == other.Resource.LogicalName && Path == other.Path && Equals(Known, other.Known);

    public override int GetHashCode() => HashCode.Combine(Resource.LogicalName, Path);
}

/// <summary><c>${key}</c>: a stack config value. Secrets are always referenced, never inlined.</summary>
public sealed record ConfigRef(string Key, Value? Known = null, bool Secret = false) : Value;

/// <summary><c>${name}</c>: a program variable.</summary>
public sealed record VariableRef(string Name, Value? Known = null) : Value;

/// <summary>String interpolation: literal parts and references joined into one string.</summary>
public sealed record Interpolation(ImmutableArray<Value> Parts) : Value
{
    public static Interpolation Of(params Value[] parts) => new(parts.ToImmutableArray());

    public bool Equals(Interpolation? other) => other is not null && Parts.SequenceEqual(other.Parts);

    public override int GetHashCode() => Parts.Aggregate(17, (h, v) => (h * 31) + v.GetHashCode());
}

/// <summary>A Pulumi YAML built-in, <c>fn::name: argument</c> (toJSON, select, split, join, secret, invoke ...).</summary>
public sealed record FunctionCall(string Name, Value Argument) : Value;
