using System.Diagnostics;
using Palisade.Components.Diagnostics;
using Palisade.Infra.Synthesis;
using Palisade.Tests.Support;

namespace Palisade.Tests.Reliability;

/// <summary>Issue #8 part 2: a second writer of the same folder waits for the first, or gives up with a clear message.</summary>
public class OutputLockTests
{
    private static readonly IReadOnlyDictionary<string, string> Files = new Dictionary<string, string> { ["a.txt"] = "a" };

    [Fact]
    public void A_writer_that_cannot_get_the_lock_in_time_says_who_holds_it_and_changes_nothing()
    {
        using var project = new TestProject();
        var target = Path.Combine(project.Path, "out", "x");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        using var held = OutputLock.Acquire(target, TimeSpan.Zero);
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<InputError>(() => OutputFolder.Write(target, Files, new OutputRules(LockWait: TimeSpan.FromMilliseconds(200))));

        Assert.InRange(clock.ElapsedMilliseconds, 190, 5000);
        Assert.Equal($"{target}: another palisade run is writing this folder (it holds {OutputLock.PathFor(target)}; waited 0.2 s). " +
                     "Wait for it to finish and run again, or pass --out with another folder.", error.Message);
        Assert.False(Directory.Exists(target));
        Assert.Empty(OutputSnapshot.Leftovers(target));
    }

    [Fact]
    public async Task A_synth_process_waits_for_the_lock_and_then_writes()
    {
        using var project = TestProject.WithRepoStacks();
        var target = Path.Combine(project.Path, "out", "dev");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var held = OutputLock.Acquire(target, TimeSpan.Zero);
        using var process = PalisadeProcess.Start(project.Path, "synth", "dev");
        var stdout = process.StandardOutput.ReadToEndAsync();

        await Task.Delay(1500); // well past the time a whole synth takes here
        Assert.False(process.HasExited, "synth did not wait for the lock");
        Assert.False(Directory.Exists(target));
        held.Dispose();

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, process.ExitCode);
        Assert.Contains("Wrote", await stdout);
        Assert.True(File.Exists(Path.Combine(target, OutputMarker.File)));
    }

    [Fact]
    public async Task Concurrent_synth_processes_into_one_folder_take_turns_and_all_succeed()
    {
        using var project = TestProject.WithRepoStacks();
        var target = Path.Combine(project.Path, "out", "shared");
        Assert.Equal(0, project.Run("synth", "dev", "--out", Path.Combine(project.Path, "reference", "dev")));
        Assert.Equal(0, project.Run("synth", "prod", "--out", Path.Combine(project.Path, "reference", "prod")));

        var processes = Enumerable.Range(0, 4)
            .Select(i => PalisadeProcess.Start(project.Path, "synth", i % 2 == 0 ? "dev" : "prod", "--out", target))
            .ToList();
        var errors = await Task.WhenAll(processes.Select(p => p.StandardError.ReadToEndAsync()));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        foreach (var process in processes)
        {
            await process.WaitForExitAsync(timeout.Token);
        }

        Assert.All(processes.Zip(errors), p => Assert.True(p.First.ExitCode == 0, p.Second));
        var final = OutputSnapshot.Of(target);
        Assert.True(final.SameAs(OutputSnapshot.Of(Path.Combine(project.Path, "reference", "dev"))) ||
                    final.SameAs(OutputSnapshot.Of(Path.Combine(project.Path, "reference", "prod"))));
        Assert.Empty(OutputSnapshot.Leftovers(target));
        processes.ForEach(p => p.Dispose());
    }
}
