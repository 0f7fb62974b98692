#!/usr/bin/env bash
# The one test command: installs what the tests need from the lockfiles, builds with warnings as
# errors, runs every test in the solution, runs the benchmarks once with --quick, and ends with
# "N passed, N failed" (a failed benchmark run counts as one failure).
set -euo pipefail
cd "$(dirname "$0")"

# The admin console's browser tests (Tests/Console) drive Debian's Chromium headless shell; Playwright never downloads a browser.
command -v chromium-headless-shell >/dev/null || (apt-get update && apt-get install -y --no-install-recommends chromium-headless-shell)

npm ci --no-audit --no-fund --loglevel=error
# The API document lints clean (docs/api.md, "The API document"): any error from either linter stops the run.
REDOCLY_TELEMETRY=off npx --no-install redocly lint docs/openapi.json --format=stylish
npx --no-install spectral lint docs/openapi.json --fail-severity=error
dotnet restore Orleans.Bcp.sln --locked-mode
dotnet build Orleans.Bcp.sln --no-restore -c Release

results="TestResults"
rm -rf "$results"
status=0
dotnet test Orleans.Bcp.sln --no-build -c Release \
  --logger "trx;LogFileName=results.trx" --logger "console;verbosity=minimal" \
  --results-directory "$results" "$@" || status=$?

# The benchmarks run once, briefly, so that they cannot rot (figures: docs/benchmarks.md); their
# report and progress land beside the test results. Skipped when arguments pick a subset of tests.
benchmarks=0
if [[ $# -eq 0 ]]; then
  dotnet run --project Benchmarks --no-build -c Release -- all --quick \
    >"$results/benchmarks.md" 2>"$results/benchmarks.log" || benchmarks=$?
fi

trx=$(find "$results" -name '*.trx' | head -n 1)
if [[ -z "$trx" ]]; then
  echo "no test results were written"
  echo "0 passed, 1 failed"
  exit 1
fi
counters=$(grep -o '<Counters [^>]*>' "$trx")
count() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
passed=$(count passed)
failed=$(( $(count failed) + $(count error) + $(count timeout) + $(count aborted) ))
skipped=$(count notExecuted)
if [[ "$benchmarks" -ne 0 ]]; then
  echo "benchmarks --quick failed (exit $benchmarks); see $results/benchmarks.log"
  failed=$((failed + 1))
fi
if [[ "$skipped" -gt 0 ]]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
if [[ "$failed" -gt 0 && "$status" -eq 0 ]]; then status=1; fi
exit "$status"
