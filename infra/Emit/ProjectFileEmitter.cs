namespace Palisade.Infra.Emit;

/// <summary>The Pulumi.yaml beside a synthesized Main.yaml, so the output folder is a self-contained YAML project.</summary>
internal static class ProjectFileEmitter
{
    public static string Emit(string project, string description) => YamlWriter.Write(YamlMapping.Of(
        ("name", new YamlScalar(project)),
        ("runtime", new YamlScalar("yaml")),
        ("description", new YamlScalar(description))));
}
