#!/usr/bin/env bash
# The simulation must catch a bug planted on purpose (the framework driver never acknowledges
# TASK_KILLED) and reproduce it: some seed of 1-20 fails, and running that seed again fails the
# same way, step for step (the same trace digest). Usage: sim-planted-bug.sh path/to/corral
set -euo pipefail
corral="$1"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT

if "$corral" sim --seeds 1-20 --plant dropped-ack > "$out" 2>&1; then
  echo "FAIL: no seed of 1-20 caught the planted dropped acknowledgement"
  tail -5 "$out"
  exit 1
fi
header="$(grep -m1 'FAILED after' "$out")"
seed="$(sed -E 's/^seed ([0-9]+) FAILED.*/\1/' <<<"$header")"
digest="$(sed -E 's/.*trace ([0-9a-f]+) .*/\1/' <<<"$header")"
grep -q "not acknowledged" "$out" || { echo "FAIL: seed $seed failed, but not on unacknowledged updates"; grep violated "$out" | head -5; exit 1; }
echo "caught by seed $seed (trace $digest): $(grep -m1 'violated' "$out" | sed 's/^ *//')"

for run in 1 2; do
  if "$corral" sim --seed "$seed" --plant dropped-ack > "$out" 2>&1; then
    echo "FAIL: seed $seed passed when run again"
    exit 1
  fi
  again="$(grep -m1 'FAILED after' "$out" | sed -E 's/.*trace ([0-9a-f]+) .*/\1/')"
  [ "$again" = "$digest" ] || { echo "FAIL: seed $seed ran differently the second time (trace $again, first $digest)"; exit 1; }
done
echo "ok: seed $seed reproduces the failure step for step (trace $digest, three runs, three processes)"
