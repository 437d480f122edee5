"""Authentication and authorization against third-party clients, unmodified: pymesos 0.3.15
(MesosSchedulerDriver(..., principal=, secret=)), the marathon 0.13.0 client
(MarathonClient(..., username=, password=)) and chronos-python 1.2.1
(chronos.connect(..., username=, password=), which sends its credentials only after a 401
challenge, through httplib2).

Under Tests/compat/auth-run.sh (CORRAL_AUTH_CREDENTIALS set) the master runs with --credentials,
all four --authenticate-* flags and --acls; Services and Jobs with --principal/--secret-file and
--http-credentials (CORRAL_AUTH_HTTP=user:password). Principals (auth-run.sh writes them):
  ops       may do anything, tear down any framework
  limited   may run tasks only as 'nobody', register only in role '*', and sees only frameworks
            whose user is 'nobody'
  intruder  may not tear down anyone's framework
  services, jobs, agent-a, agent-b   the frameworks and agents auth-run.sh starts
Checks (a) to (j): anonymous requests get 401 with each surface's realm; pymesos with a principal
runs a task; run_tasks refuses root to 'limited' (TASK_ERROR, REASON_TASK_UNAUTHORIZED) and a task
as 'nobody' really runs as nobody; Marathon and Chronos clients with and without credentials;
an agent principal cannot speak for another's agent ID; a framework cannot be taken over by
another principal; TEARDOWN outside teardown_frameworks is 403; view_frameworks filters state.

Under Tests/compat/run.sh (no CORRAL_AUTH_CREDENTIALS: a master without authentication) only one
check runs: pymesos with a principal and secret still subscribes and runs its task, its
credentials unread, as Mesos serves a realm that does not require authentication.
"""

import collections
import collections.abc
import json
import os
import threading

collections.Iterable = collections.abc.Iterable  # noqa: marathon 0.13.0's Python 3.10+ shim

from compat_support import (MASTER, RUN_ID, Failure, Reporter, _clip, expect, fits,  # noqa: E402
                            recorder, task_resources, wait_until)
from auth_support import (AuthScheduler, FakeAgent, challenge_realm, get_json,  # noqa: E402
                          master_frameworks, master_tasks, principals, read_sandbox, request,
                          scalar_resource)

import pymesos  # noqa: E402,F401  (after compat_support installs the recorder)
from addict import Dict  # noqa: E402
from pymesos import MesosSchedulerDriver, Scheduler  # noqa: E402
from marathon import MarathonClient  # noqa: E402
from marathon.exceptions import MarathonHttpError  # noqa: E402
from marathon.models import MarathonApp  # noqa: E402
import chronos  # noqa: E402

SUITE = "auth"
SERVICES = os.environ.get("CORRAL_SERVICES", "")
JOBS = os.environ.get("CORRAL_JOBS", "")
HTTP_USER, _, HTTP_PASSWORD = os.environ.get("CORRAL_AUTH_HTTP", ":").partition(":")
AGENT_A_ID = os.environ.get("CORRAL_AUTH_AGENT_A_ID", "")
TERMINAL = ("TASK_FINISHED", "TASK_FAILED", "TASK_KILLED", "TASK_ERROR", "TASK_LOST",
            "TASK_DROPPED", "TASK_GONE")

SECRETS = principals()


def creds(principal):
    return (principal, SECRETS[principal])


# ---------------------------------------------------------------------------------------------
# pymesos: one task, start to end


