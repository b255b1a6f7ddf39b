using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Palisade.Components.Connectivity;
using Palisade.Components.Diagnostics;
using Palisade.Components.Kubernetes;
using Palisade.Infra.Manifests;
using Palisade.Infra.Reports.Connectivity;
using Palisade.Infra.Synthesis;

namespace Palisade.Infra.Cli;

/// <summary>
/// <c>explain &lt;manifest-dir|stack&gt; --from &lt;ns/workload|ip|cidr&gt; --to &lt;ns/workload|ip|cidr&gt; [--port P[/proto]]
/// [--output text|json] [--cni ...] [--pod-cidr ...] [--node-cidr ...] [--platform-endpoints]</c>: for each direction,
/// the policies that apply, the rule that decided each part of the traffic, and the verdict; a CIDR is explained part
/// by part where the policies treat its parts differently. A stack is synthesized in memory and explained as its checks
/// analyse it: its rendered manifests, under its own dataplane, node ranges and strict mode.
/// </summary>
internal static class ExplainVerb
{
    public static Command Create(Func<CommandContext> context)
    {
        var directory = new Argument<string>("manifest-dir|stack")
        {
            Description = "Directory of Kubernetes manifests, read recursively, or a stack (Pulumi.<stack>.yaml), analysed as synthesized",
        };
        var from = new Option<string>("--from") { Description = "Source: namespace/workload (or namespace/name[Kind]), an IP address or a CIDR", Required = true };
        var to = new Option<string>("--to") { Description = "Destination: namespace/workload (or namespace/name[Kind]), an IP address or a CIDR", Required = true };
        var port = new Option<string?>("--port") { Description = "Only this port, as P or P/TCP, P/UDP, P/SCTP" };
        var output = new Option<string>("--output", "-o") { Description = "Report format", DefaultValueFactory = _ => "text" };
        output.AcceptOnlyFromAmong("text", "json");
        var profile = new ProfileOptions();
        var strict = new Option<bool>("--strict") { Description = "Treat defects the analysis can do without as errors instead of warnings" };
        var command = new Command("explain", "Explain which policies and rules decide the traffic from one endpoint to another")
        {
            directory, from, to, port, output, strict,
        };
        profile.AddTo(command);
        command.SetAction(parse =>
        {
            var target = parse.GetValue(directory)!;
            var request = profile.Read(parse);
            var verb = context();
            return StackNamed(verb, target) is { } project
                ? RunOnStack(verb, project, target, parse.GetValue(from)!, parse.GetValue(to)!, parse.GetValue(port), parse.GetValue(output) ?? "text", request)
                : Run(target, parse.GetValue(from)!, parse.GetValue(to)!, parse.GetValue(port), parse.GetValue(output) ?? "text", request,
                    parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, parse.GetValue(strict));
        });
        return command;
    }

    /// <summary>The project whose stack the target names: not a folder, and the project has its Pulumi.&lt;stack&gt;.yaml.</summary>
    private static ProjectDirectory? StackNamed(CommandContext context, string target)
    {
        if (Directory.Exists(Path.Combine(context.WorkingDirectory, target)) || !Palisade.Stacks.Platform.StackNames.IsValid(target))
        {
            return null;
        }

        try
        {
            var project = ProjectDirectory.Find(context.WorkingDirectory);
            return File.Exists(Path.Combine(project.Path, Palisade.Stacks.Config.StackConfigParser.FileName(target))) ? project : null;
        }
        catch (InputError)
        {
            return null; // not in a project: the target is read as a folder, and its error says so
        }
    }

