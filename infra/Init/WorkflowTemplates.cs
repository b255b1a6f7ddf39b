namespace Palisade.Infra.Init;

/// <summary>The GitHub workflows of a new repository: pushes to main deploy dev, pull requests get the diff as one comment.</summary>
internal static class WorkflowTemplates
{
    public const string Main = """
        # Pushes to main: build, test and verify offline; when PULUMI_ACCESS_TOKEN is a repository secret, deploy dev.
        name: Main

        on:
          push:
            branches: [main]
          workflow_dispatch:

        permissions:
          contents: read

        concurrency:
          group: deploy-dev
          cancel-in-progress: false # never interrupt a running `pulumi up`

        env:
          DOTNET_NOLOGO: "1"
          DOTNET_CLI_TELEMETRY_OPTOUT: "1"
          HAS_PULUMI: ${{ secrets.PULUMI_ACCESS_TOKEN != '' }}
          PULUMI_ORG: ${{ vars.PULUMI_ORG }}

        jobs:
          build-test-deploy-dev:
            runs-on: ubuntu-latest
            timeout-minutes: 60
            steps:
              - uses: actions/checkout@v4

              - uses: actions/setup-dotnet@v4
                with:
                  dotnet-version: 10.0.x

              - name: Build
                run: dotnet build -warnaserror

              - name: Test
                run: dotnet test --no-build

              - name: Verify dev offline
                run: dotnet run --project platform --no-build -- verify dev

              - name: Install Pulumi
                if: env.HAS_PULUMI == 'true'
                uses: pulumi/actions@v6 # without a command it only installs the CLI

              - name: pulumi up -s dev
                if: env.HAS_PULUMI == 'true'
                env:
                  PULUMI_ACCESS_TOKEN: ${{ secrets.PULUMI_ACCESS_TOKEN }}
                  PULUMI_CONFIG_PASSPHRASE: ${{ secrets.PULUMI_CONFIG_PASSPHRASE }}
                run: pulumi up --yes --non-interactive --color never -s "${PULUMI_ORG:+$PULUMI_ORG/}dev"

              - name: Note that the deployment was skipped
                if: env.HAS_PULUMI != 'true'
                run: echo "pulumi up skipped - no PULUMI_ACCESS_TOKEN secret." >> "$GITHUB_STEP_SUMMARY"

        """;

    public const string PullRequest = """
        # Pull requests: build, test, and post what the change does as ONE comment, updated in place on every push:
        # `diff --base` of each stack against the base branch (resources, connectivity opened and closed, checks).
        name: Pull request

        on:
          pull_request:
            branches: [main]

        permissions:
          contents: read
          pull-requests: write # post and update the diff comment

        concurrency:
          group: pull-request-${{ github.event.pull_request.number }}
          cancel-in-progress: true

        env:
          DOTNET_NOLOGO: "1"
          DOTNET_CLI_TELEMETRY_OPTOUT: "1"
          STACKS: dev
          BASE_REF: ${{ github.base_ref }}
          HEAD_SHA: ${{ github.event.pull_request.head.sha }}

        jobs:
          review:
            runs-on: ubuntu-latest
            timeout-minutes: 30
            steps:
              - uses: actions/checkout@v4
                with:
                  fetch-depth: 0 # diff --base needs the base branch's history

              - uses: actions/setup-dotnet@v4
                with:
                  dotnet-version: 10.0.x

              - name: Build
                run: dotnet build -warnaserror

              - name: Test
                run: dotnet test --no-build

              - name: Palisade diff against the base branch
                run: |
                  set -euo pipefail
                  printf '<!-- palisade-diff -->\n<sub>Palisade review of %s against origin/%s, updated on every push.</sub>\n\n' "$HEAD_SHA" "$BASE_REF" > comment.md
                  for stack in $STACKS; do
                    # The base is exported with git archive and synthesized by its own program; the checkout is not touched.
                    dotnet run --project platform --no-build -- diff --base "origin/$BASE_REF" "$stack" > "diff-$stack.md"
                    cat "diff-$stack.md" >> comment.md
                    printf '\n' >> comment.md
                  done
                  cat comment.md >> "$GITHUB_STEP_SUMMARY"

              - name: Post or update the PR comment
                # A pull request from a fork gets a read-only token: the diff is then only in the job summary.
                if: github.event.pull_request.head.repo.full_name == github.repository
                uses: actions/github-script@v7
                with:
                  script: |
                    const fs = require('fs');
                    const marker = '<!-- palisade-diff -->';
                    let body = fs.readFileSync('comment.md', 'utf8');
                    const limit = 65000;
                    if (body.length > limit) {
                      body = body.slice(0, limit) + '\n\n… truncated; the full diff is in the job summary.\n';
                    }
                    const { owner, repo } = context.repo;
                    const issue_number = context.issue.number;
                    const comments = await github.paginate(github.rest.issues.listComments, { owner, repo, issue_number, per_page: 100 });
                    const existing = comments.find(c => c.user && c.user.type === 'Bot' && c.body && c.body.includes(marker));
                    if (existing) {
                      await github.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body });
                    } else {
                      await github.rest.issues.createComment({ owner, repo, issue_number, body });
                    }

        """;
}
