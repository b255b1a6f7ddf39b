namespace Palisade.Components.Graph;

/// <summary>
/// The whole program: a tree of components whose leaves are resources, plus program variables and outputs.
/// Logical names are unique across resources, variables and config keys (Pulumi YAML has one namespace for all).
/// </summary>
public sealed class ResourceGraph
{
    private readonly List<Resource> _resources = [];
    private readonly Dictionary<string, IGraphNode> _names = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, Value> _variables = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, Value> _outputs = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, ConfigDeclaration> _config = new(StringComparer.Ordinal);

    public ResourceGraph(string project, string stack)
    {
        Project = project;
        Stack = stack;
        Root = new Component("pulumi:pulumi:Stack", $"{project}-{stack}", null);
    }

    public string Project { get; }
    public string Stack { get; }
    public Component Root { get; }
    public IReadOnlyList<Resource> Resources => _resources;
    public IReadOnlyDictionary<string, Value> Variables => _variables;
    public IReadOnlyDictionary<string, Value> Outputs => _outputs;
    public IReadOnlyDictionary<string, ConfigDeclaration> Config => _config;

    public Component AddComponent(Component parent, string type, string name)
    {
        var component = new Component(type, name, parent);
        parent.AddChild(component);
        return component;
    }

    public Resource AddResource(Component parent, string type, string logicalName, MapValue properties, ResourceOptions? options = null)
    {
        Claim(logicalName, $"resource of type {type}");
        var resource = new Resource(type, logicalName, properties, options ?? ResourceOptions.None, parent);
        _names[logicalName] = resource;
        _resources.Add(resource);
        parent.AddChild(resource);
        return resource;
    }

    public VariableRef AddVariable(string name, Value value, Value? known = null)
    {
        Claim(name, "variable");
        _names[name] = new NamedSlot(name);
        _variables[name] = value;
        return new VariableRef(name, known);
    }

    /// <summary>Declares a stack config key the program reads and returns a reference to it.</summary>
    public ConfigRef UseConfig(string key, ConfigType type, Value? known, bool secret = false)
    {
        if (_config.TryGetValue(key, out var existing))
        {
            if (existing.Type != type || existing.Secret != secret)
            {
                throw new GraphException($"Config key '{key}' is declared twice with different types.");
            }
        }
        else
        {
            Claim(key, "config key");
            _names[key] = new NamedSlot(key);
            _config[key] = new ConfigDeclaration(key, type, secret);
        }

        return new ConfigRef(key, secret ? null : known, secret);
    }

    public void AddOutput(string name, Value value)
    {
        if (!_outputs.TryAdd(name, value))
        {
            throw new GraphException($"Output '{name}' is declared twice.");
        }
    }

    public Resource? Find(string logicalName) => _names.GetValueOrDefault(logicalName) as Resource;

    private void Claim(string name, string what)
    {
        if (!LogicalNames.IsValid(name))
        {
            throw new GraphException(
                $"Logical name '{name}' ({what}) is not valid: use letters, digits, '-' and '_', starting with a letter.");
        }

        if (_names.TryGetValue(name, out var owner))
        {
            var ownerText = owner is Resource r ? $"resource of type {r.Type}" : "a variable or config key";
            throw new GraphException($"Logical name '{name}' ({what}) collides with an existing {ownerText}; logical names must be unique.");
        }
    }

    private sealed record NamedSlot(string Name) : IGraphNode;
}

public enum ConfigType
{
    String,
    Integer,
    Boolean,
}

public sealed record ConfigDeclaration(string Key, ConfigType Type, bool Secret);
