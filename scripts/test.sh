#!/usr/bin/env bash
# Runs every test: the .NET test projects (xunit v3 on Microsoft.Testing.Platform).
# Ends with one line "N passed, N failed, N skipped" and exits non-zero on any failure.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
require_dotnet
require_cxx_if_needed
build_solution

# The test assemblies run side by side, and the engine, kernel and grading tests start more processes that load
# libtorch: one intra-op thread each keeps them from oversubscribing the cores (tiny models gain nothing from more).
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" MKL_NUM_THREADS="${MKL_NUM_THREADS:-1}"

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
echo "==> dotnet test"
set +e
dotnet test --solution "$REPO_ROOT/LearnLM.sln" -c "$CONFIGURATION" --no-build 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# Sum the per-assembly summaries that Microsoft.Testing.Platform prints.
read -r passed failed skipped < <(awk '
  /^ *succeeded: *[0-9]+/ {p += $2} /^ *failed: *[0-9]+/ {f += $2} /^ *skipped: *[0-9]+/ {s += $2}
  END {print p+0, f+0, s+0}' "$log")
echo
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
