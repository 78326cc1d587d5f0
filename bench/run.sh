#!/usr/bin/env bash
# One command for every benchmark: installs the peers, runs LearnLM and PyTorch side by side, writes bench/RESULTS.md.
# Takes ~15–30 minutes on 2 cores, plus ~1.5 hours for the chapter series at full settings (BENCH_CHAPTERS=0 skips it). Run on a quiet machine: other load skews every number.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh
require_dotnet
require_cxx_if_needed

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "==> installing peers: python3-torch (+ OpenBLAS, threaded), ipykernel, jupyter_client"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    python3-torch libopenblas0-pthread python3-ipykernel jupyter-client >/dev/null
fi
/usr/bin/python3 -c "import torch, jupyter_client" 2>/dev/null ||
  die "the peers need Debian's python3-torch, libopenblas0-pthread, python3-ipykernel and jupyter-client (run as root, or install them)."

threads="$(nproc)"
runs="${BENCH_RUNS:-20}"
mkdir -p bench/results
export PYDEVD_DISABLE_FILE_VALIDATION=1

build_solution
bench() { dotnet bench/LearnLM.Bench/bin/$CONFIGURATION/net10.0/LearnLM.Bench.dll "$@"; }

echo "==> training steps: LearnLM ($threads threads)"
bench train --threads "$threads" --runs "$runs" --out bench/results/learnlm-train.json
echo "==> training steps: PyTorch ($threads threads)"
/usr/bin/python3 bench/peers/torch_bench.py --threads "$threads" --runs "$runs" --out bench/results/pytorch-train.json

echo "==> kernel latency: LearnLM vs ipykernel"
prefix="$(mktemp -d)"
learnlm kernel install --prefix "$prefix" >/dev/null
JUPYTER_PATH="$prefix/share/jupyter" /usr/bin/python3 bench/peers/kernel_latency.py \
  --kernel csharp-learnlm --kernel python3 --out bench/results/kernel-latency.json
rm -rf "$prefix"

if bench --help | grep -q other; then
  echo "==> formatters, data loading, quality per time (full settings)"
  bench other --threads "$threads" --out bench/results/learnlm-other.json
fi

echo "==> tinyshakespeare MiniGpt under a 5-minute budget"
bench gpt --threads "$threads" --minutes 5 --out bench/results/learnlm-gpt.json

if [ "${BENCH_CHAPTERS:-1}" != 0 ]; then
  echo "==> the chapter series at quick and full settings (about 1.5 hours; BENCH_CHAPTERS=0 skips it)"
  bash bench/chapters.sh
fi

/usr/bin/python3 bench/report.py
