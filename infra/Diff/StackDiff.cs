namespace Palisade.Infra.Diff;

/// <summary>Everything that differs between two synthesized outputs of a stack: resources, connectivity and checks.</summary>
internal sealed record StackDiff(
    DiffSide Base,
    DiffSide Head,
    IReadOnlyList<ResourceChange> Resources,
    IReadOnlyList<PropertyChange> Settings,
    IReadOnlyList<ConnectivityChange> Connectivity,
    IReadOnlyList<CheckChange> Checks,
    IReadOnlyList<string> Notes,
    bool ConnectivityCompared = true,
    bool ChecksCompared = true)
{
    public int Count(ResourceAction action) => Resources.Count(r => r.Action == action);

    public IReadOnlyList<ConnectivityChange> Opened => Connectivity.Where(c => !c.Opened.IsEmpty).ToList();

    public IReadOnlyList<ConnectivityChange> Closed => Connectivity.Where(c => !c.Closed.IsEmpty).ToList();

    public bool HasChanges => Resources.Count > 0 || Settings.Count > 0 || Connectivity.Count > 0 || Checks.Count > 0;

    /// <summary>Compares two sides. A file one side lacks although the side exists (an older revision) is skipped with a note.</summary>
    public static StackDiff Compare(DiffSide @base, DiffSide head)
    {
        var notes = new List<string>();
        foreach (var side in new[] { @base, head })
        {
            if (side.Note is not null)
            {
                notes.Add(side.Note);
            }
        }

        // Parse: each side's program once, for its resources and its settings.
        var baseProgram = ProgramDocument.Parse(@base.File(DiffSide.ProgramFile), $"{@base.Label}: {DiffSide.ProgramFile}");
        var headProgram = ProgramDocument.Parse(head.File(DiffSide.ProgramFile), $"{head.Label}: {DiffSide.ProgramFile}");
        var resources = ResourceDiff.Compare(baseProgram, headProgram);
        var settings = ResourceDiff.CompareSettings(baseProgram, headProgram);

        IReadOnlyList<ConnectivityChange> connectivity = [];
        var connectivityCompared = Comparable(@base, head, DiffSide.ConnectivityFile, "connectivity", notes);
        if (connectivityCompared)
        {
            connectivity = ConnectivityDiff.Compare(@base.File(DiffSide.ConnectivityFile), head.File(DiffSide.ConnectivityFile),
                $"{@base.Label}: {DiffSide.ConnectivityFile}", $"{head.Label}: {DiffSide.ConnectivityFile}");
        }

        IReadOnlyList<CheckChange> checks = [];
        var checksCompared = Comparable(@base, head, DiffSide.ChecksFile, "checks", notes);
        if (checksCompared)
        {
            checks = ChecksDiff.Compare(@base.File(DiffSide.ChecksFile), head.File(DiffSide.ChecksFile),
                $"{@base.Label}: {DiffSide.ChecksFile}", $"{head.Label}: {DiffSide.ChecksFile}");
        }

        return new StackDiff(@base, head, resources, settings, connectivity, checks, notes, connectivityCompared, checksCompared);
    }

    private static bool Comparable(DiffSide @base, DiffSide head, string file, string what, List<string> notes)
    {
        foreach (var side in new[] { @base, head })
        {
            if (side.Exists && side.File(file) is null)
            {
                notes.Add($"{what} not compared: {side.Label} has no {file} (synthesized by an older version of palisade).");
                return false;
            }
        }

        return true;
    }
}
