"""An agent's own endpoints, read the way Mesos's tools read a Mesos agent's.

A framework (compat_support.V1Scheduler) runs 'echo agent-endpoints' to TASK_FINISHED and keeps
'sleep 600' RUNNING on one agent. The agent's address comes from /master/slaves, as the Mesos
CLI finds it. Then, with plain urllib requests to the agent:
  /health, /version; /state, /slave(1)/state and their .json forms (the agent, its frameworks
  with executors and completed executors, each command task under an executor of its own whose
  id is the task's, as Mesos's docs show); the files API over each executor's `directory`
  (/files/browse, /files/read with offset=-1 and length=-1, /files/download, and the 400s and
  404s Mesos answers); /monitor/statistics (one entry per running executor, counters from the
  cgroups); the v1 operator API at /api/v1 (GET_HEALTH, GET_VERSION, GET_STATE, GET_TASKS,
  GET_FRAMEWORKS, GET_EXECUTORS, GET_CONTAINERS; unknown call types are 400s); and
  /metrics/snapshot (slave/* keys). Field names and types are those of Mesos's agent.proto,
  mesos.proto's ResourceStatistics and FileInfo, and src/slave/http.cpp's writers.
The master's side: the framework has a hostname, and statuses carry container_status.
"""

import json
import re
import urllib.parse

from compat_support import (RUN_ID, Failure, Reporter, V1Scheduler, _clip, command_task, expect,
                            get_json, http_request, is_number, numeric_version, require_keys,
                            update_of, wait_until)

SUITE = "agent-endpoints"
ECHO_ID = "compat-agent-echo-%s" % RUN_ID
SLEEP_ID = "compat-agent-sleep-%s" % RUN_ID
ECHO_OUTPUT = "agent-endpoints\n"

STATE_KEYS = ["version", "build_date", "build_time", "build_user", "start_time", "id", "pid",
              "hostname", "resources", "attributes", "flags", "frameworks", "completed_frameworks"]
FRAMEWORK_KEYS = ["id", "name", "user", "failover_timeout", "checkpoint", "hostname", "executors",
                  "completed_executors"]
EXECUTOR_KEYS = ["id", "name", "source", "container", "directory", "resources", "tasks",
                 "queued_tasks", "completed_tasks"]
TASK_KEYS = ["id", "name", "framework_id", "executor_id", "slave_id", "state", "resources",
             "statuses"]
FILE_KEYS = ["path", "nlink", "size", "mtime", "mode", "uid", "gid"]
STATISTICS_KEYS = ["timestamp", "cpus_user_time_secs", "cpus_system_time_secs", "cpus_limit",
                   "mem_rss_bytes"]
CGROUP_STATISTICS_KEYS = ["cpus_nr_periods", "cpus_nr_throttled", "cpus_throttled_time_secs",
                          "mem_limit_bytes"]
METRIC_KEYS = ["slave/uptime_secs", "slave/registered", "slave/tasks_running",
               "slave/tasks_finished", "slave/tasks_failed", "slave/tasks_killed",
               "slave/cpus_total", "slave/cpus_used", "slave/mem_total", "slave/mem_used",
               "slave/frameworks_active", "slave/executors_running"]


class Context(object):
    sched = None
    framework_id = None
    agent_id = None
    agent = None          # host:port of the agent that runs the tasks
    state = None


ctx = Context()


def agent_get(path, expect_status=200):
    return get_json(path, expect_status=expect_status, base=ctx.agent)


def agent_call(body, headers=None, expect_status=200):
    """POSTs a call to the agent's /api/v1; the parsed answer, or the raw one for non-200s."""
    headers = headers if headers is not None else {"Content-Type": "application/json"}
    data = json.dumps(body).encode() if not isinstance(body, bytes) else body
    status, _, answer = http_request("/api/v1", "POST", data, headers, base=ctx.agent)
    expect(status == expect_status, "POST %s/api/v1 %s answered %s (expected %s): %s"
           % (ctx.agent, _clip(data, 120), status, expect_status, _clip(answer, 300)))
    return json.loads(answer.decode("utf-8")) if status == 200 else answer.decode("utf-8", "replace")


