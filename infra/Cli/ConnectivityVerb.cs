using System.CommandLine;
using Microsoft.Win32.SafeHandles;
using Palisade.Components.Connectivity;
using Palisade.Components.Diagnostics;
using Palisade.Infra.Manifests;
using Palisade.Infra.Reports.Connectivity;

namespace Palisade.Infra.Cli;

/// <summary>
/// <c>connectivity &lt;manifest-dir&gt; [--output text|json|md|mermaid] [--cni upstream|eks-vpc-cni|cilium|calico]
/// [--pod-cidr CIDR]... [--node-cidr CIDR]... [--platform-endpoints]</c>: what the manifests' policies allow under the enforcing dataplane.
/// </summary>
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
        var profile = new ProfileOptions();
        var strict = new Option<bool>("--strict")
        {
            Description = "Treat defects the analysis can do without (an owner reference without kind, a container port without containerPort, ...) as errors instead of warnings",
        };

        var command = new Command("connectivity", "Analyse the connectivity that the NetworkPolicies in a set of manifests allow")
        {
            directory,
            output,
            strict,
        };
        profile.AddTo(command);
        command.SetAction(parse => Run(
            parse.GetValue(directory)!,
            parse.GetValue(output) ?? ConnectivityReports.Text,
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error,
            profile.Read(parse),
            parse.GetValue(strict)));
        return command;
    }

    /// <summary>
    /// Reads, analyses and renders; the report goes to stdout only when everything succeeded. JSON to the process's
    /// own stdout is streamed as it is written, so its size is not held in memory.
    /// </summary>
    /// <returns>0 on success, 2 on bad input (missing directory, malformed object, unknown format; with
    /// <paramref name="strict"/> also a defect that is otherwise a warning).</returns>
    public static int Run(string directory, string output, TextWriter stdout, TextWriter stderr, ProfileRequest? request = null, bool strict = false)
    {
        if (!ConnectivityReports.Formats.Contains(output))
        {
            stderr.WriteLine($"error: unknown output format '{output}'. Use one of: {string.Join(", ", ConnectivityReports.Formats)}.");
            return ExitCodes.BadInput;
        }

        ConnectivityResult result;
        ManifestReadResult read;
        string? report = null;
        try
        {
            var profile = (request ?? ProfileRequest.Upstream).Build();
            RequireDirectory(directory);
            read = ManifestDirectoryReader.Read(directory, strict);
            result = ConnectivityAnalyzer.Analyze(read.Cluster, profile);
            var streamed = output == ConnectivityReports.Json && ReferenceEquals(stdout, Console.Out);
            if (read.Cluster.Workloads.Count == 0)
            {
                report = NoWorkloads.Report(read.Cluster, output);
            }

            if (report is null && !streamed)
            {
                report = ConnectivityReports.Render(result, output);
            }
        }
        catch (InputError e)
        {
            stderr.WriteLine($"error: {e.Message.ReplaceLineEndings(" ")}");
            return ExitCodes.BadInput;
        }

        foreach (var note in read.Notes)
        {
            stderr.WriteLine($"note: {note}");
        }

        if (read.Cluster.Workloads.Count == 0)
        {
            stderr.WriteLine($"note: {NoWorkloads.Hint(directory)}");
        }

        foreach (var warning in read.Warnings)
        {
            stderr.WriteLine($"warning: {warning}");
        }

        foreach (var assumption in result.Assumptions)
        {
            stderr.WriteLine($"warning: {assumption}");
        }

        try
        {
            if (report is null)
            {
                stdout.Flush();
                using var stream = StandardOutput();
                ConnectivityJsonRenderer.Write(result, stream);
            }
            else
            {
                stdout.Write(report);
                stdout.Flush();
            }
        }
        catch (IOException e)
        {
            stderr.WriteLine($"error: standard output: the report could not be written ({e.Message.ReplaceLineEndings(" ")}). Check that whatever reads the output is still running and that its disk has room");
            return ExitCodes.BadInput;
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// The process's stdout as a plain file stream: unlike the console stream, it reports a closed pipe
    /// (<c>| head</c>) as an error instead of swallowing every write that follows.
    /// </summary>
    private static Stream StandardOutput() =>
        OperatingSystem.IsWindows()
            ? Console.OpenStandardOutput()
            : new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);

    /// <exception cref="InputError">The path is a file (or another non-directory).</exception>
    private static void RequireDirectory(string directory)
    {
        var path = Path.TrimEndingDirectorySeparator(directory);
        if (!Directory.Exists(path) && File.Exists(path))
        {
            throw new InputError(directory, "is a file, not a directory",
                "Pass the folder that holds the manifests (.yaml, .yml or .json), not a file in it");
        }
    }
}
