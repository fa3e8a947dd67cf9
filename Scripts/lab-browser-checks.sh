#!/usr/bin/env bash
# The lab in a real browser (run by `make test`): headless Chromium from Debian's packages, driven
# by Selenium (Scripts/lab-browser-checks.py), against the debug build's `neurona-lab` and
# `samples fashion-mnist --live`: the playground's controls, training, heatmaps, weights, export
# and import, CSV upload, bad input, tabs, the graphs and a live fit. Screenshots: .build/lab-screenshots.
# The last line is `lab-browser-checks: N passed, M failed`; the exit status is non-zero on a failure.
# Usage: Scripts/lab-browser-checks.sh [--update-readme-screenshots]   (SWIFT overrides the swift binary)
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$("$root/Scripts/bin-path.sh")"
for binary in neurona-lab samples; do
    [ -x "$bin/$binary" ] || { echo "lab-browser-checks: $bin/$binary is not built (swift build --build-tests)"; exit 1; }
done
command -v chromedriver >/dev/null || { echo "lab-browser-checks: chromedriver not found (make setup installs chromium-driver)"; exit 1; }
python3 -c "import selenium" 2>/dev/null || { echo "lab-browser-checks: Python's selenium is missing (make setup installs it)"; exit 1; }
exec timeout 300 python3 "$root/Scripts/lab-browser-checks.py" --bin "$bin" "$@"