# ---------------------------------------------------------------------------------------------
# Setup


def run_tasks():
    sched = V1Scheduler("compat-agent-endpoints-%s" % RUN_ID)
    ctx.sched = sched
    sched.subscribe()
    ctx.framework_id = sched.framework_id

    ctx.agent_id = sched.launch_on_first_fitting(0.2, 64, lambda agent: [
        command_task(ECHO_ID, "compat agent echo", agent, "echo agent-endpoints"),
        command_task(SLEEP_ID, "compat agent sleep", agent, "sleep 600"),
    ])
    sched.wait_event(update_of(ECHO_ID, "TASK_FINISHED"), 30, "TASK_FINISHED for %s" % ECHO_ID)
    sched.wait_event(update_of(SLEEP_ID, "TASK_RUNNING"), 30, "TASK_RUNNING for %s" % SLEEP_ID)
    for slave in get_json("/master/slaves")["slaves"]:
        if slave["id"] == ctx.agent_id:
            ctx.agent = "%s:%s" % (slave["hostname"], slave["port"])
    expect(ctx.agent, "/master/slaves does not list agent %s" % ctx.agent_id)
    status, _, body = http_request("/health", base=ctx.agent)
    expect(status == 200, "the agent at %s (from /master/slaves) does not serve /health: %s %s"
           % (ctx.agent, status, _clip(body, 200)))


# ---------------------------------------------------------------------------------------------
# /state


def our_framework(state, where):
    fws = [f for f in state["frameworks"] if f.get("id") == ctx.framework_id]
    expect(fws, "%s: framework %s not under frameworks (ids %s)"
           % (where, ctx.framework_id, [f.get("id") for f in state["frameworks"]]))
    return fws[0]


def check_task(task, where, state):
    require_keys(task, TASK_KEYS, where)
    expect(task["state"] == state, "%s: state %r, expected %s" % (where, task["state"], state))
    expect(task["slave_id"] == ctx.agent_id and task["framework_id"] == ctx.framework_id,
           "%s: slave_id %r, framework_id %r" % (where, task["slave_id"], task["framework_id"]))
    expect(isinstance(task["statuses"], list) and task["statuses"], "%s: no statuses" % where)
    last = task["statuses"][-1]
    expect(last.get("state") == state and is_number(last.get("timestamp")),
           "%s: last status %s" % (where, _clip(json.dumps(last), 200)))
    container = last.get("container_status", {}).get("container_id", {}).get("value")
    expect(isinstance(container, str) and container, "%s: status without container_status."
           "container_id.value: %s" % (where, _clip(json.dumps(last), 200)))


def check_executor(executor, where, task_id):
    require_keys(executor, EXECUTOR_KEYS, where)
    expect(executor["id"] == task_id, "%s: id %r; a command task's executor has the task's id"
           % (where, executor["id"]))
    for key in ("name", "source", "container", "directory"):
        expect(isinstance(executor[key], str), "%s: %s is %r" % (where, key, executor[key]))
    expect(executor["directory"].startswith("/"), "%s: directory %r is not a path"
           % (where, executor["directory"]))
    require_keys(executor["resources"], ["cpus", "mem", "disk", "gpus"], where + ".resources")
    for key in ("tasks", "queued_tasks", "completed_tasks"):
        expect(isinstance(executor[key], list), "%s: %s is not a list" % (where, key))


