#!/usr/bin/env bash
# The first quick-start command: set up, then run MyAccount's main job against the local cloud.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ $(id -u) == 0 ]]; then bash scripts/setup.sh --system; else bash scripts/setup.sh; fi
exec node scripts/demo.mjs "$@"
