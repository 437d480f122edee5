#!/usr/bin/env bash
# End-to-end run of the console as a person uses it, in a real terminal (tmux, 160×48):
# start `corral console --agents 2`, wait for the panes; save the screen with `S` (an SVG that
# parses and holds the screen's text); click a row and turn the wheel; launch `sleep 600` with
# `l`, see it RUNNING, kill it with `x` and confirm, see it KILLED; create a Services app with
# `n` (two instances of `sleep 700` with a health command), see it Running and healthy, scale it
# to three with `+`; quit with `q`, and check that corral exited and left no task process
# behind. Every wait has a deadline; the screen is printed on failure.
set -euo pipefail

corral=${1:?usage: console-tmux.sh PATH-TO-CORRAL}
session="corral-e2e-$$"
source "$(dirname "${BASH_SOURCE[0]}")/tmux-support.sh"
work=$(mktemp -d /tmp/corral-e2e.XXXXXX)
task_processes() { pgrep -f '^sleep [67]00$' || true; }
app_processes() { pgrep -f '^sleep 700$' | wc -l; }

[ -z "$(task_processes)" ] || fail "a 'sleep 600' or 'sleep 700' is already running before the test"
tmux kill-session -t "$session" 2>/dev/null || true
tmux new-session -d -s "$session" -x 160 -y 48 \
  "TERM=tmux-256color $corral console --agents 2 --work-dir $work; echo corral-exited-\$?; sleep 30"

wait_for "Agents 2" 60
wait_for "Frameworks 3"
wait_for "Services 0"
wait_for "Jobs 0"
echo "ok: panes are up"

tmux send-keys -t "$session" S
wait_for "Saved the screen as"
svg=$(ls "$work"/corral-screen-*.svg 2>/dev/null | head -1)
[ -n "$svg" ] && [ -f "${svg%.svg}.txt" ] || fail "S did not leave an .svg and a .txt in $work"
python3 - "$svg" <<'PY' || fail "the saved SVG does not parse or does not hold the screen's text"
import sys, xml.etree.ElementTree as tree
root = tree.parse(sys.argv[1]).getroot()
text = " ".join("".join(element.itertext()) for element in root.iter("{http://www.w3.org/2000/svg}text"))
assert "Agents 2" in text and "Frameworks 3" in text, text[:300]
PY
grep -qF "Agents 2" "${svg%.svg}.txt" || fail "the saved text does not hold the screen"
echo "ok: S saved the screen as SVG and text"

# A left click (xterm's X10 mouse report, as tmux-256color's kmous says) on agent S1's row
# focuses the Agents pane and selects it: Enter then opens S1's details. The wheel (up) over the
# pane moves the selection on to S1's neighbour.
row=$(screen | grep -n "│S1 " | head -1 | cut -d: -f1)
[ -n "$row" ] || fail "agent S1's row is not on screen"
mouse() { printf '\e[M%b%b%b' "\\x$(printf %x $((32 + $1)))" "\\x$(printf %x $((33 + $2)))" "\\x$(printf %x $((33 + $3)))"; }
tmux send-keys -t "$session" -l "$(mouse 0 3 $((row - 1)))$(mouse 3 3 $((row - 1)))"
tmux send-keys -t "$session" Enter
wait_for "Agent S1 ·"
tmux send-keys -t "$session" Escape
wait_gone "Agent S1 ·"
tmux send-keys -t "$session" -l "$(mouse 64 3 $((row - 1)))"
tmux send-keys -t "$session" Enter
wait_for "Agent S0 ·"
tmux send-keys -t "$session" Escape
wait_gone "Agent S0 ·"
# A click on the Tasks pane's header line focuses it and selects nothing (the kill below needs it).
header=$(screen | grep -n "│ID " | head -1 | cut -d: -f1)
tmux send-keys -t "$session" -l "$(mouse 0 3 $((header - 1)))$(mouse 3 3 $((header - 1)))"
echo "ok: a click selects a row and the wheel scrolls"

tmux send-keys -t "$session" l
wait_for "Launch a task"
tmux send-keys -t "$session" -l "sleep 600"
tmux send-keys -t "$session" Enter
wait_for "RUNNING"
screen | grep -F "sleep-1" | grep -qF "RUNNING" || fail "the task row does not show RUNNING"
[ -n "$(task_processes)" ] || fail "no 'sleep 600' process is running"
echo "ok: launched and RUNNING"

tmux send-keys -t "$session" x
wait_for "Kill task sleep-1?"
tmux send-keys -t "$session" y
wait_for "KILLED"
echo "ok: killed"

tmux send-keys -t "$session" n
wait_for "New app"
tmux send-keys -t "$session" -l "/e2e-web"
tmux send-keys -t "$session" Tab
tmux send-keys -t "$session" -l "sleep 700"
tmux send-keys -t "$session" Tab Tab Tab C-u
tmux send-keys -t "$session" -l "2"
tmux send-keys -t "$session" Tab
tmux send-keys -t "$session" -l "true"
tmux send-keys -t "$session" Enter
# Columns: app, status, running, healthy, staged, wanted.
wait_for_row "/e2e-web" "Running +2 +2 +0 +2 " 60
[ "$(app_processes)" -eq 2 ] || fail "expected 2 'sleep 700' processes, found $(app_processes)"
echo "ok: app created, 2 instances running and healthy"

tmux send-keys -t "$session" Tab Tab
wait_for "+ - scale"
tmux send-keys -t "$session" +
wait_for_row "/e2e-web" "Running +3 +3 +0 +3 " 60
[ "$(app_processes)" -eq 3 ] || fail "expected 3 'sleep 700' processes, found $(app_processes)"
echo "ok: scaled to 3 with +"

tmux send-keys -t "$session" q
wait_for "corral-exited-0" 30
echo "ok: quit with status 0"
for _ in $(seq 1 50); do [ -z "$(task_processes)" ] && break; sleep 0.1; done
[ -z "$(task_processes)" ] || fail "a task process outlived corral: $(task_processes)"
tmux kill-session -t "$session" 2>/dev/null || true
rm -rf "$work"
echo "console end-to-end: passed"