def check_state(path):
    state = agent_get(path)
    require_keys(state, STATE_KEYS, path)
    numeric_version(state["version"])
    expect(state["id"] == ctx.agent_id, "%s: id %r, expected %s" % (path, state["id"], ctx.agent_id))
    expect(re.match(r"^slave\(1\)@[^@:\s]+:\d+$", state["pid"]), "%s: pid %r" % (path, state["pid"]))
    expect(is_number(state["start_time"]), "%s: start_time %r" % (path, state["start_time"]))
    require_keys(state["resources"], ["cpus", "mem", "disk"], path + ".resources")
    fw = our_framework(state, path)
    require_keys(fw, FRAMEWORK_KEYS, path + " framework")
    for executors, tasks, task_id, task_state in [("executors", "tasks", SLEEP_ID, "TASK_RUNNING"),
                                                  ("completed_executors", "completed_tasks", ECHO_ID,
                                                   "TASK_FINISHED")]:
        found = [e for e in fw[executors] if e.get("id") == task_id]
        expect(found, "%s: no executor %s under %s (%s)"
               % (path, task_id, executors, [e.get("id") for e in fw[executors]]))
        check_executor(found[0], "%s %s" % (path, executors), task_id)
        listed = [t for t in found[0][tasks] if t.get("id") == task_id]
        expect(listed, "%s: task %s is not under its executor's %s" % (path, task_id, tasks))
        check_task(listed[0], "%s %s task" % (path, task_state), task_state)
    ctx.state = state


def executor_directory(task_id):
    fw = our_framework(ctx.state or agent_get("/state"), "/state")
    for executor in fw["executors"] + fw["completed_executors"]:
        if executor["id"] == task_id:
            return executor["directory"]
    raise Failure("/state has no executor %s" % task_id)


# ---------------------------------------------------------------------------------------------
# Files


def files(op, **query):
    return "/files/%s?%s" % (op, urllib.parse.urlencode(query))


def check_browse():
    directory = executor_directory(ECHO_ID)
    listing = agent_get(files("browse", path=directory))
    expect(isinstance(listing, list), "/files/browse did not answer a list")
    paths = [entry.get("path") for entry in listing]
    expect(directory + "/stdout" in paths and directory + "/stderr" in paths,
           "/files/browse of %s lists %s" % (directory, paths))
    for entry in listing:
        require_keys(entry, FILE_KEYS, "/files/browse entry")
        expect(re.match(r"^[-dlcbps][-r][-w][-xsS][-r][-w][-xsS][-r][-w][-xtT]$", entry["mode"]),
               "mode %r is not like -rw-r--r--" % entry["mode"])
        expect(isinstance(entry["size"], int) and isinstance(entry["nlink"], int) and
               is_number(entry["mtime"]) and isinstance(entry["uid"], str) and
               isinstance(entry["gid"], str), "entry types: %s" % _clip(json.dumps(entry), 300))


def check_read():
    stdout = executor_directory(ECHO_ID) + "/stdout"
    whole = agent_get(files("read", path=stdout, offset=0, length=-1))
    expect(whole == {"data": ECHO_OUTPUT, "offset": 0}, "read to the end gave %s" % whole)
    size = agent_get(files("read", path=stdout, offset=-1))
    expect(size == {"data": "", "offset": len(ECHO_OUTPUT)}, "offset=-1 gave %s" % size)
    part = agent_get(files("read", path=stdout, offset=6, length=9))
    expect(part == {"data": ECHO_OUTPUT[6:15], "offset": 6}, "offset=6&length=9 gave %s" % part)
    virtual = "/frameworks/%s/tasks/%s/stdout" % (ctx.framework_id, ECHO_ID)
    expect(agent_get(files("read", path=virtual, offset=0))["data"] == ECHO_OUTPUT,
           "the virtual path %s reads otherwise" % virtual)


def check_read_refusals():
    directory = executor_directory(ECHO_ID)
    for query, status in [(dict(path=directory, offset=0), 400),
                          (dict(path=directory + "/nothing", offset=0), 404),
                          (dict(path=directory + "/stdout", offset="x"), 400),
                          (dict(path=directory + "/stdout", offset=0, length=-5), 400),
                          (dict(path=directory + "/../../../../../../etc/passwd", offset=0), 400),
                          (dict(path="/etc/passwd", offset=0), 404)]:
        code, _, body = http_request(files("read", **query), base=ctx.agent)
        expect(code == status, "/files/read %s answered %s (expected %s): %s"
               % (query, code, status, _clip(body, 200)))
    code, _, body = http_request(files("read", path=directory + "/stdout", offset="x"), base=ctx.agent)
    expect(b"offset" in body and b"x" in body, "the 400 for offset=x does not name it: %s" % body)


