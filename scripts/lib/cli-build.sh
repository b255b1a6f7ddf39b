# Builds the palisade program once per content of its sources and finds the build again without asking MSBuild.
# Sourced by scripts/pulumi-compile.sh (and scripts/palisade where there is one); run directly for `stamp`, `flavor` or `build`.
#
# The program and the folders it is built from are the "program" and "inputs" of palisade.json beside Pulumi.yaml
# (the CLI validates that file strictly; this reads the two keys). Without palisade.json: cli/Palisade.Cli.csproj,
# built from components/, stacks/, infra/, examples/ and cli/.
#
# Flavors: native (NativeAOT; needs clang and zlib1g-dev) or r2r (ReadyToRun, runs on the installed .NET runtime).
# PALISADE_BUILD=native|r2r forces one; the default picks native when the toolchain is present.
#
# A build lives in <program folder>/bin/compiler/builds/<stamp>/ with a `stamp` file beside the binary. The stamp is a
# sha256 over the flavor, the publish recipe below, and the content of every file MSBuild reads for the program:
# everything under the inputs (but bin/ and obj/) plus the root build files. In a git work tree the content comes
# from git (index blob ids, re-hashed for changed and untracked files), which takes a few milliseconds; elsewhere
# from sha256sum.
# Commits, checkouts of identical content and touched-but-unchanged files keep the stamp, so they never rebuild.
# Build output goes to stderr only: stdout belongs to the program (Pulumi reads the compiled program from it).

palisade_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# Reads palisade.json into palisade_program (project file), palisade_input_dirs and palisade_binary (assembly name).
palisade_settings() {
  local file="$palisade_root/palisade.json" text list
  local program_re='"program"[[:space:]]*:[[:space:]]*"([^"]+)"'
  local inputs_re='"inputs"[[:space:]]*:[[:space:]]*\[([^]]*)\]'
  local item_re='"([^"]+)"(.*)'
  palisade_program="cli/Palisade.Cli.csproj"
  palisade_input_dirs=(components stacks infra examples cli)
  if [ -f "$file" ]; then
    text="$(tr '\n\r\t' '   ' < "$file")"
    if [[ $text =~ $program_re ]]; then
      palisade_program="${BASH_REMATCH[1]}"
    else
      echo "error: $file: program: is missing. Name the project that runs PalisadeCli.Run with your apps, e.g. \"program\": \"platform/Acme.Platform.csproj\"." >&2
      return 2
    fi
    palisade_input_dirs=()
    if [[ $text =~ $inputs_re ]]; then
      list="${BASH_REMATCH[1]}"
      while [[ $list =~ $item_re ]]; do palisade_input_dirs+=("${BASH_REMATCH[1]}"); list="${BASH_REMATCH[2]}"; done
    else
      palisade_input_dirs=("$(dirname "$palisade_program")")
    fi
  fi
  if [ ! -f "$palisade_root/$palisade_program" ]; then
    echo "error: ${file##*/}: program: '$palisade_program' does not exist in $palisade_root. Name the program's project file (relative to the folder with palisade.json)." >&2
    return 2
  fi
  palisade_binary="$(sed -n 's:.*<AssemblyName>\(.*\)</AssemblyName>.*:\1:p' "$palisade_root/$palisade_program" | head -n 1)"
  [ -n "$palisade_binary" ] || palisade_binary="$(basename "$palisade_program" .csproj)"
  palisade_cache="$palisade_root/$(dirname "$palisade_program")/bin/compiler"
  # What MSBuild reads besides the input folders (root props/targets, solutions, SDK pin, package sources).
  palisade_root_inputs=(Directory.Build.props Directory.Build.targets Directory.Packages.props global.json
    NuGet.config nuget.config NuGet.Config palisade.json)
  local solution
  for solution in "$palisade_root"/*.sln "$palisade_root"/*.slnx; do
    [ ! -f "$solution" ] || palisade_root_inputs+=("${solution##*/}")
  done
}

palisade_flavor() {
  case "${PALISADE_BUILD:-auto}" in
    native | r2r) echo "$PALISADE_BUILD" ;;
    auto)
      if command -v clang >/dev/null 2>&1 && [ -f /usr/include/zlib.h ]; then echo native; else echo r2r; fi ;;
    *)
      echo "error: PALISADE_BUILD=$PALISADE_BUILD: unknown build flavor. Use native, r2r or leave it unset." >&2
      return 2 ;;
  esac
}

