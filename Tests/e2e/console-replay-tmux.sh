#!/usr/bin/env bash
# End-to-end run of record and replay, in a real terminal (tmux, 160×48): run
# `corral console --agents 2` long enough to record a task's life (launched with `l`, RUNNING,
# killed with `x`, KILLED), quit; then `corral replay` the work dir: the header's timeline says
# PLAYING, Space pauses, `}` jumps to the end (the task KILLED), `,` steps back until the task
# shows RUNNING again (the earlier state), `.` steps forward until it is KILLED, `g` goes back
# a minute (no task yet), `+` doubles the speed, `l` says that a replay is read-only, `q` quits
# with status 0. Uses a tmux server of its own (-L replay-e2e). Every wait has a deadline; the
# screen is printed on failure.
set -euo pipefail

corral=${1:?usage: console-replay-tmux.sh PATH-TO-CORRAL}
session="corral-replay-e2e-$$"
# The support functions call `tmux`: this one talks to our own server only.
tmux() { command tmux -L replay-e2e "$@"; }
source "$(dirname "${BASH_SOURCE[0]}")/tmux-support.sh"
work=$(mktemp -d /tmp/corral-replay-e2e.XXXXXX)
task_row() { screen | grep -E "│sleep-1 .*$1" || true; }
# step_until KEY STATE: presses KEY (a step of the replay), at most 30 times, until sleep-1
# shows STATE.
step_until() {
  for _ in $(seq 1 30); do
    [ -n "$(task_row "$2")" ] && return
    tmux send-keys -t "$session" "$1"
    sleep 0.3
  done
  [ -n "$(task_row "$2")" ] || fail "pressing '$1' never showed sleep-1 $2"
}

tmux kill-session -t "$session" 2>/dev/null || true
tmux new-session -d -s "$session" -x 160 -y 48 \
  "TERM=tmux-256color $corral console --agents 2 --work-dir $work; echo corral-exited-\$?; sleep 30"
wait_for "Agents 2" 60
sleep 2
tmux send-keys -t "$session" l
wait_for "Launch a task"
tmux send-keys -t "$session" -l "sleep 600"
tmux send-keys -t "$session" Enter
deadline=$((SECONDS + 30))
until [ -n "$(task_row RUNNING)" ]; do ((SECONDS < deadline)) || fail "sleep-1 never showed RUNNING"; sleep 0.2; done
sleep 4
tmux send-keys -t "$session" x
wait_for "Kill task sleep-1?"
tmux send-keys -t "$session" y
deadline=$((SECONDS + 30))
until [ -n "$(task_row KILLED)" ]; do ((SECONDS < deadline)) || fail "sleep-1 never showed KILLED"; sleep 0.2; done
sleep 3
tmux send-keys -t "$session" q
wait_for "corral-exited-0" 30
ls "$work"/history/segment-*.history >/dev/null 2>&1 || fail "the console kept no history in $work/history"
tmux kill-session -t "$session" 2>/dev/null || true
echo "ok: the console recorded its history"

tmux new-session -d -s "$session" -x 160 -y 48 \
  "TERM=tmux-256color $corral replay $work; echo corral-exited-\$?; sleep 30"
wait_for "PLAYING" 30
wait_for "replay of $work"
tmux send-keys -t "$session" Space
wait_for "PAUSED"
echo "ok: replay opened, playing; Space paused it"

tmux send-keys -t "$session" "}" "}"
wait_for "END"
[ -n "$(task_row KILLED)" ] || fail "at the end of the replay sleep-1 is not KILLED"
echo "ok: } jumped to the end: sleep-1 KILLED"

step_until "," RUNNING
wait_for "PAUSED"
echo "ok: , stepped back to sleep-1 RUNNING"

step_until "." KILLED
echo "ok: . stepped forward to sleep-1 KILLED"

tmux send-keys -t "$session" g
wait_for "Go to time"
tmux send-keys -t "$session" -l -- "-60s"
tmux send-keys -t "$session" Enter
deadline=$((SECONDS + 10))
until [ -z "$(screen | grep -F 'sleep-1')" ]; do ((SECONDS < deadline)) || fail "going back a minute still shows sleep-1"; sleep 0.2; done
echo "ok: g -60s went back to before the launch"

tmux send-keys -t "$session" +
wait_for " 2× · replay of"
tmux send-keys -t "$session" l
wait_for "replay is read-only"
echo "ok: + doubled the speed; l is refused, read-only"

tmux send-keys -t "$session" q
wait_for "corral-exited-0" 30
tmux kill-session -t "$session" 2>/dev/null || true
rm -rf "$work"
echo "console replay end-to-end: passed"
