#!/usr/bin/env bash
# Installs what MyAccount needs on a Debian machine and builds it.
#   --system   also install Debian packages (needs root): a toolchain and libsecret for the
#              keytar addon the encrypted token cache uses, gnome-keyring and D-Bus to test it,
#              Chromium for the browser sign-in tests, the libraries msal-node-runtime needs
#              for the sign-in broker (EnableLoginByWam) plus what test/broker runs it with, and
#              the Azure CLI (2.45, with MSAL Python inside) and python3-msal for the tests of
#              unmodified Microsoft clients.
# Always: PowerShell 7 as a .NET global tool (where dotnet is), npm packages, the build.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == "--system" ]]; then
  # libwebkit2gtk-4.1-0, libjavascriptcoregtk-4.1-0 and libsoup-3.0-0: the libraries msal-node-runtime's
  # Linux build links beyond a stock Debian (without them it cannot load and no broker is ever
  # available); dbus and gnome-keyring: the private bus and keyring of the local broker and test/broker.
  packages=(build-essential python3 libsecret-1-dev libsecret-tools gnome-keyring dbus chromium
    libwebkit2gtk-4.1-0 libjavascriptcoregtk-4.1-0 libsoup-3.0-0 azure-cli python3-msal)
  missing=()
  for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

# PowerShell 7 (for the module's tests) comes as a .NET global tool, per user, in ~/.dotnet/tools.
# 7.6.9 is pinned: the NuGet mirror serves it, and a later 7.7 may want a newer .NET than is here.
if ! command -v pwsh >/dev/null 2>&1 && [[ ! -x "$HOME/.dotnet/tools/pwsh" ]]; then
  if command -v dotnet >/dev/null 2>&1; then
    echo "setup: installing PowerShell 7.6.9 (dotnet tool install --global PowerShell)" >&2
    dotnet tool install --global PowerShell --version 7.6.9 >/dev/null
  elif [[ "${1:-}" == "--system" ]]; then
    echo "setup: PowerShell 7 is installed with the .NET SDK (dotnet tool install), and dotnet is not on PATH." >&2
    exit 1
  else
    echo "setup: note: no pwsh and no dotnet here, so the PowerShell module's tests cannot run; install PowerShell 7 to run them." >&2
  fi
fi

node_version=$(node -p 'process.versions.node' 2>/dev/null || echo none)
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' 2>/dev/null; then
  echo "setup: MyAccount needs Node.js 20.19 or newer; found ${node_version}." >&2
  exit 1
fi

# keytar compiles from source (no prebuilt download here); point node-gyp at the installed headers.
if [[ -f /usr/include/node/node.h ]]; then export npm_config_nodedir=/usr; fi
# npm install, not npm ci: the lock file names optional platform builds (macOS, Windows) that a
# partial registry mirror may not serve, and npm ci refuses such a lock file even though the
# packages are never needed on Linux. npm install still follows the lock for everything it installs.
npm install --no-audit --no-fund --loglevel=error
npm run build --silent
