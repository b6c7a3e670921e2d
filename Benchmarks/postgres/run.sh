#!/usr/bin/env bash
# sql_insert throughput beside pgbench on the same server.
#
#   Benchmarks/postgres/run.sh [DSN]
#
# DSN defaults to $DATABASE_URL (see `scripts/svc env`). SLUICE picks the binary
# (default .build/release/sluice: `swift build -c release --product sluice`). N rows per sluice
# run (default 20000), BATCH rows per batch (100), IN_FLIGHT parallel batches (1), SECONDS_PGBENCH
# per pgbench run (10), CLIENTS pgbench clients (4).
set -euo pipefail
cd "$(dirname "$0")/../.."
DSN=${1:-${DATABASE_URL:?set DATABASE_URL or pass a DSN}}
SLUICE=${SLUICE:-.build/release/sluice}
N=${N:-20000}
BATCH=${BATCH:-100}
IN_FLIGHT=${IN_FLIGHT:-1}
SECONDS_PGBENCH=${SECONDS_PGBENCH:-10}
CLIENTS=${CLIENTS:-4}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

psql "$DSN" -q -v ON_ERROR_STOP=1 <<SQL
SET client_min_messages = warning;
DROP TABLE IF EXISTS bench_sluice, bench_pgbench;
CREATE TABLE bench_sluice (id bigint PRIMARY KEY, payload text, at timestamptz);
CREATE TABLE bench_pgbench (id bigserial PRIMARY KEY, payload text, at timestamptz);
SQL

echo "== sluice: generate $N → sql_insert, batch $BATCH, max_in_flight $IN_FLIGHT"
start=$(date +%s.%N)
BENCH_DSN="$DSN" BENCH_COUNT=$N BENCH_BATCH=$BATCH BENCH_IN_FLIGHT=$IN_FLIGHT \
  /usr/bin/time -f "%e s wall, %U+%S s CPU, %M KB max RSS" "$SLUICE" run -c Benchmarks/postgres/sql_insert.yaml
end=$(date +%s.%N)
rows=$(psql "$DSN" -tAc "SELECT count(*) FROM bench_sluice")
echo "rows stored: $rows"
awk -v n="$rows" -v s="$start" -v e="$end" 'BEGIN { printf "sluice sql_insert: %.0f rows/s\n", n / (e - s) }'

echo "== pgbench: one row per INSERT, $CLIENTS clients, ${SECONDS_PGBENCH}s"
echo "INSERT INTO bench_pgbench (payload, at) VALUES ('event-' || :client_id, now());" > "$work/insert1.sql"
pgbench -n -f "$work/insert1.sql" -c "$CLIENTS" -T "$SECONDS_PGBENCH" "$DSN" | grep -E "^tps|latency average"

echo "== pgbench: $BATCH rows per INSERT, $CLIENTS clients, ${SECONDS_PGBENCH}s (rows/s = tps × $BATCH)"
echo "INSERT INTO bench_pgbench (payload, at) SELECT 'event-' || g, now() FROM generate_series(1, $BATCH) g;" > "$work/insert$BATCH.sql"
pgbench -n -f "$work/insert$BATCH.sql" -c "$CLIENTS" -T "$SECONDS_PGBENCH" "$DSN" | grep -E "^tps|latency average"

psql "$DSN" -q -c "DROP TABLE bench_sluice, bench_pgbench"
