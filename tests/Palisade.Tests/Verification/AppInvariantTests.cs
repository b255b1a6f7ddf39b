using System.Net;
using Palisade.Components.Connectivity;
using Palisade.Components.Graph;
using Palisade.Components.Kubernetes;
using Palisade.Components.ZeroTrust;
using Palisade.Infra.Checks;
using Palisade.Infra.Promotion;
using Palisade.Infra.Synthesis;
using Palisade.Examples;
using Palisade.Tests.Support;

namespace Palisade.Tests.Verification;

/// <summary>
/// The apps' invariants on the synthesized stacks: each holds on the computed matrix (the expectations are read
/// from the declared invariants), a hand edit that opens what one forbids fails the app-invariants check naming it,
/// and the plan and the promoted part carry them.
/// </summary>
public class AppInvariantTests
{
    private const string GovTechStack = """
        config:
          aws:region: us-east-1
          palisade:apps: [govtech]
          palisade:cloud: aws
          palisade:ingress: ingress-nginx
          palisade:clusterName: govtech
          palisade:subnetIds: [subnet-1, subnet-2]
          palisade:apiAccessCidrs: [203.0.113.0/24]
          palisade:domain: example.com
        """;

    private const string AlbStack = """
        config:
          aws:region: us-east-1
          palisade:apps: [voting, govtech]
          palisade:cloud: aws
          palisade:ingress: alb
          palisade:clusterName: prod
          palisade:subnetIds: [subnet-1, subnet-2]
          palisade:apiAccessCidrs: [203.0.113.0/24]
          palisade:domain: example.com
          palisade:certificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc
          palisade:vpcId: vpc-0123456789abcdef0
          palisade:vpcCidr: 10.20.0.0/16
          palisade:unenforcedLimits: [burst, connections]
          palisade:albSubnetIds: [subnet-0a1b2c3d4e5f62001, subnet-0a1b2c3d4e5f62002]
          palisade:albSubnetCidrs: [10.20.200.0/24, 10.20.201.0/24]
        """;

    private static readonly SynthesisResult GovTech = StackFixtures.Synthesize(GovTechStack);
    private static readonly SynthesisResult Voting = StackFixtures.Voting();

    public static TheoryData<string, string> Invariants()
    {
        var data = new TheoryData<string, string>();
        foreach (var (app, stack) in new[] { ("govtech", "nginx"), ("voting", "nginx"), ("govtech", "alb"), ("voting", "alb") })
        {
            foreach (var invariant in TestApps.Catalog.Find(app)!.Invariants)
            {
                data.Add(stack, $"{app}: {invariant}");
            }
        }

        return data;
    }

    private static SynthesisResult Stack(string name, string app) =>
        name == "alb" ? Alb.Value : app == "govtech" ? GovTech : Voting;

    private static readonly Lazy<SynthesisResult> Alb = new(() => StackFixtures.Synthesize(AlbStack));

    [Fact]
    public void Both_apps_declare_their_seed_boundaries()
    {
        Assert.Contains(AppInvariant.Never("frontend", "database"), TestApps.Catalog.Find("govtech")!.Invariants);
        Assert.Contains(AppInvariant.NoEgressBeyondDns("database"), TestApps.Catalog.Find("govtech")!.Invariants);
        Assert.Contains(AppInvariant.Never("frontend", "postgres"), TestApps.Catalog.Find("voting")!.Invariants);
        Assert.Contains(AppInvariant.NeverFromOutside("api"), TestApps.Catalog.Find("voting")!.Invariants);
    }

