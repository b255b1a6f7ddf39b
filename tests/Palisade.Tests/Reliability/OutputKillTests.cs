using System.Diagnostics;
using Palisade.Infra.Synthesis;
using Palisade.Tests.Support;
using Xunit.Abstractions;

namespace Palisade.Tests.Reliability;

/// <summary>
/// Issue #8 part 2 with real processes: the built program killed with SIGKILL at moments that home in on the write
/// itself. After every kill the target is the complete old or the complete new output, and the next run cleans up.
/// </summary>
public class OutputKillTests(ITestOutputHelper log)
{
    private const int Kills = 8;

    private static OutputSnapshot Reference(TestProject project, string stack)
    {
        var folder = Path.Combine(project.Path, "reference", stack);
        Assert.Equal(0, project.Run("synth", stack, "--out", folder));
        return OutputSnapshot.Of(folder);
    }

    [Trait("Category", "Slow")]
    [SlowFact]
    public void Kill_9_at_any_moment_leaves_the_complete_old_or_the_complete_new_output()
    {
        using var project = TestProject.WithRepoStacks();
        var outputs = new Dictionary<string, OutputSnapshot> { ["dev"] = Reference(project, "dev"), ["prod"] = Reference(project, "prod") };
        var target = Path.Combine(project.Path, "out", "target");
        var clock = Stopwatch.StartNew();
        Assert.Equal(0, PalisadeProcess.Run(project.Path, "synth", "dev", "--out", target).Exit);
        clock.Stop();

        // Bisect for the moment the outcome flips from old to new (the write), and keep probing around it.
        var tooEarly = 0.0;
        var tooLate = clock.Elapsed.TotalMilliseconds * 1.3;
        var random = new Random(8);
        var current = "dev";
        var delay = 0.0;
        var outcomes = new List<string>();
        for (var i = 0; i < Kills; i++)
        {
            var next = current == "dev" ? "prod" : "dev";
            using (var process = PalisadeProcess.Start(project.Path, "synth", next, "--out", target))
            {
                delay = Math.Max(1, (tooEarly + tooLate) / 2 + random.Next(-4, 5));
                Thread.Sleep(TimeSpan.FromMilliseconds(delay));
                try
                {
                    process.Kill(); // SIGKILL on Unix
                }
                catch (InvalidOperationException)
                {
                    // It had already finished.
                }

                process.WaitForExit();
            }

            var after = OutputSnapshot.Of(target);
            var old = after.SameAs(outputs[current]);
            Assert.True(old || after.SameAs(outputs[next]),
                $"kill {i} after {delay:0} ms: {target} is neither the complete {current} output nor the complete {next} output " +
                $"({after.Files.Count} files; outcomes so far: {string.Join(", ", outcomes)})");
            outcomes.Add((old ? "old" : "new") + (OutputSnapshot.Leftovers(target).Count > 0 ? "+leftovers" : ""));
            current = old ? current : next;
            (tooEarly, tooLate) = old ? (delay, tooLate) : (tooEarly, delay);
            if (tooLate - tooEarly < 10)
            {
                (tooEarly, tooLate) = (Math.Max(0, tooEarly - 30), tooLate + 30);
            }
        }

        log.WriteLine($"whole run {clock.Elapsed.TotalMilliseconds:0} ms; outcomes: {string.Join(", ", outcomes)}");
        var final = PalisadeProcess.Run(project.Path, "synth", "prod", "--out", target);
        Assert.Equal(0, final.Exit);
        Assert.True(OutputSnapshot.Of(target).SameAs(outputs["prod"]));
        Assert.Empty(OutputSnapshot.Leftovers(target));
    }

    [Fact]
    public void Leftovers_of_killed_runs_are_removed_by_the_next_run_and_nothing_else_is()
    {
        using var project = TestProject.WithRepoStacks();
        var target = Path.Combine(project.Path, "out", "dev");
        Assert.Equal(0, project.Run("synth", "dev"));
        var staging = Directory.CreateDirectory(Path.Combine(project.Path, "out", ".dev.staging-999999-deadbeef", "manifests")).Parent!.FullName;
        File.WriteAllText(Path.Combine(staging, "Main.yaml"), "half");
        var trash = Directory.CreateDirectory(Path.Combine(project.Path, "out", ".dev.trash-999999-cafe0001")).FullName;
        var oldStyle = Directory.CreateDirectory(Path.Combine(project.Path, "out", ".dev.staging-4242")).FullName;
        var unrelated = new[] { ".dev.notes", ".devx.staging-1-00000000", ".prod.staging-1-00000000", "dev.staging-1-00000000" }
            .Select(n => Directory.CreateDirectory(Path.Combine(project.Path, "out", n)).FullName)
            .ToList();

        Assert.Equal(0, project.Run("synth", "dev"));

        Assert.False(Directory.Exists(staging));
        Assert.False(Directory.Exists(trash));
        Assert.False(Directory.Exists(oldStyle));
        Assert.All(unrelated, u => Assert.True(Directory.Exists(u), u));
        Assert.True(File.Exists(Path.Combine(target, OutputMarker.File)));
    }

    [Fact]
    public void An_output_a_killed_run_had_moved_aside_is_put_back_first()
    {
        // Where the file system cannot exchange two folders, the swap is two renames; a kill between them leaves the
        // old output in trash and no target. The next run puts it back before doing anything else.
        using var project = TestProject.WithRepoStacks();
        var target = Path.Combine(project.Path, "out", "dev");
        Assert.Equal(0, project.Run("synth", "dev"));
        var before = OutputSnapshot.Of(target);
        var trash = Path.Combine(project.Path, "out", ".dev.trash-999999-0badf00d");
        Directory.Move(target, trash);
        project.WriteStack("dev", "config:\n  palisade:apps: [nope]\n");

        Assert.Equal(2, project.Run("synth", "dev")); // fails before writing: nothing to put back yet
        Assert.False(Directory.Exists(target));

        project.Error.GetStringBuilder().Clear();
        var files = Enumerable.Range(0, 3).ToDictionary(i => $"f{i}.txt", i => "x", StringComparer.Ordinal);
        var result = OutputFolder.Write(target, files);

        Assert.Contains(result.Notes, n => n.StartsWith($"put back the previous output in {target}", StringComparison.Ordinal));
        Assert.False(Directory.Exists(trash));
        Assert.Equal(["f0.txt", "f1.txt", "f2.txt"], OutputSnapshot.Of(target).Files.Keys.Where(k => k != OutputMarker.File).Order());
        Assert.NotEqual(before.Files.Count, OutputSnapshot.Of(target).Files.Count);
    }
}
