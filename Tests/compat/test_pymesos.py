"""pymesos 0.3.15 against Corral, unmodified.

A pymesos.Scheduler subscribes through MesosSchedulerDriver(..., "127.0.0.1:PORT",
use_addict=True), launches one command task ('echo hello; exit 0', cpus 0.1, mem 32) on the first
offer that fits and declines every other offer, sees TASK_RUNNING and TASK_FINISHED (pymesos
acknowledges updates carrying a uuid by itself), then driver.stop() sends TEARDOWN. While the
framework is subscribed, pymesos's MesosOperatorMasterDriver reads GET_STATE (and the other
synchronous operator calls) and must find the framework, the agents and the task.
"""

import json
import threading

from compat_support import (AGENT_COUNT, MASTER, RUN_ID, Failure, Reporter, expect, fits,
                            http_request, numeric_version, recorder, replay_subscribe,
                            require_keys, task_resources, wait_until)

import pymesos  # noqa: E402,F401  (imported after compat_support installs the recorder)
from addict import Dict  # noqa: E402
from pymesos import MesosOperatorMasterDriver, MesosSchedulerDriver, Scheduler  # noqa: E402

SUITE = "pymesos"
TASK_ID = "compat-pymesos-%s" % RUN_ID
FRAMEWORK_NAME = "compat-pymesos-%s" % RUN_ID


class HelloScheduler(Scheduler):
    def __init__(self):
        self.lock = threading.Lock()
        self.registered_with = None
        self.offers_seen = 0
        self.declined = 0
        self.launched_on = None
        self.updates = []          # (state, has_uuid, source, reason, message)
        self.errors = []           # exceptions raised by driver calls inside callbacks
        self.disconnects = 0

    def registered(self, driver, framework_id, master_info):
        with self.lock:
            self.registered_with = (framework_id.value, dict(master_info))

    def reregistered(self, driver, master_info):
        with self.lock:
            self.errors.append("unexpected reregistered(%s)" % dict(master_info))

    def disconnected(self, driver):
        with self.lock:
            self.disconnects += 1

    def resourceOffers(self, driver, offers):
        for offer in offers:
            with self.lock:
                self.offers_seen += 1
                launch = self.launched_on is None and fits(offer, 0.1, 32)
                if launch:
                    self.launched_on = offer.agent_id.value
            try:
                if launch:
                    task = Dict()
                    task.task_id.value = TASK_ID
                    task.agent_id.value = offer.agent_id.value
                    task.name = "compat pymesos hello"
                    task.resources = task_resources(0.1, 32)
                    task.command.value = "echo hello; exit 0"
                    driver.launchTasks(offer.id, [task])
                else:
                    driver.declineOffer(offer.id)
                    with self.lock:
                        self.declined += 1
            except Exception as e:  # a non-2xx answer: pymesos raises RuntimeError
                with self.lock:
                    self.errors.append("%s of offer %s raised %s: %s" % (
                        "ACCEPT" if launch else "DECLINE", offer.id.value, type(e).__name__, e))

    def statusUpdate(self, driver, update):
        with self.lock:
            if update.task_id.value == TASK_ID:
                self.updates.append((update.state, "uuid" in update, update.get("source"),
                                     update.get("reason"), update.get("message")))

    def error(self, driver, message):
        with self.lock:
            self.errors.append("ERROR event: %s" % message)

    def states(self):
        with self.lock:
            return [u[0] for u in self.updates]

    def check_errors(self):
        with self.lock:
            if self.errors:
                raise Failure("; ".join(self.errors))


