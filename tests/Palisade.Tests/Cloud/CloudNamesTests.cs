using Palisade.Components.Aws;
using Palisade.Components.Gcp;
using Palisade.Components.Graph;
using Palisade.Components.Naming;
using Palisade.Stacks.Composition;
using Palisade.Stacks.Config;

namespace Palisade.Tests.Cloud;

public class CloudNamesTests
{
    /// <summary>The account- or project-scoped name of each resource type the stacks emit, by property.</summary>
    private static readonly (string Type, string Property)[] ScopedNames =
    [
        (GcpTypes.ServiceAccount, "accountId"),
        (GcpTypes.Firewall, "name"),
        (AwsTypes.IamRole, "name"),
        (AwsTypes.IamPolicy, "name"),
        (AwsTypes.WebAcl, "name"),
    ];

    private static readonly NameRule[] Rules =
        [CloudNames.GcpServiceAccountId, CloudNames.GcpComputeName, CloudNames.AwsIamRole, CloudNames.AwsIamPolicy, CloudNames.AwsWafAcl];

    /// <summary>Each scoped name with its type: IAM roles and policies, say, are separate name spaces.</summary>
    private static List<string> Names(string stack, string yaml)
    {
        var graph = TestApps.Compose(StackConfigParser.ParseFile(stack, $"Pulumi.{stack}.yaml", yaml)).Graph;
        return graph.Resources
            .SelectMany(r => ScopedNames.Where(n => n.Type == r.Type).Select(n => $"{r.Type} {((StringValue)r.Prop(n.Property)).Text}"))
            .ToList();
    }

    private static string WithoutClusterName(string yaml) =>
        string.Join('\n', yaml.Split('\n').Where(l => !l.TrimStart().StartsWith("palisade:clusterName:", StringComparison.Ordinal)));

    [Theory]
    [InlineData("gke")]
    [InlineData("prod")]
    [InlineData("dev")]
    public void Two_stacks_in_one_project_or_account_get_disjoint_names(string stack)
    {
        var yaml = WithoutClusterName(stack == "gke"
            ? File.ReadAllText(CloudStacks.GkeFixture)
            : File.ReadAllText(Path.Combine(Support.RepoPaths.Root, $"Pulumi.{stack}.yaml")));
        yaml = string.Join('\n', yaml.Split('\n').Where(l => !l.TrimStart().StartsWith("palisade:promote", StringComparison.Ordinal)));
        var first = Names($"{stack}-a", yaml);
        var second = Names($"{stack}-b", yaml);

        Assert.NotEmpty(first);
        Assert.Equal(first.Count, first.Distinct().Count());
        Assert.Empty(first.Intersect(second));
    }

    [Fact]
    public void The_gke_service_account_of_a_tier_is_qualified_by_the_cluster()
    {
        var names = Names("gke", File.ReadAllText(CloudStacks.GkeFixture));
        Assert.Contains($"{GcpTypes.ServiceAccount} palisade-gke-govtech-backend", names);
        Assert.DoesNotContain($"{GcpTypes.ServiceAccount} govtech-backend", names);
    }

    [Fact]
    public void Every_name_keeps_its_rule_for_every_length_and_is_deterministic()
    {
        foreach (var rule in Rules)
        {
            for (var length = 1; length <= 140; length++)
            {
                var part = new string('x', length);
                var name = CloudNames.Qualified(rule, "c", part, "tier");
                Assert.True(rule.Accepts(name), $"{rule.What}: '{name}' breaks its rule");
                Assert.Equal(name, CloudNames.Qualified(rule, "c", part, "tier"));
            }
        }
    }

    [Fact]
    public void Long_names_keep_a_prefix_and_a_hash_of_the_whole_name_so_they_stay_distinct()
    {
        var app = "a-very-long-application-name";
        var backend = CloudNames.Qualified(CloudNames.GcpServiceAccountId, "palisade-staging", app, "backend");
        var frontend = CloudNames.Qualified(CloudNames.GcpServiceAccountId, "palisade-staging", app, "frontend");

        Assert.Equal(30, backend.Length);
        Assert.StartsWith("palisade-staging-a-very", backend, StringComparison.Ordinal);
        Assert.NotEqual(backend, frontend);
        Assert.Equal(backend[..23], frontend[..23]);

        var role = CloudNames.Qualified(CloudNames.AwsIamRole, new string('c', 40), new string('a', 30), "backend");
        Assert.Equal(64, role.Length);
        Assert.Matches("-[0-9a-f]{8}$", role);
    }

    [Fact]
    public void Short_names_are_padded_to_the_minimum_with_the_hash()
    {
        var name = CloudNames.Qualified(CloudNames.GcpServiceAccountId, "c", "db");
        Assert.Matches("^c-db-[0-9a-f]{6}$", name);
        Assert.Equal("palisade-dev-govtech-backend", CloudNames.Qualified(CloudNames.AwsIamRole, "palisade-dev", "govtech", "backend"));
    }

    [Fact]
    public void A_name_the_provider_refuses_is_an_error_not_an_emitted_name()
    {
        Assert.Throws<ArgumentException>(() => CloudNames.Qualified(CloudNames.GcpServiceAccountId, "Palisade", "app"));
        Assert.Throws<ArgumentException>(() => CloudNames.Qualified(CloudNames.AwsWafAcl, "palisade", "rate limit"));
    }
}
