using Palisade.Components.Diagnostics;
using Palisade.Infra.Input;
using Palisade.Infra.Process;
using Palisade.Stacks.Config;

namespace Palisade.Infra.Promotion;

/// <summary>
/// The git state a promotion records: HEAD, and the uncommitted changes (modified, staged, deleted or untracked,
/// ignored files aside) to anything that decides what is synthesized. Those paths, relative to the project folder,
/// are <see cref="SynthesisInputs"/>: the code (the <c>inputs</c> of palisade.json; without one, this repository's
/// components/, stacks/, infra/, examples/, cli/), the stack and project files (Pulumi*.yaml, palisade.json) and the
/// build settings (solution, project, props/targets, global.json, NuGet config). Tests, docs, scripts and workflows
/// do not change the synthesized output. The target's own stack file counts as clean when it differs from HEAD only
/// in the keys promote writes (a re-run of an uncommitted promotion).
/// </summary>
internal sealed record WorkingTree(string Head, IReadOnlyList<string> DirtyPaths)
{
    public const string DirtySuffix = "+dirty";

    /// <summary>What decides the synthesized output besides the code folders: stack, project and build files.</summary>
    private static readonly string[] ProjectFiles =
    [
        "Pulumi*.yaml", ProjectSettings.FileName, "*.sln", "*.slnx", "*.csproj", "*.props", "*.targets",
        "global.json", "nuget.config", "NuGet.config", "NuGet.Config",
    ];

    /// <summary>The pathspecs (relative to the project folder) whose uncommitted changes make the tree dirty.</summary>
    /// <exception cref="InputError">The project's palisade.json is malformed.</exception>
    public static IReadOnlyList<string> SynthesisInputs(string projectPath) =>
        [.. ProjectSettings.Find(projectPath)?.Inputs ?? ProjectSettings.FallbackInputFolders, .. ProjectFiles];

    private static readonly string[] PromotionKeys =
    [
        StackConfig.Qualified(ConfigSchema.PromoteFrom),
        StackConfig.Qualified(ConfigSchema.PromotedDigest),
        StackConfig.Qualified(ConfigSchema.PromotedRevision),
    ];

    public bool IsDirty => DirtyPaths.Count > 0;

    /// <summary>What <c>palisade:promotedRevision</c> records: HEAD, marked when the tree was not clean.</summary>
    public string Revision => IsDirty ? Head + DirtySuffix : Head;

    /// <summary>The commit a recorded revision names (without the dirty mark), for use as a git revision.</summary>
    public static string Commit(string recorded) =>
        recorded.EndsWith(DirtySuffix, StringComparison.Ordinal) ? recorded[..^DirtySuffix.Length] : recorded;

    /// <returns>Null when the project is not in a git repository (or git is not installed): there is no revision to record.</returns>
    public static WorkingTree? Read(IProcessRunner runner, string projectPath, string targetStackFile)
    {
        var head = Git(runner, projectPath, ["rev-parse", "--verify", "HEAD"]);
        if (head is null)
        {
            return null;
        }

        var prefix = Git(runner, projectPath, ["rev-parse", "--show-prefix"])?.Trim() ?? string.Empty;
        var status = Git(runner, projectPath, ["status", "--porcelain=v1", "-z", "--untracked-files=all", "--", .. SynthesisInputs(projectPath)])
            ?? throw new InputError("promote", "`git status` failed in " + projectPath, "Check the repository with `git status`, or pass --allow-dirty.");
        var dirty = Paths(status).Where(p => p != prefix + targetStackFile || !OnlyPromotionKeysDiffer(runner, projectPath, targetStackFile)).ToList();
        return new WorkingTree(head.Trim(), dirty);
    }

    /// <summary>Paths (from the repository root) in <c>git status --porcelain -z</c> output; a rename lists its new path.</summary>
    private static IEnumerable<string> Paths(string status)
    {
        var entries = status.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Length < 4)
            {
                continue;
            }

            yield return entries[i][3..];
            if (entries[i][0] is 'R' or 'C')
            {
                i++;
            }
        }
    }

    private static bool OnlyPromotionKeysDiffer(IProcessRunner runner, string projectPath, string stackFile)
    {
        var committed = Git(runner, projectPath, ["show", $"HEAD:./{stackFile}"]);
        if (committed is null)
        {
            return false;
        }

        try
        {
            var now = AtomicFile.ReadText(Path.Combine(projectPath, stackFile), stackFile).Text;
            var withoutKeys = PromotionKeys.ToDictionary(k => k, _ => (string?)null, StringComparer.Ordinal);
            return StackFileEditCheck.ReadAlike(StackFileEditor.Edit(committed, withoutKeys, stackFile), StackFileEditor.Edit(now, withoutKeys, stackFile), stackFile);
        }
        catch (InputError)
        {
            return false;
        }
    }

    private static string? Git(IProcessRunner runner, string directory, IReadOnlyList<string> arguments)
    {
        try
        {
            var result = runner.Run("git", arguments, directory);
            return result.Succeeded ? result.StandardOutput : null;
        }
        catch (ProcessStartException)
        {
            return null;
        }
    }
}