def flow(sched, driver):
    driver.start()
    # pymesos reads GET /version itself before subscribing; a non-numeric version breaks it.
    try:
        wait_until(lambda: sched.registered_with or sched.errors, 20,
                   "registered() (SUBSCRIBED on the stream)")
    except (Exception, KeyboardInterrupt) as e:
        # pymesos's I/O thread, dying, re-raises its exception here (see its log for the trace).
        raise Failure("pymesos never called registered(): %s: %s\n%s"
                      % (type(e).__name__, e, replay_subscribe(driver.framework)))
    sched.check_errors()
    expect(driver.version is not None,
           "pymesos could not read GET /version (driver.version is None); see its log")
    numeric_version(driver.version)
    framework_id, master_info = sched.registered_with
    expect(framework_id, "SUBSCRIBED carried no framework_id.value")

    wait_until(lambda: sched.launched_on or sched.errors, 30,
               "an offer with cpus >= 0.1 and mem >= 32 (offers seen so far: %d)"
               % sched.offers_seen)
    sched.check_errors()
    accepts = [ex for ex in recorder.calls("ACCEPT") if TASK_ID in ex.request_body.decode()]
    expect(accepts and accepts[0].status == 202,
           "ACCEPT was not answered 202: %s" % (accepts[0].status if accepts else "not sent"))

    def reached(state):
        def pred():
            states = sched.states()
            bad = [s for s in states if s in ("TASK_FAILED", "TASK_KILLED", "TASK_ERROR",
                                              "TASK_LOST", "TASK_DROPPED", "TASK_GONE")]
            if bad or sched.errors:
                return True
            return state in states
        return pred

    wait_until(reached("TASK_RUNNING"), 30, "TASK_RUNNING for %s" % TASK_ID)
    wait_until(reached("TASK_FINISHED"), 30, "TASK_FINISHED for %s" % TASK_ID)
    sched.check_errors()
    with sched.lock:
        updates = list(sched.updates)
    states = [u[0] for u in updates]
    expect("TASK_RUNNING" in states and "TASK_FINISHED" in states,
           "expected TASK_RUNNING then TASK_FINISHED, got %s (details %s)" % (states, updates))
    expect(states.index("TASK_RUNNING") < states.index("TASK_FINISHED"),
           "TASK_FINISHED came before TASK_RUNNING: %s" % states)
    no_uuid = [u for u in updates if u[0] in ("TASK_RUNNING", "TASK_FINISHED") and not u[1]]
    expect(not no_uuid, "agent updates without a uuid (pymesos cannot acknowledge them): %s"
           % no_uuid)

    # pymesos acknowledges on its own; every ACKNOWLEDGE must have been answered 2xx. Wait
    # until at least two were sent and none is still on its way (STARTING may be acked too).
    def acked():
        acks = [ex for ex in recorder.calls("ACKNOWLEDGE") if TASK_ID in ex.request_body.decode()]
        answered = all(ex.status is not None or ex.error for ex in acks)
        return len(acks) >= 2 and answered and acks
    acks = wait_until(acked, 10, "pymesos's ACKNOWLEDGE calls for RUNNING and FINISHED")
    bad = [ex for ex in acks if not ex.ok()]
    expect(not bad, "ACKNOWLEDGE answered %s" % [ex.status for ex in bad])
    return framework_id


def operator_get_state(framework_id, expect_task=True):
    op = MesosOperatorMasterDriver(MASTER)
    state = op.getState()
    expect(isinstance(state, dict) and state, "GET_STATE gave no JSON object: %r" % (state,))
    expect(state.get("type") == "GET_STATE", "GET_STATE answer has type %r" % state.get("type"))
    gs = state.get("get_state")
    require_keys(gs, ["get_tasks", "get_executors", "get_frameworks", "get_agents"], "get_state")

    agents = gs["get_agents"].get("agents", [])
    expect(len(agents) == AGENT_COUNT,
           "get_state.get_agents.agents has %d agents, expected %d" % (len(agents), AGENT_COUNT))
    for a in agents:
        require_keys(a, ["agent_info", "active"], "an agent in get_agents")
        require_keys(a["agent_info"], ["id", "hostname"], "agent_info")
        expect(a["active"] is True, "agent %s is not active" % a["agent_info"].get("id"))
        expect(isinstance(a.get("total_resources", []), list),
               "agent total_resources is not a list of Resource")

    frameworks = gs["get_frameworks"].get("frameworks", [])
    ours = [f for f in frameworks
            if f.get("framework_info", {}).get("id", {}).get("value") == framework_id]
    expect(ours, "framework %s is not in get_state.get_frameworks.frameworks (ids there: %s)"
           % (framework_id, [f.get("framework_info", {}).get("id") for f in frameworks]))
    fw = ours[0]
    expect(fw["framework_info"].get("name") == FRAMEWORK_NAME,
           "framework_info.name is %r" % fw["framework_info"].get("name"))
    expect(fw.get("active") is True, "framework is not active: %s" % fw.get("active"))

    if expect_task:
        tasks = gs["get_tasks"].get("tasks", []) + gs["get_tasks"].get("completed_tasks", [])
        ours = [t for t in tasks if t.get("task_id", {}).get("value") == TASK_ID]
        expect(ours, "task %s is in neither get_tasks.tasks nor get_tasks.completed_tasks"
               % TASK_ID)
        t = ours[0]
        require_keys(t, ["name", "task_id", "framework_id", "agent_id", "state"], "the task")
        expect(t["state"] == "TASK_FINISHED", "the task's state is %r" % t["state"])
        expect(t["framework_id"].get("value") == framework_id, "the task's framework_id is %r"
               % t["framework_id"])


