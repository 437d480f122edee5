"""The legacy GET endpoints, read the way Mesos's CLI (and its fork avmesos-cli) reads them.

A framework (a bare v1 scheduler over urllib, see compat_support.V1Scheduler) first runs
'echo hello; exit 0' to TASK_FINISHED and keeps 'sleep 600' RUNNING, so the tables are not empty.
Then, with plain urllib GETs (no redirects followed unless said):
  /version (numeric), /master/health, /slaves and /master/slaves, /master/frameworks/ (trailing
  slash, as the CLI asks) and /master/frameworks, /tasks?order=asc&limit=-1 and /master/tasks,
  the tasks query parameters, /master/state, /state, /state.json, /metrics/snapshot and
  /master/redirect (307). Shapes are those of /work/shared/reference/mesos-v1.md and what the
  CLI indexes: agent id/hostname/active/pid ("...@host:port"), framework id/active/hostname/name/
  webui_url, task id/framework_id/executor_id/slave_id/state/statuses[-1].state.
Finally TEARDOWN must kill 'sleep 600' and move the framework to completed_frameworks.
"""

import os
import re

from compat_support import (AGENT_COUNT, MASTER_PORT, RUN_ID, Reporter,
                            V1Scheduler, _clip, command_task, expect, get_json,
                            http_request, is_number, numeric_version, require_keys, update_of,
                            wait_until)

SUITE = "legacy"
ECHO_ID = "compat-legacy-echo-%s" % RUN_ID
SLEEP_ID = "compat-legacy-sleep-%s" % RUN_ID
FRAMEWORK_NAME = "compat-legacy-%s" % RUN_ID

SLAVE_KEYS = ["id", "hostname", "pid", "registered_time", "resources", "used_resources",
              "active", "version"]
FRAMEWORK_KEYS = ["id", "name", "hostname", "webui_url", "active", "connected", "user", "roles",
                  "tasks", "completed_tasks", "offers", "used_resources"]
TASK_KEYS = ["id", "name", "framework_id", "executor_id", "slave_id", "state", "resources",
             "statuses"]
METRIC_KEYS = ["master/elected", "master/uptime_secs", "master/slaves_active",
               "master/frameworks_active", "master/tasks_running", "master/cpus_total",
               "master/cpus_used", "master/mem_total"]
STATE_KEYS = ["version", "id", "pid", "hostname", "leader", "activated_slaves", "slaves",
              "frameworks", "completed_frameworks"]



class Context(object):
    framework_id = None
    agent_ids = None
    sched = None


ctx = Context()


# ---------------------------------------------------------------------------------------------
# The framework that fills the tables


def run_tasks():
    sched = V1Scheduler(FRAMEWORK_NAME)
    ctx.sched = sched
    sched.subscribe()
    ctx.framework_id = sched.framework_id

    # Both tasks on one agent; every other offer goes back, now and from here on.
    sched.launch_on_first_fitting(0.2, 64, lambda agent: [
        command_task(ECHO_ID, "compat legacy echo", agent, "echo hello; exit 0"),
        command_task(SLEEP_ID, "compat legacy sleep", agent, "sleep 600"),
    ])

    sched.wait_event(update_of(ECHO_ID, "TASK_FINISHED"), 30, "TASK_FINISHED for %s" % ECHO_ID)
    sched.wait_event(update_of(SLEEP_ID, "TASK_RUNNING"), 30, "TASK_RUNNING for %s" % SLEEP_ID)
    # The FINISHED update is acknowledged by the reader thread; wait for that answer.
    wait_until(lambda: any(s == "TASK_FINISHED" for s, _ in sched.acks), 10,
               "the ACKNOWLEDGE of TASK_FINISHED")
    expect(not sched.handler_errors, "; ".join(sched.handler_errors))
    bad = [(s, c) for s, c in sched.acks if c != 202]
    expect(not bad, "ACKNOWLEDGE answered %s" % bad)
    # TASK_RUNNING may come as the process is spawned, a moment before the command runs.
    wait_until(lambda: find_task_processes(SLEEP_ID), 5,
               "a 'sleep 600' process with MESOS_TASK_ID=%s after TASK_RUNNING" % SLEEP_ID)


def find_task_processes(task_id):
    """Pids of processes whose environment has MESOS_TASK_ID=task_id."""
    needle = ("MESOS_TASK_ID=%s" % task_id).encode()
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/environ" % entry, "rb") as f:
                env = f.read().split(b"\0")
        except OSError:
            continue
        if needle in env:
            pids.append(int(entry))
    return pids


# ---------------------------------------------------------------------------------------------
# Shapes


