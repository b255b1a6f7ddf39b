using Palisade.Infra.Diff;

namespace Palisade.Tests.Diff;

public class ResourceDiffTests
{
    private const string Base = """
        name: palisade
        config:
          palisade:kubeconfig:
            type: string
            secret: true
          palisade:kubeContext:
            type: string
        variables:
          kubeconfig-copy:
            fn::toJSON:
              raw: ${palisade:kubeconfig}
        resources:
          k8s:
            type: pulumi:providers:kubernetes
            properties:
              context: ${palisade:kubeContext}
              kubeconfig: ${palisade:kubeconfig}
            options:
              version: "4.34.2"
          api-ns:
            type: kubernetes:core/v1:Namespace
            properties:
              metadata:
                name: api
            options:
              provider: ${k8s}
          api-policy:
            type: kubernetes:networking.k8s.io/v1:NetworkPolicy
            properties:
              metadata:
                name: api-ingress
                namespace: api
              spec:
                ingress:
                  - ports:
                      - port: 80
                        protocol: TCP
                podSelector:
                  matchLabels:
                    app.kubernetes.io/name: api
            options:
              provider: ${k8s}
          old-thing:
            type: kubernetes:core/v1:ServiceAccount
            properties:
              metadata:
                name: old
        """;

    private static ResourceChange Single(IReadOnlyList<ResourceChange> changes, string name) => Assert.Single(changes, c => c.Name == name);

    [Fact]
    public void The_same_program_has_no_changes() => Assert.Empty(ResourceDiff.Compare(Base, Base));

    [Fact]
    public void Resources_are_added_and_removed_by_logical_name()
    {
        var head = Base.Replace("  old-thing:", "  new-thing:");

        var changes = ResourceDiff.Compare(Base, head);

        Assert.Equal(
            [("new-thing", ResourceAction.Add), ("old-thing", ResourceAction.Delete)],
            changes.Select(c => (c.Name, c.Action)));
        Assert.Equal("kubernetes:core/v1:ServiceAccount", changes[0].Type);
    }

    [Fact]
    public void An_update_lists_every_changed_path_with_old_and_new_values()
    {
        var head = Base.Replace("- port: 80", "- port: 8080").Replace("app.kubernetes.io/name: api", "app.kubernetes.io/name: api2");

        var change = Single(ResourceDiff.Compare(Base, head), "api-policy");

        Assert.Equal(ResourceAction.Update, change.Action);
        Assert.Empty(change.ReplaceReasons);
        // A NetworkPolicy rule is its peers and ports: the rule on port 80 goes, the rule on port 8080 comes.
        Assert.Equal(
            [
                new PropertyChange("properties.spec.ingress[0]", "{ports: [{port: 80, protocol: TCP}]}", null),
                new PropertyChange("properties.spec.ingress[0]", null, "{ports: [{port: 8080, protocol: TCP}]}"),
                new PropertyChange("properties.spec.podSelector.matchLabels[\"app.kubernetes.io/name\"]", "api", "api2"),
            ],
            change.Changes);
    }

    [Fact]
    public void An_added_list_item_is_one_change_with_the_whole_value()
    {
        var head = Base.Replace(
            "                protocol: TCP\n",
            "                protocol: TCP\n          - ports:\n              - port: 443\n                protocol: TCP\n");

        var change = Single(ResourceDiff.Compare(Base, head), "api-policy");

        Assert.Equal([new PropertyChange("properties.spec.ingress[1]", null, "{ports: [{port: 443, protocol: TCP}]}")], change.Changes);
    }

    [Fact]
    public void A_rule_added_before_the_others_leaves_them_unchanged()
    {
        var head = Base.Replace(
            "        ingress:\n",
            "        ingress:\n          - ports:\n              - port: 9090\n                protocol: TCP\n");

        var change = Single(ResourceDiff.Compare(Base, head), "api-policy");

        Assert.Equal([new PropertyChange("properties.spec.ingress[0]", null, "{ports: [{port: 9090, protocol: TCP}]}")], change.Changes);
    }