class OneTask(Scheduler):
    """Launches one command task on the first offer that fits, declines every other offer."""

    def __init__(self, task_id, command, command_user=None):
        self.task_id = task_id
        self.command = command
        self.command_user = command_user
        self.lock = threading.Lock()
        self.framework_id = None
        self.agent_id = None
        self.updates = []        # dicts: state, reason, message, source
        self.errors = []

    def registered(self, driver, framework_id, master_info):
        with self.lock:
            self.framework_id = framework_id.value

    def resourceOffers(self, driver, offers):
        for offer in offers:
            with self.lock:
                launch = self.agent_id is None and fits(offer, 0.1, 32)
                if launch:
                    self.agent_id = offer.agent_id.value
            try:
                if launch:
                    task = Dict()
                    task.task_id.value = self.task_id
                    task.agent_id.value = offer.agent_id.value
                    task.name = self.task_id
                    task.resources = task_resources(0.1, 32)
                    task.command.value = self.command
                    if self.command_user is not None:
                        task.command.user = self.command_user
                    driver.launchTasks(offer.id, [task])
                else:
                    driver.declineOffer(offer.id)
            except Exception as e:
                with self.lock:
                    self.errors.append("%s raised %s: %s" % (
                        "launchTasks" if launch else "declineOffer", type(e).__name__, e))

    def statusUpdate(self, driver, update):
        with self.lock:
            if update.task_id.value == self.task_id:
                self.updates.append({"state": update.state, "reason": update.get("reason"),
                                     "message": update.get("message"),
                                     "source": update.get("source")})

    def error(self, driver, message):
        with self.lock:
            self.errors.append("ERROR event: %s" % message)

    def ended(self):
        with self.lock:
            return bool(self.errors) or any(u["state"] in TERMINAL for u in self.updates)


def run_pymesos(name, principal, secret, user, command, command_user=None, timeout=40):
    """Runs one task through pymesos authenticated as principal/secret with FrameworkInfo.user
    `user`; returns (scheduler, updates). The driver is stopped (TEARDOWN) and joined."""
    sched = OneTask("%s-%s" % (name, RUN_ID), command, command_user)
    framework = Dict()
    framework.user = user
    framework.name = "%s-%s" % (name, RUN_ID)
    framework.hostname = "localhost"
    driver = MesosSchedulerDriver(sched, framework, MASTER, use_addict=True,
                                  principal=principal, secret=secret)
    try:
        driver.start()
        try:
            wait_until(lambda: sched.framework_id or sched.errors, 20,
                       "pymesos's registered() as principal %r" % principal)
        except (Exception, KeyboardInterrupt) as e:
            raise Failure("pymesos never registered as %r: %s: %s" % (principal, type(e).__name__, e))
        if sched.errors:
            raise Failure("; ".join(sched.errors))
        wait_until(sched.ended, timeout, "a terminal update for %s" % sched.task_id)
        with sched.lock:
            return sched, list(sched.updates), list(sched.errors)
    finally:
        done = threading.Event()

        def stop():
            try:
                driver.stop()
                driver.join()
            finally:
                done.set()
        threading.Thread(target=stop, daemon=True).start()
        if not done.wait(15):
            raise Failure("pymesos's driver.stop() and join() did not return within 15s")


def teardown_sent_ok(since):
    teardowns = recorder.calls("TEARDOWN", since=since)
    expect(teardowns and teardowns[-1].ok(),
           "driver.stop() sent no TEARDOWN answered 2xx: %s"
           % [(t.status, _clip(t.response_body, 200)) for t in teardowns])


# ---------------------------------------------------------------------------------------------
# (a) anonymous requests


