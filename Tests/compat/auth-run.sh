#!/usr/bin/env bash
# Authentication and authorization, end to end, with the third-party clients:
#
#   bash Tests/compat/setup-venv.sh /tmp/corral-venv     # once: the clients, from PyPI
#   bash Tests/compat/auth-run.sh PATH-TO-CORRAL
#
# Starts, in a temporary work dir, a master on port 0 with --credentials (principals ops,
# limited, intruder, services, jobs, agent-a, agent-b, random secrets), all four
# --authenticate-* flags and --acls; two `corral agent --credential` processes (agent-a in JSON,
# agent-b as a 'principal secret' line); `corral services` and `corral jobs`, each with
# --principal/--secret-file and --http-credentials. Then:
#   (g) here: an agent without credentials cannot register (its log shows the 401 of realm
#       corral-master-agent, the master never lists it), and a real agent presenting agent-b's
#       credential with agent-a's ID (its checkpointed meta/agent copied) is refused and exits,
#       agent-a staying active;
#   (k) here: `corral agent list` without credentials is refused (exit 1, naming the 401), and
#       `corral agent|framework list --principal ops --secret-file …` list both agents, Services
#       and Jobs;
#   (a)-(j) in test_auth_pymesos.py (pymesos, marathon, chronos-python; see its docstring);
# then checks every process is still up, stops them (agents drained with SIGUSR1, the rest with
# SIGTERM, each by its PID) and that no task process or supervisor of this run survives.
# Prints PASS/FAIL lines and 'auth: N passed, M failed'; exit 1 if any failed. Every wait has a
# deadline.
#
# Environment:
#   CORRAL_VENV              the virtual environment (default /tmp/corral-venv)
#   CORRAL_AUTH_TEST_TIMEOUT seconds for test_auth_pymesos.py (default 300)
#   CORRAL_AUTH_KEEP=1       keep the work dir (it is kept anyway when something failed)
set -uo pipefail

# shellcheck source=cluster-support.sh
source "$(dirname "${BASH_SOURCE[0]}")/cluster-support.sh"

script=auth-run.sh
corral=${1:?usage: auth-run.sh PATH-TO-CORRAL}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
test_timeout=${CORRAL_AUTH_TEST_TIMEOUT:-300}

require_corral auth
require_venv auth

work=$(mktemp -d /tmp/corral-auth.XXXXXX)
# Tasks run as 'nobody' too: the sandboxes under the work dir must be reachable (the secrets in
# it are 0600).
chmod 755 "$work"
echo "auth-run.sh: work dir $work"
started=$SECONDS
master=""

secret() { od -An -tx1 -N12 /dev/urandom | tr -d ' \n'; }

# Reads the master as ops (python prints what it is asked for; 'ERROR ...' on failure).
master_py() {
  CORRAL_MASTER=$master CORRAL_AUTH_CREDENTIALS=$work/credentials.json PYTHONPATH="$here" \
    PYTHONDONTWRITEBYTECODE=1 "$python" - "$@"
}

# How many agents /master/slaves lists (as ops), and whether one with PORT is among them.
slaves_summary() {
  master_py "$@" <<'PY' 2>/dev/null
import sys
from auth_support import get_json, principals
slaves = get_json(__import__("compat_support").MASTER, "/master/slaves",
                  auth=("ops", principals()["ops"]))["slaves"]
want = sys.argv[1:]
print(" ".join("%s:%s:%s" % (s["id"], s["port"], "active" if s.get("active") else "inactive")
               for s in slaves))
PY
}

# ---------------------------------------------------------------------------------------------
# Stopping: every process by its PID (the agents drained), then nothing of the run may be left.

shut_down_and_end_on_exit auth "${CORRAL_AUTH_KEEP:-0}" "every process stopped by its PID; no task process or supervisor left"

# ---------------------------------------------------------------------------------------------
# Credentials and ACLs