def check_slave(slave, where):
    require_keys(slave, SLAVE_KEYS, where)
    expect(isinstance(slave["id"], str) and slave["id"], "%s: id is %r" % (where, slave["id"]))
    expect(isinstance(slave["hostname"], str) and slave["hostname"],
           "%s: hostname is %r" % (where, slave["hostname"]))
    # The CLI takes the agent's address as pid.split("@")[1].
    expect(isinstance(slave["pid"], str) and re.match(r"^[^@\s]+@[^@:\s]+:\d+$", slave["pid"]),
           "%s: pid %r is not like 'slave(1)@host:port'" % (where, slave["pid"]))
    expect(slave["active"] is True, "%s: active is %r" % (where, slave["active"]))
    for key in ("resources", "used_resources"):
        res = slave[key]
        require_keys(res, ["cpus", "mem"], "%s.%s" % (where, key))
        expect(is_number(res["cpus"]) and is_number(res["mem"]),
               "%s.%s: cpus/mem are not numbers: %s" % (where, key, _clip(str(res), 200)))
    expect(slave["resources"]["cpus"] > 0 and slave["resources"]["mem"] > 0,
           "%s: resources are empty: %s" % (where, slave["resources"]))
    expect(is_number(slave["registered_time"]), "%s: registered_time is %r"
           % (where, slave["registered_time"]))


def check_slaves(path):
    body = get_json(path)
    require_keys(body, ["slaves"], path)
    slaves = body["slaves"]
    expect(isinstance(slaves, list) and len(slaves) == AGENT_COUNT,
           "%s has %s slaves, expected %d" % (path, len(slaves) if isinstance(slaves, list)
                                              else repr(slaves), AGENT_COUNT))
    for i, slave in enumerate(slaves):
        check_slave(slave, "%s slaves[%d]" % (path, i))
    used = sum(s["used_resources"]["cpus"] for s in slaves)
    expect(used >= 0.1 - 1e-9, "%s: used_resources.cpus sum to %s with 'sleep 600' running"
           % (path, used))
    ctx.agent_ids = [s["id"] for s in slaves]


def check_task(task, where, framework_id=None):
    require_keys(task, TASK_KEYS, where)
    expect(isinstance(task["executor_id"], str), "%s: executor_id is %r (the CLI prints it)"
           % (where, task["executor_id"]))
    require_keys(task["resources"], ["cpus", "mem"], where + ".resources")
    expect(is_number(task["resources"]["cpus"]), "%s: resources.cpus is %r"
           % (where, task["resources"]["cpus"]))
    statuses = task["statuses"]
    expect(isinstance(statuses, list) and statuses, "%s: statuses is empty (the CLI reads "
           "statuses[-1].state)" % where)
    for s in statuses:
        require_keys(s, ["state", "timestamp"], where + ".statuses[]")
    expect(statuses[-1]["state"] == task["state"], "%s: statuses[-1].state %r != state %r"
           % (where, statuses[-1]["state"], task["state"]))
    if framework_id is not None:
        expect(task["framework_id"] == framework_id, "%s: framework_id %r, expected %r"
               % (where, task["framework_id"], framework_id))
    if ctx.agent_ids:
        expect(task["slave_id"] in ctx.agent_ids, "%s: slave_id %r is not an agent (%s)"
               % (where, task["slave_id"], ctx.agent_ids))


def our_tasks(tasks, where):
    by_id = {t.get("id"): t for t in tasks if isinstance(t, dict)}
    for task_id, state in ((ECHO_ID, "TASK_FINISHED"), (SLEEP_ID, "TASK_RUNNING")):
        expect(task_id in by_id, "%s lacks task %s (ids: %s)" % (where, task_id, sorted(by_id)))
        check_task(by_id[task_id], "%s task %s" % (where, task_id), ctx.framework_id)
        expect(by_id[task_id]["state"] == state, "%s: task %s is %r, expected %s"
               % (where, task_id, by_id[task_id]["state"], state))


def check_tasks(path):
    body = get_json(path)
    require_keys(body, ["tasks"], path)
    expect(isinstance(body["tasks"], list), "%s: tasks is not a list" % path)
    our_tasks(body["tasks"], path)