def check_anonymous():
    problems = []
    master_cases = [
        ("POST", "/api/v1/scheduler", {"type": "SUBSCRIBE", "subscribe": {"framework_info": {
            "user": "root", "name": "anonymous"}}}, "mesos-master-scheduler"),
        ("POST", "/api/v1", {"type": "GET_HEALTH"}, "mesos-master-readwrite"),
        ("POST", "/api/v1/operator", {"type": "GET_STATE"}, "mesos-master-readwrite"),
        ("GET", "/master/state", None, "mesos-master-readonly"),
        ("GET", "/master/tasks", None, "mesos-master-readonly"),
        ("GET", "/master/slaves", None, "mesos-master-readonly"),
        ("POST", "/corral/v1/agent", {"type": "REGISTER", "register": {"agent_info": {
            "hostname": "anonymous", "port": 1}}}, "corral-master-agent"),
        # Opening a connection, this one is answered on the master's event loops.
        ("POST", "/corral/v1/agent/register", {"type": "REGISTER", "register": {"agent_info": {
            "hostname": "anonymous", "port": 1}}}, "corral-master-agent"),
    ]
    cases = [(MASTER,) + c for c in master_cases]
    cases += [(SERVICES, "GET", "/v2/apps", None, "Mesosphere"),
              (SERVICES, "POST", "/v2/apps", {"id": "/anonymous", "cmd": "true"}, "Mesosphere"),
              (JOBS, "GET", "/v1/scheduler/jobs", None, "Mesosphere")]
    seen = []
    for base, method, path, body, realm in cases:
        headers = {"Accept": "application/json"}
        for label, auth in (("anonymous", None), ("wrong secret", ("ops", "not-the-secret"))):
            status, hdrs, data = request(base, path, method, body, headers, auth=auth)
            got = challenge_realm(hdrs)
            seen.append("%s %s %s (%s) -> %s realm=%s" % (method, base, path, label, status, got))
            if status != 401 or got != realm:
                problems.append("%s %s%s (%s) answered %s with WWW-Authenticate %r; expected 401 "
                                "with Basic realm=\"%s\": %s"
                                % (method, base, path, label, status,
                                   hdrs.get("www-authenticate"), realm, _clip(data, 200)))
    for base, path in ((MASTER, "/health"), (MASTER, "/version"), (SERVICES, "/ping")):
        status, _, data = request(base, path)
        seen.append("GET %s %s (anonymous) -> %s" % (base, path, status))
        if status != 200:
            problems.append("GET %s%s answered %s without credentials; expected 200 (it stays "
                            "open): %s" % (base, path, status, _clip(data, 200)))
    for line in seen:
        print("    " + line)
    # And with the right credentials the same reads succeed.
    for base, path, who in ((MASTER, "/master/state", creds("ops")),
                            (SERVICES, "/v2/apps", (HTTP_USER, HTTP_PASSWORD)),
                            (JOBS, "/v1/scheduler/jobs", (HTTP_USER, HTTP_PASSWORD))):
        status, _, data = request(base, path, auth=who)
        if status != 200:
            problems.append("GET %s%s with credentials answered %s: %s"
                            % (base, path, status, _clip(data, 200)))
    if problems:
        raise Failure("%d problem(s): %s" % (len(problems), problems[0])
                      + "".join("\n" + p for p in problems[1:]))


# ---------------------------------------------------------------------------------------------
# (b), (c), (d) pymesos with principals


def check_pymesos_runs(principal):
    mark = recorder.mark()
    sched, updates, errors = run_pymesos("auth-pymesos", principal, SECRETS.get(principal, "unread-secret"),
                                         "root", "echo hello; exit 0")
    expect(not errors, "pymesos reported: %s" % errors)
    states = [u["state"] for u in updates]
    expect("TASK_RUNNING" in states and states[-1] == "TASK_FINISHED",
           "expected TASK_RUNNING then TASK_FINISHED, got %s" % updates)
    teardown_sent_ok(mark)
    subs = [ex for ex in recorder.since(mark) if ex.url == "/api/v1/scheduler"]
    sent = [dict(ex.request_headers).get("Authorization", "") for ex in subs]
    expect(sent and all(s.startswith("Basic ") for s in sent),
           "pymesos's calls did not all carry Basic credentials: %s" % sent)
    return sched.framework_id


def check_framework_principal(framework_id, principal):
    # The framework's principal is the one it authenticated as (the master sets it).
    frameworks = get_json(MASTER, "/master/frameworks", auth=creds("ops"))
    every = frameworks.get("frameworks", []) + frameworks.get("completed_frameworks", [])
    ours = [f for f in every if f.get("id") == framework_id]
    expect(ours, "framework %s is in neither frameworks nor completed_frameworks of "
           "/master/frameworks" % framework_id)
    expect(ours[0].get("principal") == principal,
           "framework %s has principal %r, expected %r" % (framework_id, ours[0].get("principal"),
                                                          principal))


def check_unauthorized_user():
    results = []
    for label, user, command_user in (("FrameworkInfo.user root", "root", None),
                                      ("CommandInfo.user root under FrameworkInfo.user nobody",
                                       "nobody", "root")):
        sched, updates, errors = run_pymesos("auth-limited-root", "limited", SECRETS["limited"],
                                             user, "echo should-not-run", command_user)
        expect(not errors, "%s: pymesos reported: %s" % (label, errors))
        states = [u["state"] for u in updates]
        expect(states == ["TASK_ERROR"],
               "%s: expected exactly TASK_ERROR, got %s" % (label, updates))
        u = updates[0]
        expect(u["reason"] == "REASON_TASK_UNAUTHORIZED",
               "%s: TASK_ERROR with reason %r (message %r); expected REASON_TASK_UNAUTHORIZED"
               % (label, u["reason"], u["message"]))
        expect(u["message"] and "root" in u["message"],
               "%s: the message does not name the user: %r" % (label, u["message"]))
        results.append("%s -> %s %s: %s" % (label, u["state"], u["reason"], u["message"]))
    for line in results:
        print("    " + line)


