namespace Palisade.Infra.Init;

/// <summary>The C# of a new repository: the example app and its catalog, the host program, the tests, the projects.</summary>
internal static class CodeTemplates
{
    public static string BuildProps(TemplateNames n) => $$"""
        <Project>
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <LangVersion>latest</LangVersion>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            <Deterministic>true</Deterministic>
            <InvariantGlobalization>true</InvariantGlobalization>
            <!-- The one place to upgrade Palisade: every project references its packages at this version. -->
            <PalisadeVersion>{{n.PalisadeVersion}}</PalisadeVersion>
          </PropertyGroup>
        </Project>

        """;

    public static string Solution(TemplateNames n) => $$"""
        <Solution>
          <Project Path="apps/{{n.Namespace}}.Apps.csproj" />
          <Project Path="platform/{{n.Namespace}}.Platform.csproj" />
          <Project Path="tests/{{n.Namespace}}.Tests/{{n.Namespace}}.Tests.csproj" />
        </Solution>

        """;

    public static string AppsProject(TemplateNames n) => $$"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <RootNamespace>{{n.Namespace}}.Apps</RootNamespace>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Palisade.Stacks" Version="$(PalisadeVersion)" />
          </ItemGroup>
        </Project>

        """;

    public static string Catalog(TemplateNames n) => $$"""
        using Palisade.Stacks.Composition;

        namespace {{n.Namespace}}.Apps;

        /// <summary>The apps this repository's stacks may name in palisade:apps.</summary>
        public static class {{n.Namespace}}Apps
        {
            public static AppCatalog Catalog { get; } = AppCatalog.Empty
                .Add(new ShopApp())
                .RegisteredAt("apps/{{n.Namespace}}Apps.cs");
        }

        """;

    public static string ShopApp(TemplateNames n) => $$"""
        using Palisade.Components.Kubernetes;
        using Palisade.Components.ZeroTrust;
        using Palisade.Stacks.Composition;

        namespace {{n.Namespace}}.Apps;

        /// <summary>
        /// An example shop: a web frontend, an API and PostgreSQL, each tier in a namespace of its own. Two flows are
        /// allowed (web to API, API to the database) plus DNS; everything else is denied, and the invariants say what
        /// must never become reachable, whatever a later change declares.
        /// </summary>
        public sealed class ShopApp : IApp
        {
            public string Name => "shop";

            public AppSpec Define() => new(
                Name: Name,
                Tiers:
                [
                    new TierSpec("web", "shop-web", [new ContainerPort(8080, Name: "http")], Image: "nginx:1.27-alpine"),
                    new TierSpec("api", "shop-api", [new ContainerPort(8000, Name: "http")], Image: "ghcr.io/example/shop-api:1.0.0"),
                    new TierSpec("db", "shop-data", [new ContainerPort(5432, Name: "postgres")],
                        WorkloadKind: "StatefulSet", Image: "postgres:16-alpine", Stateful: true),
                ],
                Flows:
                [
                    new FlowSpec("web", "api", 8000),
                    new FlowSpec("api", "db", 5432),
                ],
                ExternalEgress: [],
                Source: "apps/ShopApp.cs")
            {
                Invariants =
                [
                    AppInvariant.Never("web", "db"),
                    AppInvariant.OnlyFrom("db", "api"),
                    AppInvariant.NeverFromOutside("api"),
                    AppInvariant.NeverFromOutside("db"),
                ],
            };
        }

        """;

    public static string PlatformProject(TemplateNames n) => $$"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <RootNamespace>{{n.Namespace}}.Platform</RootNamespace>
          </PropertyGroup>
          <!-- The two builds the compiler entry publishes (scripts/lib/cli-build.sh passes -p:PalisadePublish=native|r2r);
               ordinary builds and tests use neither. -->
          <PropertyGroup Condition="'$(PalisadePublish)' == 'native'">
            <PublishAot>true</PublishAot>
          </PropertyGroup>
          <PropertyGroup Condition="'$(PalisadePublish)' == 'r2r'">
            <PublishReadyToRun>true</PublishReadyToRun>
            <SelfContained>false</SelfContained>
            <UseAppHost>false</UseAppHost>
          </PropertyGroup>
          <PropertyGroup Condition="'$(PalisadePublish)' != ''">
            <CopyOutputSymbolsToPublishDirectory>false</CopyOutputSymbolsToPublishDirectory>
          </PropertyGroup>
          <ItemGroup>
            <ProjectReference Include="../apps/{{n.Namespace}}.Apps.csproj" />
            <PackageReference Include="Palisade.Infra" Version="$(PalisadeVersion)" />
          </ItemGroup>
        </Project>

        """;

