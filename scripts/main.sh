#!/usr/bin/env bash
# The main job: builds LearnLM and runs it on the embedded default data (no network needed).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
require_dotnet
require_cxx_if_needed
build_solution
echo "==> learnlm demo: a small MLP on the embedded Fashion-MNIST sample"
learnlm demo "$@"
