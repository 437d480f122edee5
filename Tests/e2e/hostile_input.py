"""Hostile inputs against a running cluster (started by Tests/e2e/hostile-input.sh): every input
an audit found could stop or wedge a process, sent over the wire as a hostile client would, each
refused with a 4xx that names the field (or, where the input is legal, handled without harm),
and after each one every process still up and answering.

Environment (hostile-input.sh sets it):
  CORRAL_MASTER, CORRAL_SERVICES, CORRAL_JOBS   IP:PORT of the master, Services and Jobs
  CORRAL_AGENT                                  IP:PORT of the real agent's own endpoint
  CORRAL_HOSTILE_PIDS                           name=pid,... of the processes to watch
Standard library only (plus Tests/compat's compat_support and auth_support, also standard
library only). Prints 'input: ... -> STATUS ...' for every input tried, PASS/FAIL per check, and
'hostile-input: N passed, M failed'; exits 1 if any failed.
"""

import http.client
import json
import os
import socket
import threading
import time

from compat_support import (MASTER, RUN_ID, Failure, Reporter, V1Scheduler, _clip,
                            command_task, expect, fits, wait_until)
from auth_support import (FakeAgent, get_json, master_tasks, ranges_resource, request,
                          scalar_resource)

SERVICES = os.environ["CORRAL_SERVICES"]
JOBS = os.environ["CORRAL_JOBS"]
AGENT = os.environ["CORRAL_AGENT"]
PIDS = dict(item.split("=", 1) for item in os.environ.get("CORRAL_HOSTILE_PIDS", "").split(",")
            if "=" in item)

KEEPER = "/hostile/keeper-%s" % RUN_ID.lower()
KEEPER_CMD = "exec sleep 600"
KEEPER_JOB = "hostile-keeper-job-%s" % RUN_ID
WIDE_HOST = "hostile-wide-ports-%s" % RUN_ID
FAR = "R/2030-01-01T00:00:00Z/P1D"
U64_MAX = 18446744073709551615
I64_MAX = 9223372036854775807

SUITE = "hostile-input"


class State(object):
    keeper_tasks = None        # the keeper's task IDs before the barrage
    keeper_version = None
    real_agent = None
    scheduler = None
    wide = None
    forger = None


# ---------------------------------------------------------------------------------------------
# Liveness


def alive():
    """Every process up, and each answering what it serves; Failure naming what is not."""
    problems = []
    for name, pid in sorted(PIDS.items()):
        try:
            os.kill(int(pid), 0)
        except OSError:
            problems.append("%s (pid %s) has exited" % (name, pid))
    probes = [
        (MASTER, "/health", False), (MASTER, "/master/state", True),
        (AGENT, "/health", False),
        (SERVICES, "/ping", False), (SERVICES, "/v2/apps", True),
        (JOBS, "/v1/scheduler/jobs", True),
    ]
    for base, path, is_json in probes:
        try:
            status, _, body = request(base, path, timeout=5)
        except Exception as e:
            problems.append("GET %s%s: no answer (%s: %s)" % (base, path, type(e).__name__, e))
            continue
        if status != 200:
            problems.append("GET %s%s answered %s: %s" % (base, path, status, _clip(body, 150)))
        elif is_json:
            try:
                json.loads(body.decode("utf-8"))
            except Exception as e:
                problems.append("GET %s%s: not JSON (%s)" % (base, path, e))
    if problems:
        raise Failure("after the input: %s" % "; ".join(problems))


def show(label, status, body):
    print("input: %s -> %s %s" % (label, status, _clip(body if body is not None else b"", 240)),
          flush=True)


def refused(label, status, body, want_status, names):
    """The answer is want_status and its body names every one of `names`."""
    show(label, status, body)
    text = body.decode("utf-8", "replace") if isinstance(body, (bytes, bytearray)) else str(body)
    expect(status == want_status, "%s answered %s, expected %s: %s"
           % (label, status, want_status, _clip(text, 300)))
    missing = [n for n in names if n not in text]
    expect(not missing, "%s: the answer does not name %s: %s" % (label, missing, _clip(text, 300)))


def timed(fn, limit, what):
    started = time.time()
    result = fn()
    took = time.time() - started
    expect(took < limit, "%s took %.1fs (more than %gs)" % (what, took, limit))
    return result


