using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Palisade.Components.Diagnostics;

namespace Palisade.Infra.Process;

/// <summary>
/// Runs a real process with <see cref="System.Diagnostics.Process"/>, capturing stdout and stderr as text. Every run
/// has a time limit (<see cref="ProcessTimeouts"/>); a child that exceeds it is killed with everything it started and
/// the run ends with an <see cref="InputError"/> (exit 2) naming the command and the limit. On Linux the child leads
/// a process group of its own, so nothing it started survives the kill.
/// </summary>
/// <param name="outputGrace">After a child exits, how long what it started may keep its output open before it is killed (default 5 s).</param>
internal sealed class ProcessRunner(ProcessTimeouts timeouts, TimeSpan? outputGrace = null) : IProcessRunner
{
    private readonly TimeSpan grace = outputGrace ?? TimeSpan.FromSeconds(5);

    public static ProcessRunner Instance { get; } = new(ProcessTimeouts.FromProcessEnvironment());

    public ProcessResult Run(
        string executable,
        IReadOnlyList<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment = null) =>
        Run(executable, arguments, workingDirectory, environment, timeouts.For(executable));

    /// <summary>Runs with an explicit time limit instead of the executable's default.</summary>
    public ProcessResult Run(
        string executable,
        IReadOnlyList<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment,
        TimeSpan timeout)
    {
        var start = new ProcessStartInfo
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        // setsid would turn a missing program into its own exit 127, so the program is looked up here first.
        var ownGroup = false;
        if (ChildProcesses.Setsid is { } setsid && ExecutablePath.Find(executable, start.Environment.TryGetValue("PATH", out var path) ? path : null) is { } resolved)
        {
            start.FileName = setsid;
            start.ArgumentList.Add("--wait");
            start.ArgumentList.Add(resolved);
            ownGroup = true;
        }
        else
        {
            start.FileName = executable;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new System.Diagnostics.Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new ProcessStartException(executable, e);
        }

        ChildProcesses.Add(process);
        try
        {
            process.StandardInput.Close();

            // Read both streams concurrently so a chatty child cannot block on a full pipe.
            var stdout = new OutputCollector(process.StandardOutput);
            var stderr = new OutputCollector(process.StandardError);
            if (!process.WaitForExit(timeout))
            {
                ChildProcesses.KillTree(process, ownGroup);
                process.WaitForExit(2000);
                throw new InputError(Describe(executable, arguments),
                    $"did not finish within {ProcessTimeouts.Describe(timeout)} and was stopped together with every process it started{Tail(stderr.Text)}",
                    $"Find out why it hangs, or raise the limit with {ProcessTimeouts.Variable(executable)}=<seconds> (or 10m, 2h).");
            }

            if (!Task.WaitAll([stdout.Completion, stderr.Completion], grace))
            {
                // Something the child started still holds its output open (e.g. a build server): it must not outlive it.
                ChildProcesses.KillTree(process, ownGroup);
                Task.WaitAll([stdout.Completion, stderr.Completion], 2000);
            }

            return new ProcessResult(process.ExitCode, stdout.Text, stderr.Text);
        }
        finally
        {
            ChildProcesses.Remove(process);
        }
    }

    private static string Describe(string executable, IReadOnlyList<string> arguments)
    {
        var command = string.Join(' ', arguments.Take(6).Prepend(executable).Select(a => a.Contains(' ') ? $"'{a}'" : a));
        return arguments.Count > 6 ? command + " …" : command;
    }

    private static string Tail(string stderr)
    {
        var last = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return last is null ? string.Empty : $" (its last words: {(last.Length > 200 ? last[..200] + "…" : last)})";
    }

    /// <summary>Collects a stream's text as it arrives, so what was read is available even if the stream never ends.</summary>
    private sealed class OutputCollector
    {
        private readonly StringBuilder text = new();

        public OutputCollector(StreamReader reader) => Completion = Task.Run(async () =>
        {
            var buffer = new char[8192];
            int read;
            while ((read = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                lock (text)
                {
                    text.Append(buffer, 0, read);
                }
            }
        });

        public Task Completion { get; }

        public string Text
        {
            get
            {
                lock (text)
                {
                    return text.ToString();
                }
            }
        }
    }
}