    [Theory]
    [MemberData(nameof(Invariants))]
    public void Every_declared_invariant_holds_on_the_computed_matrix(string stack, string invariant)
    {
        var result = Stack(stack, invariant.Split(':')[0]);
        var bound = result.Declared.Invariants.Single(i => i.ToString() == invariant);
        var matrix = result.Connectivity;
        var w = bound.TierWorkloads;

        // Independent of the check's own evaluation: asked of the matrix directly.
        switch (bound.Invariant)
        {
            case NeverReaches never:
                Assert.True(matrix.Between(w[never.From], w[never.To]).Intersect(bound.Forbidden).IsEmpty);
                break;
            case NoEgressBeyondDnsInvariant egress:
                Assert.All(matrix.Workloads.Where(x => x.Id != w[egress.Tier]), x =>
                    Assert.True(result.Declared.DnsWorkloads.Contains(x.Id) || matrix.Between(w[egress.Tier], x.Id).IsEmpty, $"{w[egress.Tier]} => {x.Id}"));
                var dns = ConnectionSet.For(Protocol.UDP, 53, 53).Union(ConnectionSet.For(Protocol.TCP, 53, 53));
                Assert.All(result.Declared.DnsWorkloads, d => Assert.Equal(dns, matrix.Between(w[egress.Tier], d).Union(dns)));
                Assert.All(new[] { "142.250.1.1", "10.0.0.5", "169.254.169.254" }, a => Assert.True(matrix.ToExternal(w[egress.Tier], IPAddress.Parse(a)).IsEmpty));
                break;
            case ReachableOnlyFrom only:
                var allowed = only.Sources.Select(s => w[s]).ToHashSet();
                Assert.All(matrix.Workloads.Where(x => x.Id != w[only.Tier] && !allowed.Contains(x.Id)), x =>
                    Assert.True(matrix.Between(x.Id, w[only.Tier]).IsEmpty, $"{x.Id} => {w[only.Tier]}"));
                Assert.True(matrix.FromExternal(IPAddress.Parse("10.20.0.9"), w[only.Tier]).IsEmpty);
                break;
            case NeverFromOutsideCluster outside:
                Assert.All(new[] { "203.0.113.10", "10.20.0.9", "0.0.0.0", "255.255.255.255" },
                    a => Assert.True(matrix.FromExternal(IPAddress.Parse(a), w[outside.Tier]).IsEmpty));
                break;
            default:
                Assert.Fail($"no expectation for {bound.Invariant.GetType().Name}");
                break;
        }

        Assert.True(AppInvariantChecks.Evaluate(matrix, result.Declared).Single(o => o.Invariant.ToString() == invariant).Held);
    }

    [Fact]
    public void The_check_covers_every_declared_invariant_and_passes_on_the_shipped_stacks()
    {
        foreach (var result in new[] { GovTech, Voting, Alb.Value })
        {
            var expected = result.Stack.Apps.Sum(a => a.App.Invariants.Count);
            Assert.Equal(expected, result.Declared.Invariants.Count);
            var check = result.Checks.Single(c => c.Id == CheckIds.AppInvariants);
            Assert.True(check.Passed, string.Join("; ", check.Findings));
        }
    }

    private const string DebugPolicy = """
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: debug-frontend-to-database
          namespace: govtech
        spec:
          podSelector: {}
          policyTypes: [Ingress, Egress]
          ingress:
            - from:
                - podSelector:
                    matchLabels:
                      app.kubernetes.io/component: frontend
              ports:
                - port: 5432
          egress:
            - to:
                - podSelector:
                    matchLabels:
                      app.kubernetes.io/component: database
              ports:
                - port: 5432

        """;

    private static CheckResult InvariantCheckAfter(SynthesisResult result, string file, Func<string, string> edit)
    {
        var files = result.Files.ToDictionary(f => f.Key, f => f.Key == file ? edit(f.Value) : f.Value);
        return ConnectivityChecks.Run(Synthesizer.AnalyzeRendered(files), result.Declared)
            .Single(c => c.Id == CheckIds.AppInvariants);
    }

    [Fact]
    public void A_hand_edited_policy_opening_frontend_to_database_fails_the_check_naming_the_invariants()
    {
        var check = InvariantCheckAfter(GovTech, "manifests/govtech.yaml", text => text + DebugPolicy);

        Assert.False(check.Passed);
        Assert.Contains("violated: govtech: never frontend -> database (examples/GovTechApp.cs): " +
                        "govtech/frontend[Deployment] => govtech/database[StatefulSet] is open on TCP 5432 — allowed by " +
                        "egress of govtech/frontend[Deployment]: NetworkPolicy govtech/debug-frontend-to-database egress[0] (NetworkPolicy tier); " +
                        "ingress of govtech/database[StatefulSet]: NetworkPolicy govtech/debug-frontend-to-database ingress[0] (NetworkPolicy tier)", check.Findings);
        Assert.Contains(check.Findings, f => f.StartsWith("violated: govtech: database is reachable only from backend", StringComparison.Ordinal) &&
                                             f.Contains("govtech/frontend[Deployment] => govtech/database[StatefulSet]"));
        Assert.DoesNotContain(check.Findings, f => f.Contains("never backend -> frontend"));
    }

