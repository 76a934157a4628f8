#!/usr/bin/env bash
# The Store contract against a real PostgreSQL 15 + PostGIS: starts a private server on loopback
# (scripts/postgres) in a temporary directory on a free port, creates a database, runs the
# PostgreSQL instantiation of store_tests against it, and stops the server by its pid.
# Without the PostgreSQL binaries the test is skipped (exit 77), except under CI (CI=true), where
# it fails: CI must run it.
# Then the HTTP API's tests (SERVER_TESTS) with the store in the same database.
# Usage: store_postgres_test.sh STORE_TESTS SOURCE_DIR SERVER_TESTS
set -uo pipefail
tests=$1 src=$2 server_tests=$3
cd "$src"
if [[ ! -x /usr/lib/postgresql/15/bin/initdb ]]; then
  if [[ ${CI:-} == true ]]; then
    echo "FAIL: PostgreSQL 15 is not installed (scripts/setup installs it), and CI must run this test"
    exit 1
  fi
  echo "skipped: PostgreSQL 15 is not installed (scripts/setup installs it)"
  exit 77
fi
pg=$(mktemp -d)
chmod 755 "$pg"  # the server runs as the postgres user when the tests run as root
trap 'scripts/postgres stop "$pg/server"; rm -rf "$pg"' EXIT
# A free port: try a few random ones until the server starts.
started=0
for _ in 1 2 3 4 5; do
  port=$((20000 + RANDOM % 20000))
  if scripts/postgres start "$pg/server" "$port" >/dev/null 2>"$pg/start.err"; then started=1; break; fi
  scripts/postgres stop "$pg/server"; rm -rf "$pg/server"
done
[[ $started -eq 1 ]] || { echo "FAIL: PostgreSQL did not start"; cat "$pg/start.err"; exit 1; }
export PGOPTIONS='-c client_min_messages=warning'
psql -h 127.0.0.1 -p "$port" -U postgres -qAt -v ON_ERROR_STOP=1 \
  -c "CREATE DATABASE guarantor_store_test" postgres >/dev/null || { echo "FAIL: createdb"; exit 1; }
unset PGOPTIONS
export GUARANTOR_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$port/guarantor_store_test"
out=$pg/store_tests.out
"$tests" --gtest_filter='Postgres/*' >"$out" 2>&1
rc=$?
cat "$out"
[[ $rc -eq 0 ]] || { echo "FAIL: store_tests against PostgreSQL"; exit 1; }
# Every PostgreSQL test ran: none skipped, and there were some.
if grep -q '^\[  SKIPPED \]' "$out"; then echo "FAIL: PostgreSQL tests were skipped"; exit 1; fi
passed=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) tests\?\..*/\1/p' "$out")
[[ ${passed:-0} -gt 0 ]] || { echo "FAIL: no PostgreSQL test ran"; exit 1; }
echo "store contract: $passed PostgreSQL tests passed"
out=$pg/server_tests.out
"$server_tests" >"$out" 2>&1
rc=$?
cat "$out"
[[ $rc -eq 0 ]] || { echo "FAIL: server_tests with the store in PostgreSQL"; exit 1; }
if grep -q '^\[  SKIPPED \]' "$out"; then echo "FAIL: server tests were skipped"; exit 1; fi
echo "HTTP API: $(sed -n 's/^\[  PASSED  \] \([0-9]*\) tests\?\..*/\1/p' "$out") tests passed with PostgreSQL"