    /// <returns>0 when explained, 2 on bad input.</returns>
    public static int RunOnStack(CommandContext context, ProjectDirectory project, string stack, string from, string to, string? port, string output, ProfileRequest request)
    {
        try
        {
            if (!request.IsDefault)
            {
                throw new InputError("--cni/--pod-cidr/--node-cidr/--platform-endpoints",
                    $"stack '{stack}' is analysed under its own dataplane, node ranges and platform endpoints",
                    "Drop these options for a stack (they describe foreign manifests), or explain a folder of manifests.");
            }

            var result = Synthesizer.Synthesize(project.ReadStack(stack), context.Apps);
            var cloud = result.Stack.Platform.Cloud;
            var cluster = Synthesizer.RenderedCluster(result.Files, strict: cloud.StrictEnforcement is not null);
            context.Out.Write(Report(cluster, Synthesizer.Analysed(cloud.Dataplane), from, to, port, output));
            context.Out.Flush();
            return ExitCodes.Success;
        }
        catch (InputError e)
        {
            context.Error.WriteLine($"error: {e.Message.ReplaceLineEndings(" ")}");
            return ExitCodes.BadInput;
        }
    }

    private static string Report(ClusterModel cluster, EnforcementProfile profile, string from, string to, string? port, string output)
    {
        var only = port is null ? null : Port(port);
        var segments = Explainer.For(cluster, profile).ExplainSegments(from, to)
            .Select(s => Named(s, only is null ? s.Explanation : Restrict(s.Explanation, only)))
            .ToList();
        var ranged = segments[0].Ranges.Count > 0;
        var explanations = segments.Select(s => s.Explanation).ToList();
        return output == "json" ? Json(from, to, explanations, ranged) : Text(from, to, explanations, ranged);
    }

    /// <returns>0 when explained, 2 on bad input.</returns>
    public static int Run(string directory, string from, string to, string? port, string output, ProfileRequest request,
        TextWriter stdout, TextWriter stderr, bool strict = false)
    {
        string report;
        IReadOnlyList<string> notes;
        IReadOnlyList<string> warnings;
        try
        {
            var profile = request.Build();
            var read = ManifestDirectoryReader.Read(directory, strict);
            notes = read.Notes;
            warnings = read.Warnings;
            report = Report(read.Cluster, profile, from, to, port, output);
        }
        catch (InputError e)
        {
            stderr.WriteLine($"error: {e.Message.ReplaceLineEndings(" ")}");
            if (!Directory.Exists(directory) && Palisade.Stacks.Platform.StackNames.IsValid(directory))
            {
                stderr.WriteLine($"note: '{directory}' is not a stack either: a stack needs Pulumi.{directory}.yaml in the project folder.");
            }

            return ExitCodes.BadInput;
        }

        foreach (var note in notes)
        {
            stderr.WriteLine($"note: {note}");
        }

        foreach (var warning in warnings)
        {
            stderr.WriteLine($"warning: {warning}");
        }

        stdout.Write(report);
        stdout.Flush();
        return ExitCodes.Success;
    }

    /// <summary>A segment of a range with its address end written as CIDRs (with exceptions where shorter) and its name.</summary>
    private static ExplainedSegment Named(ExplainedSegment segment, Explanation explanation)
    {
        if (segment.Ranges.Count == 0)
        {
            return segment with { Explanation = explanation };
        }

        var addresses = PeerText.Addresses(segment.Ranges);
        var text = segment.Name is { } name ? $"{name} {addresses}" : addresses;
        return segment with { Explanation = explanation.Egress is null ? explanation with { From = text } : explanation with { To = text } };
    }

    private static ConnectionSet Port(string text)
    {
        var parts = text.Split('/');
        var protocol = Protocol.TCP;
        if (parts.Length > 2 || (parts.Length == 2 && !ProtocolNames.TryParse(parts[1], out protocol)) ||
            !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < PortSet.MinPort or > PortSet.MaxPort)
        {
            throw new InputError("--port", $"'{text}' is not a port", "Write the port as P or P/PROTOCOL, e.g. 443 or 53/UDP");
        }

        return ConnectionSet.For(protocol, number, number);
    }

    private static Explanation Restrict(Explanation explanation, ConnectionSet only)
    {
        DirectionExplanation? Narrow(DirectionExplanation? direction) => direction is null ? null : direction with
        {
            Pieces = direction.Pieces.Select(p => p with { Connections = p.Connections.Intersect(only) }).Where(p => !p.Connections.IsEmpty).ToList(),
        };

        return explanation with { Egress = Narrow(explanation.Egress), Ingress = Narrow(explanation.Ingress) };
    }

