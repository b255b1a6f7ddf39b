using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Palisade.Infra.Diff;

/// <summary>
/// Synthesized outputs of base revisions, kept by what determines them: the git tree of the revision, the project
/// folder inside it and the stack. A commit that changes no file (<c>git commit --allow-empty</c>, a rebase that
/// keeps the content) has the same tree, so its base is not built again.
/// </summary>
/// <remarks>
/// Layout under <see cref="Root"/>: <c>&lt;key&gt;/files/…</c> (the output as <c>synth --out</c> wrote it) and
/// <c>&lt;key&gt;/manifest</c> (a SHA-256 per file, written last). An entry appears by an atomic rename of a complete
/// temporary folder, so a reader sees a whole entry or none; a per-key lock file makes a second run for the same base
/// wait for the first one's build instead of building again. An entry whose files no longer match its manifest is
/// removed and built again. After each new entry the oldest entries (by last use) are removed until the cache is
/// within <see cref="MaxBytes"/>.
/// </remarks>
internal sealed class BaseCache(string root, long maxBytes)
{
    public const string DisableVariable = "PALISADE_BASE_CACHE";
    public const string SizeVariable = "PALISADE_BASE_CACHE_MB";
    public const long DefaultMaxBytes = 512L * 1024 * 1024;

    private const string FilesFolder = "files";
    private const string ManifestFile = "manifest";
    private const string TemporaryPrefix = ".tmp-";
    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(15);

    public string Root { get; } = root;

    public long MaxBytes { get; } = maxBytes;

    /// <summary>
    /// The user's cache: <c>$XDG_CACHE_HOME/palisade/bases</c>, else <c>~/.cache/palisade/bases</c>; none when
    /// <c>PALISADE_BASE_CACHE=off</c> or no home folder is known. <c>PALISADE_BASE_CACHE_MB</c> bounds its size.
    /// </summary>
    public static BaseCache? ForUser(Func<string, string?> environment)
    {
        if (string.Equals(environment(DisableVariable), "off", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var xdg = environment("XDG_CACHE_HOME");
        var home = environment("HOME");
        var folder = !string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg) ? xdg
            : !string.IsNullOrWhiteSpace(home) ? Path.Combine(home, ".cache")
            : null;
        if (folder is null)
        {
            return null;
        }

        var max = long.TryParse(environment(SizeVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var megabytes) && megabytes > 0
            ? megabytes * 1024 * 1024
            : DefaultMaxBytes;
        return new BaseCache(Path.Combine(folder, "palisade", "bases"), max);
    }

    /// <summary>A file-system-safe key for a tree, a project folder inside it and a stack.</summary>
    public static string Key(string tree, string projectPrefix, string stack)
    {
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{tree}\n{projectPrefix}\n{stack}")));
        var readable = stack.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') && stack.Length <= 40 ? stack : "stack";
        return $"{tree[..Math.Min(12, tree.Length)]}-{readable}-{digest[..16]}";
    }

    /// <summary>Holds the key's lock until disposed: one build per base at a time, across processes.</summary>
    public IDisposable Lock(string key)
    {
        Directory.CreateDirectory(Root);
        var path = Path.Combine(Root, key + ".lock");
        var deadline = DateTime.UtcNow + LockWait;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
        }
    }

    /// <summary>The cached output folder of a key, or null (never cached, or corrupted and now removed, with why).</summary>
    public string? Find(string key, out string? problem)
    {
        problem = null;
        var entry = Path.Combine(Root, key);
        var manifest = Path.Combine(entry, ManifestFile);
        if (!Directory.Exists(entry))
        {
            return null;
        }

        problem = Verify(entry, manifest);
        if (problem is not null)
        {
            Remove(entry);
            return null;
        }

        File.SetLastWriteTimeUtc(manifest, DateTime.UtcNow);
        return Path.Combine(entry, FilesFolder);
    }

    /// <summary>Copies a complete output folder in as the key's entry, then keeps the cache within its bound.</summary>
    public void Store(string key, string outputFolder)
    {
        Directory.CreateDirectory(Root);
        var temporary = Path.Combine(Root, TemporaryPrefix + Guid.NewGuid().ToString("N"));
        var files = Path.Combine(temporary, FilesFolder);
        var lines = new List<string>();
        foreach (var file in Directory.EnumerateFiles(outputFolder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(outputFolder, file).Replace('\\', '/');
            var target = Path.Combine(files, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            lines.Add($"{Hash(target)} {relative}");
        }

        Directory.CreateDirectory(files);
        File.WriteAllText(Path.Combine(temporary, ManifestFile), string.Join("\n", lines) + "\n");
        try
        {
            Directory.Move(temporary, Path.Combine(Root, key));
        }
        catch (IOException)
        {
            // Another run stored the same base first: its entry is as good as ours.
            Remove(temporary);
        }

        Evict(keep: key);
    }

    /// <summary>Removes the least recently used entries until the cache is within its bound, and stale temporaries.</summary>
    public void Evict(string? keep = null)
    {
        var entries = new List<(string Path, DateTime Used, long Bytes)>();
        foreach (var directory in Directory.EnumerateDirectories(Root))
        {
            var name = Path.GetFileName(directory);
            if (name.StartsWith(TemporaryPrefix, StringComparison.Ordinal))
            {
                if (Directory.GetLastWriteTimeUtc(directory) < DateTime.UtcNow - TimeSpan.FromHours(1))
                {
                    Remove(directory);
                }

                continue;
            }

            var manifest = Path.Combine(directory, ManifestFile);
            var used = File.Exists(manifest) ? File.GetLastWriteTimeUtc(manifest) : Directory.GetLastWriteTimeUtc(directory);
            var bytes = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            entries.Add((directory, used, bytes));
        }

        var total = entries.Sum(e => e.Bytes);
        foreach (var entry in entries.OrderBy(e => e.Used).ThenBy(e => e.Path, StringComparer.Ordinal))
        {
            if (total <= MaxBytes)
            {
                break;
            }

            if (Path.GetFileName(entry.Path) == keep)
            {
                continue;
            }

            Remove(entry.Path);
            total -= entry.Bytes;
        }
    }

    private static string? Verify(string entry, string manifest)
    {
        if (!File.Exists(manifest))
        {
            return "its manifest is missing";
        }

        var files = Path.Combine(entry, FilesFolder);
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(manifest).Where(l => l.Length > 0))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0)
            {
                return "its manifest is not readable";
            }

            var relative = line[(space + 1)..];
            var path = Path.Combine(files, relative);
            if (!File.Exists(path))
            {
                return $"{relative} is missing";
            }

            if (Hash(path) != line[..space])
            {
                return $"{relative} was changed";
            }

            listed.Add(relative);
        }

        var extra = Directory.Exists(files)
            ? Directory.EnumerateFiles(files, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(files, f).Replace('\\', '/'))
                .FirstOrDefault(f => !listed.Contains(f))
            : null;
        return extra is null ? null : $"{extra} is not in its manifest";
    }

    private static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Renames the folder away first, so nobody sees it half deleted, then deletes it.</summary>
    private void Remove(string directory)
    {
        var trash = Path.Combine(Root, TemporaryPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.Move(directory, trash);
            Directory.Delete(trash, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone already, or not ours to delete: either way it is no longer used.
        }
    }
}