class HoldingScheduler(V1Scheduler):
    """Declines every offer at once (refused for a second), except while a check holds offers
    to take one: then they stay on the event list for fresh_offer()."""

    def __init__(self, name):
        V1Scheduler.__init__(self, name)
        self.hold = threading.Event()

    def _handle(self, event):
        if event.get("type") == "SUBSCRIBED":
            # Offers follow at once, before subscribe() has returned: the ID is needed now.
            self.framework_id = event["subscribed"]["framework_id"]["value"]
        if event.get("type") == "OFFERS" and not self.hold.is_set():
            ids = [o["id"] for o in event["offers"].get("offers", [])]
            if ids:
                try:
                    self.call("DECLINE", {"offer_ids": ids, "filters": {"refuse_seconds": 1.0}})
                except Exception as e:
                    self.handler_errors.append("DECLINE: %s: %s" % (type(e).__name__, e))
            return
        V1Scheduler._handle(self, event)


# ---------------------------------------------------------------------------------------------
# Before the barrage


def marathon_app(app_id):
    status, _, body = request(SERVICES, "/v2/apps%s" % app_id)
    if status != 200:
        return None
    return json.loads(body.decode("utf-8"))["app"]


def keeper_settled():
    app = marathon_app(KEEPER)
    if app and app["tasksRunning"] == 2 and not app.get("deployments"):
        return app
    return None


def setup():
    def agent_active():
        slaves = get_json(MASTER, "/master/slaves")["slaves"]
        active = [s for s in slaves if s.get("active")]
        return active[0]["id"] if len(active) == 1 else None
    State.real_agent = wait_until(agent_active, 30, "the real agent in /master/slaves")

    def subscribed():
        names = {f["name"] for f in get_json(MASTER, "/master/state")["frameworks"]}
        return {"services", "jobs"} <= names
    wait_until(subscribed, 30, "Services and Jobs subscribed")

    app = {"id": KEEPER, "cmd": KEEPER_CMD, "instances": 2, "cpus": 0.1, "mem": 16,
           "portDefinitions": [{"port": 0}]}
    status, _, body = request(SERVICES, "/v2/apps", "POST", app)
    expect(status == 201, "creating %s answered %s: %s" % (KEEPER, status, _clip(body, 300)))
    app = wait_until(keeper_settled, 40, "%s to run 2 instances" % KEEPER, interval=0.2)
    State.keeper_tasks = sorted(t["id"] for t in app["tasks"])
    State.keeper_version = app["version"]
    tasks = master_tasks()
    for tid in State.keeper_tasks:
        expect(tasks.get(tid, {}).get("state") == "TASK_RUNNING",
               "the master does not show %s running: %s" % (tid, tasks.get(tid)))
    job = {"name": KEEPER_JOB, "command": "true", "schedule": FAR, "owner": "a@example.com",
           "cpus": 0.1, "mem": 32}
    status, _, body = request(JOBS, "/v1/scheduler/iso8601", "POST", job)
    expect(status in (200, 204), "adding %s answered %s: %s" % (KEEPER_JOB, status, _clip(body)))
    print("    keeper app %s runs %s on agent %s (ports %s); keeper job %s added"
          % (KEEPER, State.keeper_tasks, State.real_agent,
             [t.get("ports") for t in app["tasks"]], KEEPER_JOB))

    sched = HoldingScheduler("hostile-scheduler-%s" % RUN_ID)
    sched.subscribe()
    State.scheduler = sched
    alive()
    return True


# ---------------------------------------------------------------------------------------------
# The master


def fresh_offer(cpus=0.1, mem=32):
    """An offer on the real agent that fits; every other offer received meanwhile is declined."""
    sched = State.scheduler
    with sched.cond:
        mark = len(sched.events)
        seen = list(sched.events)
    sched.hold.set()
    try:
        sched.call("REVIVE", expect_status=None)

        def fitting(ev):
            return (ev.get("type") == "OFFERS" and all(ev is not old for old in seen)
                    and any(fits(o, cpus, mem) and o["agent_id"]["value"] == State.real_agent
                            for o in ev["offers"].get("offers", [])))
        ev = sched.wait_event(fitting, 30, "an offer on the real agent")
    finally:
        sched.hold.clear()
    held = [e for e in sched.events[mark:] if e.get("type") == "OFFERS"]
    offer = [o for o in ev["offers"]["offers"]
             if fits(o, cpus, mem) and o["agent_id"]["value"] == State.real_agent][0]
    rest = [o["id"] for e in held for o in e["offers"].get("offers", []) if o is not offer]
    if rest:
        sched.call("DECLINE", {"offer_ids": rest, "filters": {"refuse_seconds": 1.0}},
                   expect_status=None)
    return offer


