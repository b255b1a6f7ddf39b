using Palisade.Components.Connectivity;

namespace Palisade.Infra.Reports.Connectivity;

/// <summary>Picks the renderer for an output format name.</summary>
internal static class ConnectivityReports
{
    public const string Text = "text";
    public const string Json = "json";
    public const string Markdown = "md";
    public const string Mermaid = "mermaid";

    public static IReadOnlyList<string> Formats { get; } = [Text, Json, Markdown, Mermaid];

    public static string Render(ConnectivityResult result, string format) => format switch
    {
        Text => ConnectivityTextRenderer.Render(result),
        Json => ConnectivityJsonRenderer.Render(result),
        Markdown => ConnectivityMarkdownRenderer.Render(result),
        Mermaid => ConnectivityMermaidRenderer.Render(result),
        _ => throw new ArgumentException($"unknown format '{format}'; use {string.Join(", ", Formats)}", nameof(format)),
    };
}
