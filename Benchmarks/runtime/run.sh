#!/usr/bin/env bash
# stdin -> mapping -> stdout in `sluice run` beside `blobl` on the same mapping and input.
# Runs the two alternately RUNS times and prints the median CPU time (user + system) of each,
# their ratio, and peak RSS; checks that both printed the same lines.
#
#   Benchmarks/runtime/run.sh NDJSON [MAPPING] [BIN_DIR]
#
# MAPPING defaults to ../shared/bench/gateway.blobl, BIN_DIR to .build/release (build both
# with `swift build -c release --product sluice` and `--product blobl`). RUNS=5 by default.
set -euo pipefail
cd "$(dirname "$0")/../.."
input=${1:?usage: run.sh NDJSON [MAPPING] [BIN_DIR]}
mapping=$(realpath "${2:-../shared/bench/gateway.blobl}")
bin=${3:-.build/release}
runs=${RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/pipeline.yaml" <<YAML
input:
  stdin: {}
pipeline:
  threads: 1
  processors:
    - mapping: 'from "$mapping"'
output:
  stdout: {}
http:
  enabled: false
logger:
  level: WARN
YAML
measure() { # name command...: appends "cpu rss" to $work/name
  local name=$1; shift
  /usr/bin/time -f "%U %S %M" -o "$work/t" "$@" <"$input" >"$work/$name.out"
  awk '{ printf "%.3f %d\n", $1 + $2, $3 }' "$work/t" >>"$work/$name"
}
for _ in $(seq 1 "$runs"); do
  measure blobl "$bin/blobl" -f "$mapping"
  measure sluice "$bin/sluice" run -c "$work/pipeline.yaml"
done
cmp -s "$work/blobl.out" "$work/sluice.out" || { echo "run.sh: the outputs differ" >&2; exit 1; }
lines=$(wc -l <"$input")
median() { sort -n "$work/$1" | awk '{ a[NR] = $1; r[NR] = $2 } END { m = int((NR + 1) / 2); print a[m], r[m] }'; }
read -r bcpu brss < <(median blobl)
read -r scpu srss < <(median sluice)
printf '%-8s %8s %12s %8s\n' tool "CPU s" "msgs/CPU-s" "RSS MB"
printf '%-8s %8.2f %12.0f %8.1f\n' blobl "$bcpu" "$(echo "$lines / $bcpu" | bc -l)" "$(echo "$brss / 1024" | bc -l)"
printf '%-8s %8.2f %12.0f %8.1f\n' sluice "$scpu" "$(echo "$lines / $scpu" | bc -l)" "$(echo "$srss / 1024" | bc -l)"
printf 'sluice / blobl CPU: %.2f (median of %d runs each, %d messages, outputs identical)\n' "$(echo "$scpu / $bcpu" | bc -l)" "$runs" "$lines"
