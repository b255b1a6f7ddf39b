using System.Diagnostics;
using Palisade.Components.Diagnostics;

namespace Palisade.Infra.Synthesis;

/// <summary>
/// <c>.&lt;name&gt;.lock</c> beside an output folder, held open with FileShare.None (flock on Unix) while a writer works,
/// so two writers of one folder take turns instead of interleaving. The kernel drops the lock when the holder dies,
/// kill -9 included. The file itself stays: deleting a lock file lets two processes hold "the" lock at once.
/// </summary>
internal sealed class OutputLock : IDisposable
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);
    private readonly FileStream stream;

    private OutputLock(FileStream stream) => this.stream = stream;

    public static string PathFor(string target) =>
        Path.Join(Path.GetDirectoryName(target), $".{Path.GetFileName(target)}.lock");

    /// <exception cref="InputError">Another writer still holds the lock after <paramref name="wait"/>.</exception>
    public static OutputLock Acquire(string target, TimeSpan wait)
    {
        var path = PathFor(target);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new OutputLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException e) when (IsHeldElsewhere(e))
            {
                if (clock.Elapsed >= wait)
                {
                    throw new InputError(target, $"another palisade run is writing this folder (it holds {path}; waited {wait.TotalSeconds:0.#} s)",
                        "Wait for it to finish and run again, or pass --out with another folder.");
                }

                Thread.Sleep(Poll);
            }
        }
    }

    public void Dispose() => stream.Dispose();

    // .NET reports a lock held by another file description as a sharing violation (ERROR_SHARING_VIOLATION), on Unix too.
    private static bool IsHeldElsewhere(IOException e) => e.HResult == unchecked((int)0x80070020) || e.HResult == 11 /* EWOULDBLOCK */;
}