    public static string Program(TemplateNames n) => $$"""
        using {{n.Namespace}}.Apps;
        using Palisade.Infra.Cli;

        return PalisadeCli.Run(args, {{n.Namespace}}Apps.Catalog);

        """;

    public static string TestsProject(TemplateNames n) => $$"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <IsPackable>false</IsPackable>
            <IsTestProject>true</IsTestProject>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
            <PackageReference Include="xunit" Version="2.9.3" />
            <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
            <PackageReference Include="Palisade.Infra" Version="$(PalisadeVersion)" />
          </ItemGroup>
          <ItemGroup>
            <ProjectReference Include="../../apps/{{n.Namespace}}.Apps.csproj" />
          </ItemGroup>
          <ItemGroup>
            <Using Include="Xunit" />
          </ItemGroup>
        </Project>

        """;

    public static string Tests(TemplateNames n) => $$"""
        using {{n.Namespace}}.Apps;
        using Palisade.Components.ZeroTrust;
        using Palisade.Infra.Checks;
        using Palisade.Infra.Synthesis;
        using Palisade.Stacks.Composition;

        namespace {{n.Namespace}}.Tests;

        /// <summary>
        /// The dev stack synthesized as `plan dev` does, checked against what the apps declare: the expectations come
        /// from the apps themselves, so adding a tier, a flow or an invariant needs no edit here.
        /// </summary>
        public class StackTests
        {
            private static readonly Lazy<SynthesisResult> Dev = new(() => Synthesize("dev"));

            public static TheoryData<string> Checks() => [.. Dev.Value.Checks.Select(c => c.Id.Value)];

            public static TheoryData<string, string, string> Flows()
            {
                var flows = new TheoryData<string, string, string>();
                foreach (var app in Apps())
                {
                    foreach (var flow in app.Flows.DistinctBy(f => (f.From, f.To)))
                    {
                        flows.Add(app.Name, flow.From, flow.To);
                    }
                }

                return flows;
            }

            [Theory]
            [MemberData(nameof(Checks))]
            public void Every_check_of_the_dev_stack_passes(string id)
            {
                var check = Dev.Value.Checks.Single(c => c.Id.Value == id);
                Assert.True(check.Passed, $"{check.Label}: {string.Join("; ", check.Findings)}");
            }

            [Theory]
            [MemberData(nameof(Flows))]
            public void Every_declared_flow_is_open(string appName, string from, string to)
            {
                var app = Apps().Single(a => a.Name == appName);
                foreach (var flow in app.Flows.Where(f => f.From == from && f.To == to))
                {
                    var destination = app.Tiers.Single(t => t.Name == flow.To);
                    var port = flow.Port.Number ?? destination.Ports.Single(p => p.Name == flow.Port.Name).Port;
                    Assert.True(Dev.Value.Connectivity.Allows(WorkloadId(app, flow.From), WorkloadId(app, flow.To), flow.Protocol, port),
                        $"{app.Name}: {flow} is declared but not open");
                }
            }

            [Fact]
            public void Every_invariant_of_every_app_holds()
            {
                Assert.NotEmpty(Apps().SelectMany(a => a.Invariants));
                var check = Dev.Value.Checks.Single(c => c.Id == CheckIds.AppInvariants);
                Assert.True(check.Passed, string.Join("; ", check.Findings));
            }

            private static IEnumerable<AppSpec> Apps() =>
                {{n.Namespace}}Apps.Catalog.Names.Select(name => {{n.Namespace}}Apps.Catalog.Find(name)!);

            /// <summary>The workload a tier runs as, as the analysis names it.</summary>
            private static string WorkloadId(AppSpec app, string tier) =>
                AppWorkloads.For(app).Single(w => w.Name == tier).Id;

            private static SynthesisResult Synthesize(string stack)
            {
                var project = new ProjectDirectory(RepositoryRoot());
                return Synthesizer.Synthesize(project.ReadStack(stack), {{n.Namespace}}Apps.Catalog);
            }

            /// <summary>The folder with palisade.json, above the test binaries.</summary>
            private static string RepositoryRoot()
            {
                for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                {
                    if (File.Exists(Path.Combine(dir.FullName, "palisade.json")))
                    {
                        return dir.FullName;
                    }
                }

                throw new InvalidOperationException("palisade.json not found above " + AppContext.BaseDirectory);
            }
        }

        """;
}
