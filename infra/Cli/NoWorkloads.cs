using System.Globalization;
using Palisade.Components.Kubernetes;
using Palisade.Infra.Reports.Connectivity;

namespace Palisade.Infra.Cli;

/// <summary>
/// What <c>connectivity</c> says about manifests without a single workload (policies alone select nothing): that it
/// found none, instead of an empty matrix that reads as "everything is closed", and where the workloads usually are.
/// </summary>
internal static class NoWorkloads
{
    /// <summary>The report in <paramref name="format"/>; JSON keeps its contract (an empty list of connections).</summary>
    public static string? Report(ClusterModel cluster, string format)
    {
        var sentence = $"No workloads found: the manifests hold {Counted(cluster.Namespaces.Count, "namespace")} and " +
                       $"{Counted(cluster.Policies.Count + cluster.EffectiveClusterPolicies.Count, "policy", "policies")} but no Pods or workload controllers, so there are no connections to show.";
        return format switch
        {
            ConnectivityReports.Json => null,
            ConnectivityReports.Mermaid => $"graph LR\n    %% {sentence}\n",
            _ => sentence + "\n",
        };
    }

    /// <summary>Where the workloads are: beside a synth's manifests/ folder, or in general.</summary>
    public static string Hint(string directory)
    {
        var folder = Path.GetFullPath(directory);
        var parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(folder));
        var workloads = parent is null ? null : Path.Combine(parent, "analysis", "workloads.yaml");
        var shownParent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(directory)) is { Length: > 0 } p ? p : ".";
        return workloads is not null && File.Exists(workloads)
            ? $"found 0 workloads in {directory}; this looks like the manifests/ folder of a synth output, whose workloads are in " +
              $"{Path.Combine(shownParent, "analysis", "workloads.yaml")}: run `connectivity {shownParent}` to analyse both"
            : $"found 0 workloads in {directory}; the analysis needs the Pods or workload controllers (Deployment, StatefulSet, DaemonSet, Job, ...) " +
              "that the policies select. A synth output keeps them in analysis/workloads.yaml beside manifests/: pass the output folder itself";
    }

    private static string Counted(int count, string noun, string? plural = null) =>
        count.ToString("N0", CultureInfo.InvariantCulture) + " " + (count == 1 ? noun : plural ?? noun + "s");
}
