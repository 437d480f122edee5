#!/usr/bin/env bash
# Compatibility tests: third-party Mesos clients (pymesos, mesoshttp), plain HTTP reads of the
# legacy endpoints, the Marathon and Chronos clients against `corral services` and
# `corral jobs`, unmodified, against a real Corral cluster; corral's own Mesos-CLI-like commands
# (`corral task|agent|framework`, test_task_cli.py); and every server's Prometheus metrics read
# by prometheus_client's parser (test_prometheus.py).
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

# shellcheck source=cluster-support.sh
source "$(dirname "${BASH_SOURCE[0]}")/cluster-support.sh"

script=run.sh
corral=${1:?usage: run.sh PATH-TO-CORRAL}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
mode=${CORRAL_COMPAT_AGENTS:-auto}
agent_count=${CORRAL_COMPAT_AGENT_COUNT:-2}
test_timeout=${CORRAL_COMPAT_TEST_TIMEOUT:-180}

require_corral compat "(build it with 'swift build')"
require_venv compat
newer=$(find "$here/../../Sources" -name '*.swift' -newer "$corral" 2>/dev/null | head -3 || true)
[ -z "$newer" ] || echo "run.sh: note: $corral is older than $(echo "$newer" | tr '\n' ' ')"

work=$(mktemp -d /tmp/corral-compat.XXXXXX)
master=""
hold_pid=""
agents_separate=0
echo "run.sh: work dir $work"

# ---------------------------------------------------------------------------------------------
# Processes (pids: master, agent1..agentN when they are separate, services, jobs)

# The one place that decides what a cluster is: a master with agents inside, or a master and
# separate `corral agent` processes (CORRAL_COMPAT_AGENTS=separate).
agents_are_separate() {
  case $mode in
    separate) return 0 ;;
    embedded) return 1 ;;
  esac
  # `corral agent --help` must also show `corral agent`'s own usage: a binary without `agent`
  # falls back to the default subcommand (console) and prints its help, with status 0.
  "$corral" agent --help >/dev/null 2>&1 &&
    "$corral" agent --help 2>&1 | grep 'USAGE: corral agent' >/dev/null
}

start_cluster() {
  local separate=0 agent_flags=() i
  if agents_are_separate; then separate=1; else agent_flags=(--agents "$agent_count"); fi
  agents_separate=$separate
  if ! start_master "${agent_flags[@]}"; then
    echo "---- master stderr ----"; tail -20 "$work/master.err"; return 1
  fi
  if ((separate)); then
    echo "run.sh: master $master (pid ${pids[master]}), $agent_count separate agents"
    for i in $(seq 1 "$agent_count"); do
      launch "agent$i" agent --master "$master" --port 0 --work-dir "$work/agent$i" \
        --drain-timeout 2
    done
    for i in $(seq 1 "$agent_count"); do
      if ! wait_listening "agent$i" agent; then
        echo "---- agent $i stderr ----"; tail -20 "$work/agent$i.err"; return 1
      fi
    done
    wait_for_agents || return 1
  else
    echo "run.sh: master $master (pid ${pids[master]}) with $agent_count agents inside (--agents)"
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
start_frameworks() {
  local name
  for name in services jobs; do
    "$corral" "$name" --help 2>&1 | grep "USAGE: corral $name" >/dev/null || continue
    if ! start_framework "$name"; then
      echo "---- $name stderr ----"; tail -20 "$work/$name.err"; return 1
    fi
  done
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

# The frameworks, then the agents (SIGTERM would leave their tasks running for a restart;
# SIGUSR1 drains them), then the master.
stop_cluster() {
  local name i
  for name in services jobs; do stop "$name" TERM "a framework process (pid ${pids[$name]:-})"; done
  for i in $(seq 1 "$agent_count"); do stop "agent$i" USR1 "agent $i"; done
  stop master TERM "the master"
}

finish() {
  local status=$?
  trap - EXIT INT TERM
  if [ ${#pids[@]} -gt 0 ]; then
    stop_cluster
    reap task_processes "task processes outlived the cluster"
    if ! report_shutdown "SIGUSR1 drains the agents and SIGTERM stops the rest; the running 'sleep 600' goes with them"; then
      echo "---- master stderr (last 15 lines) ----"; tail -15 "$work/master.err" 2>/dev/null
    fi
  fi
  if [ -n "$hold_pid" ]; then kill -TERM "$hold_pid" 2>/dev/null; wait "$hold_pid" 2>/dev/null; fi
  end_run compat "${CORRAL_COMPAT_KEEP:-0}" "$status"
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
  if [ -n "${pids[master]:-}" ] && ! kill -0 "${pids[master]}" 2>/dev/null; then
    wait "${pids[master]}" 2>/dev/null
    unset 'pids[master]'
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
# test_task_cli.py runs this binary; it reads sandboxes over HTTP only from separate agents.
export CORRAL_BIN=$corral CORRAL_AGENTS_SEPARATE=$agents_separate
export PYTHONPATH="$here" PYTHONDONTWRITEBYTECODE=1
for t in "${tests[@]}"; do
  name=$(basename "$t" .py)
  echo "== $name"
  if ! kill -0 "${pids[master]}" 2>/dev/null; then
    fail "$name: not run: the master is gone"
    continue
  fi
  run_python_test "$name" "$t"
  if ! kill -0 "${pids[master]}" 2>/dev/null; then
    fail "$name: the master exited during the test"
    echo "---- master stderr (last 20 lines) ----"; tail -20 "$work/master.err"
  fi
done

# A task that is running when the cluster stops: finish() must see it gone.
echo "== shutdown"
if kill -0 "${pids[master]}" 2>/dev/null; then
  "$python" -u "$here/hold_task.py" >"$work/hold.out" 2>"$work/hold.log" </dev/null &
  hold_pid=$!
  if ! wait_for_line "$work/hold.out" '^(RUNNING|FAILED)' "$hold_pid" 60 >/dev/null ||
     ! grep -q '^RUNNING' "$work/hold.out"; then
    fail "shutdown: could not start a 'sleep 600' task before stopping: $(cat "$work/hold.out")"
    tail -10 "$work/hold.log"
  fi
fi
exit 0