def check_runs_as_nobody():
    sched, updates, errors = run_pymesos("auth-nobody", "limited", SECRETS["limited"], "nobody",
                                         "id -un; id -u")
    expect(not errors, "pymesos reported: %s" % errors)
    states = [u["state"] for u in updates]
    expect(states and states[-1] == "TASK_FINISHED",
           "expected TASK_FINISHED for a task as 'nobody', got %s" % updates)
    out = read_sandbox(sched.agent_id, sched.framework_id, sched.task_id, auth=creds("ops"))
    lines = out.split()
    print("    stdout of '%s' via the agent's /files/read: %r" % (sched.task_id, out))
    expect(lines[:1] == ["nobody"], "the task printed %r for 'id -un'; expected 'nobody'" % out)
    expect(lines[1:2] != ["0"], "the task ran with uid 0: %r" % out)


def check_role_refused():
    sched = AuthScheduler("auth-limited-prod-%s" % RUN_ID, "limited", SECRETS["limited"],
                          roles=["prod"])
    try:
        ev = sched.subscribe(allow_error=True)
        expect(ev["type"] == "ERROR",
               "'limited' subscribed in role 'prod' (register_frameworks allows only '*'): %s"
               % _clip(json.dumps(ev), 300))
        message = ev["error"].get("message", "")
        print("    ERROR event: %s" % message)
        expect("prod" in message, "the ERROR does not name the role: %r" % message)
    finally:
        if sched.framework_id:
            sched.call("TEARDOWN", expect_status=None)
        sched.close()


# ---------------------------------------------------------------------------------------------
# (e) Marathon client


MARATHON_APP = "/auth/web-%s" % RUN_ID.lower()


def check_marathon():
    good = MarathonClient("http://%s" % SERVICES, username=HTTP_USER, password=HTTP_PASSWORD)
    for label, client in (("no credentials", MarathonClient("http://%s" % SERVICES)),
                          ("a wrong password", MarathonClient("http://%s" % SERVICES,
                                                              username=HTTP_USER,
                                                              password="wrong"))):
        try:
            client.list_apps()
            raise Failure("list_apps with %s succeeded" % label)
        except MarathonHttpError as e:
            expect(e.status_code == 401, "list_apps with %s raised %s, expected 401"
                   % (label, e.status_code))
        try:
            client.create_app(MARATHON_APP + "-anon", MarathonApp(cmd="true", cpus=0.1, mem=16))
            raise Failure("create_app with %s succeeded" % label)
        except MarathonHttpError as e:
            expect(e.status_code == 401, "create_app with %s raised %s, expected 401"
                   % (label, e.status_code))
    created = good.create_app(MARATHON_APP, MarathonApp(cmd="exec sleep 600", cpus=0.1, mem=16,
                                                        instances=1))
    expect(created is not False and created.id == MARATHON_APP,
           "create_app returned %r" % (created,))

    def running():
        app = good.get_app(MARATHON_APP)
        return app.tasks_running == 1 and not app.deployments and app
    app = wait_until(running, 40, "%s to run its instance" % MARATHON_APP, interval=0.3)
    task_id = good.list_tasks(MARATHON_APP)[0].id
    tasks = master_tasks(auth=creds("ops"))
    expect(task_id in tasks and tasks[task_id]["state"] == "TASK_RUNNING",
           "the master does not list %s as TASK_RUNNING: %s" % (task_id, tasks.get(task_id)))
    framework = tasks[task_id]["framework_id"]
    check_framework_principal(framework, "services")
    ids = [a.id for a in MarathonClient("http://%s" % SERVICES, username=HTTP_USER,
                                        password=HTTP_PASSWORD).list_apps()]
    expect(MARATHON_APP in ids and (MARATHON_APP + "-anon") not in ids,
           "list_apps lists %s" % ids)
    good.delete_app(MARATHON_APP, force=True)
    wait_until(lambda: MARATHON_APP not in [a.id for a in good.list_apps()], 20,
               "%s to be deleted" % MARATHON_APP)
    wait_until(lambda: master_tasks(auth=creds("ops")).get(task_id, {}).get("state")
               != "TASK_RUNNING", 30, "the master to see %s end" % task_id)
    print("    app %s ran task %s (framework %s, principal services), deleted"
          % (app.id, task_id, framework))


