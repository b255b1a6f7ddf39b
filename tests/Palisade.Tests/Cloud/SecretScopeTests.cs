using Palisade.Components.Aws;
using Palisade.Components.Diagnostics;
using Palisade.Components.Gcp;
using Palisade.Components.Graph;
using Palisade.Components.Identity;
using Palisade.Components.ZeroTrust;
using Palisade.Examples;

namespace Palisade.Tests.Cloud;

/// <summary>A tier's secrets are declared once, as a prefix, and granted exactly those secrets on both clouds.</summary>
public class SecretScopeTests
{
    [Fact]
    public void On_gke_the_secret_accessor_role_holds_only_under_a_condition_on_the_secret_name()
    {
        var graph = CloudStacks.Compose("gke").Graph;
        var accessors = graph.Resources
            .Where(r => r.Type == GcpTypes.ProjectIamMember && r.Prop("role").Equals(new StringValue(SecretScope.GcpAccessorRole)))
            .ToList();
        var grant = Assert.Single(accessors);
        Assert.Equal("govtech-backend-wi-gsa", ((OutputRef)grant.Prop("member")).Resource.LogicalName);
        Assert.Equal(new StringValue("secrets-govtech"), grant.Prop("condition.title"));
        Assert.Equal(
            Interpolation.Of("resource.name.startsWith(\"projects/", new VariableRef(WorkloadIdentity.ProjectNumberVariable), "/secrets/govtech_\")"),
            grant.Prop("condition.expression"));
    }

    [Fact]
    public void The_condition_names_the_project_by_number_looked_up_once()
    {
        var graph = CloudStacks.Compose("gke").Graph;
        var invoke = Assert.IsType<FunctionCall>(graph.Variables[WorkloadIdentity.ProjectNumberVariable]);
        Assert.Equal(new StringValue(GcpTypes.GetProject), invoke.Argument.At("function"));
        Assert.Equal(new StringValue("palisade-example"), invoke.Argument.At("arguments.projectId"));
        Assert.Equal(new StringValue("number"), invoke.Argument.At("return"));
        Assert.Equal("gcp", ((OutputRef)invoke.Argument.At("options.provider")).Resource.LogicalName);
    }

    [Fact]
    public void On_eks_the_same_declaration_reads_only_the_secrets_under_the_prefix()
    {
        var statement = CloudSpecScope().AwsStatement;
        Assert.Equal(["secretsmanager:GetSecretValue"], statement.Actions);
        Assert.Equal(["arn:aws:secretsmanager:*:*:secret:govtech/*"], statement.Resources);

        var policy = CloudStacks.Compose("prod").Graph.Resource("govtech-backend-irsa-inline");
        Assert.Equal(AwsTypes.RolePolicy, policy.Type);
        Assert.Equal(IamDocuments.Policy([statement]), policy.Prop("policy"));
    }

    private static SecretScope CloudSpecScope() =>
        Assert.Single(GovTechApp.Define().Tier("backend").Identity!.Secrets);

    [Theory]
    [InlineData("Govtech")]
    [InlineData("govtech/db")]
    [InlineData("govtech_db")]
    [InlineData("")]
    public void A_prefix_that_is_not_a_plain_label_is_refused(string prefix)
    {
        var error = Assert.Throws<InputError>(() => AppValidator.Validate(WithBackendIdentity(CloudIdentitySpec.ReadingSecrets(prefix))));
        Assert.Contains("is not a secret prefix", error.Message);
    }

    [Fact]
    public void Project_wide_secret_access_is_refused_in_favour_of_a_scope()
    {
        var identity = new CloudIdentitySpec([], [new IamStatement(["secretsmanager:GetSecretValue"], ["arn:aws:secretsmanager:*:*:secret:govtech/*"])],
            [SecretScope.GcpAccessorRole]);
        var error = Assert.Throws<InputError>(() => AppValidator.Validate(WithBackendIdentity(identity)));
        Assert.Contains("on the whole project", error.Message);
    }

    private static AppSpec WithBackendIdentity(CloudIdentitySpec identity)
    {
        var app = GovTechApp.Define();
        return app with { Tiers = app.Tiers.Select(t => t.Name == "backend" ? t with { Identity = identity } : t).ToList() };
    }
}