def check_download():
    stdout = executor_directory(ECHO_ID) + "/stdout"
    status, headers, body = http_request(files("download", path=stdout), base=ctx.agent)
    expect(status == 200 and body == ECHO_OUTPUT.encode(), "/files/download answered %s: %s"
           % (status, _clip(body, 200)))
    expect("attachment" in headers.get("content-disposition", ""),
           "Content-Disposition is %r" % headers.get("content-disposition"))
    status, _, _ = http_request(files("download", path=executor_directory(ECHO_ID)), base=ctx.agent)
    expect(status == 400, "downloading a directory answered %s (expected 400)" % status)


# ---------------------------------------------------------------------------------------------
# Statistics, operator API, metrics


def check_statistics(path):
    entries = agent_get(path)
    expect(isinstance(entries, list), "%s is not a list" % path)
    ours = [e for e in entries if e.get("executor_id") == SLEEP_ID]
    expect(ours, "%s: no entry for %s (%s)" % (path, SLEEP_ID, [e.get("executor_id") for e in entries]))
    require_keys(ours[0], ["executor_id", "executor_name", "framework_id", "source", "statistics"], path)
    expect(ours[0]["framework_id"] == ctx.framework_id, "%s: framework_id %r" % (path, ours[0]["framework_id"]))
    stats = ours[0]["statistics"]
    wanted = STATISTICS_KEYS + (CGROUP_STATISTICS_KEYS
                                if ctx.state["flags"].get("isolation", "").startswith("cgroups") else [])
    require_keys(stats, wanted, path + " statistics")
    bad = {k: v for k, v in stats.items() if not is_number(v)}
    expect(not bad, "%s: statistics that are not numbers: %s" % (path, bad))
    expect(abs(stats["cpus_limit"] - 0.1) < 1e-6, "%s: cpus_limit %r for a 0.1-cpu task" % (path, stats["cpus_limit"]))


def check_operator_reads():
    health = agent_call({"type": "GET_HEALTH"})
    expect(health == {"type": "GET_HEALTH", "get_health": {"healthy": True}}, "GET_HEALTH: %s" % health)
    numeric_version(agent_call({"type": "GET_VERSION"})["get_version"]["version_info"]["version"])
    state = agent_call({"type": "GET_STATE"})["get_state"]
    require_keys(state, ["get_tasks", "get_executors", "get_frameworks"], "GET_STATE")
    tasks = agent_call({"type": "GET_TASKS"})["get_tasks"]
    launched = [t for t in tasks.get("launched_tasks", []) if t["task_id"]["value"] == SLEEP_ID]
    expect(launched, "GET_TASKS: %s not under launched_tasks" % SLEEP_ID)
    require_keys(launched[0], ["name", "task_id", "framework_id", "agent_id", "state", "resources",
                               "statuses"], "GET_TASKS launched task")
    ended = [t for key in ("completed_tasks", "terminated_tasks") for t in tasks.get(key, [])
             if t["task_id"]["value"] == ECHO_ID]
    expect(ended and ended[0]["state"] == "TASK_FINISHED", "GET_TASKS: %s not completed" % ECHO_ID)
    frameworks = agent_call({"type": "GET_FRAMEWORKS"})["get_frameworks"]["frameworks"]
    expect(ctx.framework_id in [f["framework_info"]["id"]["value"] for f in frameworks],
           "GET_FRAMEWORKS does not list %s" % ctx.framework_id)
    executors = agent_call({"type": "GET_EXECUTORS"})["get_executors"]["executors"]
    expect(SLEEP_ID in [e["executor_info"]["executor_id"]["value"] for e in executors],
           "GET_EXECUTORS does not list %s" % SLEEP_ID)
    containers = agent_call({"type": "GET_CONTAINERS"})["get_containers"]["containers"]
    ours = [c for c in containers if c["executor_id"]["value"] == SLEEP_ID]
    expect(ours, "GET_CONTAINERS does not list %s" % SLEEP_ID)
    require_keys(ours[0], ["framework_id", "executor_id", "executor_name", "container_id",
                           "container_status", "resource_statistics"], "GET_CONTAINERS container")