def accept_answer(offer, task):
    status, _, body = request(MASTER, "/api/v1/scheduler", "POST", {
        "type": "ACCEPT", "framework_id": {"value": State.scheduler.framework_id},
        "accept": {"offer_ids": [offer["id"]], "operations": [
            {"type": "LAUNCH", "launch": {"task_infos": [task]}}]}},
        {"Mesos-Stream-Id": State.scheduler.stream_id})
    return status, body


def decline(offer):
    State.scheduler.call("DECLINE", {"offer_ids": [offer["id"]],
                                     "filters": {"refuse_seconds": 0.1}}, expect_status=None)


def check_health_check_timeout():
    offer = fresh_offer()
    tid = "hostile-hc-%s" % RUN_ID
    task = command_task(tid, tid, offer["agent_id"]["value"], "sleep 60")
    task["health_check"] = {"type": "COMMAND", "command": {"value": "true"},
                            "timeout_seconds": 1e300, "interval_seconds": 1}
    status, body = timed(lambda: accept_answer(offer, task), 5, "the ACCEPT")
    decline(offer)
    refused("scheduler ACCEPT, task health_check.timeout_seconds 1e300", status, body, 400,
            ["timeout_seconds"])
    expect(tid not in master_tasks(), "the master has the task anyway: %s" % master_tasks().get(tid))
    alive()


def check_task_id_dotdot():
    offer = fresh_offer()
    task = command_task("..", "dotdot", offer["agent_id"]["value"], "touch escaped")
    status, body = accept_answer(offer, task)
    show("scheduler ACCEPT, task_id '..'", status, body)
    if status == 202:
        ev = State.scheduler.wait_event(
            lambda e: e.get("type") == "UPDATE" and e["update"]["status"]["task_id"]["value"] == "..",
            15, "an update for task '..'")
        st = ev["update"]["status"]
        print("    update for task '..': %s %s: %s" % (st["state"], st.get("reason"), st.get("message")))
        expect(st["state"] == "TASK_ERROR", "task '..' was not refused: %s" % st)
        expect("Task ID" in st.get("message", ""), "the TASK_ERROR does not name the task ID: %s" % st)
    else:
        decline(offer)
        expect(400 <= status < 500, "ACCEPT of task '..' answered %s" % status)
    alive()


def check_weights():
    for weight in ("NaN", "Infinity", 1e300, -1, 0):
        status, _, body = request(MASTER, "/api/v1", "POST", {
            "type": "UPDATE_WEIGHTS", "update_weights": {"weight_infos": [
                {"role": "hostile", "weight": weight}]}}, {"Accept": "application/json"})
        refused("operator UPDATE_WEIGHTS weight %s" % json.dumps(weight), status, body, 400,
                ["weight"])
        alive()
    status, _, body = request(MASTER, "/api/v1", "POST", {"type": "GET_WEIGHTS"},
                              {"Accept": "application/json"})
    expect(status == 200, "GET_WEIGHTS answered %s: %s" % (status, _clip(body)))
    expect(b"hostile" not in body, "a refused weight was stored: %s" % _clip(body))


def check_agent_cpus():
    agent = FakeAgent("hostile-huge-cpus-%s" % RUN_ID,
                      [scalar_resource("cpus", 1e306), scalar_resource("mem", 1024)])
    status, body = agent.register()
    if status == 200:
        agent.close()
    refused("agent REGISTER advertising cpus 1e306", status, body, 400, ["cpus"])
    hosts = [s["hostname"] for s in get_json(MASTER, "/master/slaves")["slaves"]]
    expect(agent.hostname not in hosts, "the agent is listed anyway: %s" % hosts)
    alive()


