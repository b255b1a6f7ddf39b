using System.Reflection;
using System.Text.RegularExpressions;
using Palisade.Components.Diagnostics;

namespace Palisade.Infra.Init;

/// <summary>
/// The names a new repository is written with: the Pulumi project name (<c>acme-platform</c>), the C# namespace
/// derived from it (<c>AcmePlatform</c>) and the Palisade package version its projects reference.
/// </summary>
internal sealed partial record TemplateNames(string Project, string Namespace, string PalisadeVersion)
{
    private const int MaxProjectLength = 50;

    /// <exception cref="InputError">The name is not a lowercase name, or the version is not a NuGet version.</exception>
    public static TemplateNames Of(string project, string? palisadeVersion, string nameSource)
    {
        if (project.Length > MaxProjectLength || !ProjectName().IsMatch(project))
        {
            throw new InputError(nameSource, $"'{Excerpt.Plain(project)}' is not a usable project name",
                $"Pass --name with at most {MaxProjectLength} lowercase letters, digits and single '-' between them, starting with a letter (e.g. --name acme-platform)");
        }

        var version = palisadeVersion ?? OwnVersion();
        if (!PackageVersion().IsMatch(version))
        {
            throw new InputError("--palisade-version", $"'{Excerpt.Plain(version)}' is not a package version",
                "Pass a semantic version such as 1.2.0 or 1.3.0-preview.1");
        }

        var ns = string.Concat(project.Split('-').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
        return new TemplateNames(project, ns, version);
    }

    /// <summary>The version of the Palisade packages this program was built from (the tool's own).</summary>
    public static string OwnVersion()
    {
        var assembly = typeof(TemplateNames).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString(3) ?? "1.0.0";
        var metadata = version.IndexOf('+', StringComparison.Ordinal);
        return metadata < 0 ? version : version[..metadata];
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex ProjectName();

    [GeneratedRegex(@"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$")]
    private static partial Regex PackageVersion();
}
