using Palisade.Components.Aws;
using Palisade.Components.Graph;
using Palisade.Components.Identity;

namespace Palisade.Tests.Cloud;

public class IrsaTests
{
    private static readonly ResourceGraph Graph = CloudStacks.Compose("prod").Graph;

    [Fact]
    public void The_trust_policy_allows_exactly_one_service_account_with_the_sts_audience()
    {
        var role = Graph.Resource("govtech-backend-irsa-role");
        var invoke = Assert.IsType<FunctionCall>(role.Prop("assumeRolePolicy"));
        Assert.Equal("invoke", invoke.Name);
        Assert.Equal("aws:iam/getPolicyDocument:getPolicyDocument", ((StringValue)invoke.Argument.At("function")).Text);
        Assert.Equal("json", ((StringValue)invoke.Argument.At("return")).Text);

        var statement = invoke.Argument.At("arguments.statements.0");
        Assert.Single(((ListValue)invoke.Argument.At("arguments.statements")).Items);
        Assert.Equal(new StringValue("Allow"), statement.At("effect"));
        Assert.Equal(ListValue.Of("sts:AssumeRoleWithWebIdentity"), statement.At("actions"));
        Assert.Equal(new StringValue("Federated"), statement.At("principals.0.type"));
        var arn = Assert.IsType<OutputRef>(((ListValue)statement.At("principals.0.identifiers")).Items.Single());
        Assert.Equal(("eks-oidc-provider", "arn"), (arn.Resource.LogicalName, arn.Path));

        var issuer = new VariableRef("eks-oidc-issuer-host");
        Assert.Equal(
            ListValue.Of(
                new MapBuilder { { "test", "StringEquals" }, { "variable", Interpolation.Of(issuer, ":sub") }, { "values", ListValue.Of("system:serviceaccount:govtech:backend") } }.Build(),
                new MapBuilder { { "test", "StringEquals" }, { "variable", Interpolation.Of(issuer, ":aud") }, { "values", ListValue.Of("sts.amazonaws.com") } }.Build()),
            statement.At("conditions"));
    }

    [Fact]
    public void The_issuer_host_strips_the_scheme_from_the_cluster_issuer()
    {
        var host = Graph.Variables["eks-oidc-issuer-host"];
        Assert.Equal(
            new FunctionCall("select", ListValue.Of(1, new FunctionCall("split",
                ListValue.Of("https://", Graph.Resource("eks-cluster").Output("identities[0].oidcs[0].issuer"))))),
            host);
    }

    [Theory]
    [InlineData("govtech", "*")]
    [InlineData("*", "backend")]
    [InlineData("govtech", "back*")]
    [InlineData("govtech", "")]
    [InlineData("govtech:x", "backend")]
    [InlineData("Govtech", "backend")]
    public void A_wildcard_or_malformed_service_account_cannot_be_named(string ns, string name) =>
        Assert.Throws<ArgumentException>(() => ServiceAccountRef.Of(ns, name));

    [Fact]
    public void The_service_account_carries_the_role_arn_annotation()
    {
        var sa = Graph.Resource("govtech-backend-sa");
        var arn = Assert.IsType<OutputRef>(((MapValue)sa.Prop("metadata.annotations"))["eks.amazonaws.com/role-arn"]);
        Assert.Equal("govtech-backend-irsa-role", arn.Resource.LogicalName);
    }

    [Fact]
    public void The_declared_inline_policy_is_granted_and_nothing_more()
    {
        var inline = Graph.Resource("govtech-backend-irsa-inline");
        Assert.Equal(
            new FunctionCall("toJSON", new MapBuilder
            {
                { "Version", "2012-10-17" },
                {
                    "Statement", ListValue.Of(new MapBuilder
                    {
                        { "Effect", "Allow" },
                        { "Action", "secretsmanager:GetSecretValue" },
                        { "Resource", "arn:aws:secretsmanager:*:*:secret:govtech/*" },
                    }.Build())
                },
            }.Build()),
            inline.Prop("policy"));
        Assert.DoesNotContain(Graph.Resources, r => r.LogicalName.StartsWith("govtech-backend-irsa-policy-", StringComparison.Ordinal));
        Assert.DoesNotContain(Graph.Resources, r => r.LogicalName.StartsWith("govtech-frontend-irsa", StringComparison.Ordinal));
    }

    [Fact]
    public void The_load_balancer_controller_has_its_own_role_for_its_own_service_account()
    {
        var role = Graph.Resource("alb-controller-irsa-role");
        var conditions = ((FunctionCall)role.Prop("assumeRolePolicy")).Argument.At("arguments.statements.0.conditions");
        Assert.Equal(ListValue.Of("system:serviceaccount:kube-system:aws-load-balancer-controller"), conditions.At("0.values"));
        Assert.Equal(ListValue.Of("sts.amazonaws.com"), conditions.At("1.values"));
    }
}