def raw_exchange(data, limit=10):
    """Sends `data` as the first bytes of a new connection to the master; returns what comes
    back until the master closes it (or `limit` seconds pass)."""
    host, port = MASTER.rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=limit) as conn:
        try:
            conn.sendall(data)
        except OSError:
            pass  # the master may answer and close before the rest is in
        answer = b""
        deadline = time.time() + limit
        while time.time() < deadline:
            try:
                chunk = conn.recv(65536)
            except OSError:
                break
            if not chunk:
                break
            answer += chunk
    return answer


def check_raw_registrations():
    """A registration's connection is answered apart from the HTTP server: what breaks HTTP
    there is refused there too, and the master serves on."""
    head = (b"POST /corral/v1/agent/register HTTP/1.1\r\nHost: x\r\n"
            b"Content-Type: application/json\r\n")
    huge = b"9" * (9 << 20)
    cases = [
        ("a body past the master's 8 MiB limit", head + b"Content-Length: %d\r\n\r\n" % len(huge)
         + huge, b" 413 ", b"larger than"),
        # Refused once the limit is passed, not when a body that never ends has ended.
        ("an endless chunked body", head + b"Transfer-Encoding: chunked\r\n\r\n"
         + (b"100000\r\n" + b"7" * 0x100000 + b"\r\n") * 9, b" 413 ", b"larger than"),
        ("a header line with no colon", head + b"no colon here\r\n\r\n", b" 400 ", b""),
        ("a Content-Length of 10^20", head + b"Content-Length: 100000000000000000000\r\n\r\n",
         b" 400 ", b""),
        ("a chunk size that is not hex", head + b"Transfer-Encoding: chunked\r\n\r\nzz\r\n",
         b" 400 ", b""),
        ("JSON that is not a REGISTER", head + b"Content-Length: 42\r\n\r\n"
         + b'{"type":"PING","agent_id":{"value":"x"}}  ', b" 400 ", b"REGISTER"),
    ]
    for label, data, status, words in cases:
        answer = timed(lambda: raw_exchange(data), 15, label)
        show("raw registration with " + label, None, answer)
        expect(answer.split(b"\r\n", 1)[0].find(status) > 0,
               "%s was answered %r, expected a%s" % (label, _clip(answer, 200), status.decode()))
        expect(words in answer, "%s: the answer does not say %r: %r" % (label, words, _clip(answer, 300)))
    alive()


def check_agent_wide_ports():
    agent = FakeAgent(WIDE_HOST, [scalar_resource("cpus", 2), scalar_resource("mem", 1024),
                                  ranges_resource("ports", 1, U64_MAX)])
    status, body = agent.register()
    show("agent REGISTER advertising ports [1-%d]" % U64_MAX, status, body)
    expect(status == 200, "the master refused it: %s %s" % (status, _clip(body or b"")))
    State.wide = agent
    print("    registered as %s" % agent.agent_id)
    alive()


def check_services_places_on_wide_agent():
    expect(State.wide is not None, "the wide-ports agent did not register")
    app_id = "/hostile/wide-%s" % RUN_ID.lower()
    app = {"id": app_id, "cmd": "sleep 600", "instances": 1, "cpus": 0.1, "mem": 16,
           "portDefinitions": [{"port": 0}, {"port": 0}],
           "constraints": [["hostname", "CLUSTER", WIDE_HOST]]}
    status, _, body = request(SERVICES, "/v2/apps", "POST", app)
    show("Services app with 2 ports constrained to the wide-ports agent", status, body)
    expect(status == 201, "creating it answered %s" % status)

    def placed():
        alive()
        a = marathon_app(app_id)
        return a and a["tasksRunning"] == 1 and a
    a = wait_until(placed, 40, "%s placed and running on %s" % (app_id, WIDE_HOST), interval=0.3)
    task = a["tasks"][0]
    print("    task %s on %s with ports %s" % (task["id"], task.get("host"), task.get("ports")))
    expect(task.get("host") == WIDE_HOST, "placed on %s" % task.get("host"))
    ports = task.get("ports") or []
    expect(len(ports) == 2 and len(set(ports)) == 2 and all(1 <= p <= U64_MAX for p in ports),
           "the task's ports %s are not two distinct ports of the range" % ports)
    status, _, body = request(SERVICES, "/v2/apps%s?force=true" % app_id, "DELETE")
    expect(status == 200, "deleting %s answered %s: %s" % (app_id, status, _clip(body)))
    wait_until(lambda: marathon_app(app_id) is None, 20, "%s deleted" % app_id)
    State.wide.wait_event(lambda e: e.get("type") == "KILL", 20, "the KILL of %s" % task["id"])
    alive()