    [Fact]
    public void Opening_egress_from_the_database_violates_no_egress_beyond_dns()
    {
        var check = InvariantCheckAfter(GovTech, "manifests/govtech.yaml", text => text + """
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: database-backups
              namespace: govtech
            spec:
              podSelector:
                matchLabels:
                  app.kubernetes.io/component: database
              policyTypes: [Egress]
              egress:
                - to:
                    - ipBlock:
                        cidr: 52.0.0.0/8
                  ports:
                    - port: 443

            """);

        Assert.False(check.Passed);
        Assert.Single(check.Findings);
        Assert.StartsWith("violated: govtech: database has no egress beyond DNS (examples/GovTechApp.cs): govtech/database[StatefulSet] => 52.0.0.0-52.255.255.255 is open on TCP 443",
            check.Findings[0]);
    }

    [Fact]
    public void Admitting_the_internet_to_the_voting_api_violates_never_from_outside()
    {
        var check = InvariantCheckAfter(Voting, "manifests/voting-api.yaml", text => text + """
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: public-api
              namespace: voting-api
            spec:
              podSelector: {}
              policyTypes: [Ingress]
              ingress:
                - from:
                    - ipBlock:
                        cidr: 0.0.0.0/0
                  ports:
                    - port: 8000

            """);

        Assert.False(check.Passed);
        Assert.Contains(check.Findings, f => f.StartsWith("violated: voting: api is never reached from outside the cluster (examples/VotingApp.cs): ", StringComparison.Ordinal) &&
                                             f.Contains("=> voting-api/api[Deployment] is open on TCP 8000 — allowed by ingress of voting-api/api[Deployment]: NetworkPolicy voting-api/", StringComparison.Ordinal));
    }

    [Fact]
    public void The_plan_lists_every_declared_invariant_as_held()
    {
        using var project = TestProject.WithRepoStacks();
        Assert.Equal(0, project.Run("plan", "dev"));
        var output = project.Out.ToString();

        Assert.Contains("App invariants", output);
        var dev = new Palisade.Infra.Synthesis.ProjectDirectory(project.Path).ReadStack("dev");
        foreach (var app in Palisade.Stacks.Platform.StackPlatform.Read(dev).Apps.Select(n => TestApps.Catalog.Find(n)!))
        {
            foreach (var invariant in app.Invariants)
            {
                Assert.Matches($@"│ {app.Name} +│ {System.Text.RegularExpressions.Regex.Escape(invariant.ToString())} +│ held +│", output);
            }
        }

        Assert.Contains($"PASS {CheckIds.AppInvariants}: {AppInvariantChecks.Name}", output);
    }

    [Fact]
    public void Changing_an_invariant_changes_the_promoted_digest()
    {
        var stack = GovTech.Stack;
        var before = EnvironmentIndependentPart.Digest(EnvironmentIndependentPart.Build(stack));

        var app = stack.Apps.Single().App;
        var weakened = app with { Invariants = app.Invariants.Where(i => i is not NeverReaches { From: "frontend" }).ToList() };
        var graph = new ResourceGraph("palisade", "test");
        var provider = graph.AddResource(graph.Root, KubernetesTypes.Provider, "k8s", MapValue.Empty);
        var tiered = TieredApp.Create(graph, graph.Root, new TieredAppArgs
        {
            App = weakened, Provider = provider, Platform = stack.Peers, Namespaces = stack.Namespaces.ToDictionary(n => n.Name), Identities = new NoAnnotations(),
        });
        var after = EnvironmentIndependentPart.Digest(EnvironmentIndependentPart.Build(stack with { Apps = [tiered] }));

        Assert.NotEqual(before, after);
        Assert.Contains("\"never frontend -> database\"", GovTech.Files[EnvironmentIndependentPart.File]);
    }

    private sealed class NoAnnotations : ITierIdentities
    {
        public IReadOnlyDictionary<string, Value> Bind(ResourceGraph graph, Component tierComponent, AppSpec app, TierSpec tier) =>
            new Dictionary<string, Value>();
    }
}
