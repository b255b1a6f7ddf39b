namespace Palisade.Infra.Init;

/// <summary>
/// The compiler entry of a new repository: this repository's own scripts/pulumi-compile.sh and scripts/lib/cli-build.sh,
/// embedded at build time, so both build the program palisade.json names in the same way.
/// </summary>
internal static class ScriptTemplates
{
    public static string PulumiCompile { get; } = Read("pulumi-compile.sh");

    public static string CliBuild { get; } = Read("cli-build.sh");

    private static string Read(string name)
    {
        using var stream = typeof(ScriptTemplates).Assembly.GetManifestResourceStream($"Palisade.Infra.Init.{name}")
            ?? throw new InvalidOperationException($"the embedded script {name} is missing from the build");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
