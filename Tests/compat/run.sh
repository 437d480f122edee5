#!/usr/bin/env bash
# Compatibility tests: third-party Mesos clients (pymesos, mesoshttp), plain HTTP reads of the
# legacy endpoints, and the Marathon and Chronos clients against `corral services` and
# `corral jobs`, unmodified, against a real Corral cluster.
#
#   bash Tests/compat/setup-venv.sh /tmp/corral-venv     # once: the clients, from PyPI
#   bash Tests/compat/run.sh PATH-TO-CORRAL
#
# Starts a cluster (a master on port 0 in a temporary work dir, heartbeats every second, two
# agents), runs every Tests/compat/test_*.py against it (each prints PASS/FAIL lines, with the
# failing HTTP exchanges), then launches a 'sleep 600' task, stops the cluster (agents drained with SIGUSR1, the rest with SIGTERM) and
# checks that no task process outlives it. Ends with 'compat: N passed, M failed'; exit 1 if any
# failed. Every wait has a deadline.
#
# Environment:
#   CORRAL_VENV                 the virtual environment (default /tmp/corral-venv)
#   CORRAL_COMPAT_AGENTS        auto (default): separate `corral agent` processes when
#                               `corral agent --help` shows the agent's usage, else agents inside
#                               the master (--agents); or force `separate` / `embedded`
#   CORRAL_COMPAT_AGENT_COUNT   agents (default 2)
#   CORRAL_COMPAT_TESTS         test files to run (default: all test_*.py here), e.g. test_legacy.py
#   CORRAL_COMPAT_TEST_TIMEOUT  seconds per test file (default 180)
#   CORRAL_COMPAT_KEEP=1        keep the work dir (it is kept anyway when something failed)
set -uo pipefail

corral=${1:?usage: run.sh PATH-TO-CORRAL}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
venv=${CORRAL_VENV:-/tmp/corral-venv}
python="$venv/bin/python"
mode=${CORRAL_COMPAT_AGENTS:-auto}
agent_count=${CORRAL_COMPAT_AGENT_COUNT:-2}
test_timeout=${CORRAL_COMPAT_TEST_TIMEOUT:-180}
run_id="$(date +%s)-$$"

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "PASS: $*"; }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

