using Palisade.Components.ZeroTrust;

namespace Palisade.Stacks.Composition;

/// <summary>
/// The applications a program can deploy, by the name stacks use in <c>palisade:apps</c>. A program builds its catalog
/// from its own code (<c>AppCatalog.Empty.Add(new ShopApp())</c>) and hands it to the command line; an app is defined
/// each time a stack names it, so two stacks never share an instance.
/// </summary>
public sealed class AppCatalog
{
    private readonly SortedDictionary<string, Func<AppSpec>> apps;

    private AppCatalog(SortedDictionary<string, Func<AppSpec>> apps) => this.apps = apps;

    public static AppCatalog Empty { get; } = new(new SortedDictionary<string, Func<AppSpec>>(StringComparer.Ordinal));

    public IEnumerable<string> Names => apps.Keys;

    /// <summary>Where the program registers its apps, named in the error a stack gets for an app it does not know.</summary>
    public string RegisteredIn { get; private init; } = "the program's AppCatalog";

    /// <summary>A catalog with one more app; the name must be new and a valid stack key (lowercase DNS label).</summary>
    public AppCatalog Add(string name, Func<AppSpec> define)
    {
        ArgumentNullException.ThrowIfNull(define);
        if (!Palisade.Components.Kubernetes.KubernetesNames.IsDns1123Label(name))
        {
            throw new ArgumentException($"app name '{name}' must be a DNS-1123 label (at most 63 lowercase letters, digits and '-')", nameof(name));
        }

        if (apps.ContainsKey(name))
        {
            throw new ArgumentException($"app '{name}' is registered twice", nameof(name));
        }

        return new AppCatalog(new SortedDictionary<string, Func<AppSpec>>(apps, StringComparer.Ordinal) { [name] = define })
        {
            RegisteredIn = RegisteredIn,
        };
    }

    /// <summary>A catalog with one more app, registered under its <see cref="IApp.Name"/>.</summary>
    public AppCatalog Add(IApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return Add(app.Name, app.Define);
    }

    /// <summary>The same apps, naming the file that registers them in errors (e.g. <c>infra/Program.cs</c>).</summary>
    public AppCatalog RegisteredAt(string source) => new(apps) { RegisteredIn = source };

    public AppSpec? Find(string name) => apps.TryGetValue(name, out var define) ? define() : null;
}