# ---------------------------------------------------------------------------------------------
# (f) chronos-python


CHRONOS_JOB = "auth-job-%s" % RUN_ID


def check_chronos():
    good = chronos.connect(JOBS, username=HTTP_USER, password=HTTP_PASSWORD)
    for label, client in (("no credentials", chronos.connect(JOBS)),
                          ("a wrong password", chronos.connect(JOBS, username=HTTP_USER,
                                                               password="wrong"))):
        mark = recorder.mark()
        try:
            client.list()
            raise Failure("list with %s succeeded" % label)
        except chronos.ChronosAPIError:
            pass
        answers = [(ex.status, challenge_realm({k.lower(): v for k, v in ex.response_headers}))
                   for ex in recorder.since(mark)]
        expect(answers and answers[-1] == (401, "Mesosphere"),
               "list with %s: the answers were %s; expected 401 with Basic realm=\"Mesosphere\""
               % (label, answers))
    mark = recorder.mark()
    definition = {"name": CHRONOS_JOB, "command": "echo authenticated", "owner": "a@example.com",
                  "schedule": "R/2030-01-01T00:00:00Z/P1D", "cpus": 0.1, "mem": 32,
                  "disk": 0, "disabled": False}
    expect(good.add(definition) is None, "add did not answer 204")
    exchanges = recorder.since(mark)
    statuses = [ex.status for ex in exchanges]
    sent_auth = [any(k.lower() == "authorization" for k, _ in ex.request_headers)
                 for ex in exchanges]
    print("    chronos-python's add: answers %s, credentials sent %s" % (statuses, sent_auth))
    names = [j["name"] for j in good.list()]
    expect(CHRONOS_JOB in names, "list does not show %s: %s" % (CHRONOS_JOB, names))
    expect(good.run(CHRONOS_JOB) is None, "run did not answer 204")

    def succeeded():
        for j in good.list():
            if j["name"] == CHRONOS_JOB and j.get("successCount", 0) >= 1:
                return j
        return None
    wait_until(succeeded, 40, "%s to succeed once (Jobs launching through the authenticated "
               "master)" % CHRONOS_JOB, interval=0.3)
    expect(good.delete(CHRONOS_JOB) is None, "delete did not answer 204")
    expect(CHRONOS_JOB not in [j["name"] for j in good.list()], "the job is still listed")


# ---------------------------------------------------------------------------------------------
# (g) agents: one principal cannot speak for another's agent


def check_agent_ids():
    expect(AGENT_A_ID, "CORRAL_AUTH_AGENT_A_ID is not set (auth-run.sh sets it)")
    intruder = FakeAgent("agent-b-impostor", [scalar_resource("cpus", 1),
                                              scalar_resource("mem", 128)],
                         auth=creds("agent-b"), agent_id=AGENT_A_ID)
    results = []
    status, body = intruder.register()
    results.append("REGISTER as agent-b under agent-a's ID %s -> %s %s"
                   % (AGENT_A_ID, status, _clip(body or b"", 150)))
    if status == 200:
        intruder.close(unregister=False)
        raise Failure("agent-b registered under agent-a's ID %s" % AGENT_A_ID)
    expect(status == 403, "REGISTER under another principal's agent ID answered %s, expected "
           "403: %s" % (status, _clip(body, 200)))
    for call in ({"type": "PING", "agent_id": {"value": AGENT_A_ID}},
                 {"type": "UNREGISTER", "agent_id": {"value": AGENT_A_ID},
                  "unregister": {"reason": "impostor"}}):
        status, body = intruder.call(call)
        results.append("%s as agent-b for agent-a -> %s %s" % (call["type"], status,
                                                              _clip(body, 120)))
        expect(status == 403, "%s for agent-a's ID as agent-b answered %s, expected 403: %s"
               % (call["type"], status, _clip(body, 200)))
    status, body = intruder.update("nonexistent-framework", "nonexistent-task", "TASK_FAILED",
                                   sender=AGENT_A_ID)
    results.append("UPDATE as agent-b for agent-a -> %s %s" % (status, _clip(body, 120)))
    expect(status == 403, "UPDATE for agent-a's ID as agent-b answered %s" % status)
    for line in results:
        print("    " + line)
    slaves = get_json(MASTER, "/master/slaves", auth=creds("ops"))["slaves"]
    a = [s for s in slaves if s["id"] == AGENT_A_ID]
    expect(a and a[0].get("active") is True, "agent-a is no longer active: %s" % a)