http_credentials="admin:$(secret)"
{
  echo '{"credentials": ['
  first=1
  for p in ops limited intruder services jobs agent-a agent-b; do
    s=$(secret)
    ((first)) || echo ','
    first=0
    printf '  {"principal": "%s", "secret": "%s"}' "$p" "$s"
    echo "$s" >"$work/$p.secret"
  done
  echo ']}'
} >"$work/credentials.json"
printf '{"principal": "agent-a", "secret": "%s"}\n' "$(cat "$work/agent-a.secret")" >"$work/agent-a.credential"
printf 'agent-b %s\n' "$(cat "$work/agent-b.secret")" >"$work/agent-b.credential"
chmod 600 "$work"/*.secret "$work"/*.credential "$work/credentials.json"
cat >"$work/acls.json" <<'EOF'
{
  "permissive": true,
  "register_frameworks": [
    {"principals": {"values": ["limited"]}, "roles": {"values": ["*"]}},
    {"principals": {"values": ["limited"]}, "roles": {"type": "NONE"}}
  ],
  "run_tasks": [
    {"principals": {"values": ["limited"]}, "users": {"values": ["nobody"]}},
    {"principals": {"values": ["limited"]}, "users": {"type": "NONE"}}
  ],
  "teardown_frameworks": [
    {"principals": {"values": ["ops"]}, "framework_principals": {"type": "ANY"}},
    {"principals": {"type": "ANY"}, "framework_principals": {"type": "NONE"}}
  ],
  "view_frameworks": [
    {"principals": {"values": ["limited"]}, "users": {"values": ["nobody"]}},
    {"principals": {"values": ["limited"]}, "users": {"type": "NONE"}}
  ]
}
EOF

# ---------------------------------------------------------------------------------------------
# The cluster

if ! start_master --credentials "$work/credentials.json" --authenticate-frameworks \
       --authenticate-agents --authenticate-http-readwrite --authenticate-http-readonly \
       --acls "$work/acls.json"; then
  fail "cluster: the master did not start"; tail -20 "$work/master.err"; exit 1
fi
echo "auth-run.sh: master $master (pid ${pids[master]})"

start_agent agent1 '[31000-31499]' --credential "$work/agent-a.credential"
start_agent agent2 '[31500-31999]' --credential "$work/agent-b.credential"
for name in agent1 agent2; do
  if ! wait_for_line "$work/$name.err" 'agent registered' "${pids[$name]}" 30 >/dev/null; then
    fail "cluster: $name did not register"; tail -20 "$work/$name.err"; exit 1
  fi
done
agent_a_id=$(grep -oE '"agent_id":\{"value":"[^"]+"' "$work/agent1/meta/agent" | cut -d'"' -f6)
echo "auth-run.sh: agents registered (agent-a is $agent_a_id)"

for name in services jobs; do
  if ! start_framework "$name" --principal "$name" --secret-file "$work/$name.secret" \
         --http-credentials "$http_credentials"; then
    fail "cluster: corral $name did not start"; tail -20 "$work/$name.err"; exit 1
  fi
done
# Both subscribed (as their principals): the master lists them, to ops.
if master_py <<'PY'
import sys, time
from auth_support import get_json, principals
from compat_support import MASTER
deadline = time.time() + 30
while True:
    fws = get_json(MASTER, "/master/state", auth=("ops", principals()["ops"]))["frameworks"]
    got = {f["name"]: f.get("principal") for f in fws}
    if got.get("services") == "services" and got.get("jobs") == "jobs":
        sys.exit(0)
    if time.time() > deadline:
        print("frameworks after 30s: %s" % got); sys.exit(1)
    time.sleep(0.2)
PY
then
  pass "cluster: master with all four --authenticate-* flags and --acls; agents with --credential (JSON and line); Services and Jobs subscribed as their principals"
else
  fail "cluster: Services and Jobs did not both subscribe as their principals"
  tail -5 "$work/services.err" "$work/jobs.err"
fi

# ---------------------------------------------------------------------------------------------
# (g) agents that may not join

echo "== (g) agents"
start_agent agent-anon '[32000-32099]'
if wait_for_line "$work/agent-anon.err" "401.*corral-master-agent" "${pids[agent-anon]}" 20 >/dev/null; then
  anon_port=$(grep -oE 'corral agent listening on [0-9.]+:[0-9]+' "$work/agent-anon.out" | grep -oE '[0-9]+$')
  listed=$(slaves_summary)
  if [ -n "$anon_port" ] && ! grep -qE ":$anon_port:" <<<"$listed"; then
    pass "(g) an agent without --credential gets 401 (realm corral-master-agent) and is not admitted: $(grep -m1 -oE 'the master answered 401[^;]*' "$work/agent-anon.err")"
  else
    fail "(g) an agent without credentials: port '$anon_port', yet /master/slaves lists: $listed"
  fi
else
  fail "(g) an agent without --credential: no 401 for realm corral-master-agent in its log"
  tail -5 "$work/agent-anon.err"
fi
stop agent-anon
if ((${#stop_problems[@]})); then
  fail "(g) the agent without credentials: ${stop_problems[*]}"; stop_problems=()
fi

# A real agent with agent-b's credential and agent-a's checkpointed ID.
mkdir -p "$work/agent-thief/meta"
# Only the ID is taken: the checkpoint's name (which names the agent's supervisor) is its own.
sed -E "s/\"name\":\"[^\"]+\"/\"name\":\"agent-$(od -An -tx1 -N4 /dev/urandom | tr -d ' \n')\"/" \
  "$work/agent1/meta/agent" >"$work/agent-thief/meta/agent"
start_agent agent-thief '[32100-32199]' --credential "$work/agent-b.credential"
thief_pid=${pids[agent-thief]}
deadline=$((SECONDS + 20))
while kill -0 "$thief_pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
if kill -0 "$thief_pid" 2>/dev/null; then
  fail "(g) an agent presenting agent-b's credential under agent-a's ID is still running after 20s: $(tail -2 "$work/agent-thief.err")"
  stop agent-thief; stop_problems=()
else
  wait "$thief_pid"; thief_status=$?
  unset "pids[agent-thief]"
  refusal=$(grep -m1 -oE 'the master refused the agent: .*' "$work/agent-thief.err" || true)
  listed=$(slaves_summary)
  if [ "$thief_status" -ne 0 ] && grep -q "another principal" <<<"$refusal" &&
     grep -qE "^(.* )?$agent_a_id:[0-9]+:active( |$)" <<<"$listed"; then
    pass "(g) an agent with agent-b's credential under agent-a's ID is refused (exit $thief_status: $refusal); agent-a stays active"
  else
    fail "(g) agent-b's credential under agent-a's ID: exit status $thief_status, log '$refusal', /master/slaves: $listed"
    tail -5 "$work/agent-thief.err"
  fi
fi

# ---------------------------------------------------------------------------------------------
# (a)-(j): the clients

echo "== (k) corral agent|framework list"
# The Mesos-CLI-like commands present --principal and --secret-file as the console does; a
# master that wants credentials and gets none is a refusal (exit 1) that says what to give.
cli_status=0
cli_err=$("$corral" agent list --master "$master" 2>&1 >/dev/null) || cli_status=$?
if [ "$cli_status" -eq 1 ] && grep -q "answered 401" <<<"$cli_err" && grep -q -- "--principal" <<<"$cli_err"; then
  pass "(k) corral agent list without credentials: exit 1, the master's 401 and what to give"
else
  fail "(k) corral agent list without credentials: exit $cli_status, '$cli_err'"
fi
as_ops=(--master "$master" --principal ops --secret-file "$work/ops.secret")
agents=$("$corral" agent list "${as_ops[@]}" --json 2>"$work/cli.err")
frameworks=$("$corral" framework list "${as_ops[@]}" --json 2>>"$work/cli.err")
if "$python" - "$agents" "$frameworks" <<'PY'
import json, sys
agents, frameworks = json.loads(sys.argv[1]), json.loads(sys.argv[2])
assert sum(a["status"] == "active" for a in agents) == 2, agents
assert {"services", "jobs"} <= {f["name"] for f in frameworks}, frameworks
PY
then
  pass "(k) corral agent list and framework list as ops (--principal, --secret-file): both agents active, Services and Jobs"
else
  fail "(k) corral agent|framework list as ops: $(cat "$work/cli.err")"
fi

echo "== test_auth_pymesos"
export CORRAL_MASTER=$master CORRAL_AGENT_COUNT=2 CORRAL_COMPAT_RUN_ID=$run_id
export CORRAL_AUTH_CREDENTIALS=$work/credentials.json CORRAL_AUTH_HTTP=$http_credentials
export CORRAL_AUTH_AGENT_A_ID=$agent_a_id
export PYTHONPATH="$here" PYTHONDONTWRITEBYTECODE=1
run_python_test test_auth_pymesos "$here/test_auth_pymesos.py"

# ---------------------------------------------------------------------------------------------
# Everyone still up

check_still_running "at the end" master agent1 agent2 services jobs
exit 0
