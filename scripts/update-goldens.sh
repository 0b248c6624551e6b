#!/usr/bin/env bash
# Regenerate the reporters' golden files (fixtures/report/*/golden/) from the current code; review them with
# `git diff fixtures/report` before committing.
set -euo pipefail
cd "$(dirname "$0")/.."
UPDATE_GOLDENS=1 npx vitest run test/report/reporters.test.ts