def check_tasks_query():
    fid = ctx.framework_id
    one = get_json("/tasks?limit=1")
    expect(len(one.get("tasks", [])) == 1, "/tasks?limit=1 gave %d tasks"
           % len(one.get("tasks", [])))
    ours = get_json("/tasks?framework_id=%s&limit=-1" % fid)
    ids = sorted(t["id"] for t in ours.get("tasks", []))
    expect(ids == sorted([ECHO_ID, SLEEP_ID]), "/tasks?framework_id=ours gave %s" % ids)
    single = get_json("/tasks?framework_id=%s&task_id=%s" % (fid, SLEEP_ID))
    ids = [t["id"] for t in single.get("tasks", [])]
    expect(ids == [SLEEP_ID], "/tasks?framework_id=..&task_id=%s gave %s" % (SLEEP_ID, ids))
    asc = [t["id"] for t in get_json("/tasks?order=asc&limit=-1")["tasks"]]
    des = [t["id"] for t in get_json("/tasks?order=des&limit=-1")["tasks"]]
    expect(sorted(asc) == sorted(des), "order=asc and order=des list different tasks: %s vs %s"
           % (asc, des))
    skipped = get_json("/tasks?order=asc&limit=-1&offset=1")["tasks"]
    expect([t["id"] for t in skipped] == asc[1:], "offset=1 gave %s, expected %s"
           % ([t["id"] for t in skipped], asc[1:]))


def check_framework(fw, where, active=True):
    require_keys(fw, FRAMEWORK_KEYS, where)
    expect(fw["name"] == FRAMEWORK_NAME, "%s: name is %r" % (where, fw["name"]))
    expect(fw["active"] is active, "%s: active is %r" % (where, fw["active"]))
    expect(isinstance(fw["hostname"], str), "%s: hostname is %r" % (where, fw["hostname"]))
    expect(isinstance(fw["webui_url"], str), "%s: webui_url is %r" % (where, fw["webui_url"]))
    expect(isinstance(fw["roles"], list), "%s: roles is %r" % (where, fw["roles"]))
    require_keys(fw["used_resources"], ["cpus", "mem"], where + ".used_resources")
    for key in ("tasks", "completed_tasks", "offers"):
        expect(isinstance(fw[key], list), "%s: %s is not a list" % (where, key))


def frameworks_check(path):
    body = get_json(path)
    require_keys(body, ["frameworks"], path)
    fws = [f for f in body["frameworks"] if f.get("id") == ctx.framework_id]
    expect(fws, "%s: framework %s not under frameworks (ids: %s)"
           % (path, ctx.framework_id, [f.get("id") for f in body["frameworks"]]))
    fw = fws[0]
    check_framework(fw, "%s framework" % path)
    expect(fw["used_resources"]["cpus"] >= 0.1 - 1e-9, "%s: used_resources.cpus is %s with "
           "'sleep 600' running" % (path, fw["used_resources"]["cpus"]))
    our_tasks(fw["tasks"] + fw["completed_tasks"], "%s framework tasks+completed_tasks" % path)
    running = [t["id"] for t in fw["tasks"]]
    expect(SLEEP_ID in running, "%s: the running task is not under tasks (%s)" % (path, running))


def check_state(path):
    state = get_json(path)
    require_keys(state, STATE_KEYS, path)
    numeric_version(state["version"])
    expect(state["activated_slaves"] == AGENT_COUNT, "%s: activated_slaves is %r"
           % (path, state["activated_slaves"]))
    expect(len(state["slaves"]) == AGENT_COUNT, "%s: %d slaves" % (path, len(state["slaves"])))
    for i, slave in enumerate(state["slaves"]):
        check_slave(slave, "%s slaves[%d]" % (path, i))
    fws = [f for f in state["frameworks"] if f.get("id") == ctx.framework_id]
    expect(fws, "%s: framework %s not under frameworks" % (path, ctx.framework_id))
    check_framework(fws[0], "%s framework" % path)
    our_tasks(fws[0]["tasks"] + fws[0]["completed_tasks"], "%s framework tasks" % path)
    expect(isinstance(state["completed_frameworks"], list), "%s: completed_frameworks is %r"
           % (path, state["completed_frameworks"]))


def check_version():
    body = get_json("/version")
    require_keys(body, ["version"], "/version")
    numeric_version(body["version"])


def check_health():
    status, _, body = http_request("/master/health")
    expect(status == 200, "/master/health answered %s: %s" % (status, _clip(body, 200)))


