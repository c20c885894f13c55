#!/usr/bin/env bash
# The official W3C Trace Context harness (../shared/w3c-trace-context-test) at its defaults
# against this library's test service. Prints run.sh's summary line; exit 0 only at N/N.
set -uo pipefail
cd "$(dirname "$0")/.."
harness=../shared/w3c-trace-context-test/run.sh
[ -f "$harness" ] || { echo "w3c-trace-context: harness not found at $harness"; exit 1; }
log=$(mktemp)
# Port 0: the service picks a free port and prints it.
setsid node dist/examples/w3c-test-service.js --port 0 >"$log" 2>&1 &
svc=$!
trap 'kill -- -$svc 2>/dev/null; rm -f "$log"' EXIT
url=
for _ in $(seq 1 100); do
  url=$(grep -oE 'http://[0-9.]+:[0-9]+/test' "$log" | head -1)
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { echo "w3c-trace-context: the test service did not start:"; cat "$log"; exit 1; }
port=$((20000 + RANDOM % 20000))
out=$(HARNESS_PORT=$port bash "$harness" "$url" 2>&1)
status=$?
echo "$out"
line=$(tail -1 <<<"$out")
# Below N of N is a failure, whatever run.sh's exit code says.
[[ $status -eq 0 && $line =~ ^w3c-trace-context:\ ([0-9]+)\ passed,\ 0\ failed,\ 0\ skipped\ of\ ([0-9]+)$ && ${BASH_REMATCH[1]} == "${BASH_REMATCH[2]}" && ${BASH_REMATCH[2]} -ge 41 ]]
