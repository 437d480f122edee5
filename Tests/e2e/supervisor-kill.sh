#!/usr/bin/env bash
# The supervisors under kill -9: the spare a launch takes, and the agent itself.
#
#   bash Tests/e2e/supervisor-kill.sh PATH-TO-CORRAL
#
# Starts, in a temporary work dir, a master, one agent and `corral services` with an app of one
# `sleep 600`. Then:
#   1. the agent's supervisor server keeps a spare supervisor forked ahead of the next launch;
#      kill -9 of that spare, then a scale to 3: the launches fork supervisors on demand, and the
#      app runs 3 instances;
#   2. kill -9 of the agent: its supervisor server and its spare go, the 3 tasks' supervisors
#      and tasks stay;
#   3. the agent started again on its work dir: Services and the master both list the same 3
#      tasks as running, and 3 task processes run.
# Then stops everything by PID (the agent drained with SIGUSR1) and checks that no task process
# or supervisor survives. Prints PASS/FAIL lines and 'supervisor-kill: N passed, M failed'; exit
# 1 if any failed. Every wait has a deadline.
set -uo pipefail

# shellcheck source=../compat/cluster-support.sh
source "$(dirname "${BASH_SOURCE[0]}")/../compat/cluster-support.sh"

script=supervisor-kill.sh
corral=${1:?usage: supervisor-kill.sh PATH-TO-CORRAL}
require_corral supervisor-kill

work=$(mktemp -d /tmp/corral-supervisor-kill.XXXXXX)
chmod 755 "$work"
echo "supervisor-kill.sh: work dir $work"
started=$SECONDS

shut_down_and_end_on_exit supervisor-kill "${CORRAL_SUPERVISOR_KILL_KEEP:-0}" "every process stopped by its PID; no task process or supervisor left"

# eventually SECONDS COMMAND...: true once COMMAND succeeds, false when the deadline passes.
eventually() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

app_running() { # app_running N: Services reports N running instances of /sk
  [ "$(curl -s "$CORRAL_SERVICES/v2/apps/sk" | python3 -c 'import json,sys; print(json.load(sys.stdin)["app"]["tasksRunning"])' 2>/dev/null)" = "$1" ]
}
services_tasks() { curl -s "$CORRAL_SERVICES/v2/apps/sk/tasks" | python3 -c 'import json,sys; print(" ".join(sorted(t["id"] for t in json.load(sys.stdin)["tasks"])))'; }
master_tasks() {
  curl -s "$master/master/state" | python3 -c '
import json, sys
print(" ".join(sorted(t["id"] for f in json.load(sys.stdin)["frameworks"] for t in f["tasks"] if t["state"] == "TASK_RUNNING")))'
}
# The agent's supervisor processes: "pid ppid children" for each `corral-supervisor --serve NAME`.
supervisors() {
  local name pid
  name=$(grep -oE '"name":"[^"]+"' "$work/agent/meta/agent" | cut -d'"' -f4)
  for pid in $(pgrep -f -- "corral-supervisor --serve $name\$"); do
    echo "$pid $(ps -o ppid= -p "$pid" | tr -d ' ') $(pgrep -P "$pid" | wc -l)"
  done
}
tasks_running() { [ "$(pgrep -fx 'sleep 600' | xargs -r -I{} sh -c "tr '\\0' '\\n' </proc/{}/environ | grep -c 'MESOS_SANDBOX=$work/'" | grep -c 1)" = "$1" ]; }

if ! start_master; then fail "cluster: the master did not start"; tail -20 "$work/master.err"; exit 1; fi
start_agent agent '[32000-32999]'
if ! wait_for_line "$work/agent.err" 'agent registered' "${pids[agent]}" 30 >/dev/null; then
  fail "cluster: the agent did not register"; tail -20 "$work/agent.err"; exit 1
fi
if ! start_framework services; then fail "cluster: corral services did not start"; exit 1; fi
curl -s -XPOST -H 'Content-Type: application/json' "$CORRAL_SERVICES/v2/apps" \
  -d '{"id":"/sk","cmd":"sleep 600","cpus":0.1,"mem":16,"instances":1}' >/dev/null
if ! eventually 30 app_running 1; then fail "cluster: the app did not start"; exit 1; fi

# 1. The spare, killed.
server=$(supervisors | awk -v agent="${pids[agent]}" '$2 == agent {print $1}')
spare=$(supervisors | awk -v server="$server" '$2 == server && $3 == 0 {print $1}' | head -1)
if [ -n "$server" ] && [ -n "$spare" ]; then
  pass "spare: the agent's supervisor server ($server) keeps a spare supervisor ($spare) with no task"
else
  fail "spare: no idle spare under the supervisor server: $(supervisors | tr '\n' ';')"
fi
[ -n "$spare" ] && kill -9 "$spare"
curl -s -XPUT -H 'Content-Type: application/json' "$CORRAL_SERVICES/v2/apps/sk?force=true" -d '{"instances":3}' >/dev/null
if eventually 30 app_running 3 && eventually 10 tasks_running 3; then
  pass "spare killed: the next launches forked supervisors on demand; 3 instances run"
else
  fail "spare killed: the app did not reach 3 running instances: $(services_tasks)"
fi
before=$(services_tasks)

# 2. The agent, killed.
kill -9 "${pids[agent]}"
wait "${pids[agent]}" 2>/dev/null
unset "pids[agent]"
three_supervisors_left() { [ "$(supervisors | awk '$3 == 1' | wc -l)" = 3 ] && [ "$(supervisors | wc -l)" = 3 ]; }
if eventually 10 three_supervisors_left && tasks_running 3; then
  pass "agent killed: its supervisor server and spare went; the 3 tasks and their supervisors stay"
else
  fail "agent killed: supervisors left: $(supervisors | tr '\n' ';') (want the 3 tasks' only)"
fi

# 3. The agent again, on its work dir.
launch agent-again agent --master "$master" --port 0 --work-dir "$work/agent" --drain-timeout 3 \
  --resources "cpus:2;mem:2048;disk:4096;ports:[32000-32999]"
same_tasks() { [ "$(services_tasks)" = "$before" ] && [ "$(master_tasks)" = "$before" ] && app_running 3; }
if eventually 30 same_tasks && tasks_running 3; then
  pass "agent restarted: Services and the master list the same 3 running tasks ($before), and 3 run"
else
  fail "agent restarted: Services lists '$(services_tasks)', the master '$(master_tasks)', before '$before'"
fi
curl -s -XDELETE "$CORRAL_SERVICES/v2/apps/sk?force=true" >/dev/null
eventually 20 tasks_running 0 || fail "cleanup: the app's tasks did not end after DELETE"