def check_framework_id_dotdot():
    for fid in ("..", "../escape"):
        body = {"type": "SUBSCRIBE", "framework_id": {"value": fid}, "subscribe": {
            "framework_info": {"user": "root", "name": "hostile-dotdot", "id": {"value": fid}}}}
        host, port = MASTER.rsplit(":", 1)
        conn = http.client.HTTPConnection(host, int(port), timeout=10)
        try:
            conn.request("POST", "/api/v1/scheduler", body=json.dumps(body).encode(),
                         headers={"Content-Type": "application/json",
                                  "Accept": "application/json", "Connection": "close"})
            resp = conn.getresponse()
            if resp.status != 200:
                show("scheduler SUBSCRIBE with framework ID %r" % fid, resp.status, resp.read())
                raise Failure("expected 200 and an ERROR event, got %s" % resp.status)
            length = int(resp.readline().strip())
            record = json.loads(resp.read(length).decode("utf-8"))
        finally:
            conn.close()
        show("scheduler SUBSCRIBE with framework ID %r" % fid, 200, json.dumps(record).encode())
        expect(record.get("type") == "ERROR", "the first event is %s" % record.get("type"))
        message = record["error"].get("message", "")
        expect("Framework ID" in message, "the ERROR does not name the framework ID: %r" % message)
        frameworks = get_json(MASTER, "/master/frameworks")
        ids = [f["id"] for f in frameworks.get("frameworks", [])]
        expect(fid not in ids, "framework %r is listed: %s" % (fid, ids))
        alive()


def check_forged_updates():
    forger = FakeAgent("hostile-forger-%s" % RUN_ID,
                       [scalar_resource("cpus", 0.5), scalar_resource("mem", 64)],
                       answer_launches=False)
    status, body = forger.register()
    show("unauthenticated fake agent REGISTER (the master does not authenticate agents)",
         status, body)
    expect(status == 200, "the fake agent could not register: %s" % status)
    State.forger = forger
    alive()
    framework_id = master_tasks()[State.keeper_tasks[0]]["framework_id"]
    forged = [
        (State.keeper_tasks[0], "TASK_FAILED", State.real_agent,
         "as the fake agent, status.agent_id = the real agent"),
        (State.keeper_tasks[1], "TASK_KILLED", forger.agent_id,
         "as the fake agent, status.agent_id = the fake agent"),
        (State.keeper_tasks[0], "TASK_FINISHED", None,
         "as the fake agent, status.agent_id = the fake agent"),
    ]
    for task_id, state, status_agent, how in forged:
        status, body = forger.update(framework_id, task_id, state, agent_id=status_agent,
                                     reason="REASON_COMMAND_EXECUTOR_FAILED",
                                     message="forged by the test")
        show("forged UPDATE %s for %s (running on the real agent) %s" % (state, task_id, how),
             status, body)
        expect(status < 500, "the forged update answered %s" % status)
        # The master has handled the call once it answered; Services would react within a
        # moment. Watch both for two seconds: nothing may move.
        deadline = time.time() + 2
        while time.time() < deadline:
            tasks = master_tasks()
            for tid in State.keeper_tasks:
                expect(tasks.get(tid, {}).get("state") == "TASK_RUNNING",
                       "after the forged %s, /master/tasks shows %s as %s"
                       % (state, tid, tasks.get(tid, {}).get("state")))
            app = marathon_app(KEEPER)
            expect(app and sorted(t["id"] for t in app["tasks"]) == State.keeper_tasks
                   and app["tasksRunning"] == 2,
                   "after the forged %s, Services shows %s" % (
                       state, app and [(t["id"], t.get("state")) for t in app["tasks"]]))
            time.sleep(0.2)
        alive()


# ---------------------------------------------------------------------------------------------
# Services (Marathon's API)