    [Fact]
    public void Containers_and_env_vars_are_matched_by_name()
    {
        const string before = """
            resources:
              api:
                type: kubernetes:apps/v1:Deployment
                properties:
                  spec:
                    template:
                      spec:
                        containers:
                          - name: api
                            image: api:1
                            env:
                              - name: MODE
                                value: fast
                              - name: LEVEL
                                value: info
            """;
        var after = before
            .Replace("              - name: api\n", "              - name: proxy\n                image: envoy:1\n              - name: api\n")
            .Replace("value: info", "value: debug");

        var change = Single(ResourceDiff.Compare(before, after), "api");

        Assert.Equal(
            [
                new PropertyChange("properties.spec.template.spec.containers[name=proxy]", null, "{image: envoy:1, name: proxy}"),
                new PropertyChange("properties.spec.template.spec.containers[name=api].env[name=LEVEL].value", "info", "debug"),
            ],
            change.Changes);
    }

    [Fact]
    public void Policy_statements_are_matched_by_sid_or_else_by_content()
    {
        const string before = """
            resources:
              role:
                type: aws:iam/role:Role
                properties:
                  inlinePolicy:
                    fn::toJSON:
                      Statement:
                        - Sid: ReadLogs
                          Action: logs:Get*
                          Effect: Allow
                        - Sid: WriteMetrics
                          Action: cloudwatch:Put*
                          Effect: Allow
                  trust:
                    fn::toJSON:
                      Statement:
                        - Action: sts:AssumeRole
                          Effect: Allow
            """;
        var after = before
            .Replace("            - Sid: ReadLogs\n", "            - Sid: ReadTraces\n              Action: xray:Get*\n              Effect: Allow\n            - Sid: ReadLogs\n")
            .Replace("Action: cloudwatch:Put*", "Action: cloudwatch:PutMetricData")
            .Replace("            - Action: sts:AssumeRole\n", "            - Action: sts:TagSession\n              Effect: Allow\n            - Action: sts:AssumeRole\n");

        var change = Single(ResourceDiff.Compare(before, after), "role");

        Assert.Equal(
            [
                new PropertyChange("properties.inlinePolicy[\"fn::toJSON\"].Statement[Sid=ReadTraces]", null, "{Action: xray:Get*, Effect: Allow, Sid: ReadTraces}"),
                new PropertyChange("properties.inlinePolicy[\"fn::toJSON\"].Statement[Sid=WriteMetrics].Action", "cloudwatch:Put*", "cloudwatch:PutMetricData"),
                new PropertyChange("properties.trust[\"fn::toJSON\"].Statement[0]", null, "{Action: sts:TagSession, Effect: Allow}"),
            ],
            change.Changes);
    }

    [Fact]
    public void A_plain_value_replaced_in_a_list_is_one_change_and_an_inserted_one_is_an_addition()
    {
        const string before = "resources:\n  sg:\n    type: aws:ec2/securityGroup:SecurityGroup\n    properties:\n      cidrs:\n        - 10.0.0.0/16\n        - 10.1.0.0/16\n";
        var after = before.Replace("        - 10.1.0.0/16\n", "        - 10.2.0.0/16\n").Replace("      cidrs:\n", "      cidrs:\n        - 192.168.0.0/24\n");

        var change = Single(ResourceDiff.Compare(before, after), "sg");

        Assert.Equal(
            [
                new PropertyChange("properties.cidrs[0]", null, "192.168.0.0/24"),
                new PropertyChange("properties.cidrs[2]", "10.1.0.0/16", "10.2.0.0/16"),
            ],
            change.Changes);
    }

    [Theory]
    [InlineData("name: api-ingress", "name: api-ingress-v2", "properties.metadata.name")]
    [InlineData("namespace: api", "namespace: api-v2", "properties.metadata.namespace")]
    public void A_kubernetes_name_or_namespace_change_is_a_replace(string from, string to, string reason)
    {
        var change = Single(ResourceDiff.Compare(Base, Base.Replace(from, to)), "api-policy");

        Assert.Equal(ResourceAction.Replace, change.Action);
        Assert.Equal([reason], change.ReplaceReasons);
    }

