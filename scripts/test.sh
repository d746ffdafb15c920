#!/usr/bin/env bash
# Run the whole test suite, then the linters. Run scripts/setup.sh once first.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python -m pytest "$@"
.venv/bin/python -m ruff check src tests benchmarks scripts examples
.venv/bin/python -m mypy