# ---------------------------------------------------------------------------------------------
# (h), (i) a framework bound to its principal


class Owned(object):
    owner = None
    task_id = "auth-owned-sleep-%s" % RUN_ID


def check_takeover():
    owner = AuthScheduler("auth-owner-%s" % RUN_ID, "ops", SECRETS["ops"], failover_timeout=300)
    Owned.owner = owner
    owner.subscribe()
    owner.launch_one(Owned.task_id, "exec sleep 600")
    owner.wait_state(Owned.task_id, "TASK_RUNNING")
    fid = owner.framework_id

    thief = AuthScheduler("auth-thief-%s" % RUN_ID, "intruder", SECRETS["intruder"],
                          framework_id=fid, failover_timeout=300)
    try:
        ev = thief.subscribe(allow_error=True)
        print("    SUBSCRIBE as intruder with framework ID %s -> %s %s"
              % (fid, ev["type"], _clip(json.dumps(ev.get("error", {})), 200)))
        expect(ev["type"] == "ERROR", "the intruder took framework %s over: %s"
               % (fid, _clip(json.dumps(ev), 300)))
        # Calls for the owner's framework by another principal: 403.
        thief.framework_id = fid
        for call_type, payload in (("KILL", {"task_id": {"value": Owned.task_id}}),
                                   ("REVIVE", None)):
            status = thief.call(call_type, payload, expect_status=None)
            print("    %s for framework %s as intruder -> %s %s"
                  % (call_type, fid, status, _clip(thief.last_answer, 150)))
            expect(status == 403, "%s for another principal's framework answered %s: %s"
                   % (call_type, status, _clip(thief.last_answer, 200)))
    finally:
        thief.close()
    # The owner keeps its stream, its framework and its task.
    mark = len(owner.events)
    owner.wait_event(lambda e: e.get("type") == "HEARTBEAT" and owner.events.index(e) >= mark,
                     10, "a HEARTBEAT on the owner's stream after the takeover attempt")
    expect(owner.stream_open(), "the owner's stream closed: %s" % owner.closed)
    expect(owner.call("RECONCILE", {"tasks": []}) == 202, "the owner's RECONCILE was refused")
    frameworks = master_frameworks(auth=creds("ops"))
    expect(fid in frameworks and frameworks[fid].get("active") is True,
           "framework %s is not active in /master/state" % fid)
    expect(frameworks[fid].get("principal") == "ops",
           "framework %s has principal %r after the attempt" % (fid, frameworks[fid].get("principal")))
    task = master_tasks(auth=creds("ops")).get(Owned.task_id)
    expect(task and task["state"] == "TASK_RUNNING", "the owner's task: %s" % task)
    bad = [s for s in owner.task_states(Owned.task_id) if s in TERMINAL]
    expect(not bad, "the owner heard %s for its task" % bad)


