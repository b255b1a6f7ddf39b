using Palisade.Components.Diagnostics;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;
using Palisade.Stacks.Composition;
using Palisade.Tests.Cloud;

namespace Palisade.Tests.Stacks;

public class AppObjectNamesTests
{
    private static AppSpec App(string name, string ns, string? serviceAccount = null) => new(
        name,
        [
            new TierSpec("web", ns, [new ContainerPort(8080, Name: "http")], serviceAccount),
            new TierSpec("api", $"{name}-api", [new ContainerPort(3000, Name: "http")]),
        ],
        [new FlowSpec("web", "api", "http")],
        [],
        $"{name}.cs");

    private static SynthesizedStack Compose(params AppSpec[] apps)
    {
        var catalog = apps.Aggregate(AppCatalog.Empty, (c, a) => c.Add(a.Name, () => a));
        return StackComposer.Compose(CloudStacks.Parse($"config:\n  palisade:apps: [{string.Join(", ", apps.Select(a => a.Name))}]\n"), catalog);
    }

    [Fact]
    public void Apps_with_the_same_tier_names_in_their_own_namespaces_compose()
    {
        var stack = Compose(App("shop", "shop"), App("blog", "blog"));
        Assert.Contains(stack.Graph.Resources, r => r.LogicalName == "shop-web-svc");
        Assert.Contains(stack.Graph.Resources, r => r.LogicalName == "blog-web-svc");
    }

    [Fact]
    public void Two_tiers_that_would_create_the_same_service_in_one_namespace_are_refused()
    {
        var error = Assert.Throws<InputError>(() => Compose(App("shop", "shared", "shop-web"), App("blog", "shared", "blog-web")));
        Assert.Equal("blog.cs: app 'blog' tier 'web'", error.Location);
        Assert.Contains("Service 'web' in namespace 'shared' is already the Service of app 'shop' tier 'web' (shop.cs)", error.Problem, StringComparison.Ordinal);
        Assert.Contains("Rename one of the tiers", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_tiers_that_would_create_the_same_service_account_are_refused()
    {
        var shop = App("shop", "shared", "runner");
        var blog = new AppSpec("blog", [new TierSpec("cron", "shared", [], "runner")], [], [], "blog.cs");
        var error = Assert.Throws<InputError>(() => Compose(shop, blog));
        Assert.Contains("ServiceAccount 'runner' in namespace 'shared'", error.Problem, StringComparison.Ordinal);
        Assert.Contains("its own service account name", error.Fix, StringComparison.Ordinal);
    }
}
