# Shared by scripts/*.sh: checks the prerequisites a fresh machine needs, with what to do when one is missing.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CONFIGURATION="${CONFIGURATION:-Release}"

die() { echo "error: $*" >&2; exit 1; }

require_dotnet() {
  command -v dotnet >/dev/null 2>&1 ||
    die "the .NET SDK is not installed. Install .NET 10 (https://dotnet.microsoft.com/download, or 'apt-get install dotnet-sdk-10.0'), then run this again."
  local major
  major="$(dotnet --version 2>/dev/null | cut -d. -f1)"
  [ "${major:-0}" -ge 10 ] || die "LearnLM needs the .NET 10 SDK; 'dotnet --version' says $(dotnet --version). Install .NET 10, then run this again."
}

# TorchSharp's natives need libstdc++ from GCC 13; on older systems (Debian 12, Ubuntu 22.04) the build compiles
# a one-function shim, which needs a C++ compiler. Newer systems need nothing.
require_cxx_if_needed() {
  if ! strings -a "$(ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 .*x86-64/ {print $NF; exit}')" 2>/dev/null | grep -q GLIBCXX_3.4.32; then
    command -v c++ >/dev/null 2>&1 || command -v g++ >/dev/null 2>&1 || command -v clang++ >/dev/null 2>&1 ||
      die "this system's libstdc++ is older than GCC 13, so the build compiles a small TorchSharp compatibility shim and needs a C++ compiler. Install one ('sudo apt-get install g++'), then run this again."
  fi
}

build_solution() {
  echo "==> building LearnLM ($CONFIGURATION)"
  dotnet build "$REPO_ROOT/LearnLM.sln" -c "$CONFIGURATION" -v quiet -nologo -clp:ErrorsOnly
}

learnlm() { dotnet "$REPO_ROOT/src/Kernel/bin/$CONFIGURATION/net10.0/learnlm.dll" "$@"; }