    [Fact]
    public void A_type_change_is_a_replace_with_the_old_type()
    {
        var head = Base.Replace("type: kubernetes:core/v1:ServiceAccount", "type: kubernetes:core/v1:ConfigMap");

        var change = Single(ResourceDiff.Compare(Base, head), "old-thing");

        Assert.Equal(ResourceAction.Replace, change.Action);
        Assert.Equal("kubernetes:core/v1:ServiceAccount", change.OldType);
        Assert.Equal("kubernetes:core/v1:ConfigMap", change.Type);
        Assert.Contains("type", change.ReplaceReasons);
    }

    [Fact]
    public void Option_changes_are_changes_and_a_provider_change_replaces()
    {
        var head = Base
            .Replace("\n        name: api\n    options:\n      provider: ${k8s}\n", "\n        name: api\n    options:\n      provider: ${k8s}\n      protect: true\n")
            .Replace("app.kubernetes.io/name: api\n    options:\n      provider: ${k8s}\n", "app.kubernetes.io/name: api\n    options:\n      provider: ${other-k8s}\n")
            .Replace("version: \"4.34.2\"", "version: \"4.35.0\"");

        var changes = ResourceDiff.Compare(Base, head);

        var ns = Single(changes, "api-ns");
        Assert.Equal(ResourceAction.Update, ns.Action);
        Assert.Equal([new PropertyChange("options.protect", null, "true")], ns.Changes);
        var policy = Single(changes, "api-policy");
        Assert.Equal(ResourceAction.Replace, policy.Action);
        Assert.Equal(["options.provider"], policy.ReplaceReasons);
        Assert.Equal([new PropertyChange("options.version", "4.34.2", "4.35.0")], Single(changes, "k8s").Changes);
    }

    [Fact]
    public void Values_that_reference_a_secret_config_key_are_masked()
    {
        var head = Base.Replace("kubeconfig: ${palisade:kubeconfig}", "kubeconfig: ${kubeconfig-copy}")
            .Replace("context: ${palisade:kubeContext}", "context: ${palisade:kubeconfig}");

        var change = Single(ResourceDiff.Compare(Base, head), "k8s");

        Assert.Equal(
            [
                new PropertyChange("properties.context", "${palisade:kubeContext}", ResourceDiff.Masked),
                new PropertyChange("properties.kubeconfig", ResourceDiff.Masked, ResourceDiff.Masked),
            ],
            change.Changes);
    }

    [Fact]
    public void Values_under_keys_that_look_secret_are_masked_and_plaintext_is_never_printed()
    {
        var before = Base + "\n  db:\n    type: kubernetes:core/v1:Secret\n    properties:\n      stringData:\n        user: admin\n" +
                     "  app:\n    type: custom:index:App\n    properties:\n      settings:\n        adminPassword: hunter2\n        apiToken: abc\n        enabled: true\n";
        var after = before.Replace("user: admin", "user: root").Replace("hunter2", "correct-horse").Replace("apiToken: abc", "apiToken: xyz")
                        .Replace("enabled: true", "enabled: false")
                    + "      privateKey:\n        pem: BEGIN-KEY-MATERIAL\n";

        var changes = ResourceDiff.Compare(before, after);
        var all = string.Join("\n", changes.SelectMany(c => c.Changes).SelectMany(c => new[] { c.Old, c.New }));

        foreach (var plain in new[] { "admin", "root", "hunter2", "correct-horse", "abc", "xyz", "BEGIN-KEY-MATERIAL" })
        {
            Assert.DoesNotContain(plain, all);
        }

        Assert.Equal(
            [
                new PropertyChange("properties.privateKey", null, ResourceDiff.Masked),
                new PropertyChange("properties.settings.adminPassword", ResourceDiff.Masked, ResourceDiff.Masked),
                new PropertyChange("properties.settings.apiToken", ResourceDiff.Masked, ResourceDiff.Masked),
                new PropertyChange("properties.settings.enabled", "true", "false"),
            ],
            Single(changes, "app").Changes);
        Assert.Equal([new PropertyChange("properties.stringData.user", ResourceDiff.Masked, ResourceDiff.Masked)], Single(changes, "db").Changes);
    }