def post_app(label, app, want_names, method="POST", path="/v2/apps", limit=10):
    status, _, body = timed(lambda: request(SERVICES, path, method, app, timeout=limit + 5),
                            limit, label)
    refused(label, status, body, 422, want_names)
    if isinstance(app, dict) and method == "POST":
        expect(marathon_app(app["id"]) is None, "%s was created anyway" % app["id"])
    alive()


def check_health_check_port():
    post_app("POST /v2/apps with healthChecks port -1",
             {"id": "/hostile/hc-port", "cmd": "sleep 600",
              "healthChecks": [{"protocol": "TCP", "port": -1}]}, ["/healthChecks(0)", "port"])


def check_instances():
    post_app("POST /v2/apps with instances %d" % I64_MAX,
             {"id": "/hostile/many", "cmd": "sleep 600", "instances": I64_MAX}, ["/instances"])


def check_put_instances():
    post_app("PUT /v2/apps%s changing cmd, with instances %d" % (KEEPER, I64_MAX),
             {"cmd": "exec sleep 601", "instances": I64_MAX}, ["/instances"], method="PUT",
             path="/v2/apps%s" % KEEPER)
    app = marathon_app(KEEPER)
    expect(app["cmd"] == KEEPER_CMD and app["instances"] == 2 and
           app["version"] == State.keeper_version,
           "the keeper changed: cmd %r, instances %r, version %r"
           % (app["cmd"], app["instances"], app["version"]))


def check_backoff():
    for label, app, names in (
            ("backoffSeconds 1e300 and maxLaunchDelaySeconds 1e300",
             {"backoffSeconds": 1e300, "maxLaunchDelaySeconds": 1e300},
             ["/backoffSeconds", "/maxLaunchDelaySeconds"]),
            ("backoffSeconds 1e300", {"backoffSeconds": 1e300}, ["/backoffSeconds"])):
        app.update({"id": "/hostile/backoff", "cmd": "exit 1"})
        post_app("POST /v2/apps with %s" % label, app, names)
        status, _, body = request(SERVICES, "/v2/queue")
        show("GET /v2/queue after it", status, body)
        expect(status == 200 and "queue" in json.loads(body.decode("utf-8")),
               "GET /v2/queue answered %s: %s" % (status, _clip(body)))


def check_tiny_cpus():
    post_app("POST /v2/apps with cpus 1e-9 and 100000 instances",
             {"id": "/hostile/tiny", "cmd": "sleep 600", "cpus": 1e-9, "instances": 100000},
             ["/cpus"])


def check_put_list():
    post_app("PUT /v2/apps with body [1]", [1], ["(0)"], method="PUT")


def check_constraint_patterns():
    for label, pattern in (("(){1000}{1000}{1000}{1000}", "(){1000}{1000}{1000}{1000}"),
                           ("3000 '[' characters", "[" * 3000)):
        post_app("POST /v2/apps with constraint [hostname, LIKE, %s]" % label,
                 {"id": "/hostile/pattern", "cmd": "sleep 600",
                  "constraints": [["hostname", "LIKE", pattern]]}, ["/constraints(0)"], limit=5)


# ---------------------------------------------------------------------------------------------
# Jobs (Chronos's API)


def check_job_inputs():
    base = {"command": "true", "schedule": FAR, "owner": "a@example.com", "cpus": 0.1, "mem": 32}
    cases = [
        ("cpus 1e-9", {"cpus": 1e-9}, ["cpus"]),
        ("schedule R/2030-01-01T00:00:00Z/PT0S (a zero period)",
         {"schedule": "R/2030-01-01T00:00:00Z/PT0S"}, ["schedule", "period"]),
        ("schedule R-1/2030-01-01T00:00:00Z/P1D", {"schedule": "R-1/2030-01-01T00:00:00Z/P1D"},
         ["schedule", "R-1"]),
        ("schedule R/9999-12-31T23:59:59Z/P99999999999Y",
         {"schedule": "R/9999-12-31T23:59:59Z/P99999999999Y"}, ["schedule", "P99999999999Y"]),
    ]
    for i, (label, fields, names) in enumerate(cases):
        job = dict(base, name="hostile-job-%d-%s" % (i, RUN_ID), **fields)
        status, _, body = request(JOBS, "/v1/scheduler/iso8601", "POST", job)
        refused("POST /v1/scheduler/iso8601 with %s" % label, status, body, 400, names)
        status, _, listing = request(JOBS, "/v1/scheduler/jobs")
        expect(job["name"].encode() not in listing, "%s was stored anyway" % job["name"])
        alive()


