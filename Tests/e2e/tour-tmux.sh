#!/usr/bin/env bash
# End-to-end run of the guided tour as an audience meets it (tmux, 160×48): `corral demo
# --tour` shows the first caption; Space goes on to a framework offered resources, then to the
# DRF paper's example (A ends with 3 tasks and B with 2, both near 2/3); ← shows the earlier
# caption as already done and → comes back without running it again; q quits and no task
# process outlives corral. Every wait has a deadline; the screen is printed on failure.
set -euo pipefail

corral=${1:?usage: tour-tmux.sh PATH-TO-CORRAL}
session="corral-e2e-tour-$$"
source "$(dirname "${BASH_SOURCE[0]}")/tmux-support.sh"
work=$(mktemp -d /tmp/corral-e2e.XXXXXX)
task_processes() { pgrep -f '^sleep 3600$' || true; }

[ -z "$(task_processes)" ] || fail "a 'sleep 3600' is already running before the test"
tmux kill-session -t "$session" 2>/dev/null || true
tmux new-session -d -s "$session" -x 160 -y 48 \
  "TERM=tmux-256color $corral demo --tour --work-dir $work; echo corral-exited-\$?; sleep 30"

wait_for "Two-level scheduling: step 1 of 11, Agents offer what they have" 60
wait_for "Agents 2"
echo "ok: the tour opens on its first caption, with its two agents"

tmux send-keys -t "$session" Space
wait_for "step 2 of 11, A framework subscribes"
wait_for_row "hello-1" "RUNNING"
echo "ok: a framework subscribes and launches from an offer"

tmux send-keys -t "$session" Space
wait_for "step 3 of 11, Dominant Resource Fairness"
# The Frameworks pane's rows: name, role, weight, share bar, share, history, cpu, mem, offered, tasks.
wait_for_row "A-3" "RUNNING"
wait_for_row "B-2" "RUNNING"
wait_for_row "│  A " "0\.6[0-9] .* 3│$"
screen | grep -E "[│▶] +B +\* +1 " | grep -qE "0\.6[0-9] .* 2│$" || fail "B does not hold 2 tasks at about 2/3"
screen | grep -qF "A-4" && fail "A got a fourth task"
echo "ok: DRF gives A 3 tasks and B 2, both near 2/3"

tmux send-keys -t "$session" Left
wait_for "step 2 of 11, A framework subscribes"
wait_for "(already done)"
tmux send-keys -t "$session" Right
wait_for "step 3 of 11, Dominant Resource Fairness"
screen | grep -qF "hello-2" && fail "going back and on ran a step again"
echo "ok: ← shows an earlier step as done, → comes back without running it again"

tmux send-keys -t "$session" q
wait_for "corral-exited-0" 60
deadline=$((SECONDS + 30))
while [ -n "$(task_processes)" ]; do
  ((SECONDS < deadline)) || fail "task processes outlived corral: $(task_processes)"
  sleep 0.2
done
tmux kill-session -t "$session" 2>/dev/null || true
rm -rf "$work"
echo "ok: q quits and leaves no task process"
