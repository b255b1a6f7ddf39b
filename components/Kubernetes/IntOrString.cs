namespace Palisade.Components.Kubernetes;

/// <summary>A Kubernetes IntOrString: a port number or a named container port.</summary>
public readonly record struct IntOrString
{
    private IntOrString(int? number, string? name)
    {
        Number = number;
        Name = name;
    }

    public int? Number { get; }
    public string? Name { get; }
    public bool IsNamed => Name is not null;

    public static IntOrString FromNumber(int number) => new(number, null);
    public static IntOrString FromName(string name) => new(null, name);

    public static implicit operator IntOrString(int number) => FromNumber(number);
    public static implicit operator IntOrString(string name) => FromName(name);

    public override string ToString() => Name ?? Number!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
