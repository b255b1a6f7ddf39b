using System.IO.Compression;
using System.Xml.Linq;
using Palisade.Tests.Support;

namespace Palisade.Tests.Reliability;

/// <summary>
/// <c>dotnet pack Infra.sln</c> makes exactly the four published packages, each with the metadata of
/// Directory.Build.props (version, license, repository, readme), its XML docs, a symbol package, and the Palisade
/// packages it depends on at the same version; the tool package is a dotnet tool named palisade. Slow (a real Release
/// build, with its own artifacts folder so the test run's own build output is left alone): PALISADE_SLOW_TESTS=1.
/// </summary>
[Trait("Category", "Slow")]
public class PackageTests
{
    private static readonly Dictionary<string, string[]> PalisadeDependencies = new()
    {
        ["Palisade.Components"] = [],
        ["Palisade.Stacks"] = ["Palisade.Components"],
        ["Palisade.Infra"] = ["Palisade.Components", "Palisade.Stacks"],
    };

    // A documented public member of each library, as the compiler names it in the XML docs.
    private static readonly Dictionary<string, string> DocumentedMember = new()
    {
        ["Palisade.Components"] = "T:Palisade.Components.ZeroTrust.AppSpec",
        ["Palisade.Stacks"] = "T:Palisade.Stacks.Config.StackConfigParser",
        ["Palisade.Infra"] = "M:Palisade.Infra.Cli.PalisadeCli.Run(System.String[],Palisade.Stacks.Composition.AppCatalog)",
    };

    [SlowFact]
    public async Task Pack_makes_the_four_packages_with_their_metadata_docs_and_dependencies()
    {
        var temp = Path.Combine(Path.GetTempPath(), "palisade-tests", "pack-" + Guid.NewGuid().ToString("N"));
        try
        {
            var output = Path.Combine(temp, "packages");
            var pack = await CliRun.Run("dotnet",
                ["pack", "Infra.sln", "-o", output, "-p:UseArtifactsOutput=true", $"-p:ArtifactsPath={Path.Combine(temp, "artifacts")}", "-nologo", "-v", "q"],
                RepoPaths.Root, timeout: TimeSpan.FromMinutes(15));
            Assert.True(pack.ExitCode == 0, pack.ToString());

            var props = XDocument.Load(Path.Combine(RepoPaths.Root, "Directory.Build.props"));
            var version = Property(props, "VersionPrefix");
            var repository = Property(props, "RepositoryUrl");
            var license = Property(props, "PackageLicenseExpression");

            var packages = Directory.GetFiles(output, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(
                new[] { "Palisade.Components", "Palisade.Infra", "Palisade.Stacks", "Palisade.Tool" }.Select(id => $"{id}.{version}.nupkg"),
                packages);
            foreach (var package in packages)
            {
                Assert.True(File.Exists(Path.Combine(output, Path.ChangeExtension(package!, ".snupkg"))), $"no symbol package beside {package}");
            }

            foreach (var (id, dependencies) in PalisadeDependencies)
            {
                using var zip = ZipFile.OpenRead(Path.Combine(output, $"{id}.{version}.nupkg"));
                var metadata = Metadata(zip, id);
                AssertCommonMetadata(zip, metadata, id, version, license, repository);

                var palisade = metadata.Descendants(metadata.Name.Namespace + "dependency")
                    .Where(d => ((string)d.Attribute("id")!).StartsWith("Palisade.", StringComparison.Ordinal))
                    .ToDictionary(d => (string)d.Attribute("id")!, d => (string)d.Attribute("version")!);
                Assert.Equal(dependencies.Order(StringComparer.Ordinal), palisade.Keys.Order(StringComparer.Ordinal));
                Assert.All(palisade.Values, v => Assert.Equal(version, v));

                Assert.NotNull(zip.GetEntry($"lib/net10.0/{id}.dll"));
                var docs = zip.GetEntry($"lib/net10.0/{id}.xml");
                Assert.True(docs is not null, $"{id}: no XML docs in the package");
                using var docsStream = docs.Open();
                var members = XDocument.Load(docsStream).Descendants("member").Select(m => (string)m.Attribute("name")!).ToHashSet();
                Assert.Contains(DocumentedMember[id], members);
            }

            using (var tool = ZipFile.OpenRead(Path.Combine(output, $"Palisade.Tool.{version}.nupkg")))
            {
                var metadata = Metadata(tool, "Palisade.Tool");
                AssertCommonMetadata(tool, metadata, "Palisade.Tool", version, license, repository);
                Assert.Equal("DotnetTool", (string?)metadata.Descendants(metadata.Name.Namespace + "packageType").Single().Attribute("name"));
                Assert.Empty(metadata.Descendants(metadata.Name.Namespace + "dependency"));

                var settings = tool.GetEntry("tools/net10.0/any/DotnetToolSettings.xml");
                Assert.NotNull(settings);
                using var settingsStream = settings.Open();
                var command = XDocument.Load(settingsStream).Descendants("Command").Single();
                Assert.Equal("palisade", (string?)command.Attribute("Name"));
                Assert.Equal("palisade.dll", (string?)command.Attribute("EntryPoint"));
                Assert.NotNull(tool.GetEntry("tools/net10.0/any/palisade.dll"));
            }
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

    private static void AssertCommonMetadata(ZipArchive zip, XElement metadata, string id, string version, string license, string repository)
    {
        var ns = metadata.Name.Namespace;
        Assert.Equal(id, (string?)metadata.Element(ns + "id"));
        Assert.Equal(version, (string?)metadata.Element(ns + "version"));
        Assert.False(string.IsNullOrWhiteSpace((string?)metadata.Element(ns + "description")), $"{id}: no description");
        Assert.False(string.IsNullOrWhiteSpace((string?)metadata.Element(ns + "authors")), $"{id}: no authors");

        var licenseElement = metadata.Element(ns + "license");
        Assert.Equal("expression", (string?)licenseElement?.Attribute("type"));
        Assert.Equal(license, licenseElement?.Value);

        var repositoryElement = metadata.Element(ns + "repository");
        Assert.Equal("git", (string?)repositoryElement?.Attribute("type"));
        Assert.Equal(repository, (string?)repositoryElement?.Attribute("url"));
        Assert.Equal(repository, (string?)metadata.Element(ns + "projectUrl"));

        var readme = (string?)metadata.Element(ns + "readme");
        Assert.Equal("README.md", readme);
        var readmeEntry = zip.GetEntry("README.md");
        Assert.NotNull(readmeEntry);
        using var reader = new StreamReader(readmeEntry.Open());
        Assert.StartsWith($"# {id}", reader.ReadToEnd(), StringComparison.Ordinal);
    }

    private static XElement Metadata(ZipArchive zip, string id)
    {
        var nuspec = zip.GetEntry($"{id}.nuspec");
        Assert.True(nuspec is not null, $"{id}: no {id}.nuspec in the package");
        using var stream = nuspec.Open();
        var root = XDocument.Load(stream).Root!;
        return root.Element(root.Name.Namespace + "metadata")!;
    }

    private static string Property(XDocument props, string name)
    {
        var value = props.Descendants(name).Select(e => e.Value.Trim()).FirstOrDefault(v => v.Length > 0);
        Assert.True(value is not null, $"Directory.Build.props sets no {name}");
        return value;
    }
}