# ---------------------------------------------------------------------------------------------
# After the barrage


def check_nothing_lost():
    app = wait_until(keeper_settled, 20, "%s settled with 2 instances" % KEEPER, interval=0.3)
    tasks = sorted(t["id"] for t in app["tasks"])
    expect(tasks == State.keeper_tasks, "the keeper's tasks were %s, now %s"
           % (State.keeper_tasks, tasks))
    expect(app["cmd"] == KEEPER_CMD and app["version"] == State.keeper_version,
           "the keeper changed: cmd %r, version %r" % (app["cmd"], app["version"]))
    master = master_tasks()
    for tid in tasks:
        t = master.get(tid, {})
        expect(t.get("state") == "TASK_RUNNING" and t.get("slave_id") == State.real_agent,
               "the master shows %s as %s on %s" % (tid, t.get("state"), t.get("slave_id")))
    slaves = {s["id"]: s for s in get_json(MASTER, "/master/slaves")["slaves"]}
    expect(slaves.get(State.real_agent, {}).get("active") is True,
           "the real agent is not active: %s" % slaves.get(State.real_agent))
    jobs = [j["name"] for j in get_json(JOBS, "/v1/scheduler/jobs")]
    expect(KEEPER_JOB in jobs, "the keeper job is gone: %s" % jobs)
    print("    %s still runs %s; %s still listed" % (KEEPER, tasks, KEEPER_JOB))
    alive()


def main():
    rep = Reporter(SUITE)
    if not rep.check("setup: a real app of 2 instances and a job, before the barrage", setup):
        rep.finish()
    checks = [
        ("master: ACCEPT with a health check timeout_seconds 1e300 is 400 naming it",
         check_health_check_timeout),
        ("master: ACCEPT of task ID '..' is refused (TASK_ERROR naming the task ID)",
         check_task_id_dotdot),
        ("master: UPDATE_WEIGHTS with weight NaN (and Infinity, 1e300, -1, 0) is 400 naming "
         "the weight", check_weights),
        ("master: an agent advertising cpus 1e306 is 400 naming cpus", check_agent_cpus),
        ("master: raw registrations that break HTTP (8 MiB+ body, endless body, bad header, Content-Length "
         "10^20, bad chunk, a PING) are 413 or 400", check_raw_registrations),
        ("master: an agent advertising ports [1-2^64-1] is admitted", check_agent_wide_ports),
        ("services: an app with two ports placed on the [1-2^64-1] agent runs, then is deleted",
         check_services_places_on_wide_agent),
        ("master: SUBSCRIBE with framework ID '..' (and '../escape') gets an ERROR event",
         check_framework_id_dotdot),
        ("master: forged status updates from another agent leave the real agent's tasks "
         "running", check_forged_updates),
        ("services: healthChecks port -1 is 422", check_health_check_port),
        ("services: instances 2^63-1 is 422", check_instances),
        ("services: PUT changing cmd with instances 2^63-1 is 422; the app is unchanged",
         check_put_instances),
        ("services: backoffSeconds 1e300 (+ maxLaunchDelaySeconds 1e300) is 422; /v2/queue "
         "answers", check_backoff),
        ("services: cpus 1e-9 with 100000 instances is 422", check_tiny_cpus),
        ("services: PUT /v2/apps with body [1] is 422", check_put_list),
        ("services: constraint patterns that explode are 422 within 5s",
         check_constraint_patterns),
        ("jobs: a job of cpus 1e-9 (and schedules of a zero period, R-1, 10^11 years) is 400 "
         "naming the field", check_job_inputs),
    ]
    for name, fn in checks:
        rep.check(name, fn)
    rep.check("after the barrage: the real app still runs its 2 instances (same tasks), the "
              "job is listed, every process answers", check_nothing_lost)
    for agent in (State.wide, State.forger):
        if agent is not None:
            agent.close()
    if State.scheduler is not None:
        State.scheduler.call("TEARDOWN", expect_status=None)
        State.scheduler.close()
    rep.finish()


if __name__ == "__main__":
    main()
