# Shared by the tmux end-to-end scripts (sourced): reading the screen, failing with it printed,
# and waiting for what a person would see, always with a deadline. The sourcing script sets
# $session to its tmux session name.

screen() { tmux capture-pane -p -t "$session" 2>/dev/null || true; }

fail() {
  echo "FAIL: $*"
  echo "---- screen ----"; screen; echo "----------------"
  tmux kill-session -t "$session" 2>/dev/null || true
  exit 1
}

# wait_for TEXT [SECONDS]: until the screen shows TEXT.
wait_for() {
  local deadline=$((SECONDS + ${2:-30}))
  until screen | grep -qF -- "$1"; do
    ((SECONDS < deadline)) || fail "the screen never showed '$1'"
    sleep 0.2
  done
}

# wait_gone TEXT [SECONDS]: until the screen no longer shows TEXT (a dialog closed). Keys sent
# before it has closed can reach the terminal in one read with the Escape that closes it, and
# curses may then take them for one escape sequence.
wait_gone() {
  local deadline=$((SECONDS + ${2:-30}))
  while screen | grep -qF -- "$1"; do
    ((SECONDS < deadline)) || fail "the screen still shows '$1'"
    sleep 0.2
  done
}

# wait_for_row TEXT PATTERN [SECONDS]: until a screen line with TEXT matches the regex PATTERN.
wait_for_row() {
  local deadline=$((SECONDS + ${3:-30}))
  until screen | grep -F -- "$1" | grep -qE -- "$2"; do
    ((SECONDS < deadline)) || fail "no line with '$1' matched /$2/"
    sleep 0.2
  done
}
