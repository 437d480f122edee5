#!/usr/bin/env bash
# Hostile inputs, over the wire, against a real cluster: every input an audit found could stop or
# wedge a process must be refused with a 4xx naming the field (or, where it is legal, handled
# without harm), every process staying up and answering, and nothing that ran before lost.
#
#   bash Tests/e2e/hostile-input.sh PATH-TO-CORRAL
#
# Starts, in a temporary work dir, a master on port 0 (no authentication, heartbeats every
# second), one agent, `corral services` and `corral jobs`, then runs hostile_input.py beside this
# script (standard library only; the venv's Python when there is one): a real app of two
# instances and a job first, then the barrage — a scheduler ACCEPT with a health check
# timeout_seconds 1e300 and a task ID '..'; UPDATE_WEIGHTS with weight "NaN" (and others); agents
# registering with cpus 1e306 and with ports [1-18446744073709551615] (Services then places an
# app on the latter); SUBSCRIBE with framework ID '..'; a fake agent, registered without
# credentials, forging status updates for the real agent's tasks; Marathon apps with
# healthChecks port -1, instances 2^63-1 (POST, and PUT changing cmd), backoffSeconds 1e300,
# cpus 1e-9 x 100000, PUT /v2/apps [1], constraint patterns (){1000}{1000}{1000}{1000} and 3000
# '['; a Chronos job of cpus 1e-9 — printing each input and the status it got, checking after
# each that every process is alive and answers (/health, /ping, /v2/apps, /v1/scheduler/jobs),
# and at the end that the real app still runs the same two tasks. Then stops everything by PID
# (the agent drained with SIGUSR1) and checks that no task process or supervisor survives.
# Prints PASS/FAIL lines and 'hostile-input: N passed, M failed'; exit 1 if any failed. Every
# wait has a deadline.
#
# Environment:
#   CORRAL_VENV                the virtual environment to take Python from (default
#                              /tmp/corral-venv; python3 when it is missing)
#   CORRAL_HOSTILE_TIMEOUT     seconds for hostile_input.py (default 300)
#   CORRAL_HOSTILE_KEEP=1      keep the work dir (it is kept anyway when something failed)
set -uo pipefail

# shellcheck source=../compat/cluster-support.sh
source "$(dirname "${BASH_SOURCE[0]}")/../compat/cluster-support.sh"

script=hostile-input.sh
corral=${1:?usage: hostile-input.sh PATH-TO-CORRAL}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[ -x "$python" ] || python=$(command -v python3)
test_timeout=${CORRAL_HOSTILE_TIMEOUT:-300}

require_corral hostile-input

work=$(mktemp -d /tmp/corral-hostile.XXXXXX)
chmod 755 "$work"
echo "hostile-input.sh: work dir $work"
started=$SECONDS

shut_down_and_end_on_exit hostile-input "${CORRAL_HOSTILE_KEEP:-0}" "every process stopped by its PID (the agent drained); no task process or supervisor left"

# ---------------------------------------------------------------------------------------------
# The cluster

if ! start_master; then
  fail "cluster: the master did not start"; tail -20 "$work/master.err"; exit 1
fi
echo "hostile-input.sh: master $master (pid ${pids[master]})"

start_agent agent '[31000-31999]'
if ! wait_listening agent agent ||
   ! wait_for_line "$work/agent.err" 'agent registered' "${pids[agent]}" 30 >/dev/null; then
  fail "cluster: the agent did not register"; tail -20 "$work/agent.err"; exit 1
fi
agent=$address
echo "hostile-input.sh: agent $agent (pid ${pids[agent]})"

for name in services jobs; do
  if ! start_framework "$name"; then
    fail "cluster: corral $name did not start"; tail -20 "$work/$name.err"; exit 1
  fi
done

# ---------------------------------------------------------------------------------------------
# The barrage

export CORRAL_MASTER=$master CORRAL_AGENT=$agent CORRAL_COMPAT_RUN_ID=$run_id
export CORRAL_HOSTILE_PIDS="master=${pids[master]},agent=${pids[agent]},services=${pids[services]},jobs=${pids[jobs]}"
export PYTHONPATH="$here/../compat" PYTHONDONTWRITEBYTECODE=1
run_python_test hostile_input "$here/hostile_input.py"

check_still_running "after the barrage" master agent services jobs
exit 0
