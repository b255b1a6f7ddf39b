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
        Assert.Equal(
            [
                new PropertyChange("properties.spec.ingress[0].ports[0].port", "80", "8080"),
                new PropertyChange("properties.spec.podSelector.matchLabels[\"app.kubernetes.io/name\"]", "api", "api2"),
            ],
            change.Changes);
    }

    [Fact]
    public void An_added_list_item_is_one_change_with_the_whole_value()
    {
        var head = Base.Replace(
            "                protocol: TCP\n",
            "                protocol: TCP\n              - port: 443\n                protocol: TCP\n");

        var change = Single(ResourceDiff.Compare(Base, head), "api-policy");

        Assert.Equal([new PropertyChange("properties.spec.ingress[0].ports[1]", null, "{port: 443, protocol: TCP}")], change.Changes);
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

        Assert.Equal([new PropertyChange("properties.list[0]", null, "{name: a, password: [secret]}")], change.Changes);
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