def operator_other_calls(framework_id):
    op = MesosOperatorMasterDriver(MASTER)
    problems = []

    def call(label, fn, check):
        try:
            answer = fn()
        except Exception as e:
            problems.append("%s raised %s" % (label, e))
            return
        try:
            check(answer)
        except Failure as e:
            problems.append("%s: %s" % (label, e))
        except Exception as e:
            problems.append("%s: unexpected answer shape (%s: %s): %.300s"
                            % (label, type(e).__name__, e, answer))

    def health(a):
        expect(a.get("type") == "GET_HEALTH" and a["get_health"]["healthy"] is True,
               "expected {type: GET_HEALTH, get_health: {healthy: true}}, got %.300s" % a)

    def version(a):
        expect(a.get("type") == "GET_VERSION", "type is %r" % a.get("type"))
        numeric_version(a["get_version"]["version_info"]["version"])

    def agents(a):
        expect(a.get("type") == "GET_AGENTS", "type is %r" % a.get("type"))
        expect(len(a["get_agents"]["agents"]) == AGENT_COUNT,
               "%d agents" % len(a["get_agents"]["agents"]))

    def frameworks(a):
        expect(a.get("type") == "GET_FRAMEWORKS", "type is %r" % a.get("type"))
        ids = [f["framework_info"]["id"]["value"] for f in a["get_frameworks"]["frameworks"]]
        expect(framework_id in ids, "framework %s not among %s" % (framework_id, ids))

    def tasks(a):
        expect(a.get("type") == "GET_TASKS", "type is %r" % a.get("type"))
        t = a["get_tasks"]
        ids = [x["task_id"]["value"] for x in t.get("tasks", []) + t.get("completed_tasks", [])]
        expect(TASK_ID in ids, "task %s not among %s" % (TASK_ID, ids))

    def master(a):
        expect(a.get("type") == "GET_MASTER", "type is %r" % a.get("type"))
        require_keys(a["get_master"]["master_info"], ["id", "ip", "port", "hostname"],
                     "get_master.master_info")

    call("GET_HEALTH", op.getHealth, health)
    call("GET_VERSION", op.getVersion, version)
    call("GET_AGENTS", op.getAgents, agents)
    call("GET_FRAMEWORKS", op.getFrameworks, frameworks)
    call("GET_TASKS", op.getTasks, tasks)
    call("GET_MASTER", op.getMaster, master)
    if problems:
        raise Failure("%d of 6 calls failed: %s" % (len(problems), problems[0])
                      + "".join("\n" + p for p in problems[1:]))


def operator_at_api_v1(framework_id):
    """Mesos serves the operator API at /api/v1; /api/v1/operator (pymesos's path) is the alias."""
    status, headers, body = http_request(
        "/api/v1", "POST", {"type": "GET_STATE"},
        {"Content-Type": "application/json", "Accept": "application/json"})
    expect(status == 200, "POST /api/v1 GET_STATE answered %s: %.300s" % (status, body))
    answer = json.loads(body.decode("utf-8"))
    expect(answer.get("type") == "GET_STATE", "type is %r" % answer.get("type"))
    ids = [f["framework_info"]["id"]["value"]
           for f in answer["get_state"]["get_frameworks"].get("frameworks", [])]
    expect(framework_id in ids, "framework %s not among %s" % (framework_id, ids))


def teardown(sched, driver, framework_id):
    mark = recorder.mark()
    done = threading.Event()

    def stop_and_join():
        driver.stop()
        driver.join()
        done.set()

    threading.Thread(target=stop_and_join, daemon=True).start()
    wait_until(done.is_set, 15, "driver.stop() and join() to return")
    teardowns = recorder.calls("TEARDOWN", since=mark)
    expect(teardowns, "driver.stop() sent no TEARDOWN (see pymesos's 'Failed to Teardown' log)")
    expect(teardowns[0].ok(), "TEARDOWN answered %s" % teardowns[0].status)
    body = teardowns[0].request_json()
    expect(body.get("framework_id", {}).get("value") == framework_id,
           "TEARDOWN carried framework_id %r" % body.get("framework_id"))


def main():
    rep = Reporter(SUITE)
    sched = HelloScheduler()
    framework = Dict()
    framework.user = "root"
    framework.name = FRAMEWORK_NAME
    framework.hostname = "localhost"
    driver = MesosSchedulerDriver(sched, framework, MASTER, use_addict=True)

    framework_id = rep.check(
        "scheduler: SUBSCRIBE, launch 'echo hello; exit 0', TASK_RUNNING and TASK_FINISHED "
        "acknowledged", flow, sched, driver)
    fid = framework_id or (sched.registered_with or (None,))[0]
    if fid:
        rep.check("operator: GET_STATE lists the framework, %d agents and the task" % AGENT_COUNT,
                  operator_get_state, fid, framework_id is not None)
        rep.check("operator: GET_HEALTH, GET_VERSION, GET_AGENTS, GET_FRAMEWORKS, GET_TASKS, "
                  "GET_MASTER", operator_other_calls, fid)
        rep.check("operator: POST /api/v1 (Mesos's own path) answers GET_STATE too",
                  operator_at_api_v1, fid)
        rep.check("scheduler: driver.stop() sends TEARDOWN, answered 2xx", teardown, sched,
                  driver, fid)
    else:
        for name in ("operator: GET_STATE lists the framework, agents and the task",
                     "operator: GET_HEALTH, GET_VERSION, GET_AGENTS, GET_FRAMEWORKS, GET_TASKS, "
                     "GET_MASTER",
                     "operator: POST /api/v1 (Mesos's own path) answers GET_STATE too",
                     "scheduler: driver.stop() sends TEARDOWN, answered 2xx"):
            rep.skip_as_failed(name, "the framework never subscribed")
        try:
            driver.stop()
        except Exception:
            pass
    rep.finish()


if __name__ == "__main__":
    main()