def check_metrics():
    m = get_json("/metrics/snapshot")
    require_keys(m, METRIC_KEYS, "/metrics/snapshot")
    not_numbers = [k for k in METRIC_KEYS if not is_number(m[k])]
    expect(not not_numbers, "not numbers: %s" % {k: m[k] for k in not_numbers})
    expect(m["master/elected"] == 1, "master/elected is %r" % m["master/elected"])
    expect(m["master/slaves_active"] == AGENT_COUNT, "master/slaves_active is %r"
           % m["master/slaves_active"])
    expect(m["master/frameworks_active"] >= 1, "master/frameworks_active is %r"
           % m["master/frameworks_active"])
    expect(m["master/tasks_running"] >= 1, "master/tasks_running is %r with 'sleep 600' running"
           % m["master/tasks_running"])
    expect(m["master/cpus_total"] > 0 and m["master/mem_total"] > 0,
           "cpus_total %r, mem_total %r" % (m["master/cpus_total"], m["master/mem_total"]))
    expect(m["master/cpus_used"] >= 0.1 - 1e-9, "master/cpus_used is %r with 'sleep 600' running"
           % m["master/cpus_used"])
    expect(m["master/uptime_secs"] > 0, "master/uptime_secs is %r" % m["master/uptime_secs"])


def check_redirect():
    status, headers, body = http_request("/master/redirect")
    expect(status == 307, "/master/redirect answered %s (expected 307): %s"
           % (status, _clip(body, 200)))
    location = headers.get("location")
    expect(location, "the 307 has no Location header")
    m = re.match(r"^//([^/:]+):(\d+)/?$", location)
    expect(m, "Location %r is not //host:port" % location)
    expect(int(m.group(2)) == MASTER_PORT, "Location %r does not name port %d"
           % (location, MASTER_PORT))


def check_teardown_kills():
    pids = find_task_processes(SLEEP_ID)
    ctx.sched.auto_decline = False
    ctx.sched.call("TEARDOWN")
    wait_until(lambda: not find_task_processes(SLEEP_ID), 15,
               "'sleep 600' (pids %s) to exit after TEARDOWN" % pids)


def check_completed_framework():
    def moved():
        body = get_json("/master/frameworks")
        done = [f for f in body.get("completed_frameworks", []) if f.get("id") == ctx.framework_id]
        active = [f for f in body.get("frameworks", []) if f.get("id") == ctx.framework_id]
        return (done, active) if done and not active else None
    done, _ = wait_until(moved, 10, "framework %s to move from frameworks to "
                         "completed_frameworks in /master/frameworks" % ctx.framework_id)
    fw = done[0]
    check_framework(fw, "/master/frameworks completed framework", active=False)
    finished = {t["id"]: t["state"] for t in fw["completed_tasks"]}
    expect(finished.get(ECHO_ID) == "TASK_FINISHED" and finished.get(SLEEP_ID) == "TASK_KILLED",
           "completed_tasks of the torn-down framework: %s (expected echo FINISHED, sleep KILLED)"
           % finished)


def main():
    rep = Reporter(SUITE)
    rep.check("setup: a v1 framework runs 'echo hello; exit 0' to TASK_FINISHED and "
              "'sleep 600' to TASK_RUNNING", run_tasks)
    ready = rep.failed == 0
    rep.check("GET /version: 200, numeric version", check_version)
    rep.check("GET /master/health: 200", check_health)
    if not ready:
        rep.skip_as_failed("the other legacy endpoints", "setup failed")
    else:
        rep.check("GET /slaves: %d slaves with id, hostname, pid, resources, active" % AGENT_COUNT,
                  check_slaves, "/slaves")
        rep.check("GET /master/slaves: same as /slaves", check_slaves, "/master/slaves")
        rep.check("GET /master/frameworks/ (trailing slash): the framework with its tasks",
                  frameworks_check, "/master/frameworks/")
        rep.check("GET /master/frameworks: the framework with its tasks", frameworks_check,
                  "/master/frameworks")
        rep.check("GET /tasks?order=asc&limit=-1: both tasks with id, state, slave_id, "
                  "framework_id, statuses", check_tasks, "/tasks?order=asc&limit=-1")
        rep.check("GET /master/tasks: both tasks (limit default 100)", check_tasks,
                  "/master/tasks")
        rep.check("GET /tasks: limit, offset, order, framework_id, task_id", check_tasks_query)
        for path in ("/master/state", "/state", "/state.json"):
            rep.check("GET %s: version, leader, slaves, frameworks with tasks" % path,
                      check_state, path)
        rep.check("GET /metrics/snapshot: master/* keys with numbers", check_metrics)
        rep.check("GET /master/redirect: 307 to //host:%d" % MASTER_PORT, check_redirect)
        rep.check("TEARDOWN kills the running 'sleep 600'", check_teardown_kills)
        rep.check("after TEARDOWN, /master/frameworks lists it under completed_frameworks",
                  check_completed_framework)
    if ctx.sched is not None:
        ctx.sched.leave()
    rep.finish()


if __name__ == "__main__":
    main()
