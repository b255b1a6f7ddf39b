using System.Text;
using Palisade.Components.Diagnostics;
using Palisade.Infra.Manifests;
using Palisade.Stacks.Parsing;
using Palisade.Tests.Support;

namespace Palisade.Tests.Reliability;

/// <summary>
/// Seeded random edits of real stack files and manifests (brackets, indicators, anchors, truncation): the parse either
/// succeeds or ends in an InputError, never another exception.
/// </summary>
public sealed class ParsingMutationTests
{
    private static readonly string[] Tokens =
        ["[", "]", "{", "}", ",", ":", "- ", "? ", "&a ", "*a", "!!str ", "\"", "'", "|", ">", "#", "\n", "  ", "\t", "---\n", "...\n", "%YAML 1.2\n", "<<: ", "\\", "\r", "!"];

    [Fact]
    public void A_parser_event_stream_that_ends_a_mapping_after_a_key_is_a_syntax_error()
    {
        // YamlDotNet emits MappingEnd right after the key here, and its loader then throws ArgumentException.
        var error = Assert.Throws<InputError>(() => ManifestDirectoryReader.Parse([new ManifestFile("m.yaml", "metadata:\n : name: traefik\n  namespace: x\n")]));

        Assert.StartsWith("m.yaml: document 1, key metadata", error.Location, StringComparison.Ordinal);
        Assert.Contains("has no value before the mapping ends", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Mutated_stack_files_and_manifests_parse_or_fail_with_an_input_error(int seed)
    {
        var random = new Random(seed);
        var stack = File.ReadAllText(Path.Combine(RepoPaths.Root, "Pulumi.prod.yaml"));
        var manifests = Directory.EnumerateFiles(Path.Combine(RepoPaths.TestProject, "Fixtures", "Connectivity"), "*.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal).Take(10).Select(File.ReadAllText).ToList();
        var outcomes = new Dictionary<bool, int> { [true] = 0, [false] = 0 };
        for (var i = 0; i < 500; i++)
        {
            var isStack = i % 3 == 0;
            var text = Mutate(isStack ? stack : manifests[random.Next(manifests.Count)], random);
            var error = Record.Exception(() =>
            {
                if (isStack)
                {
                    BoundedYaml.Load(text, "Pulumi.prod.yaml", ParseLimits.StackFile);
                }
                else
                {
                    ManifestDirectoryReader.Parse([new ManifestFile("m.yaml", text)]);
                }
            });
            Assert.True(error is null or InputError, $"{error?.GetType().Name}: {error?.Message}\n--- input ---\n{text}");
            outcomes[error is null]++;
        }

        Assert.True(outcomes[true] > 50 && outcomes[false] > 50, "the mutations should produce both valid and invalid inputs");
    }

    private static string Mutate(string text, Random random)
    {
        var result = new StringBuilder(text);
        for (var edit = random.Next(1, 6); edit > 0; edit--)
        {
            var at = random.Next(result.Length + 1);
            switch (random.Next(3))
            {
                case 0:
                    result.Insert(at, Tokens[random.Next(Tokens.Length)]);
                    break;
                case 1 when at < result.Length:
                    result.Remove(at, Math.Min(random.Next(1, 5), result.Length - at));
                    break;
                default:
                    result.Length = at;
                    break;
            }
        }

        return result.ToString();
    }
}