def check_operator_refusals():
    answer = agent_call({"type": "LAUNCH_NESTED_CONTAINER"}, expect_status=400)
    expect("LAUNCH_NESTED_CONTAINER" in answer, "the 400 does not name the call type: %s" % answer)
    agent_call({"type": "GET_HEALTH"}, headers={"Content-Type": "text/plain"}, expect_status=415)
    agent_call(b"{not json", expect_status=400)
    status, _, _ = http_request("/api/v1", base=ctx.agent)
    expect(status == 405, "GET /api/v1 answered %s (expected 405)" % status)


def check_metrics():
    metrics = agent_get("/metrics/snapshot")
    require_keys(metrics, METRIC_KEYS, "/metrics/snapshot")
    bad = {k: v for k, v in metrics.items() if not is_number(v)}
    expect(not bad, "metrics that are not numbers: %s" % bad)
    expect(metrics["slave/registered"] == 1, "slave/registered is %r" % metrics["slave/registered"])
    expect(metrics["slave/tasks_running"] >= 1 and metrics["slave/tasks_finished"] >= 1,
           "tasks_running %r, tasks_finished %r" % (metrics["slave/tasks_running"],
                                                    metrics["slave/tasks_finished"]))
    expect(metrics["slave/cpus_used"] >= 0.1 - 1e-9, "slave/cpus_used is %r" % metrics["slave/cpus_used"])


def check_master_side():
    fw = [f for f in get_json("/master/frameworks")["frameworks"] if f["id"] == ctx.framework_id]
    expect(fw and fw[0]["hostname"], "/master/frameworks: the framework's hostname is %r"
           % (fw[0]["hostname"] if fw else None))
    updates = [ev["update"]["status"] for ev in ctx.sched.events if ev.get("type") == "UPDATE"]
    without = [u["state"] for u in updates if not u.get("container_status", {}).get("container_id")]
    expect(updates and not without, "UPDATEs without container_status.container_id: %s" % without)
    tasks = get_json("/master/tasks?framework_id=%s" % ctx.framework_id)["tasks"]
    statuses = [s for t in tasks for s in t["statuses"]]
    expect(statuses and all("container_status" in s for s in statuses),
           "/master/tasks statuses without container_status: %s" % _clip(json.dumps(statuses), 300))


def main():
    rep = Reporter(SUITE)
    rep.check("setup: 'echo' to TASK_FINISHED and 'sleep 600' TASK_RUNNING on one agent, "
              "its address from /master/slaves", run_tasks)
    if rep.failed:
        rep.skip_as_failed("the agent's endpoints", "setup failed")
    else:
        rep.check("GET /version on the agent: numeric", lambda: numeric_version(agent_get("/version")["version"]))
        for path in ("/state", "/state.json", "/slave(1)/state", "/slave(1)/state.json"):
            rep.check("GET %s: the agent, its framework, an executor per command task" % path,
                      check_state, path)
        rep.check("GET /files/browse?path=<executor directory>: FileInfo entries", check_browse)
        rep.check("GET /files/read: whole, offset=-1, a slice, the virtual path", check_read)
        rep.check("GET /files/read: 400 for a directory, bad offsets and '..', 404 unknown",
                  check_read_refusals)
        rep.check("GET /files/download: the bytes, as an attachment", check_download)
        for path in ("/monitor/statistics", "/monitor/statistics.json"):
            rep.check("GET %s: the running executor's counters" % path, check_statistics, path)
        rep.check("POST /api/v1: GET_HEALTH, GET_VERSION, GET_STATE, GET_TASKS, GET_FRAMEWORKS, "
                  "GET_EXECUTORS, GET_CONTAINERS", check_operator_reads)
        rep.check("POST /api/v1: 400 for unknown calls and bad bodies, 415, 405 for GET",
                  check_operator_refusals)
        rep.check("GET /metrics/snapshot: slave/* numbers", check_metrics)
        rep.check("master: the framework's hostname, container_status in updates and tasks",
                  check_master_side)
    if ctx.sched is not None:
        ctx.sched.leave()
    rep.finish()


if __name__ == "__main__":
    main()
