using System.Text.Json;
using Palisade.Components.Diagnostics;
using Palisade.Stacks.Parsing;

namespace Palisade.Infra.Input;

/// <summary>
/// <c>palisade.json</c> beside <c>Pulumi.yaml</c>: which project is the program that synthesizes the stacks (it
/// registers the apps), and which folders hold the code it is built from. <c>diff --base</c> builds that program at
/// the base revision, <c>promote</c> treats uncommitted changes under those folders as a dirty tree, and the compiler
/// entry rebuilds when their content changes. A folder without the file is a tree written before it existed: this
/// repository's own layout (<see cref="Fallback"/>).
/// </summary>
/// <param name="Program">The program's project file, relative to the project folder, with '/' separators.</param>
/// <param name="Inputs">Folders (or files) relative to the project folder whose content the program is built from.</param>
internal sealed record ProjectSettings(string Program, IReadOnlyList<string> Inputs)
{
    public const string FileName = "palisade.json";

    private const string ProgramKey = "program";
    private const string InputsKey = "inputs";

    private static readonly ParseLimits Limits = new("a palisade.json", 64 * 1024, 4, 0, true,
        "Write palisade.json as one JSON object, e.g. {\"program\": \"platform/Acme.Platform.csproj\", \"inputs\": [\"apps\", \"platform\"]}");

    private static readonly string[] FallbackInputs = ["components", "stacks", "infra", "examples", "cli"];

    /// <summary>Trees without palisade.json: the program in <c>cli/</c>, or in <c>infra/</c> before the command line moved out.</summary>
    private static readonly string[] FallbackPrograms = ["cli/Palisade.Cli.csproj", "infra/Palisade.Infra.csproj"];

    /// <summary>What a tree without palisade.json and without a program of its own is told to have.</summary>
    public const string Expected = "a palisade.json with a \"program\", or cli/Palisade.Cli.csproj";

    /// <summary>
    /// The settings of the project folder <paramref name="folder"/>: its palisade.json, or for a folder without one the
    /// layout of trees written before it (null when that layout has no program either).
    /// </summary>
    /// <exception cref="InputError">palisade.json is there but malformed, or names a program that does not exist.</exception>
    public static ProjectSettings? Find(string folder)
    {
        var file = Path.Combine(folder, FileName);
        if (InputFile.Status(file, FileName) is not null)
        {
            return Parse(InputFile.ReadText(file, FileName, Limits), folder);
        }

        return Fallback(folder);
    }

    /// <summary>The inputs of a folder without palisade.json, and its program when it has one.</summary>
    public static ProjectSettings? Fallback(string folder) =>
        FallbackPrograms.FirstOrDefault(p => File.Exists(Path.Combine(folder, p))) is { } program
            ? new ProjectSettings(program, FallbackInputs)
            : null;

    /// <summary>The folders whose dirtiness matters in a folder without palisade.json.</summary>
    public static IReadOnlyList<string> FallbackInputFolders => FallbackInputs;

    /// <summary>Parses and validates palisade.json; <paramref name="folder"/> is where the paths it names must exist.</summary>
    /// <exception cref="InputError">Not one JSON object with exactly the known keys, or a path that is not a plain relative path or does not exist.</exception>
    public static ProjectSettings Parse(string json, string folder)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = Limits.MaxDepth });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, column {e.BytePositionInLine + 1}" : "";
            throw new InputError(FileName, $"is not valid JSON{where} ({FirstSentence(e.Message)})", Limits.SyntaxFix);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InputError(FileName, $"is a JSON {Kind(root)}, not an object", Limits.SyntaxFix);
            }

            string? program = null;
            List<string>? inputs = null;
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case ProgramKey:
                        program = ProgramPath(property.Value, folder);
                        break;
                    case InputsKey:
                        inputs = InputPaths(property.Value, folder);
                        break;
                    default:
                        throw new InputError($"{FileName}: {Excerpt.Plain(property.Name)}", "is not a palisade.json key",
                            $"Use only \"{ProgramKey}\" (the program's project file) and \"{InputsKey}\" (the folders it is built from); remove this key");
                }
            }

            if (program is null)
            {
                throw new InputError($"{FileName}: {ProgramKey}", "is missing",
                    "Name the project that runs PalisadeCli.Run with your apps, e.g. \"program\": \"platform/Acme.Platform.csproj\"");
            }

            // Without inputs, the program's own folder is what it is built from.
            var programFolder = program.Contains('/') ? program[..program.LastIndexOf('/')] : null;
            inputs ??= programFolder is null ? [] : [programFolder];
            return new ProjectSettings(program, inputs);
        }
    }

    private static string ProgramPath(JsonElement value, string folder)
    {
        var location = $"{FileName}: {ProgramKey}";
        var path = RelativePath(value, location);
        if (!path.EndsWith(".csproj", StringComparison.Ordinal))
        {
            throw new InputError(location, $"'{Excerpt.Plain(path)}' is not a C# project file", "Name the program's .csproj, e.g. \"platform/Acme.Platform.csproj\"");
        }

        if (!File.Exists(Path.Combine(folder, path)))
        {
            throw new InputError(location, $"'{Excerpt.Plain(path)}' does not exist in {folder}",
                "Name the project file of the program (relative to the folder with palisade.json), or create it (`palisade init` writes one)");
        }

        return path;
    }

    private static List<string> InputPaths(JsonElement value, string folder)
    {
        var location = $"{FileName}: {InputsKey}";
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new InputError(location, $"is a JSON {Kind(value)}, not a list", "List the folders the program is built from, e.g. \"inputs\": [\"apps\", \"platform\"]");
        }

        var paths = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemLocation = $"{location}[{index++}]";
            var path = RelativePath(item, itemLocation);
            if (paths.Contains(path, StringComparer.Ordinal))
            {
                throw new InputError(itemLocation, $"'{Excerpt.Plain(path)}' is listed twice", "List each folder once");
            }

            if (!Directory.Exists(Path.Combine(folder, path)) && !File.Exists(Path.Combine(folder, path)))
            {
                throw new InputError(itemLocation, $"'{Excerpt.Plain(path)}' does not exist in {folder}", "List folders that exist (relative to the folder with palisade.json), or remove the entry");
            }

            paths.Add(path);
        }

        if (paths.Count == 0)
        {
            throw new InputError(location, "is empty", "List the folders the program is built from (at least the program's own), or leave the key out to mean the program's folder");
        }

        return paths;
    }

    /// <summary>A plain relative path inside the project folder: '/' separators, no '.', '..' or empty segments.</summary>
    private static string RelativePath(JsonElement value, string location)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new InputError(location, $"is a JSON {Kind(value)}, not a string", "Write the path as a JSON string relative to the folder with palisade.json");
        }

        var path = value.GetString()!;
        var segments = path.Split('/');
        if (path.Length == 0 || path.Contains('\\') || path.StartsWith('/') || Path.IsPathRooted(path) ||
            segments.Any(s => s is "" or "." or "..") || path.Any(char.IsControl))
        {
            throw new InputError(location, $"'{Excerpt.Plain(path)}' is not a plain relative path",
                "Write a path relative to the folder with palisade.json, with '/' separators and without '.', '..' or a leading '/' (e.g. \"platform/Acme.Platform.csproj\")");
        }

        return path;
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "list",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).TrimEnd('.');
    }
}
