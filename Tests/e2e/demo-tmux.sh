#!/usr/bin/env bash
# End-to-end run of `corral demo` in a real terminal (tmux, 160×48): the Services pane shows
# /demo/web with 3 instances running and healthy, the Jobs pane shows demo-tick and then
# demo-report (its dependent) succeeding; `r` on the Jobs pane runs demo-report at once; `q`
# quits and nothing of the workload is left running; nor is anything when the terminal closes. Every wait has a deadline; the screen is
# printed on failure.
set -euo pipefail

corral=${1:?usage: demo-tmux.sh PATH-TO-CORRAL}
session="corral-demo-$$"
source "$(dirname "${BASH_SOURCE[0]}")/tmux-support.sh"
work=$(mktemp -d /tmp/corral-demo.XXXXXX)
# The demo's tasks all run with their sandbox under the work dir.
workload() {
  local p
  for p in /proc/[0-9]*; do
    tr '\0' '\n' 2>/dev/null <"$p/environ" | grep -qF "MESOS_SANDBOX=$work/" && echo "${p#/proc/}"
  done
  return 0
}

tmux kill-session -t "$session" 2>/dev/null || true
tmux new-session -d -s "$session" -x 160 -y 48 \
  "TERM=tmux-256color $corral demo --work-dir $work; echo corral-exited-\$?; sleep 30"

wait_for_row "Frameworks 4" "." 60
# Columns: app, status, running, healthy, staged, wanted.
wait_for_row "/demo/web" "Running +3 +3 +0 +3 " 60
echo "ok: /demo/web runs 3 healthy instances"
# Columns: job, schedule, next, last, successes, errors, running.
wait_for_row "demo-tick" "success +[1-9]" 60
wait_for_row "demo-report" "success +[1-9]" 60
echo "ok: demo-tick ran, and demo-report after it"

report_successes() { screen | grep -F "demo-report" | grep -oE 'success +[0-9]+' | grep -oE '[0-9]+$'; }
before=$(report_successes)
tmux send-keys -t "$session" Tab Tab Tab
wait_for_row "Tab pane" "r run now"
tmux send-keys -t "$session" r
wait_for_row "Running demo-report now" "." 10
wait_for_row "demo-report" "success +$((before + 1)) " 30
echo "ok: r ran demo-report now"

tmux send-keys -t "$session" q
wait_for_row "corral-exited-0" "." 30
for _ in $(seq 1 50); do [ -z "$(workload)" ] && break; sleep 0.1; done
[ -z "$(workload)" ] || fail "demo tasks outlived corral: $(workload)"
tmux kill-session -t "$session" 2>/dev/null || true

# Closing the terminal (tmux's hangup, then the kernel's when the session's terminal goes) stops
# it as cleanly as q: before, the second hangup ended it half way and its tasks ran on.
# A tmux server of its own, killed as a whole: the way a closed window hangs up.
tmux() { command tmux -L "$session-hangup" "$@"; }
# The shell outlives the hangups (a trap, not an ignore, which corral would inherit) to write
# down how corral ended.
tmux new-session -d -s "$session" -x 160 -y 48 \
  "trap : HUP; TERM=tmux-256color $corral demo --work-dir $work; echo \$? > $work/exit-status"
wait_for_row "/demo/web" "Running +3 +3 " 60
[ -n "$(workload)" ] || fail "the second demo runs no task"
demo_running() { pgrep -f -- "$corral demo --work-dir $work" >/dev/null; }
# Two hangups back to back, as tmux and then the kernel send them, then the terminal goes.
pid=$(pgrep -f -- "$corral demo --work-dir $work" | head -1)
kill -HUP "$pid"; kill -HUP "$pid"
tmux kill-server
rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$session-hangup"
for _ in $(seq 1 150); do [ -z "$(workload)" ] && ! demo_running && break; sleep 0.1; done
demo_running && fail "corral demo still runs after its terminal closed"
for _ in $(seq 1 50); do [ -s "$work/exit-status" ] && break; sleep 0.1; done
[ "$(cat "$work/exit-status" 2>/dev/null)" = 0 ] || fail "corral demo ended with status '$(cat "$work/exit-status" 2>/dev/null)' after the hangups, not 0 (cut short?)"
[ -z "$(workload)" ] || fail "demo tasks outlived the closed terminal: $(workload)"
echo "ok: closing the terminal stops the demo and its tasks"
rm -rf "$work"
echo "demo end-to-end: passed"
