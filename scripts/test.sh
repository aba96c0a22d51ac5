#!/usr/bin/env bash
# The test command: starts the throwaway databases the suite needs (PostgreSQL, a PgBouncer in transaction mode in
# front of it, Redis standalone and cluster),
# builds the solution, runs every test project, stops the databases and ends with
#   N passed, N failed, N skipped
# Databases that fail to start are failures (CHECKPOINT_TESTS_REQUIRE), except MongoDB, which no package here
# provides: its kit run is skipped, loudly, unless CHECKPOINT_TEST_MONGO names a server.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export CHECKPOINT_TESTS_REQUIRE=${CHECKPOINT_TESTS_REQUIRE:-memory,sqlite,postgres,pgbouncer,redis,redis-cluster}

DB_ROOT=""
RESULTS=$(mktemp -d /tmp/checkpoint-results.XXXXXX)
cleanup() {
  [ -n "$DB_ROOT" ] && scripts/test-databases.sh stop "$DB_ROOT"
  rm -rf "$RESULTS"
}
trap cleanup EXIT

echo "== starting test databases"
DB_ROOT=$(scripts/test-databases.sh start) || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }
# shellcheck disable=SC1091
source "$DB_ROOT/env"   # exports CHECKPOINT_TEST_POSTGRES, CHECKPOINT_TEST_PGBOUNCER, CHECKPOINT_TEST_REDIS(_CLUSTER)
if [ -z "${CHECKPOINT_TEST_MONGO:-}" ]; then
  echo "!! MongoDB: CHECKPOINT_TEST_MONGO is not set and no Docker engine answers here, so the Mongo conformance kit"
  echo "!! will be SKIPPED (its server-free tests still run). Run with CHECKPOINT_TEST_MONGO=mongodb://host:27017 to include it."
fi

echo "== building"
dotnet build Persistence.sln -c Release -warnaserror 2>&1 | tail -n 3
if [ "${PIPESTATUS[0]}" -ne 0 ]; then
  dotnet build Persistence.sln -c Release --no-restore 2>&1 | grep -E "error|warning" | sort -u | head -n 40
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

echo "== testing"
LOG="$RESULTS/test.log"
dotnet test Persistence.sln -c Release --no-build --blame-hang-timeout 10m \
  --logger "trx;LogFilePrefix=tests" --results-directory "$RESULTS" 2>&1 | tee "$LOG"
rc=${PIPESTATUS[0]}

# The kit's size: the in-memory run executes every kit case with nothing skipped.
kit=$(cat "$RESULTS"/*.trx 2>/dev/null | grep -o 'className="Checkpoint.Abstractions.Tests.Conformance[^"]*"' | wc -l)
echo "== conformance kit: $kit cases per backend (run in full against the in-memory reference)"

summary=$(awk '
  /^(Passed|Failed|Skipped)! +- +Failed: / {
    line = $0; gsub(/,/, " ", line); n = split(line, w, /[ \t]+/)
    for (i = 1; i < n; i++) { if (w[i]=="Failed:") f+=w[i+1]; else if (w[i]=="Passed:") p+=w[i+1]; else if (w[i]=="Skipped:") s+=w[i+1] }
    seen = 1 }
  END { if (seen) printf "%d passed, %d failed, %d skipped\n", p, f, s; else print "0 passed, 1 failed, 0 skipped" }' "$LOG")
[ "$rc" -ne 0 ] && [[ "$summary" == *" 0 failed"* ]] && summary="${summary/ 0 failed/ 1 failed}"
echo "$summary"
exit "$rc"
