using Palisade.Infra.Promotion;

namespace Palisade.Tests.Promotion;

public class StackFileEditorTests
{
    private const string File = """
        # prod stack
        config:
          aws:region: us-east-1
          palisade:apps:
            - voting
          palisade:kubeconfig:
            secure: AAABAJ1
          palisade:promotedDigest: sha256:old
        """;

    [Fact]
    public void Existing_keys_are_replaced_in_place_and_new_keys_appended_under_config()
    {
        var edited = StackFileEditor.Set(File, new Dictionary<string, string>
        {
            ["palisade:promotedDigest"] = "sha256:new",
            ["palisade:promoteFrom"] = "dev",
        });

        Assert.Equal("""
            # prod stack
            config:
              aws:region: us-east-1
              palisade:apps:
                - voting
              palisade:kubeconfig:
                secure: AAABAJ1
              palisade:promotedDigest: sha256:new
              palisade:promoteFrom: dev

            """.Replace("\r\n", "\n"), edited);
    }

    [Fact]
    public void Values_another_reader_could_misread_are_quoted()
    {
        var edited = StackFileEditor.Set("config:\n  a: b\n", new Dictionary<string, string> { ["palisade:promotedRevision"] = "1234567" });
        Assert.Contains("palisade:promotedRevision: \"1234567\"", edited);
    }

    [Fact]
    public void A_file_without_config_gets_a_config_section()
    {
        Assert.Equal("config:\n  palisade:promoteFrom: dev\n", StackFileEditor.Set("config:\n", new Dictionary<string, string> { ["palisade:promoteFrom"] = "dev" }));
    }
}
