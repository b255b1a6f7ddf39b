using Palisade.Components.Gcp;
using Palisade.Components.Graph;
using Palisade.Components.Naming;
using Palisade.Components.ZeroTrust;

namespace Palisade.Components.Identity;

/// <summary>The arguments of a <see cref="WorkloadIdentity"/>: the Google service account and the one Kubernetes service account bound to it.</summary>
public sealed record WorkloadIdentityArgs
{
    /// <summary>A project-scoped id: qualify it with the cluster's name through <see cref="CloudNames"/>.</summary>
    public required string AccountId { get; init; }

    public required string Project { get; init; }

    /// <summary>The only Kubernetes service account that may act as the Google service account.</summary>
    public required ServiceAccountRef ServiceAccount { get; init; }

    /// <summary>Project roles of the account.</summary>
    /// <remarks>Default: none.</remarks>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>Secrets the account reads: secretAccessor on the project, conditioned on the secret's name.</summary>
    /// <remarks>Default: none.</remarks>
    public IReadOnlyList<SecretScope> Secrets { get; init; } = [];
}

/// <summary>
/// GKE Workload Identity (cloud-wiring.md §2): a Google service account, a <c>roles/iam.workloadIdentityUser</c>
/// binding on it for exactly <c>&lt;project&gt;.svc.id.goog[&lt;namespace&gt;/&lt;ksa&gt;]</c> (never at project level),
/// the project roles the tier declares, and the annotation the Kubernetes service account carries.
/// </summary>
public sealed class WorkloadIdentity
{
    public const string WorkloadIdentityUserRole = "roles/iam.workloadIdentityUser";
    public const string GsaAnnotation = "iam.gke.io/gcp-service-account";

    private WorkloadIdentity(Resource account, IReadOnlyDictionary<string, Value> annotations)
    {
        Account = account;
        Annotations = annotations;
    }

    public Resource Account { get; }
    public IReadOnlyDictionary<string, Value> Annotations { get; }

    public static WorkloadIdentity Create(ResourceGraph graph, Component parent, string logicalPrefix, Resource gcp, WorkloadIdentityArgs args)
    {
        var options = new ResourceOptions { Provider = gcp };
        var account = graph.AddResource(parent, GcpTypes.ServiceAccount, $"{logicalPrefix}-gsa", new MapBuilder
        {
            { "accountId", args.AccountId },
            { "project", args.Project },
            { "displayName", $"Workload Identity of Kubernetes service account {args.ServiceAccount}" },
        }, options);
        graph.AddResource(parent, GcpTypes.ServiceAccountIamMember, $"{logicalPrefix}-wi-user", new MapBuilder
        {
            { "serviceAccountId", account.Output("name") },
            { "role", WorkloadIdentityUserRole },
            { "member", args.ServiceAccount.WorkloadIdentityMember(args.Project) },
        }, options);
        for (var i = 0; i < args.Roles.Count; i++)
        {
            graph.AddResource(parent, GcpTypes.ProjectIamMember, $"{logicalPrefix}-role-{i}", new MapBuilder
            {
                { "project", args.Project },
                { "role", args.Roles[i] },
                { "member", account.Output("member") },
            }, options);
        }

        for (var i = 0; i < args.Secrets.Count; i++)
        {
            graph.AddResource(parent, GcpTypes.ProjectIamMember, $"{logicalPrefix}-secrets-{i}", new MapBuilder
            {
                { "project", args.Project },
                { "role", SecretScope.GcpAccessorRole },
                { "member", account.Output("member") },
                { "condition", SecretCondition(graph, gcp, args.Project, args.Secrets[i]) },
            }, options);
        }

        return new WorkloadIdentity(account, new SortedDictionary<string, Value>(StringComparer.Ordinal)
        {
            [GsaAnnotation] = account.Output("email"),
        });
    }

    public const string ProjectNumberVariable = "gcp-project-number";

    /// <summary>
    /// An IAM condition that holds only for the scope's secrets and their versions. Secret Manager names resources by
    /// project number (<c>projects/&lt;number&gt;/secrets/&lt;id&gt;</c>), so the number is looked up once per program.
    /// </summary>
    public static MapValue SecretCondition(ResourceGraph graph, Resource gcp, string project, SecretScope scope)
    {
        var number = graph.Variables.ContainsKey(ProjectNumberVariable)
            ? new VariableRef(ProjectNumberVariable)
            : graph.AddVariable(ProjectNumberVariable, new FunctionCall("invoke", new MapBuilder
            {
                { "function", GcpTypes.GetProject },
                { "arguments", new MapBuilder { { "projectId", project } }.Build() },
                { "options", new MapBuilder { { "provider", gcp.Self } }.Build() },
                { "return", "number" },
            }.Build()));
        return new MapBuilder
        {
            { "title", $"secrets-{scope.Prefix}" },
            { "description", $"Only Secret Manager secrets whose id starts with {scope.GcpSecretIdPrefix}" },
            { "expression", Interpolation.Of("resource.name.startsWith(\"projects/", number, $"/secrets/{scope.GcpSecretIdPrefix}\")") },
        }.Build();
    }
}

/// <summary>On GKE a tier's declared identity becomes a Google service account bound to exactly the tier's KSA.</summary>
public sealed class WorkloadIdentityTierIdentities(GkeCluster cluster) : ITierIdentities
{
    public IReadOnlyDictionary<string, Value> Bind(ResourceGraph graph, Component tierComponent, AppSpec app, TierSpec tier)
    {
        var identity = tier.Identity ?? throw new InvalidOperationException($"Tier '{tier.Name}' declares no identity.");
        return WorkloadIdentity.Create(graph, tierComponent, tierComponent.ChildName("wi"), cluster.GcpProvider, new WorkloadIdentityArgs
        {
            AccountId = CloudNames.Qualified(CloudNames.GcpServiceAccountId, cluster.Name, app.Name, tier.Name),
            Project = cluster.Project,
            ServiceAccount = ServiceAccountRef.Of(tier.Namespace, tier.ServiceAccountName),
            Roles = identity.GcpRoles,
            Secrets = identity.Secrets,
        }).Annotations;
    }
}
