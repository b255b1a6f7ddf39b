using System.Text;
using Palisade.Components.Diagnostics;
using Palisade.Infra.Process;

namespace Palisade.Infra.Promotion;

/// <summary>
/// Replaces a file's content in one step: the new bytes go to a temporary file beside it (same folder, so the rename
/// stays on one file system), are flushed to disk, get the original's permissions, and are renamed over it. A reader
/// sees the old file or the new one, never half of either; a run killed before the rename leaves a recognisable
/// <c>.&lt;name&gt;.palisade-&lt;pid&gt;-&lt;random&gt;.tmp</c> that the next write removes once its process is gone.
/// A symlinked file is written through the link (the link stays).
/// </summary>
internal static class AtomicFile
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>Reads UTF-8 text, remembering whether it started with a byte-order mark.</summary>
    public static (string Text, bool Bom) ReadText(string path, string displayName)
    {
        try
        {
            var bytes = File.ReadAllBytes(path);
            var bom = bytes.AsSpan().StartsWith(Bom);
            return (StrictUtf8.GetString(bom ? bytes[Bom.Length..] : bytes), bom);
        }
        catch (DecoderFallbackException)
        {
            throw new InputError(displayName, "is not valid UTF-8", "Save it as UTF-8.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputError(displayName, $"could not be read ({e.Message})", "Check that it exists and is readable.");
        }
    }

    public static void WriteText(string path, string text, bool bom, string displayName)
    {
        var bytes = StrictUtf8.GetBytes(text);
        Write(path, bom ? [.. Bom, .. bytes] : bytes, displayName);
    }

    public static void Write(string path, byte[] content, string displayName)
    {
        var target = Path.GetFullPath(File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path);
        var folder = Path.GetDirectoryName(target)!;
        var name = Path.GetFileName(target);
        RemoveStale(folder, name);
        var temp = Path.Combine(folder, $".{name}.palisade-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            using (var stream = new FileStream(temp, options))
            {
                if (!OperatingSystem.IsWindows() && File.Exists(target))
                {
                    File.SetUnixFileMode(stream.SafeFileHandle, File.GetUnixFileMode(target));
                }

                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, target, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new InputError(displayName, $"could not be replaced ({e.Message}); it was left as it was",
                $"Check that the file and {folder} are writable (not read-only or immutable) and that there is free space.");
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Temporary files of this file left by a killed run (their process is gone).</summary>
    private static void RemoveStale(string folder, string name)
    {
        var prefix = $".{name}.palisade-";
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateFiles(folder, prefix + "*.tmp").ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (var file in candidates)
        {
            var rest = Path.GetFileName(file)[prefix.Length..];
            var dash = rest.IndexOf('-');
            if (dash > 0 && int.TryParse(rest[..dash], out var pid) && !LiveProcess.IsRunning(pid))
            {
                TryDelete(file);
            }
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Removed on the next write.
        }
    }
}
