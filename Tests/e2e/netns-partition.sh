#!/usr/bin/env bash
# Multi-host test across a real network boundary: the agent runs in its own network namespace,
# joined to the master's by a veth pair with addresses private to this test. Launch a task on
# it, cut the link, see the task go TASK_UNREACHABLE, restore the link, see it reconciled back
# to TASK_RUNNING. Needs root (ip netns). Every wait has a deadline.
set -euo pipefail

corral=${1:?usage: netns-partition.sh PATH-TO-CORRAL}
here=$(cd "$(dirname "$0")" && pwd)
id=$$
ns="corral-agent-$id"
host_if="crl-m$((id % 10000))"
agent_if="crl-a$((id % 10000))"
subnet="10.231.$((id % 200 + 20))"
work=$(mktemp -d /tmp/corral-netns.XXXXXX)
pids=()

cleanup() {
  # The agent drains (SIGUSR1): SIGTERM would leave its task running for a restart.
  [ -n "${agent_pid:-}" ] && ip link set "$host_if" up 2>/dev/null; [ -n "${agent_pid:-}" ] && kill -USR1 "$agent_pid" 2>/dev/null
  for _ in $(seq 1 50); do [ -n "${agent_pid:-}" ] && kill -0 "$agent_pid" 2>/dev/null || break; sleep 0.1; done
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  ip link del "$host_if" 2>/dev/null || true
  ip netns del "$ns" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*"
  for log in "$work"/*.log; do echo "---- $log"; tail -20 "$log"; done
  exit 1
}
# wait_for FILE TEXT SECONDS
wait_for() {
  local deadline=$((SECONDS + $3))
  until grep -q -- "$2" "$1" 2>/dev/null; do
    ((SECONDS < deadline)) || fail "no '$2' in $(basename "$1") within $3 s"
    sleep 0.2
  done
}

ip netns add "$ns"
ip link add "$host_if" type veth peer name "$agent_if"
ip link set "$agent_if" netns "$ns"
ip addr add "$subnet.1/24" dev "$host_if"
ip link set "$host_if" up
ip netns exec "$ns" ip addr add "$subnet.2/24" dev "$agent_if"
ip netns exec "$ns" ip link set "$agent_if" up
ip netns exec "$ns" ip link set lo up

"$corral" master --ip "$subnet.1" --port 0 --heartbeat-interval 1 --agent-timeout 4 --work-dir "$work/master" >"$work/master.log" 2>&1 &
pids+=($!)
wait_for "$work/master.log" "corral master listening on" 30
port=$(grep -o 'corral master listening on [0-9.]*:[0-9]*' "$work/master.log" | grep -o '[0-9]*$')
master="$subnet.1:$port"
echo "ok: master on $master"

ip netns exec "$ns" "$corral" agent --master "$master" --ip "$subnet.2" --port 0 --resources "cpus:1;mem:512" --work-dir "$work/agent" --drain-timeout 1 >"$work/agent.log" 2>&1 &
agent_pid=$!
pids+=($agent_pid)
wait_for "$work/agent.log" "agent registered" 30
echo "ok: agent registered from its namespace"

python3 -u "$here/partition_scheduler.py" "$master" >"$work/framework.log" 2>&1 &
pids+=($!)
wait_for "$work/framework.log" "STATE TASK_RUNNING" 30
echo "ok: task RUNNING on the agent"

ip link set "$host_if" down
wait_for "$work/framework.log" "STATE TASK_UNREACHABLE" 30
echo "ok: link cut, task UNREACHABLE"

ip link set "$host_if" up
wait_for "$work/framework.log" "STATE TASK_RUNNING REASON_RECONCILIATION" 60
echo "ok: link restored, task reconciled back to RUNNING"
echo "netns partition: 1 passed, 0 failed"
