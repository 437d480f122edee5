#!/usr/bin/env bash
# The SDK as a library: builds Examples/ParallelXargs (a package of its own that depends on this
# repository by path and uses only the CorralSDK product), then runs it against a `corral master`
# with one agent over HTTP: four lines in, results in input order, one failure reported with its
# exit status, exit 1 because of it. Every wait has a deadline; everything started is stopped by
# its PID and nothing of the run may survive.
#
#   bash Tests/e2e/parallel-xargs.sh PATH-TO-CORRAL
set -uo pipefail

# shellcheck source=../compat/cluster-support.sh
source "$(dirname "${BASH_SOURCE[0]}")/../compat/cluster-support.sh"

script=parallel-xargs.sh
corral=${1:?usage: parallel-xargs.sh PATH-TO-CORRAL}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
example="$here/../../Examples/ParallelXargs"
require_corral parallel-xargs

work=$(mktemp -d /tmp/corral-parallel-xargs.XXXXXX)
chmod 755 "$work"
started=$SECONDS

shut_down_and_end_on_exit parallel-xargs "${CORRAL_XARGS_KEEP:-0}" "the master and the agent stopped by their PIDs; no task process left"

echo "parallel-xargs.sh: building Examples/ParallelXargs (its own package, on the CorralSDK library)"
if ! (cd "$example" && swift build 2>&1 | tail -3); then
  fail "build: Examples/ParallelXargs does not build"; exit 1
fi
binary="$(cd "$example" && swift build --show-bin-path)/parallel-xargs"
[ -x "$binary" ] || { fail "build: no $binary"; exit 1; }
pass "build: Examples/ParallelXargs builds against the CorralSDK product alone"

if ! start_master; then
  fail "cluster: the master did not start"; tail -20 "$work/master.err"; exit 1
fi
start_agent agent '[31000-31099]'
if ! wait_for_line "$work/agent.err" 'agent registered' "${pids[agent]}" 30 >/dev/null; then
  fail "cluster: the agent did not register"; tail -20 "$work/agent.err"; exit 1
fi

printf 'echo a\nsleep 1; echo b\nexit 3\ntrue\n' | timeout 120 "$binary" --master "$master" >"$work/xargs.out" 2>"$work/xargs.err"
status=$?
expected='[1] ok: echo a
[2] ok: sleep 1; echo b
[3] TASK_FAILED: exit 3 (Command exited with status 3)
[4] ok: true'
if [ "$(cat "$work/xargs.out")" = "$expected" ] && [ "$status" -eq 1 ]; then
  pass "run: four lines as tasks on the master, results in input order, the failure named, exit 1"
else
  fail "run: exit $status, output:"; cat "$work/xargs.out"; tail -5 "$work/xargs.err"
fi
