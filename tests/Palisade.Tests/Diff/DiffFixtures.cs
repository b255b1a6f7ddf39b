using Palisade.Infra.Diff;

namespace Palisade.Tests.Diff;

/// <summary>A small base and head output with one change of every kind, for the rendering tests.</summary>
internal static class DiffFixtures
{
    public const string BaseProgram = """
        name: palisade
        config:
          palisade:kubeconfig:
            type: string
            secret: true
        resources:
          k8s:
            type: pulumi:providers:kubernetes
            properties:
              kubeconfig: ${palisade:kubeconfig}
          api-ns:
            type: kubernetes:core/v1:Namespace
            properties:
              metadata:
                name: api
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
          legacy-sa:
            type: kubernetes:core/v1:ServiceAccount
            properties:
              metadata:
                name: legacy
                namespace: api
          web-policy:
            type: kubernetes:networking.k8s.io/v1:NetworkPolicy
            properties:
              metadata:
                name: web-egress
                namespace: web

        """;

    public static string HeadProgram => BaseProgram
        .Replace("kubeconfig: ${palisade:kubeconfig}", "kubeconfig: ${palisade:kubeconfig}\n      context: ${palisade:kubeconfig}")
        .Replace("- port: 80", "- port: 8080")
        .Replace("name: web-egress", "name: web-egress-v2")
        .Replace("  legacy-sa:\n", "  cache-sa:\n")
        .Replace("        name: api\n", "        name: api\n    options:\n      protect: true\n")
        + "outputs:\n  apiNamespace: api\n";

    public const string BaseConnectivity = """
        {"connections":[
          {"src":"web/web[Deployment]","dst":"api/api[Deployment]","conns":[{"protocol":"TCP","ports":"80"}]},
          {"src":"api/api[Deployment]","dst":["0.0.0.0-255.255.255.255"],"conns":[{"protocol":"TCP","ports":"443"}]}
        ]}
        """;

    public const string HeadConnectivity = """
        {"connections":[
          {"src":"web/web[Deployment]","dst":"api/api[Deployment]","conns":[{"protocol":"TCP","ports":"8080"}]},
          {"src":"api/api[Deployment]","dst":["0.0.0.0-9.255.255.255","11.0.0.0-255.255.255.255"],"conns":[{"protocol":"TCP","ports":"443"}]},
          {"src":"api/api[Deployment]","dst":["10.0.0.0-10.255.255.255"],"conns":"All Connections"}
        ]}
        """;

    public const string BaseChecks = """
        {"checks":[
          {"name":"Default deny","passed":true,"findings":["2 namespaces"]},
          {"name":"Nothing undeclared is open","passed":true,"findings":["ok"]}
        ]}
        """;

    public const string HeadChecks = """
        {"checks":[
          {"name":"Default deny","passed":true,"findings":["2 namespaces"]},
          {"name":"Nothing undeclared is open","passed":false,"findings":["api/api[Deployment] => 10.0.0.0-10.255.255.255: All Connections"]}
        ]}
        """;

    public static DiffSide Side(string label, string program, string connectivity, string checks) =>
        new("dev", label, new Dictionary<string, string>
        {
            [DiffSide.ProgramFile] = program,
            [DiffSide.ConnectivityFile] = connectivity,
            [DiffSide.ChecksFile] = checks,
        });

    public static StackDiff Diff() => StackDiff.Compare(
        Side("origin/main (1234567)", BaseProgram, BaseConnectivity, BaseChecks),
        Side("the working tree", HeadProgram, HeadConnectivity, HeadChecks));
}
