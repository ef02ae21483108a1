#!/usr/bin/env bash
# `npx promptfoo eval` on a suite's cases with our provider and assertion pack, then the check that
# its verdicts are `copilot eval run`'s.   Usage: bash promptfoo/reproduce.sh [SUITE] [--config NAME]
# (default: evals/starter.yaml, every config). Needs Node >= 20.20; installs the pinned promptfoo.
set -euo pipefail
cd "$(dirname "$0")/.."
SUITE=${1:-evals/starter.yaml}; shift || true
PY=${PY:-.venv/bin/python}; PY="$(cd "$(dirname "$PY")" && pwd)/$(basename "$PY")"   # absolute, symlink kept (venv)
OUT=$(mktemp -d)
[ -x promptfoo/node_modules/.bin/promptfoo ] || (cd promptfoo && npm install --no-audit --no-fund --loglevel=error)
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}" PROMPTFOO_PYTHON="$PY" PROMPTFOO_DISABLE_TELEMETRY=1 \
       PROMPTFOO_DISABLE_UPDATE=1 PROMPTFOO_CONFIG_DIR="$OUT/promptfoo-home"
"$PY" -m copilot.cli eval run "$SUITE" "$@" --quiet --out "$OUT/run" > "$OUT/run.log" || true   # the gate is not the point
"$PY" -m copilot.cli eval promptfoo "$SUITE" "$@" --out "$OUT/pf" > /dev/null
start=$(date +%s)
(cd "$OUT/pf" && "$OLDPWD/promptfoo/node_modules/.bin/promptfoo" eval -o results.json --no-progress-bar > eval.log 2>&1) || true
echo "promptfoo eval: $(( $(date +%s) - start )) s; files in $OUT"
"$PY" -m copilot.evals.promptfoo "$OUT/run" "$OUT/pf/results.json"
