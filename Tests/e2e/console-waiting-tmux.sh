#!/usr/bin/env bash
# End-to-end run of a launch that must wait, as a person meets it (tmux, 160×48): two agents of
# 1 cpu, each given a 0.6-cpu `sleep 610`; a 0.9-cpu `sleep 611` shows WAITING in the Tasks pane
# and `w` on it says which agent comes closest and what it is short of; `w` on the console's
# framework shows its standing with the allocator (share, DRF place, next offer); `w` on a 0.9-cpu
# app of Services says per agent what its last offer lacked; a 2-cpu launch is refused
# in the dialog at once; killing one `sleep 610` lets the waiting task run. Then `q`, and no task
# process may outlive corral. Every wait has a deadline; the screen is printed on failure.
set -euo pipefail

corral=${1:?usage: console-waiting-tmux.sh PATH-TO-CORRAL}
session="corral-e2e-waiting-$$"
source "$(dirname "${BASH_SOURCE[0]}")/tmux-support.sh"
work=$(mktemp -d /tmp/corral-e2e.XXXXXX)
task_processes() { pgrep -f '^sleep 61[012]$' || true; }

[ -z "$(task_processes)" ] || fail "a 'sleep 610', 'sleep 611' or 'sleep 612' is already running before the test"
tmux kill-session -t "$session" 2>/dev/null || true
tmux new-session -d -s "$session" -x 160 -y 48 \
  "TERM=tmux-256color $corral console --agents 2 --agent-resources 'cpus:1;mem:1024' --work-dir $work; echo corral-exited-\$?; sleep 30"

wait_for "Agents 2" 60
wait_for "Frameworks 3"

# launch COMMAND CPUS: the launch dialog with the cpus field set (command, name, cpus).
launch() {
  tmux send-keys -t "$session" l
  wait_for "Launch a task"
  tmux send-keys -t "$session" -l "$1"
  tmux send-keys -t "$session" Tab Tab C-u
  tmux send-keys -t "$session" -l "$2"
  tmux send-keys -t "$session" Enter
}

launch "sleep 610" 0.6
wait_for_row "sleep-1" "RUNNING"
launch "sleep 610" 0.6
wait_for_row "sleep-2" "RUNNING"
echo "ok: each agent runs a 0.6-cpu task"

launch "sleep 611" 0.9
wait_for_row "sleep-3" "WAITING"
echo "ok: the 0.9-cpu launch shows WAITING"

# The newest row is first (sorted by age); w explains it.
tmux send-keys -t "$session" Home w
wait_for "sleep-3 waits: no agent has 0.9 cpus and 32M free; the closest"
screen | grep -F "sleep-3 waits" | grep -qE "short of 0.5 cpus" || fail "w did not say what the closest agent is short of"
echo "ok: w says why it waits"

# w on the console's own framework (Shift-Tab to Frameworks, filtered to it): the master's
# reasons, its share and place in the DRF order and the filters its declines left.
tmux send-keys -t "$session" BTab /
tmux send-keys -t "$session" -l console
tmux send-keys -t "$session" Enter w
wait_for "Why: framework console"
wait_for "in DRF order, lowest first"
wait_for "First in line for the next offer"
screen | grep -qE "It holds [0-9]+% of the cluster's (cpus|mem)" || fail "the Why view did not give the framework's dominant share"
tmux send-keys -t "$session" Escape Escape Tab
wait_for_row "sleep-3" "WAITING"
echo "ok: w on a framework shows its standing with the allocator"

# An app of 0.9 cpus waits in Services too; w on it (Services pane, filtered to it) says per
# agent what its last offer lacked. Then it is scaled to 0, so the room freed below goes to sleep-3.
tmux send-keys -t "$session" n
wait_for "New app"
tmux send-keys -t "$session" -l "/e2e-big"
tmux send-keys -t "$session" Tab
tmux send-keys -t "$session" -l "sleep 612"
tmux send-keys -t "$session" Tab C-u
tmux send-keys -t "$session" -l "0.9"
tmux send-keys -t "$session" Enter
wait_for "Created /e2e-big"
tmux send-keys -t "$session" Tab Tab /
tmux send-keys -t "$session" -l "e2e-big"
tmux send-keys -t "$session" Enter
wait_for_row "/e2e-big" "Waiting: .* is short of" 60
tmux send-keys -t "$session" Home w
wait_for "Why: app /e2e-big"
wait_for "is short of 0.5 cpus: an instance needs cpus:0.9" 60
echo "ok: w on a waiting app says what each agent's last offer lacked"
tmux send-keys -t "$session" Escape -
wait_for_row "/e2e-big" "Suspended" 30
tmux send-keys -t "$session" Escape BTab BTab
wait_for_row "sleep-3" "WAITING"

launch "sleep 611" 2
wait_for "No agent can ever hold 2 cpus and 32M (at most 1 cpus, 1G)"
tmux send-keys -t "$session" Escape
echo "ok: a launch no agent could ever hold is refused in the dialog"

# Kill the oldest task (last row): its agent's room goes to the waiting one.
tmux send-keys -t "$session" End x
wait_for "Kill task sleep-1?"
tmux send-keys -t "$session" y
wait_for_row "sleep-1" "KILLED"
wait_for_row "sleep-3" "RUNNING" 30
echo "ok: the waiting task ran once an agent had room"

tmux send-keys -t "$session" q
wait_for "corral-exited-0" 30
for _ in $(seq 1 50); do [ -z "$(task_processes)" ] && break; sleep 0.1; done
[ -z "$(task_processes)" ] || fail "a task process outlived corral: $(task_processes)"
tmux kill-session -t "$session" 2>/dev/null || true
rm -rf "$work"
echo "console waiting-launch end-to-end: passed"
