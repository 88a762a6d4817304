#!/usr/bin/env bash
# Browser test of the HTML report (scripts/test-html.py) with Debian's headless Chromium.
# Usage: scripts/test-html.sh [CREDLINT_BINARY] [SCREENSHOT.png]
set -euo pipefail
bin=${1:-.build/debug/credlint}
shot=${2:--}
venv=.build/ci-venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -c "import selenium" 2>/dev/null || timeout 600 "$venv/bin/pip" install -q selenium
exec "$venv/bin/python" scripts/test-html.py "$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")" "$shot"
