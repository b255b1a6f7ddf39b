using System.Globalization;
using System.Text;
using CsCheck;
using Palisade.Components.Diagnostics;
using Palisade.Components.Kubernetes;
using Palisade.Infra.Manifests;
using Palisade.Stacks.Parsing;

namespace Palisade.Tests.Connectivity;

/// <summary>
/// The manifest YAML reader against YamlDotNet's checked parser: whatever the reader accepts, YamlDotNet must accept
/// too and give the same node lists (kinds, styles, tags, lines, values, aliases); on anything else the reader gives up.
/// </summary>
public sealed class ManifestYamlReaderTests
{
    private const int Iterations = 3000;

    /// <summary>Both readers on <paramref name="text"/>; whether the fast reader accepted it.</summary>
    private static bool Agree(string text)
    {
        var fast = ManifestYamlReader.TryRead(text, ParseLimits.Manifest);
        if (fast is null)
        {
            return false;
        }

        List<ManifestDocument> checkedDocuments;
        try
        {
            checkedDocuments = ManifestDocuments.LoadWithYamlDotNet(text, "t.yaml");
        }
        catch (InputError e)
        {
            Assert.Fail($"the reader accepted what YamlDotNet refuses ({e.Message}):\n{text}");
            throw;
        }

        Assert.True(Dump(checkedDocuments) == Dump(fast), $"the readers differ on:\n{text}\n--- YamlDotNet:\n{Dump(checkedDocuments)}\n--- reader:\n{Dump(fast)}");
        return true;
    }

    private static string Dump(List<ManifestDocument> documents)
    {
        var text = new StringBuilder();
        foreach (var document in documents)
        {
            text.Append("document\n");
            foreach (var e in document.Events)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {e.Kind} {e.Style} tagged={e.Tagged} line={e.Line} end={e.End} target={e.Target} value={(e.Value is null ? "<null>" : Escape(e.Value))}\n");
            }
        }

