#!/usr/bin/env bash
# Start-up benchmark: whole processes, wall clock, in alternating rounds (each round runs every command once, in a
# rotated order, so load drifts hit all of them alike). Prints median (min-max) per command, in milliseconds.
#
#   scripts/bench-startup.sh [ROUNDS]            plan dev, compiler entry and --help for each build
#   scripts/bench-startup.sh --after-commit [N] [REV]
#                                     `dotnet run ... plan dev` warm vs right after `git commit --allow-empty`, in a
#                                     temporary clone at REV (default HEAD; an older REV measures a fix's effect)
#   scripts/bench-startup.sh --loop [N]
#                                     the review loop in a temporary clone with an empty base cache: the first
#                                     `diff --base HEAD dev` (builds and caches the base), then N repeated ones and N
#                                     `promote dev prod` with the base cached (the built CLI, plain Release build)
#
# Builds first (output on stderr): the native build when clang and zlib1g-dev are installed, ReadyToRun, and the
# plain Release build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Milliseconds of one run of "$@", output discarded (the command must succeed).
time_ms() {
  local start=$EPOCHREALTIME
  "$@" >/dev/null 2>&1 || { echo "error: benchmark command failed: $*" >&2; exit 1; }
  local end=$EPOCHREALTIME
  echo $(( (${end/./} - ${start/./}) / 1000 ))
}

# "median (min-max)" of numbers on stdin.
summary() {
  sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
    printf "%7.0f ms  (%.0f-%.0f, n=%d)\n", m, v[1], v[NR], NR }'
}