    [Fact]
    public void A_compound_value_is_masked_inside_when_it_holds_a_secret_key()
    {
        var before = "resources:\n  app:\n    type: custom:index:App\n    properties:\n      list: []\n";
        var after = "resources:\n  app:\n    type: custom:index:App\n    properties:\n      list:\n        - name: a\n          password: p4ss\n";

        var change = Single(ResourceDiff.Compare(before, after), "app");

        Assert.Equal([new PropertyChange("properties.list[name=a]", null, "{name: a, password: [secret]}")], change.Changes);
    }

    [Fact]
    public void A_boolean_under_a_token_like_key_is_shown()
    {
        var before = "resources:\n  sa:\n    type: kubernetes:core/v1:ServiceAccount\n    properties:\n      automountServiceAccountToken: true\n";

        var change = Single(ResourceDiff.Compare(before, before.Replace("true", "false")), "sa");

        Assert.Equal([new PropertyChange("properties.automountServiceAccountToken", "true", "false")], change.Changes);
    }

    [Fact]
    public void Config_variables_and_outputs_are_compared_and_secret_variables_are_masked()
    {
        var head = Base.Replace("raw: ${palisade:kubeconfig}", "raw: ${palisade:kubeconfig}\n      extra: x")
                   + "\noutputs:\n  kubeconfigOut: ${kubeconfig-copy}\n  ns: api\n";

        Assert.Empty(ResourceDiff.Compare(Base, head));
        Assert.Equal(
            [
                new PropertyChange("variables.kubeconfig-copy[\"fn::toJSON\"].extra", null, ResourceDiff.Masked),
                new PropertyChange("outputs.kubeconfigOut", null, ResourceDiff.Masked),
                new PropertyChange("outputs.ns", null, "api"),
            ],
            ResourceDiff.CompareSettings(Base, head));
        Assert.Empty(ResourceDiff.CompareSettings(Base, Base));
    }

    [Fact]
    public void A_missing_program_means_every_resource_is_added()
    {
        var changes = ResourceDiff.Compare(null, Base);

        Assert.Equal(4, changes.Count);
        Assert.All(changes, c => Assert.Equal(ResourceAction.Add, c.Action));
    }
}

/// <summary>The diff of an app's synthesized program when the app gains one flow.</summary>
public class ResourceDiffOfAnAppTests
{
    [Fact]
    public void Adding_one_flow_to_an_app_shows_exactly_one_added_rule_per_policy_it_touches()
    {
        var flows = Palisade.Tests.ZeroTrust.SampleApp.Define().Flows;
        var before = Program(flows);
        var after = Program([.. flows, new Palisade.Components.ZeroTrust.FlowSpec("web", "worker", 7000)]);

        var changes = ResourceDiff.Compare(before, after);

        Assert.NotEmpty(changes);
        Assert.All(changes, c => Assert.Equal("kubernetes:networking.k8s.io/v1:NetworkPolicy", c.Type));
        Assert.All(changes, c =>
        {
            var rule = Assert.Single(c.Changes);
            Assert.Null(rule.Old);
            Assert.Matches(@"^properties\.spec\.(ingress|egress)\[\d+\]$", rule.Path);
            Assert.Contains("7000", rule.New);
        });
        Assert.Contains(changes, c => c.Changes[0].Path.Contains("ingress", StringComparison.Ordinal));
    }

    private static string Program(IReadOnlyList<Palisade.Components.ZeroTrust.FlowSpec> flows) =>
        Palisade.Infra.Emit.ProgramEmitter.Emit(Palisade.Tests.ZeroTrust.SampleApp.Create(Palisade.Tests.ZeroTrust.SampleApp.Define(flows: flows)).Graph, "test");
}