def check_teardown_acl():
    owner = Owned.owner
    expect(owner is not None and owner.framework_id, "no owner framework (check (h) failed)")
    fid = owner.framework_id
    results = []
    for principal in ("intruder", "limited"):
        status, _, body = request(MASTER, "/api/v1", "POST",
                                  {"type": "TEARDOWN", "teardown": {"framework_id": {"value": fid}}},
                                  {"Accept": "application/json"}, auth=creds(principal))
        results.append("operator TEARDOWN of %s as %s -> %s %s"
                       % (fid, principal, status, _clip(body, 150)))
        expect(status == 403, "operator TEARDOWN by %s (outside teardown_frameworks) answered "
               "%s: %s" % (principal, status, _clip(body, 200)))
    thief = AuthScheduler("auth-thief", "intruder", SECRETS["intruder"])
    thief.framework_id = fid
    status = thief.call("TEARDOWN", expect_status=None)
    results.append("scheduler TEARDOWN of %s as intruder -> %s %s"
                   % (fid, status, _clip(thief.last_answer, 150)))
    expect(status == 403, "scheduler TEARDOWN of another principal's framework answered %s"
           % status)
    for line in results:
        print("    " + line)
    expect(owner.stream_open(), "the owner's stream closed: %s" % owner.closed)
    expect(fid in master_frameworks(auth=creds("ops")), "framework %s is gone" % fid)
    task = master_tasks(auth=creds("ops")).get(Owned.task_id)
    expect(task and task["state"] == "TASK_RUNNING", "the owner's task: %s" % task)
    # ops may: the framework goes, and its task with it.
    status, _, body = request(MASTER, "/api/v1", "POST",
                              {"type": "TEARDOWN", "teardown": {"framework_id": {"value": fid}}},
                              {"Accept": "application/json"}, auth=creds("ops"))
    print("    operator TEARDOWN of %s as ops -> %s" % (fid, status))
    expect(status == 200, "operator TEARDOWN by ops answered %s: %s" % (status, _clip(body, 200)))
    wait_until(lambda: fid not in master_frameworks(auth=creds("ops")), 15,
               "framework %s to leave /master/state" % fid)
    wait_until(lambda: master_tasks(auth=creds("ops")).get(Owned.task_id, {}).get("state")
               in (None,) + TERMINAL, 30, "the owner's task to end")


def check_view_frameworks():
    def names(principal):
        doc = get_json(MASTER, "/master/state", auth=creds(principal))
        return sorted(f["name"] for f in doc.get("frameworks", []))
    mine = AuthScheduler("auth-view-nobody-%s" % RUN_ID, "limited", SECRETS["limited"],
                         user="nobody")
    mine.auto_decline = True
    try:
        mine.subscribe()
        everything = names("ops")
        limited = names("limited")
    finally:
        if mine.framework_id:
            mine.call("TEARDOWN", expect_status=None)
        mine.close()
    print("    frameworks seen by ops: %s; by limited: %s" % (everything, limited))
    expect({"services", "jobs", mine.name} <= set(everything),
           "ops does not see Services, Jobs and %s: %s" % (mine.name, everything))
    expect(mine.name in limited,
           "'limited' does not see its own framework of user nobody: %s" % limited)
    expect("services" not in limited and "jobs" not in limited,
           "'limited' (view_frameworks: user nobody only) sees root's frameworks: %s" % limited)


# ---------------------------------------------------------------------------------------------


def main():
    rep = Reporter(SUITE)
    if not SECRETS:
        # Under run.sh: a master that does not authenticate reads no credentials.
        rep.check("pymesos with principal and secret against a master without authentication: "
                  "credentials unread, TASK_FINISHED", check_pymesos_runs, "compat-principal")
        rep.finish()
    rep.check("(a) anonymous or wrong credentials: 401 with each realm; /health, /version, "
              "/ping open", check_anonymous)
    fid = rep.check("(b) pymesos as 'ops' (principal=, secret=): TASK_RUNNING, TASK_FINISHED, "
                    "TEARDOWN", check_pymesos_runs, "ops")
    if fid:
        rep.check("(b) the framework's principal is 'ops' in /master/frameworks",
                  check_framework_principal, fid, "ops")
    rep.check("(c) 'limited' may not run tasks as root: TASK_ERROR REASON_TASK_UNAUTHORIZED",
              check_unauthorized_user)
    rep.check("(c) 'limited' may not register in role 'prod': ERROR event", check_role_refused)
    rep.check("(d) a framework of user 'nobody' runs 'id -un' and it prints nobody",
              check_runs_as_nobody)
    rep.check("(e) marathon client: 401 without or with wrong credentials; with them, an app "
              "runs, then is deleted", check_marathon)
    rep.check("(f) chronos-python: 401 without or with wrong credentials; with them, a job is "
              "added, listed, run and deleted", check_chronos)
    rep.check("(g) agent-b cannot register, ping, unregister or update under agent-a's ID (403)",
              check_agent_ids)
    rep.check("(h) takeover of a framework by ID under another principal: ERROR event, calls "
              "403; the owner keeps running", check_takeover)
    rep.check("(i) TEARDOWN outside teardown_frameworks: 403; by ops: done",
              check_teardown_acl)
    rep.check("(j) view_frameworks: 'limited' sees its framework of user nobody, not root's",
              check_view_frameworks)
    if Owned.owner is not None:
        Owned.owner.close()
    rep.finish()


if __name__ == "__main__":
    main()