        return text.ToString();
    }

    private static string Escape(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";

    [Fact]
    public void Reads_every_fixture_as_YamlDotNet_does()
    {
        var fixtures = Path.GetDirectoryName(ConnectivityFixtures.Root)!;
        var files = Directory.EnumerateFiles(fixtures, "*.y*ml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        var skipped = files.Where(f => !Agree(File.ReadAllText(f))).Select(f => Path.GetRelativePath(fixtures, f)).ToList();

        // The manifest fixtures are what manifests look like: the reader reads every one of them itself.
        Assert.DoesNotContain(skipped, f => f.StartsWith("Connectivity", StringComparison.Ordinal));
    }

    [Fact]
    public void Reads_the_synthetic_clusters_manifests_itself()
    {
        var directory = Directory.CreateTempSubdirectory("palisade-yaml-").FullName;
        try
        {
            SyntheticManifests.Write(directory, SyntheticClusters.Generate(200, 20));
            foreach (var file in Directory.EnumerateFiles(directory))
            {
                Assert.True(Agree(File.ReadAllText(file)), $"the reader gave up on {file}");
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("---\n")]
    [InlineData("---\n---\n")]
    [InlineData("a: 1\n---\n")]
    [InlineData("a: 1\n...\n")]
    [InlineData("a: 1\n...\n---\nb: 2\n")]
    [InlineData("...\n")]
    [InlineData("--- # comment\na: 1\n--- \nb: 2")]
    [InlineData("a: 1\n...\nb: 2\n")]
    [InlineData("---\n...\n")]
    [InlineData("a:\nb: ~\nc: null\nd: ''\n")]
    [InlineData("a:\n- 1\n- 2\nb:\n  - x\n  -\n  - y # c\n")]
    [InlineData("- a: 1\n  b: [x, 'y', \"z\"]\n- {c: d, 'e': \"f\", g: []}\n-\n  h: i\n- []\n- {}\n")]
    [InlineData("k: |\n  line 1\n\n  line 2\n    deeper\nnext: >-\n  folded\n  text\n\n  para\nlast: |+\n  keep\n\n\nend: |-\n  strip\n")]
    [InlineData("k: >\n  a\n  b\n\n\n  c\n")]
    [InlineData("k: |\n\nnext: 1\n")]
    [InlineData("base: &b\n  x: 1\n  y: [1, 2]\nuse: *b\nmore:\n  - *b\n  - &s scalar\n  - *s\nflow: [*s, *b]\n")]
    [InlineData("a: !!str 1\nb: !!int \"2\"\nc: &x !!str 3\nd: !!map\n  e: f\n")]
    [InlineData("\"quoted key\": 1\n'single': 2\nplain key  : 3\n\"a\\\"b\\\\c\\n\\u00e9\": 4\n'it''s': 5\n")]
    [InlineData("url: http://example.com:8080/x?y=z#frag\ncolonend: a:b\nhash: a#b\ncmd: [\"sh\", \"-c\", \"echo $X\"]\n")]
    [InlineData("-1: neg\n-x: dash\n:x: colon\n?q: question\n")]
    [InlineData("a:\n  b:\n    c:\n      - d:\n          e: f\n        g: h\n")]
    [InlineData("  indented: root\n  second: 2\n")]
    [InlineData("- - nested\n")]
    [InlineData("key: value\n  continued\n")]
    [InlineData("a: b: c\n")]
    [InlineData("a: 1\na: 2\n")]
    [InlineData("a: *missing\n")]
    [InlineData("a: [1, 2\n")]
    [InlineData("a: {b: 1\n")]
    [InlineData("a: \"open\n")]
    [InlineData("a:\n  - 1\n  b: 2\n")]
    [InlineData("a: 1\n- 2\n")]
    [InlineData("a: 1\n b: 2\n")]
    [InlineData("x: &a\n  y: *a\n")]
    [InlineData("a: [1, , 2]\n")]
    [InlineData("a: [1,]\nb: {c: 1,}\n")]
    [InlineData("a: {b}\n")]
    [InlineData("a: {b:1}\n")]
    [InlineData("a: [b: 1]\n")]
    [InlineData("a: 'x' y\n")]
    [InlineData("a: - b\n")]
    [InlineData("a: -\n")]
    [InlineData("? complex\n: key\n")]
    [InlineData("a: |2\n   x\n")]
    [InlineData("%YAML 1.2\n---\na: 1\n")]
    [InlineData("--- a\n")]
    [InlineData("a: !local x\n")]
    [InlineData("a: @x\n")]
    [InlineData("a: `x\n")]
    [InlineData("a: b #c\n#d\ne: f # g\n")]
    [InlineData("a: [b] #c\n")]
    [InlineData("a: [b]#c\n")]
    [InlineData("a: 'b'#c\n")]
    [InlineData("a:    \n  b: 1\n")]
    [InlineData("a:\n\n\n  b: 1\n\n")]
    [InlineData("a: |\n  x\n# comment\nb: 1\n")]
    [InlineData("a: |\n  x\n  # not a comment\n")]
    [InlineData("a: |\n   \n  x\n")]
    [InlineData("a: >\n  x\n   y\n")]
    [InlineData("a: |-\n")]
    [InlineData("a: |+\n")]
    [InlineData("a: |\n  x\n b: 1\n")]
    [InlineData("a: \"\\x41\"\n")]
    [InlineData("a: \"\\ud800\"\n")]
    [InlineData("a: \"x\\\n  y\"\n")]
    [InlineData("scalar at root\n")]
    [InlineData("- seq\n- at root\n")]
    [InlineData("[flow, at, root]\n")]
    [InlineData("&a {x: 1}\n")]
    [InlineData("no newline at end: 1")]
    [InlineData("a:\n  - &x 1\n  - *x\n---\nb: *x\n")]
    [InlineData("a: ,b\n")]
    [InlineData("a: ]\n")]
    [InlineData("a: b]\n")]
    [InlineData("{a: 1}: b\n")]
    [InlineData("[a]: b\n")]
    [InlineData("*a : b\n")]
    [InlineData("&a a: b\n")]
    [InlineData("- &a a: b\n")]
    [InlineData("- !!str a: b\n")]
    [InlineData("a: &x\n  - 1\nb: *x\n")]
    [InlineData("a: &x\nb: *x\n")]
    [InlineData("a: &x\n- 1\n")]
    [InlineData("- a\n -b\n")]
    [InlineData("-\n  - a\n")]
    [InlineData("a: ---\nb: ...\n")]
    [InlineData("a:\n---\nb:\n")]
    [InlineData("a: |\n  x\n---\nb: 1\n")]
    [InlineData("a:\n  |\n  x\n")]
    [InlineData("a:\n  \"b\"\nc:\n  plain\n")]
    [InlineData("a:\n  *x\n")]
    [InlineData("a: [\"b\":c]\n")]
    [InlineData("a: {\"b\":c}\n")]
    [InlineData("a: {'b' : c, d: [e, {f: g}]}\n")]
    [InlineData("a: \"\\t\\/\\r\\0\\\\ \\\"\"\nb: \"\\U0001F600\"\nc: \"😀 é\"\nd: 😀\n")]
    [InlineData("a: 'multi\n  line'\nb: \"multi\n  line\"\n")]
    [InlineData("a: [1,\n  2]\n")]
    [InlineData("a: 1\r\nb: 2\r\n")]
    [InlineData("a:\tb\n")]
    [InlineData("a: b\n\n# trailing comment\n\n")]
    [InlineData("list:\n- a\n# between\n- b\nnext: c\n")]
    public void Reads_a_construct_as_YamlDotNet_does_or_gives_up(string text) => Agree(text);

    [Fact]
    public void Reads_what_manifests_are_made_of_itself()
    {
        string[] handled =
        [
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels: {app: web}\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n    ports:\n    - containerPort: 80\n",
            "---\na: 1\n---\nb: [1, 2]\n...\n",
            "a: |\n  text\nb: >-\n  more\n",
            "a: &x {b: 1}\nc: *x\nd: !!str 1\n",
            "'a': \"b\\n\"\n# comment\n",
            "a: \"\\t\\/\\r\\0\\\\ \\\" \\u00e9\"\nb: 'it''s'\nc: 😀\n",
            "k: >\n  folded\n    more indented\n  back\n\n  para\n",
        ];
        foreach (var text in handled)
        {
            Assert.True(Agree(text), $"the reader gave up on:\n{text}");
        }
    }

    [Fact]
    public void Gives_up_on_aliases_beyond_the_budget_and_on_nesting_beyond_the_limit()
    {
        var bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 8; i++)
        {
            bomb.Append(CultureInfo.InvariantCulture, $"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        }

        Assert.Null(ManifestYamlReader.TryRead(bomb.ToString(), ParseLimits.Manifest));
        var deep = string.Concat(Enumerable.Range(0, 300).Select(i => new string(' ', i * 2) + "k:\n")) + new string(' ', 600) + "v: 1\n";
        Assert.Null(ManifestYamlReader.TryRead(deep, ParseLimits.Manifest));
        Assert.Null(ManifestYamlReader.TryRead("a: *b\n", ParseLimits.StackFile));
    }

    [Fact]
    public void Errors_name_file_line_and_column_as_before()
    {
        var error = Assert.Throws<InputError>(() => ManifestDirectoryReader.Parse([new ManifestFile("bad.yaml", "a: 1\nb:\n  c: 1\n  c: 2\n")]));
        Assert.Equal("bad.yaml: document 1, key b.c (line 4, column 3)", error.Location);
        Assert.Contains("appears twice", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_manifests_read_alike() =>
        Gen.UInt.Sample(seed =>
        {
            var random = new Random((int)seed);
            Agree(RandomYaml.Stream(random));
        }, iter: Iterations);

    [Fact]
    public void Randomly_damaged_manifests_read_alike_or_the_reader_gives_up() =>
        Gen.UInt.Sample(seed =>
        {
            var random = new Random((int)seed);
            var text = new StringBuilder(RandomYaml.Stream(random));
            for (var edits = random.Next(1, 4); edits > 0 && text.Length > 0; edits--)
            {
                var at = random.Next(text.Length);
                var c = " \n-:#'\"[]{},&*!|>?a0.\\"[random.Next(22)];
                switch (random.Next(3))
                {
                    case 0: text.Insert(at, c); break;
                    case 1: text.Remove(at, 1); break;
                    default: text[at] = c; break;
                }
            }

            Agree(text.ToString());
        }, iter: Iterations);

    [Fact]
    public void Random_manifests_are_mostly_read_by_the_reader_itself()
    {
        var random = new Random(14);
        var accepted = Enumerable.Range(0, 300).Count(_ => Agree(RandomYaml.Stream(random)));

        // Each stream holds up to three documents with deliberately odd words and indentation; a third must still be read.
        Assert.True(accepted > 100, $"the reader read only {accepted} of 300 random streams itself");
    }
}

/// <summary>Random YAML streams in the styles manifests use, with the corner cases of each (keys, quoting, comments, documents).</summary>
internal static class RandomYaml
{
    private static readonly string[] Safe = ["a", "web", "app.kubernetes.io/name", "true", "null", "~", "-1", "0x1F", "1.5", "a b", "a:b", "a#b", "é", "http://x:80/y", "8080"];

    private static readonly string[] Tricky =
    [
        "", "a: b", "a #b", "a#b", "#x",
        "it's", "say \"hi\"", "x\ny", " lead", "trail ", "[x]", "{y}", "*z", "&w", "!t", "|", ">", "-", "- a", "? q", ":", "@at", "%p",
        "a,b", "é", "http://x:80/y", "{{ .Values.x }}", "---", "...", "\\", "tab\there", "k: v", "'", "\"",
    ];

    public static string Stream(Random random)
    {
        var text = new StringBuilder();
        var documents = random.Next(1, 4);
        for (var d = 0; d < documents; d++)
        {
            if (d > 0 || random.Next(3) == 0)
            {
                text.Append(random.Next(6) == 0 ? "--- # doc\n" : "---\n");
            }

            if (random.Next(8) == 0)
            {
                text.Append("# comment\n");
            }

            var anchors = new List<string>();
            Mapping(random, text, 0, 0, anchors);
            if (random.Next(6) == 0)
            {
                text.Append("...\n");
            }
        }

        return text.ToString();
    }

    private static void Mapping(Random random, StringBuilder text, int indent, int depth, List<string> anchors)
    {
        var keys = random.Next(1, 5);
        for (var i = 0; i < keys; i++)
        {
            text.Append(' ', indent).Append(Key(random, i)).Append(':');
            Value(random, text, indent, depth, anchors, inMapping: true);
        }
    }

    private static string Word(Random random) => random.Next(6) == 0 ? Tricky[random.Next(Tricky.Length)] : Safe[random.Next(Safe.Length)];

    private static string Key(Random random, int i) => random.Next(10) switch
    {
        0 => $"\"k{i}\"",
        1 => $"'k {i}'",
        2 => Word(random) + i.ToString(CultureInfo.InvariantCulture),
        _ => "key" + i.ToString(CultureInfo.InvariantCulture),
    };

    private static void Value(Random random, StringBuilder text, int indent, int depth, List<string> anchors, bool inMapping)
    {
        var properties = random.Next(12) switch
        {
            0 => $" &n{random.Next(1_000_000)}",
            1 => " !!str",
            _ => string.Empty,
        };

        var choice = depth > 4 ? random.Next(5) : random.Next(9);
        var child = indent + (random.Next(4) == 0 ? 4 : 2);
        switch (choice)
        {
            case 0 or 1:
                text.Append(properties).Append(' ').Append(Scalar(random)).Append(Comment(random)).Append('\n');
                break;
            case 2:
                text.Append(properties).Append(' ').Append(FlowNode(random, 0)).Append(Comment(random)).Append('\n');
                break;
            case 3 when anchors.Count > 0 && properties.Length == 0:
                text.Append(" *").Append(anchors[random.Next(anchors.Count)]).Append('\n');
                break;
            case 3 or 4:
                text.Append(properties).Append(random.Next(2) == 0 ? " |" : " >").Append("-+ "[random.Next(3)]).Append('\n');
                for (var lines = random.Next(0, 4); lines > 0; lines--)
                {
                    text.Append(random.Next(4) == 0 ? string.Empty : new string(' ', child + (random.Next(6) == 0 ? 1 : 0)) + Word(random)).Append('\n');
                }

                break;
            case 5 or 6:
                text.Append(properties).Append('\n');
                if (random.Next(5) == 0)
                {
                    text.Append('\n');
                }

                Mapping(random, text, child, depth + 1, anchors);
                break;
            default:
                text.Append(properties).Append('\n');
                var seqIndent = inMapping && random.Next(2) == 0 ? indent : child;
                for (var items = random.Next(1, 4); items > 0; items--)
                {
                    text.Append(' ', seqIndent).Append('-');
                    if (random.Next(3) == 0)
                    {
                        text.Append(' ').Append(Key(random, items)).Append(':');
                        Value(random, text, seqIndent + 2, depth + 1, anchors, inMapping: true);
                        if (random.Next(2) == 0)
                        {
                            text.Append(' ', seqIndent + 2).Append("other:");
                            Value(random, text, seqIndent + 2, depth + 1, anchors, inMapping: true);
                        }
                    }
                    else
                    {
                        Value(random, text, seqIndent, depth + 1, anchors, inMapping: false);
                    }
                }

                break;
        }

        // An anchor is usable once its node is complete.
        if (properties.StartsWith(" &", StringComparison.Ordinal))
        {
            anchors.Add(properties[2..]);
        }
    }

    private static string Comment(Random random) => random.Next(8) == 0 ? " # note" : string.Empty;

    private static string Scalar(Random random)
    {
        var word = Word(random);
        return random.Next(4) switch
        {
            0 => "'" + word.Replace("'", "''", StringComparison.Ordinal) + "'",
            1 => "\"" + word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"",
            _ => word,
        };
    }

    private static string FlowNode(Random random, int depth) => (depth > 2 ? 0 : random.Next(3)) switch
    {
        1 => "[" + string.Join(random.Next(2) == 0 ? ", " : ",", Enumerable.Range(0, random.Next(0, 4)).Select(_ => FlowNode(random, depth + 1))) + "]",
        2 => "{" + string.Join(", ", Enumerable.Range(0, random.Next(0, 4)).Select(i => Key(random, i) + ": " + FlowNode(random, depth + 1))) + "}",
        _ => Scalar(random),
    };
}