# Runs the named commands (functions) in alternating rounds and prints one summary line each.
bench() {
  local rounds="$1"; shift
  local names=("$@") results i r n
  results="$(mktemp -d)"
  for ((r = 0; r < rounds; r++)); do
    for ((i = 0; i < ${#names[@]}; i++)); do
      n="${names[$(( (i + r) % ${#names[@]} ))]}"
      time_ms "$n" >> "$results/$n"
    done
  done
  for n in "${names[@]}"; do
    printf '%-44s %s\n' "$(label "$n")" "$(summary < "$results/$n")"
  done
  rm -rf "$results"
}

after_commit() {
  local rounds="${1:-5}" rev="${2:-HEAD}"
  after_commit_clone="$(mktemp -d)"
  trap 'rm -rf "$after_commit_clone"' EXIT
  local clone="$after_commit_clone"
  git clone -q "$root" "$clone/repo"
  cd "$clone/repo"
  git checkout -q --detach "$rev"
  echo "building a clone of HEAD ($(git rev-parse --short HEAD))..." >&2
  dotnet build -c Release infra -nologo -v quiet >&2
  local warm=() committed=() i
  for ((i = 0; i < rounds; i++)); do
    warm+=("$(time_ms dotnet run -c Release --project infra -- plan dev)")
    git -c user.name=bench -c user.email=bench@example.com commit -q --allow-empty -m "bench $i"
    committed+=("$(time_ms dotnet run -c Release --project infra -- plan dev)")
  done
  printf '%-44s %s\n' "dotnet run -c Release -- plan dev (warm)" "$(printf '%s\n' "${warm[@]}" | summary)"
  printf '%-44s %s\n' "  same, right after git commit --allow-empty" "$(printf '%s\n' "${committed[@]}" | summary)"
}

loop() {
  local rounds="${1:-5}"
  loop_clone="$(mktemp -d)"
  trap 'rm -rf "$loop_clone"' EXIT
  local clone="$loop_clone"
  git clone -q "$root" "$clone/repo"
  cd "$clone/repo"
  export XDG_CACHE_HOME="$clone/cache"
  echo "building a clone of HEAD ($(git rev-parse --short HEAD))..." >&2
  dotnet build -c Release infra -nologo -v quiet >&2
  local cli="$clone/repo/infra/bin/Release/net10.0/palisade.dll" first first_promote diffs=() promotes=() i
  first="$(time_ms dotnet "$cli" diff --base HEAD dev)"
  # promote's base is the revision prod records (palisade:promotedRevision): built and cached by the first promote.
  first_promote="$(time_ms dotnet "$cli" promote dev prod)"
  git checkout -q -- Pulumi.prod.yaml
  for ((i = 0; i < rounds; i++)); do
    diffs+=("$(time_ms dotnet "$cli" diff --base HEAD dev)")
    promotes+=("$(time_ms dotnet "$cli" promote dev prod)")
    git checkout -q -- Pulumi.prod.yaml
  done
  printf '%-44s %7.0f ms\n' "diff --base HEAD dev, base built and cached" "$first"
  printf '%-44s %7.0f ms\n' "promote dev prod, base built and cached" "$first_promote"
  printf '%-44s %s\n' "diff --base HEAD dev, base cached" "$(printf '%s\n' "${diffs[@]}" | summary)"
  printf '%-44s %s\n' "promote dev prod, base cached" "$(printf '%s\n' "${promotes[@]}" | summary)"
}

if [ "${1:-}" = --loop ]; then
  loop "${2:-5}"
  exit 0
fi

if [ "${1:-}" = --after-commit ]; then
  after_commit "${2:-5}" "${3:-HEAD}"
  exit 0
fi
rounds="${1:-15}"

source "$root/scripts/lib/cli-build.sh"
echo "building..." >&2
have_native=false
if [ "$(palisade_flavor)" = native ]; then
  native="$(PALISADE_BUILD=native palisade_ensure_cli && echo "${palisade_cli[-1]}")"
  [[ "$native" == *.dll ]] || have_native=true
fi
r2r="$(PALISADE_BUILD=r2r palisade_ensure_cli && echo "${palisade_cli[-1]}")"
dotnet build -c Release infra -nologo -v quiet >&2
plain="$root/infra/bin/Release/net10.0/palisade.dll"

plan_native() { "$native" plan dev; }
plan_r2r() { dotnet "$r2r" plan dev; }
plan_plain() { dotnet "$plain" plan dev; }
help_native() { "$native" --help; }
help_r2r() { dotnet "$r2r" --help; }
entry_native() { PULUMI_STACK=dev PALISADE_BUILD=native bash scripts/pulumi-compile.sh; }
entry_r2r() { PULUMI_STACK=dev PALISADE_BUILD=r2r bash scripts/pulumi-compile.sh; }
main_command() { scripts/palisade plan dev; }
main_command_r2r() { PALISADE_BUILD=r2r scripts/palisade plan dev; }
dotnet_run() { dotnet run -c Release --project infra -- plan dev; }

label() {
  case "$1" in
    plan_native) echo "plan dev, native" ;;
    plan_r2r) echo "plan dev, ReadyToRun" ;;
    plan_plain) echo "plan dev, plain Release build" ;;
    help_native) echo "--help, native" ;;
    help_r2r) echo "--help, ReadyToRun" ;;
    entry_native) echo "compiler entry (warm), native" ;;
    entry_r2r) echo "compiler entry (warm), ReadyToRun" ;;
    main_command) echo "scripts/palisade plan dev (warm)" ;;
    main_command_r2r) echo "PALISADE_BUILD=r2r scripts/palisade plan dev" ;;
    dotnet_run) echo "dotnet run -c Release -- plan dev (warm)" ;;
  esac
}

echo "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $rounds alternating rounds" >&2
commands=(plan_r2r plan_plain help_r2r entry_r2r main_command_r2r)
if $have_native; then
  commands=(plan_native "${commands[@]}" help_native entry_native main_command)
else
  echo "(no native toolchain: apt-get install clang zlib1g-dev for the native figures)" >&2
  commands+=(main_command)
fi
bench "$rounds" "${commands[@]}"
# dotnet run takes seconds per call: fewer rounds, same alternation with the main command.
bench $(( (rounds + 2) / 3 )) main_command dotnet_run | tail -n 1
