namespace Palisade.Infra.Synthesis;

/// <summary>
/// The folders a writer leaves beside its target while it works: <c>.&lt;name&gt;.staging-&lt;pid&gt;-&lt;id&gt;</c> and
/// <c>.&lt;name&gt;.trash-&lt;pid&gt;-&lt;id&gt;</c>. Only the holder of the target's lock creates them, so whoever holds the
/// lock knows that any others are leftovers of a run that died, and cleans them.
/// </summary>
internal static class OutputLeftovers
{
    private const string Staging = "staging-";
    private const string Trash = "trash-";

    public static string NewStaging(string target) => Sibling(target, Staging);

    public static string NewTrash(string target) => Sibling(target, Trash);

    /// <summary>Call with the target's lock held. Puts back an output that a killed run had moved to trash and not yet
    /// replaced, then removes every other leftover; what cannot be removed becomes a note, not an error.</summary>
    public static void Clean(string target, List<string> notes)
    {
        var parent = new DirectoryInfo(Path.GetDirectoryName(target)!);
        var prefix = $".{Path.GetFileName(target)}.";
        var leftovers = parent.EnumerateDirectories()
            .Where(d => d.LinkTarget is null && d.Name.StartsWith(prefix, StringComparison.Ordinal) &&
                        (d.Name.AsSpan(prefix.Length).StartsWith(Staging) || d.Name.AsSpan(prefix.Length).StartsWith(Trash)))
            .OrderByDescending(d => d.LastWriteTimeUtc)
            .ToList();

        if (!Path.Exists(target) && leftovers.FirstOrDefault(d => d.Name.AsSpan(prefix.Length).StartsWith(Trash) && IsComplete(d.FullName)) is { } previous)
        {
            Directory.Move(previous.FullName, target);
            leftovers.Remove(previous);
            notes.Add($"put back the previous output in {target}, which an interrupted run had moved to {previous.FullName}");
        }

        foreach (var leftover in leftovers)
        {
            if (TryDelete(leftover.FullName) is { } problem)
            {
                notes.Add($"could not remove {leftover.FullName}, left by an earlier run ({problem}); remove it yourself");
            }
        }
    }

    /// <returns>Null when deleted (or already gone); otherwise why not.</returns>
    public static string? TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            return null;
        }
        catch (Exception e) when (FileSystemErrors.IsFileSystemError(e))
        {
            return e.Message;
        }
    }

    /// <summary>An output whose marker reads and whose listed files all exist.</summary>
    private static bool IsComplete(string folder)
    {
        try
        {
            var marker = Path.Join(folder, OutputMarker.File);
            return File.Exists(marker) && OutputMarker.Parse(marker, File.ReadAllText(marker)).All(f => File.Exists(Path.Join(folder, f)));
        }
        catch (Exception e) when (FileSystemErrors.IsFileSystemError(e) || e is Components.Diagnostics.InputError)
        {
            return false;
        }
    }

    private static string Sibling(string target, string kind) =>
        Path.Join(Path.GetDirectoryName(target), $".{Path.GetFileName(target)}.{kind}{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
}