    /// <summary>The explanations as text: one, or for a range with parts treated differently, a line saying so and each part.</summary>
    internal static string Text(string from, string to, IReadOnlyList<Explanation> explanations, bool ranged)
    {
        var text = new StringBuilder();
        if (ranged && explanations.Count > 1)
        {
            var first = explanations[0];
            text.Append(CultureInfo.InvariantCulture,
                $"{(first.Egress is null ? from : first.From)} => {(first.Ingress is null ? to : first.To)}: the policies treat {explanations.Count} parts of the range differently\n\n");
        }

        text.AppendJoin("\n", explanations.Select(Text));
        return text.ToString();
    }

    internal static string Text(Explanation explanation)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{explanation.From} => {explanation.To}\n");
        foreach (var direction in new[] { explanation.Egress, explanation.Ingress }.OfType<DirectionExplanation>())
        {
            text.Append(CultureInfo.InvariantCulture, $"\n{direction.Direction.ToString().ToLowerInvariant()} of {direction.Subject}\n");
            text.Append(CultureInfo.InvariantCulture, $"  selected by NetworkPolicies: {List(direction.SelectingNetworkPolicies)}\n");
            text.Append(CultureInfo.InvariantCulture, $"  cluster policies with {direction.Direction.ToString().ToLowerInvariant()} rules for it: {List(direction.ApplyingClusterPolicies)}\n");
            foreach (var piece in direction.Pieces)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {(piece.Allowed ? "allowed" : "denied ")} {piece.Connections}: {piece.Reason}{(piece.DecidedBy is { } by ? $" [{by}]" : string.Empty)}\n");
            }
        }

        text.Append(CultureInfo.InvariantCulture, $"\nverdict: {(explanation.Allowed.IsEmpty ? "denied" : explanation.Allowed.ToString())}\n");
        return text.ToString();

        static string List(IReadOnlyList<string> items) => items.Count == 0 ? "none" : string.Join(", ", items);
    }

    /// <summary>
    /// The explanation as JSON; when an end is a CIDR, an object with the given ends and one explanation per part the
    /// policies treat alike (<c>segments</c>), so the shape depends on the question, not on the answer.
    /// </summary>
    internal static string Json(string from, string to, IReadOnlyList<Explanation> explanations, bool ranged)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            if (ranged)
            {
                json.WriteStartObject();
                json.WriteString("from", from);
                json.WriteString("to", to);
                json.WriteStartArray("segments");
                foreach (var explanation in explanations)
                {
                    Write(json, explanation);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }
            else
            {
                Write(json, explanations[0]);
            }
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    internal static string Json(Explanation explanation) => Json(explanation.From, explanation.To, [explanation], ranged: false);

    private static void Write(Utf8JsonWriter json, Explanation explanation)
    {
        json.WriteStartObject();
        json.WriteString("from", explanation.From);
        json.WriteString("to", explanation.To);
        foreach (var direction in new[] { explanation.Egress, explanation.Ingress }.OfType<DirectionExplanation>())
        {
            json.WriteStartObject(direction.Direction.ToString().ToLowerInvariant());
            json.WriteString("subject", direction.Subject);
            Strings(json, "networkPolicies", direction.SelectingNetworkPolicies);
            Strings(json, "clusterPolicies", direction.ApplyingClusterPolicies);
            json.WriteStartArray("pieces");
            foreach (var piece in direction.Pieces)
            {
                json.WriteStartObject();
                json.WriteString("connections", piece.Connections.ToString());
                json.WriteBoolean("allowed", piece.Allowed);
                json.WriteString("reason", piece.Reason);
                if (piece.DecidedBy is { } by)
                {
                    json.WriteStartObject("decidedBy");
                    json.WriteString("kind", by.Kind);
                    json.WriteString("policy", by.Policy);
                    json.WriteString("rule", by.Rule);
                    json.WriteString("tier", by.Tier);
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("allowed", direction.Allowed.ToString());
            json.WriteEndObject();
        }

        json.WriteString("verdict", explanation.Allowed.ToString());
        json.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
