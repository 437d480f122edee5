#!/usr/bin/env bash
# End-to-end run of the guided tour as an audience meets it (tmux, 160×48): `corral demo
# --tour` shows the first caption; Space goes on to a framework offered resources, then to the
# DRF paper's example (A ends with 3 tasks and B with 2, both near 2/3); ← shows the earlier
# caption as already done and → comes back without running it again; Space goes on through
# the steps to the last, which replays the tour in the console itself: the header's timeline,
# hello's task running again (the live cluster tore it down at step 3), p pauses, ] jumps, and ←
# brings the live cluster back; q quits and no task process outlives corral. Every wait has a
# deadline; the screen is printed on failure.
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

for step in "4 of 11, Weights" "5 of 11, A decline filter" "6 of 11, Suppress" "7 of 11, Revive" \
  "8 of 11, Health checks" "9 of 11, An agent goes away" "10 of 11, A job and its dependent job"; do
  tmux send-keys -t "$session" Space
  wait_for "step $step"
done
tmux send-keys -t "$session" Space
wait_for "step 11 of 11, Replay"
wait_for "replay of $work/tour/history"
wait_for "PLAYING"
# An earlier state: the tour's beginning, where hello's task runs (live, it ended at step 3).
wait_for_row "hello-1" "RUNNING"
echo "ok: the last step replays the tour from its beginning, in the console"

tmux send-keys -t "$session" p
wait_for "PAUSED"
# The moment shown, as the header's timeline prints it (14:03:27).
shown_moment() { screen | head -1 | grep -oE "[0-9]{2}:[0-9]{2}:[0-9]{2}" | head -1 || true; }
before=$(shown_moment)
tmux send-keys -t "$session" "]"
deadline=$((SECONDS + 10))
until [ "$(shown_moment)" != "$before" ]; do
  ((SECONDS < deadline)) || fail "] did not jump (still $before)"
  sleep 0.2
done
tmux send-keys -t "$session" Left
wait_for "step 10 of 11, A job and its dependent job"
sleep 0.5
screen | head -1 | grep -qF "replay of" && fail "← did not bring the live cluster back"
echo "ok: p pauses, ] jumps, and ← goes back to the live cluster"

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
