namespace Palisade.Infra.Init;

/// <summary>The project files of a new repository: Pulumi project and dev stack, palisade.json, .gitignore, README.</summary>
internal static class ProjectTemplates
{
    public static string PalisadeJson(TemplateNames n) => $$"""
        {
          "program": "platform/{{n.Namespace}}.Platform.csproj",
          "inputs": ["apps", "platform"]
        }

        """;

    public static string PulumiProject(TemplateNames n) => $$"""
        name: {{n.Project}}
        description: Zero-trust Kubernetes networking for {{n.Project}}'s apps, synthesized by Palisade from the C# in this repository on every preview and up.
        runtime:
          name: yaml
          options:
            compiler: bash scripts/pulumi-compile.sh

        """;

    /// <summary>An existing cluster, so the stack plans offline without a cloud account; the kube context names it.</summary>
    public static string DevStack(TemplateNames n) => """
        config:
          palisade:apps:
            - shop
          palisade:cloud: existing
          palisade:kubeContext: dev
          pulumi:disable-default-providers:
            - kubernetes
            - aws
            - gcp

        """;

    public const string GitIgnore = """
        bin/
        obj/
        out/
        *.user
        .vs/
        .idea/

        """;

    public static string Readme(TemplateNames n) => $$"""
        # {{n.Project}}

        Zero-trust networking for this repository's Kubernetes apps, declared in C# and proved by
        [Palisade](https://www.nuget.org/packages/Palisade.Infra) before anything is deployed.

        ## The two commands

        ```sh
        dotnet run --project platform -- plan dev   # synthesize and verify the dev stack, offline
        dotnet test                                 # the apps' tests
        ```

        `plan dev` prints the resource tree, every namespace's policies, the computed connectivity matrix, the app
        invariants and the checks; it exits 0 when every check passes, 1 when one fails, 2 on bad input.

        ## Layout

        | path | what it is |
        |---|---|
        | `apps/` | The apps (`ShopApp.cs`, an `IApp`) and `{{n.Namespace}}Apps.cs`, the catalog stacks name apps from. |
        | `platform/` | The program: `Program.cs` hands the catalog to Palisade's command line (`PalisadeCli.Run`). |
        | `tests/{{n.Namespace}}.Tests/` | Tests that synthesize the dev stack and check it against what the apps declare. |
        | `Pulumi.yaml`, `Pulumi.dev.yaml` | The Pulumi project (its compiler entry is `scripts/pulumi-compile.sh`) and the dev stack. |
        | `palisade.json` | Which project is the program (`program`) and which folders it is built from (`inputs`). |
        | `.github/workflows/` | `main.yml` (build, test, verify, deploy dev) and `pull-request.yml` (the diff as a PR comment). |

        The Palisade version is set once, `PalisadeVersion` in `Directory.Build.props`.

        ## Add an app

        Write a class implementing `IApp` in `apps/` (tiers, flows, invariants), register it in
        `{{n.Namespace}}Apps.Catalog` with `.Add(new MyApp())`, and name it in a stack's `palisade:apps`. The tests pick it up.

        ## Deploy

        `dev` targets an existing cluster through the kube context `dev` (`palisade:kubeContext`); for a kubeconfig
        kept in the stack, `pulumi config set --secret palisade:kubeconfig "$(cat kubeconfig)" -s dev`.

        ```sh
        pulumi stack init dev
        pulumi preview -s dev --diff
        pulumi up -s dev
        ```

        Pulumi runs `scripts/pulumi-compile.sh`, which builds the program when its inputs changed and prints the
        synthesized program; if a check fails nothing is deployed.

        ## Pull requests and promotion

        `dotnet run --project platform -- diff --base origin/main dev` shows what a change does (resources, connectivity
        opened and closed, checks): the base revision is exported and synthesized by its own program, the one its
        `palisade.json` names. `pull-request.yml` posts it as one comment. A stack promoted from another
        (`palisade:promoteFrom: dev`) is updated with `dotnet run --project platform -- promote dev prod`, which refuses
        uncommitted changes under the `inputs` of `palisade.json`.

        """;
}
