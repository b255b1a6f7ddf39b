using System.CommandLine;
using Palisade.Components.Connectivity;
using Palisade.Components.Diagnostics;
using Palisade.Infra.Manifests;
using Palisade.Infra.Reports.Connectivity;

namespace Palisade.Infra.Cli;

/// <summary><c>connectivity &lt;manifest-dir&gt; [--output text|json|md|mermaid]</c>: what the manifests' NetworkPolicies allow.</summary>
public static class ConnectivityVerb
{
    public static Command Create()
    {
        var directory = new Argument<string>("manifest-dir")
        {
            Description = "Directory of Kubernetes manifests (.yaml, .yml, .json), read recursively",
        };
        var output = new Option<string>("--output", "-o")
        {
            Description = "Report format",
            DefaultValueFactory = _ => ConnectivityReports.Text,
        };
        output.AcceptOnlyFromAmong([.. ConnectivityReports.Formats]);

        var command = new Command("connectivity", "Analyse the connectivity that the NetworkPolicies in a set of manifests allow")
        {
            directory,
            output,
        };
        command.SetAction(parse => Run(
            parse.GetValue(directory)!,
            parse.GetValue(output) ?? ConnectivityReports.Text,
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Reads, analyses and renders; the report goes to stdout only when everything succeeded.</summary>
    /// <returns>0 on success, 2 on bad input (missing directory, malformed object, unknown format).</returns>
    public static int Run(string directory, string output, TextWriter stdout, TextWriter stderr)
    {
        if (!ConnectivityReports.Formats.Contains(output))
        {
            stderr.WriteLine($"error: unknown output format '{output}'. Use one of: {string.Join(", ", ConnectivityReports.Formats)}.");
            return 2;
        }

        string report;
        IReadOnlyList<string> notes;
        try
        {
            var read = ManifestDirectoryReader.Read(directory);
            notes = read.Notes;
            report = ConnectivityReports.Render(ConnectivityAnalyzer.Analyze(read.Cluster), output);
        }
        catch (InputError e)
        {
            stderr.WriteLine($"error: {e.Message.ReplaceLineEndings(" ")}");
            return 2;
        }

        foreach (var note in notes)
        {
            stderr.WriteLine($"note: {note}");
        }

        stdout.Write(report);
        return 0;
    }
}
