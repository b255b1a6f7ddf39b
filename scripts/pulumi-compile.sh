#!/usr/bin/env bash
# Compiler entry for the Pulumi YAML runtime (see Pulumi.yaml). Pulumi reads the program from stdout and runs this
# twice per operation, so it must be quick and quiet: the CLI is rebuilt only when its sources changed (build output
# on stderr; concurrent runs wait for one build), then prints the program for $PULUMI_STACK with $PULUMI_CONFIG.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/cli-build.sh"
palisade_ensure_cli
exec "${palisade_cli[@]}" compile
