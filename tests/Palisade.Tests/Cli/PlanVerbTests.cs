using Palisade.Tests.Support;

namespace Palisade.Tests.Cli;

public class PlanVerbTests
{
    [Fact]
    public void Plan_dev_prints_the_tree_the_policies_and_passing_checks()
    {
        using var project = TestProject.WithRepoStacks();

        var exit = project.Run("plan", "dev");
        var output = project.Out.ToString();

        Assert.Equal(0, exit);
        Assert.Contains("Plan for stack dev", output);
        Assert.Contains("+ kubernetes:networking.k8s.io/v1:NetworkPolicy voting-api-default-deny", output);
        Assert.Contains("NetworkPolicies in namespace voting-data", output);
        Assert.Contains("PASS default-deny: Default deny for ingress and egress in every namespace", output);
        Assert.DoesNotContain("FAIL", output);
        Assert.Equal(string.Empty, project.Error.ToString());
    }

    [Fact]
    public void The_plan_matrix_names_the_declaration_behind_every_connection_including_the_load_balancer_path()
    {
        using var project = TestProject.WithRepoStacks();

        project.Run("plan", "prod", "--allow-unpromoted");
        var output = project.Out.ToString();

        Assert.Contains("load balancer 10.20.200.0/24 to", output);
        Assert.DoesNotContain("UNDECLARED", output);
    }

    [Fact]
    public void The_plan_shows_each_routes_limits_and_says_what_is_not_enforced()
    {
        using var project = TestProject.WithRepoStacks();

        Assert.Equal(0, project.Run("plan", "dev"));
        var output = project.Out.ToString();

        Assert.Contains("Edge limits per exposed route, as ingress nginx enforces them", output);
        Assert.Contains("nginx.org/limit-req-rate", output);
        Assert.Contains("edge: connections is NOT enforced: ingress nginx has no mechanism for it (accepted by palisade:unenforcedLimits)", output);
        Assert.Contains("PASS edge-limits", output);
    }

    [Fact]
    public void The_retired_community_controller_is_planned_with_a_warning()
    {
        using var project = TestProject.WithRepoStacks();
        project.WriteStack("community", "config:\n  palisade:apps: [voting]\n  palisade:kubeContext: c\n  palisade:ingress: ingress-nginx\n" +
                                        "  palisade:unenforcedLimits: [limitedStatus]\n  palisade:domain: example.com\n");

        Assert.Equal(0, project.Run("plan", "community"));

        Assert.StartsWith("warning: ingress-nginx (the community controller) is retired upstream", project.Error.ToString(), StringComparison.Ordinal);
        Assert.Contains("use palisade:ingress nginx", project.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_stack_is_a_clear_error_with_exit_code_2()
    {
        using var project = TestProject.WithRepoStacks();

        var exit = project.Run("plan", "qa");

        Assert.Equal(2, exit);
        Assert.Contains("Pulumi.qa.yaml: unknown stack 'qa'", project.Error.ToString());
        Assert.Contains("dev, platform, prod", project.Error.ToString());
    }

    [Fact]
    public void A_missing_argument_is_a_usage_error_with_exit_code_2()
    {
        using var project = TestProject.WithRepoStacks();

        Assert.Equal(2, project.Run("plan"));
        Assert.Contains("error:", project.Error.ToString());
    }

    [Fact]
    public void An_unknown_verb_is_a_usage_error_with_exit_code_2()
    {
        using var project = TestProject.WithRepoStacks();
        Assert.Equal(2, project.Run("deploy-everything"));
    }
}
