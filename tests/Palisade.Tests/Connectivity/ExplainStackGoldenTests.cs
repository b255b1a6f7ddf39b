using Palisade.Tests.Support;

namespace Palisade.Tests.Connectivity;

/// <summary>
/// <c>explain &lt;stack&gt;</c> on the repository's stacks, as golden files (Golden/explain): the stack is synthesized and
/// explained under its own dataplane, node ranges and strict mode, as its checks analyse it.
/// </summary>
public sealed class ExplainStackGoldenTests : IDisposable
{
    private readonly TestProject project = TestProject.WithRepoStacks();

    public void Dispose() => project.Dispose();

    [Theory]
    [InlineData("dev-frontend-to-api", "dev", "voting-frontend/frontend", "voting-api/api", null)]
    [InlineData("dev-frontend-to-postgres", "dev", "voting-frontend/frontend", "voting-data/postgres", null)]
    [InlineData("prod-vpc-to-frontend", "prod", "10.20.0.0/16", "voting-frontend/frontend", "80")]
    [InlineData("prod-api-to-metadata", "prod", "govtech/backend", "169.254.0.0/16", null)]
    public void A_stack_is_explained_as_its_checks_analyse_it(string golden, string stack, string from, string to, string? port)
    {
        foreach (var output in new[] { "text", "json" })
        {
            string[] args = ["explain", stack, "--from", from, "--to", to, "-o", output, .. port is null ? Array.Empty<string>() : ["--port", port]];
            var code = project.Run(args);

            Assert.True(code == 0, project.Error.ToString());
            Golden.AssertMatches($"explain/{golden}.{(output == "json" ? "json" : "txt")}", project.Out.ToString());
            project.Out.GetStringBuilder().Clear();
        }
    }

    [Fact]
    public void A_stack_takes_no_dataplane_options()
    {
        Assert.Equal(2, project.Run("explain", "dev", "--from", "voting-frontend/frontend", "--to", "voting-api/api", "--cni", "calico"));
        Assert.Contains("is analysed under its own dataplane", project.Error.ToString(), StringComparison.Ordinal);
    }
}