# The content of the build inputs as "<path> <git blob id>" lines, sorted; staged or not, the same content gives
# the same lines. Files git reports as changed in the working tree (or untracked) are hashed; the rest come from
# the index.
palisade_inputs() {
  # Build output is never an input, even where .gitignore does not say so.
  local specs=("${palisade_input_dirs[@]}" "${palisade_root_inputs[@]}" ':(exclude,glob)**/bin/**' ':(exclude,glob)**/obj/**')
  local -A blob=()
  local entry path changed=() ids=() i
  if ! git -C "$palisade_root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    (cd "$palisade_root" && {
      find "${palisade_input_dirs[@]}" \( -name bin -o -name obj \) -prune -o -type f -print0 2>/dev/null
      for f in "${palisade_root_inputs[@]}"; do [ ! -f "$f" ] || printf '%s\0' "$f"; done
    } | LC_ALL=C sort -z | xargs -0 -r sha256sum --)
    return 0
  fi
  # "<mode> <blob id> <stage>\t<path>"
  while IFS= read -r -d '' entry; do
    path="${entry#*$'\t'}"; entry="${entry#* }"; blob[$path]="${entry%% *}"
  done < <(git -C "$palisade_root" ls-files -z -s -- "${specs[@]}")
  while IFS= read -r -d '' path; do
    if [ -f "$palisade_root/$path" ]; then changed+=("$path"); else unset "blob[$path]"; fi
  done < <(git -C "$palisade_root" ls-files -z -m -o --exclude-standard -- "${specs[@]}")
  if [ "${#changed[@]}" -gt 0 ]; then
    mapfile -t ids < <(printf '%s\n' "${changed[@]}" | git -C "$palisade_root" hash-object --stdin-paths)
    for i in "${!changed[@]}"; do blob[${changed[$i]}]="${ids[$i]}"; done
  fi
  for path in "${!blob[@]}"; do printf '%s %s\n' "$path" "${blob[$path]}"; done | LC_ALL=C sort
}

palisade_stamp() {
  local flavor="$1"
  # The publish recipe counts as an input (declare -f prints it without comments, so comment edits don't rebuild).
  { echo "flavor $flavor $palisade_program"; declare -f palisade_publish; palisade_inputs; } | sha256sum | cut -c1-32
}

# Publishes into a fresh folder and renames it into place, so a reader sees a whole build or none.
palisade_publish() {
  local flavor="$1" stamp="$2" dir="$palisade_cache/builds/$2"
  local staging="$dir.tmp.$$" log="$palisade_cache/build-$flavor.log"
  rm -rf "$staging"
  echo "palisade: building the CLI ($flavor), sources changed (stamp $stamp)" >&2
  # The log file (not our stderr) is what MSBuild's and the compiler's server processes inherit, so they can never
  # hold Pulumi's pipe open after this script exits.
  # They must not inherit the lock either: a lingering server would hold it and stall every later build.
  if ! (
    [ -z "${palisade_lock_fd:-}" ] || eval "exec $palisade_lock_fd>&-"
    export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
    exec dotnet publish "$palisade_root/$palisade_program" -c Release --use-current-runtime \
      -p:PalisadePublish="$flavor" -p:UseArtifactsOutput=true -p:ArtifactsPath="$palisade_cache/obj-$flavor" \
      -o "$staging" -nologo -v quiet </dev/null >"$log" 2>&1
  ); then
    cat "$log" >&2
    rm -rf "$staging"
    return 1
  fi
  cat "$log" >&2
  printf '%s %s\n' "$stamp" "$flavor" > "$staging/stamp"
  rm -rf "$dir"
  mv "$staging" "$dir"
  # Builds a running process may still load from are left alone for a while; older ones go.
  find "$palisade_cache/builds" -mindepth 1 -maxdepth 1 -type d ! -name "$stamp" -mmin +10 -exec rm -rf {} + 2>/dev/null
  return 0
}

# Sets palisade_cli (the command to run) to the build of the current sources, building it first when needed.
palisade_ensure_cli() {
  local flavor stamp dir
  palisade_settings || return 2
  flavor="$(palisade_flavor)" || return 2
  stamp="$(palisade_stamp "$flavor")"
  dir="$palisade_cache/builds/$stamp"
  if [ ! -f "$dir/stamp" ]; then
    mkdir -p "$palisade_cache/builds"
    # Pulumi runs the compiler twice per operation: one invocation builds, the others wait and reuse its build.
    exec {palisade_lock_fd}>"$palisade_cache/lock"
    flock "$palisade_lock_fd"
    if [ ! -f "$dir/stamp" ] && ! palisade_publish "$flavor" "$stamp"; then
      if [ "$flavor" = native ] && [ "${PALISADE_BUILD:-auto}" = auto ]; then
        echo "palisade: the native build failed (output above); falling back to ReadyToRun" >&2
        # Recorded under the native stamp, so the failing native build is not retried until the sources change.
        palisade_publish r2r "$stamp" || true
      fi
    fi
    exec {palisade_lock_fd}>&-
    unset palisade_lock_fd
    if [ ! -f "$dir/stamp" ]; then
      echo "error: scripts/lib/cli-build.sh: building the palisade CLI failed (build output above). Fix the build error, or run \`dotnet build\` for details." >&2
      return 1
    fi
  fi
  if [ -f "$dir/$palisade_binary.dll" ]; then
    palisade_cli=(dotnet "$dir/$palisade_binary.dll")
  else
    palisade_cli=("$dir/$palisade_binary")
  fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case "${1:-}" in
    flavor) palisade_flavor ;;
    stamp) palisade_settings && flavor="$(palisade_flavor)" && palisade_stamp "$flavor" ;;
    # Prints the built binary: <assembly> (native) or <assembly>.dll (r2r, run with dotnet).
    build) palisade_ensure_cli && echo "${palisade_cli[-1]}" ;;
    *) echo "usage: scripts/lib/cli-build.sh flavor|stamp|build" >&2; exit 2 ;;
  esac
fi