case $corral in /*) ;; *) corral="$PWD/$corral" ;; esac
if [ ! -x "$corral" ]; then
  echo "FAIL: run.sh: $corral is not an executable (build it with 'swift build')"
  echo "compat: 0 passed, 1 failed"
  exit 1
fi
if [ ! -x "$python" ]; then
  echo "FAIL: run.sh: no virtual environment at $venv (run: bash Tests/compat/setup-venv.sh $venv)"
  echo "compat: 0 passed, 1 failed"
  exit 1
fi
newer=$(find "$here/../../Sources" -name '*.swift' -newer "$corral" 2>/dev/null | head -3 || true)
[ -z "$newer" ] || echo "run.sh: note: $corral is older than $(echo "$newer" | tr '\n' ' ')"

work=$(mktemp -d /tmp/corral-compat.XXXXXX)
master=""
master_pid=""
agent_pids=()
hold_pid=""
echo "run.sh: work dir $work"

# ---------------------------------------------------------------------------------------------
# Processes

# wait_for_line FILE ERE PID SECONDS: prints the first line of FILE matching ERE; fails if PID
# exits first or the deadline passes.
wait_for_line() {
  local file=$1 pattern=$2 pid=$3 deadline=$((SECONDS + $4)) line
  while :; do
    line=$(grep -m1 -E -- "$pattern" "$file" 2>/dev/null || true)
    if [ -n "$line" ]; then echo "$line"; return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "process $pid exited before printing /$pattern/" >&2; return 1
    fi
    if ((SECONDS >= deadline)); then
      echo "no line matching /$pattern/ in $file within $4s" >&2; return 1
    fi
    sleep 0.1
  done
}

# The one place that decides what a cluster is: a master with agents inside, or a master and
# separate `corral agent` processes (CORRAL_COMPAT_AGENTS=separate).
agents_are_separate() {
  case $mode in
    separate) return 0 ;;
    embedded) return 1 ;;
  esac
  # `corral agent --help` must also show the agent's own usage: a binary without `agent` falls
  # back to the default subcommand (console) and prints its help, with status 0.
  "$corral" agent --help >/dev/null 2>&1 &&
    "$corral" agent --help 2>&1 | grep -q 'USAGE: corral agent'
}

start_cluster() {
  local separate=0 agent_flags=() line i
  if agents_are_separate; then separate=1; else agent_flags=(--agents "$agent_count"); fi
  "$corral" master --port 0 --heartbeat-interval 1 --work-dir "$work/master" "${agent_flags[@]}" \
    >"$work/master.out" 2>"$work/master.err" </dev/null &
  master_pid=$!
  if ! line=$(wait_for_line "$work/master.out" 'corral master listening on [0-9.]+:[0-9]+' \
                "$master_pid" 30); then
    echo "---- master stderr ----"; tail -20 "$work/master.err"; return 1
  fi
  master=$(echo "$line" | grep -oE '[0-9.]+:[0-9]+$')
  if ((separate)); then
    echo "run.sh: master $master (pid $master_pid), $agent_count separate agents"
    for i in $(seq 1 "$agent_count"); do
      "$corral" agent --master "$master" --port 0 --work-dir "$work/agent$i" --drain-timeout 2 \
        >"$work/agent$i.out" 2>"$work/agent$i.err" </dev/null &
      agent_pids+=($!)
    done
    for i in $(seq 1 "$agent_count"); do
      if ! wait_for_line "$work/agent$i.out" 'corral agent listening on' \
           "${agent_pids[$((i - 1))]}" 30 >/dev/null; then
        echo "---- agent $i stderr ----"; tail -20 "$work/agent$i.err"; return 1
      fi
    done
    wait_for_agents || return 1
  else
    echo "run.sh: master $master (pid $master_pid) with $agent_count agents inside (--agents)"
  fi
}

# Separate agents: until the master knows them all: /master/slaves when it is served, else
# offers from every agent to a throwaway framework.
wait_for_agents() {
  CORRAL_MASTER=$master PYTHONPATH="$here" "$python" - "$agent_count" <<'PY'
import json, sys, time
from compat_support import Failure, V1Scheduler, http_request
want, deadline = int(sys.argv[1]), time.time() + 30
while True:
    status, _, body = http_request("/master/slaves")
    if status != 200:
        break
    if len(json.loads(body).get("slaves", [])) >= want:
        sys.exit(0)
    if time.time() > deadline:
        print("run.sh: /master/slaves lists fewer than %d agents after 30s: %s"
              % (want, body[:300]))
        sys.exit(1)
    time.sleep(0.2)
probe = V1Scheduler("compat-agent-probe")
try:
    probe.subscribe()
    probe.wait_event(lambda ev: len({o["agent_id"]["value"] for e in probe.events
                                     if e.get("type") == "OFFERS"
                                     for o in e["offers"].get("offers", [])}) >= want,
                     max(1, deadline - time.time()), "offers from %d agents" % want)
except Failure as e:
    print("run.sh: %s" % e)
    sys.exit(1)
finally:
    if probe.framework_id:
        probe.call("TEARDOWN", expect_status=None)
    probe.close()
PY
}

# The frameworks with REST APIs of their own (`corral services`, `corral jobs`), each started on
# the master with --port 0 and its address exported for the tests (CORRAL_SERVICES,
# CORRAL_JOBS). A binary without the subcommand is skipped: its tests then report themselves.
framework_pids=()
start_frameworks() {
  local name line pid variable
  for name in services jobs; do
    "$corral" "$name" --help 2>&1 | grep -q "USAGE: corral $name" || continue
    "$corral" "$name" --master "$master" --port 0 --work-dir "$work/$name" \
      >"$work/$name.out" 2>"$work/$name.err" </dev/null &
    pid=$!
    framework_pids+=("$pid")
    if ! line=$(wait_for_line "$work/$name.out" "corral $name listening on [0-9.]+:[0-9]+" "$pid" 30); then
      echo "---- $name stderr ----"; tail -20 "$work/$name.err"; return 1
    fi
    variable=CORRAL_$(echo "$name" | tr '[:lower:]' '[:upper:]')
    export "$variable=$(echo "$line" | grep -oE '[0-9.]+:[0-9]+$')"
    echo "run.sh: corral $name on ${!variable} (pid $pid)"
  done
}

stop_frameworks() {
  local pid
  for pid in "${framework_pids[@]}"; do stop "$pid" "a framework process (pid $pid)"; done
  framework_pids=()
}

# Pids of task processes of this cluster: MESOS_SANDBOX under our work dir, or a 'sleep 600'
# without any Mesos environment that was not running before we started.
task_processes() {
  local p pid env cmd
  for p in /proc/[0-9]*; do
    pid=${p#/proc/}
    env=$(tr '\0' '\n' 2>/dev/null <"$p/environ") || continue
    if grep -qF "MESOS_SANDBOX=$work/" <<<"$env"; then echo "$pid"; continue; fi
    cmd=$(tr '\0' ' ' 2>/dev/null <"$p/cmdline") || continue
    if [ "$cmd" = "sleep 600 " ] && ! grep -q '^MESOS_' <<<"$env" &&
       ! grep -qx "$pid" "$work/sleeps-before"; then
      echo "$pid"
    fi
  done
}

# stop PID NAME [SIGNAL]: SIGTERM (or SIGNAL), then up to 15s to exit (SIGKILL after). Adds to
# stop_problems how it went wrong, if it did. (No command substitution around it: `wait` needs
# this shell.)
stop_problems=()
stop() {
  local pid=$1 name=$2 signal=${3:-TERM} deadline=$((SECONDS + 15)) status
  if ! kill -0 "$pid" 2>/dev/null; then
    wait "$pid" 2>/dev/null; status=$?
    stop_problems+=("$name had already exited (status $status)"); return
  fi
  kill "-$signal" "$pid" 2>/dev/null
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
    stop_problems+=("$name did not exit within 15s of SIGTERM (killed)"); return
  fi
  wait "$pid" 2>/dev/null; status=$?
  case $status in
    0 | 143) ;;
    *) stop_problems+=("$name exited with status $status after SIG$signal") ;;
  esac
}

stop_cluster() {
  local pid i=0
  # SIGTERM would leave their tasks running for a restart; SIGUSR1 drains them.
  for pid in "${agent_pids[@]}"; do
    i=$((i + 1))
    stop "$pid" "agent $i" USR1
  done
  agent_pids=()
  if [ -n "$master_pid" ]; then
    stop "$master_pid" "the master"
    master_pid=""
  fi
}

finish() {
  local status=$? problems=() left pid
  trap - EXIT INT TERM
  if [ -n "$master_pid" ] || [ ${#agent_pids[@]} -gt 0 ]; then
    stop_frameworks
    stop_cluster
    problems+=("${stop_problems[@]}")
    for _ in $(seq 1 100); do [ -z "$(task_processes)" ] && break; sleep 0.1; done
    left=$(task_processes)
    if [ -n "$left" ]; then
      problems+=("task processes outlived the cluster: $(for pid in $left; do
        echo -n "$pid ($(tr '\0' ' ' 2>/dev/null </proc/$pid/cmdline)) "; done)")
      for pid in $left; do kill -KILL "$pid" 2>/dev/null; done
    fi
    if [ ${#problems[@]} -eq 0 ]; then
      pass "shutdown: SIGUSR1 drains the agents and SIGTERM stops the rest; the running 'sleep 600' goes with them"
    else
      fail "shutdown: $(printf '%s; ' "${problems[@]}")"
      echo "---- master stderr (last 15 lines) ----"; tail -15 "$work/master.err" 2>/dev/null
    fi
  fi
  if [ -n "$hold_pid" ]; then kill -TERM "$hold_pid" 2>/dev/null; wait "$hold_pid" 2>/dev/null; fi
  if ((passed == 0 && failed == 0)); then fail "run.sh: nothing ran (status $status)"; fi
  if ((failed == 0)) && [ "${CORRAL_COMPAT_KEEP:-0}" != 1 ]; then
    rm -rf "$work"
  else
    echo "run.sh: logs kept in $work"
  fi
  echo "compat: $passed passed, $failed failed"
  if ((failed > 0)); then exit 1; fi
  exit 0
}
# ---------------------------------------------------------------------------------------------
# ---------------------------------------------------------------------------------------------

trap finish EXIT
trap 'echo "run.sh: interrupted"; exit 130' INT TERM

# ---------------------------------------------------------------------------------------------
# Run

for p in /proc/[0-9]*; do
  [ "$(tr '\0' ' ' 2>/dev/null <"$p/cmdline")" = "sleep 600 " ] && echo "${p#/proc/}"
done >"$work/sleeps-before"

if ! start_cluster; then
  fail "cluster: could not start (see above)"
  # What did start is stopped by finish(); a master that already died is no shutdown finding.
  if [ -n "$master_pid" ] && ! kill -0 "$master_pid" 2>/dev/null; then
    wait "$master_pid" 2>/dev/null
    master_pid=""
  fi
  exit 1
fi

if ! start_frameworks; then
  fail "frameworks: corral services / corral jobs could not start (see above)"
fi

if [ -n "${CORRAL_COMPAT_TESTS:-}" ]; then
  tests=()
  for t in $CORRAL_COMPAT_TESTS; do tests+=("$here/$(basename "$t")"); done
else
  tests=("$here"/test_*.py)
fi

export CORRAL_MASTER=$master CORRAL_AGENT_COUNT=$agent_count CORRAL_COMPAT_RUN_ID=$run_id
export PYTHONPATH="$here" PYTHONDONTWRITEBYTECODE=1
for t in "${tests[@]}"; do
  name=$(basename "$t" .py)
  echo "== $name"
  if ! kill -0 "$master_pid" 2>/dev/null; then
    fail "$name: not run: the master is gone"
    continue
  fi
  timeout --kill-after=10 "$test_timeout" "$python" -u "$t" \
    2>"$work/$name.log" | tee "$work/$name.out"
  rc=${PIPESTATUS[0]}
  p=$(grep -c '^PASS: ' "$work/$name.out")
  f=$(grep -c '^FAIL: ' "$work/$name.out")
  passed=$((passed + p))
  failed=$((failed + f))
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
      fail "$name: timed out after ${test_timeout}s"
    else
      fail "$name: exited with status $rc without reporting a failure"
    fi
  elif [ "$rc" -eq 0 ] && [ "$p" -eq 0 ]; then
    fail "$name: reported nothing"
  fi
  if [ "$rc" -ne 0 ] && [ -s "$work/$name.log" ]; then
    echo "---- $name: last 25 lines of the clients' log ($work/$name.log) ----"
    tail -25 "$work/$name.log"
    echo "----"
  fi
  if ! kill -0 "$master_pid" 2>/dev/null; then
    fail "$name: the master exited during the test"
    echo "---- master stderr (last 20 lines) ----"; tail -20 "$work/master.err"
  fi
done

# A task that is running when the cluster stops: finish() must see it gone.
echo "== shutdown"
if kill -0 "$master_pid" 2>/dev/null; then
  "$python" -u "$here/hold_task.py" >"$work/hold.out" 2>"$work/hold.log" </dev/null &
  hold_pid=$!
  if ! wait_for_line "$work/hold.out" '^(RUNNING|FAILED)' "$hold_pid" 60 >/dev/null ||
     ! grep -q '^RUNNING' "$work/hold.out"; then
    fail "shutdown: could not start a 'sleep 600' task before stopping: $(cat "$work/hold.out")"
    tail -10 "$work/hold.log"
  fi
fi
exit 0
