namespace Palisade.Stacks.Parsing;

/// <summary>
/// What a kind of input may hold, so hostile input ends in a clear refusal instead of a stack overflow, an endless
/// expansion or an exhausted memory.
/// </summary>
/// <param name="Kind">What the input is, for messages ("a stack file").</param>
/// <param name="MaxBytes">Largest size in UTF-8 bytes.</param>
/// <param name="MaxDepth">Deepest nesting of lists and mappings.</param>
/// <param name="MaxAliasNodes">Nodes that YAML aliases may add in total when expanded; 0 refuses aliases.</param>
/// <param name="SingleDocument">Whether a second YAML document is refused; otherwise documents are numbered in messages.</param>
/// <param name="SyntaxFix">How to fix a syntax error, for messages.</param>
internal sealed record ParseLimits(string Kind, long MaxBytes, int MaxDepth, long MaxAliasNodes, bool SingleDocument, string SyntaxFix)
{
    public const long MiB = 1024 * 1024;

    /// <summary>A Pulumi.&lt;stack&gt;.yaml: a few dozen keys, never aliases or a second document.</summary>
    public static ParseLimits StackFile { get; } = new("a stack file", 1 * MiB, 64, 0, true,
        "Fix the YAML syntax; `pulumi config` writes valid files");

    /// <summary>A Kubernetes manifest file: large lists are fine, aliases only within a budget.</summary>
    public static ParseLimits Manifest { get; } = new("a manifest file", 64 * MiB, 256, 1_000_000, false,
        "Fix the YAML syntax (indentation, quoting, duplicate keys)");

    /// <summary>All manifest files of one folder together, checked from their sizes before any is read.</summary>
    public const long MaxManifestFolderBytes = 1024 * MiB;

    /// <summary>The PULUMI_CONFIG variable and the JSON-encoded values in it.</summary>
    public static ParseLimits PulumiConfig { get; } = new("PULUMI_CONFIG", 1 * MiB, 64, 0, true,
        "Run through `pulumi preview` or `pulumi up`, which set it");

    /// <summary>A size for messages: "1 MiB", "1.5 MiB", "812 bytes".</summary>
    public static string Size(long bytes) => bytes switch
    {
        >= MiB => $"{bytes / (double)MiB:0.#} MiB",
        >= 1024 => $"{bytes / 1024.0:0.#} KiB",
        _ => $"{bytes} bytes",
    };
}
