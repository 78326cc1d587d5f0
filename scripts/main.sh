#!/usr/bin/env bash
# The main job: builds LearnLM, then runs the whole chapter series headless in quick mode on the embedded default
# data (no network needed), writing executed notebooks and HTML reports to artifacts/notebooks/.
# Full settings: bash scripts/main.sh --param quick=false   (hours on a laptop CPU).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
require_dotnet
require_cxx_if_needed
build_solution

out="$REPO_ROOT/artifacts/notebooks"
mkdir -p "$out"
echo "==> running the chapter series headless (quick mode) into $out"
learnlm run "$REPO_ROOT"/notebooks/[0-9][0-9]-*.ipynb --param quick=true --output "$out" --html "$@"
