using Palisade.Components.Aws;
using Palisade.Components.Diagnostics;
using Palisade.Components.Identity;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;
using Palisade.Examples;

namespace Palisade.Tests.ZeroTrust;

public class CloudSpecTests
{
    [Fact]
    public void A_route_to_a_tier_that_is_not_exposed_is_refused()
    {
        var app = GovTechApp.Define() with
        {
            Ingress = new AppIngressSpec("govtech", [new IngressRouteSpec("/db", "database")]),
        };
        var error = Assert.Throws<InputError>(() => AppValidator.Validate(app));
        Assert.Contains("tier 'database' is not exposed", error.Message);
    }

    [Theory]
    [InlineData("database", "/health", "the tier is not exposed")]
    [InlineData("backend", "api/health", "is not an absolute URL path")]
    [InlineData("backend", "/api health", "is not an absolute URL path")]
    public void A_health_path_belongs_to_an_exposed_tier_and_is_a_path(string tier, string path, string expected)
    {
        var app = GovTechApp.Define();
        app = app with { Tiers = app.Tiers.Select(t => t.Name == tier ? t with { HealthPath = path } : t).ToList() };
        var error = Assert.Throws<InputError>(() => AppValidator.Validate(app));
        Assert.Contains(expected, error.Message);
        Assert.Contains("healthPath", error.Message);
    }

    [Theory]
    [InlineData("/api/*")]
    [InlineData("api")]
    public void A_route_path_is_a_plain_prefix(string path)
    {
        var app = GovTechApp.Define() with { Ingress = new AppIngressSpec("govtech", [new IngressRouteSpec(path, "backend")]) };
        Assert.Contains("is not a path prefix", Assert.Throws<InputError>(() => AppValidator.Validate(app)).Message);
    }

    [Theory]
    [InlineData("*", "roles/secretmanager.secretAccessor")]
    [InlineData("s3:*", "roles/secretmanager.secretAccessor")]
    [InlineData("s3:GetObject", "roles/owner")]
    [InlineData("s3:GetObject", "roles/iam.workloadIdentityUser")]
    public void An_identity_never_asks_for_everything(string action, string role)
    {
        var app = GovTechApp.Define();
        var tiers = app.Tiers.Select(t => t.Name == "backend"
            ? t with { Identity = new CloudIdentitySpec([], [new IamStatement([action], ["*"])], [role]) }
            : t).ToList();
        Assert.Throws<InputError>(() => AppValidator.Validate(app with { Tiers = tiers }));
    }

    [Fact]
    public void An_identity_may_be_for_one_cloud_but_not_for_none()
    {
        AppValidator.Validate(TomodaApp.Define());
        var app = TomodaApp.Define();
        var empty = app with { Tiers = app.Tiers.Select(t => t.Name == "api" ? t with { Identity = new CloudIdentitySpec([], [], []) } : t).ToList() };
        var error = Assert.Throws<InputError>(() => AppValidator.Validate(empty));
        Assert.Equal("examples/TomodaApp.cs: app 'tomoda' tier 'api' identity", error.Location);
        Assert.Contains("says nothing the tier needs on any cloud", error.Message);
    }

    [Fact]
    public void A_load_balancer_allowance_admits_only_its_cidrs_on_the_exposed_port()
    {
        var allowance = NamespaceAllowance.FromAddresses("load-balancer-to-web", ["10.20.0.0/16"], LabelSelector.WithLabels(("tier", "web")), ["http"]);
        var peer = Assert.Single(allowance.Peers());
        Assert.Equal(new IpBlock("10.20.0.0/16", []).Cidr, peer.IpBlock!.Cidr);
        Assert.Null(peer.PodSelector);
        Assert.Throws<InvalidOperationException>(() => new NamespaceAllowance("nobody", null, LabelSelector.Everything, [80]).Peers());
    }

    [Fact]
    public void Service_account_references_render_their_cloud_subjects()
    {
        Assert.Equal("serviceAccount:p.svc.id.goog[ns/sa]", ServiceAccountRef.Of("ns", "sa").WorkloadIdentityMember("p"));
        Assert.Equal("system:serviceaccount:ns:sa", ServiceAccountRef.Of("ns", "sa").IrsaSubject);
    }
}
