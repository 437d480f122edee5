"""Plumbing for the authentication tests (Tests/compat/auth-run.sh, test_auth_pymesos.py) and the
hostile-input test (Tests/e2e/hostile_input.py); not a test itself. Standard library only, on top
of compat_support (which it imports, so the HTTP recorder is installed first): its HTTP exchanges
are compat_support.http_request's, its scheduler and agent streams compat_support.EventStream's.

- `principals()` reads the credentials file auth-run.sh wrote (CORRAL_AUTH_CREDENTIALS): the
  principal → secret map the master was started with.
- `request(base, path, ...)` is one HTTP exchange with any of the cluster's servers (master,
  agents, Services, Jobs), optionally with HTTP Basic credentials; redirects are not followed.
- `AuthScheduler` is compat_support.V1Scheduler with a principal: every request carries HTTP Basic
  credentials, the framework's user, roles, failover timeout and ID are the caller's, and a
  subscription the master refuses (an ERROR event) is reported instead of waited through.
- `FakeAgent` speaks Corral's agent protocol (POST /corral/v1/agent) by hand: REGISTER keeps the
  answer's RecordIO stream open in a thread, PING keeps the agent reachable, a LAUNCH is answered
  with TASK_STARTING and TASK_RUNNING and a KILL with TASK_KILLED, and `call()` sends any agent
  call (a forged UPDATE, say) with whatever agent ID and credentials the test wants.
"""

import base64
import json
import os
import threading
import time
import urllib.parse

import compat_support
from compat_support import (MASTER, EventStream, Failure, V1Scheduler, _clip, http_request,
                            new_uuid_b64)


def basic(principal, secret):
    token = base64.b64encode(("%s:%s" % (principal, secret)).encode("utf-8")).decode("ascii")
    return "Basic %s" % token


def _with_auth(headers, auth):
    """headers with auth's HTTP Basic Authorization added (auth: (principal, secret) or None)."""
    headers = dict(headers or {})
    if auth is not None:
        headers["Authorization"] = basic(*auth)
    return headers


def request(base, path, method="GET", body=None, headers=None, auth=None, timeout=10):
    """One exchange with http://BASE/PATH: (status, headers with lower-case names, body bytes).
    body: bytes as they are, anything else as JSON (Content-Type application/json unless headers
    say otherwise); auth: (principal, secret) or None. Redirects are not followed."""
    headers = dict(headers or {})
    if body is not None:
        headers.setdefault("Content-Type", "application/json")
    return http_request(path, method, body, _with_auth(headers, auth), timeout, base=base)


def get_json(base, path, auth=None, expect_status=200):
    """GET http://BASE/PATH (with auth, as for request), require expect_status and a JSON body;
    returns the parsed body."""
    return compat_support.get_json(path, expect_status, base=base, headers=_with_auth(None, auth))


def principals():
    """principal → secret, from the credentials file auth-run.sh gave the master."""
    path = os.environ.get("CORRAL_AUTH_CREDENTIALS")
    if not path:
        return {}
    with open(path) as f:
        doc = json.load(f)
    return {c["principal"]: c["secret"] for c in doc["credentials"]}


def master_tasks(auth=None):
    """task ID → the task's entry in the master's /master/tasks."""
    doc = get_json(MASTER, "/master/tasks", auth=auth)
    return {t["id"]: t for t in doc.get("tasks", [])}


def master_frameworks(auth=None):
    """framework ID → its entry in /master/state's frameworks (active ones)."""
    doc = get_json(MASTER, "/master/state", auth=auth)
    return {f["id"]: f for f in doc.get("frameworks", [])}


def agent_address(agent_id, auth=None):
    """hostname:port of an agent's own endpoint, from /master/slaves."""
    for s in get_json(MASTER, "/master/slaves", auth=auth).get("slaves", []):
        if s["id"] == agent_id:
            return "%s:%s" % (s["hostname"], s["port"])
    raise Failure("agent %s is not in /master/slaves" % agent_id)


def read_sandbox(agent_id, framework_id, task_id, name="stdout", auth=None):
    """A task's stdout or stderr through the agent's /files/read (Mesos's files API)."""
    path = "/frameworks/%s/tasks/%s/%s" % (framework_id, task_id, name)
    doc = get_json(agent_address(agent_id, auth), "/files/read?" + urllib.parse.urlencode(
        {"path": path, "offset": 0, "length": 65536}))
    return doc.get("data", "")


def challenge_realm(headers):
    """The realm of a `WWW-Authenticate: Basic realm="…"` header, or None."""
    value = headers.get("www-authenticate", "")
    if not value.lower().startswith("basic "):
        return None
    rest = value[6:].strip()
    if rest.lower().startswith("realm="):
        return rest[6:].strip().strip('"')
    return None


def offer_ids(event):
    return [o["id"] for o in event["offers"].get("offers", [])]


class AuthScheduler(V1Scheduler):
    """A v1 scheduler that authenticates as `principal` (None: anonymous)."""

    def __init__(self, name, principal=None, secret=None, user="root", roles=("*",),
                 framework_id=None, failover_timeout=0.0, heartbeat_timeout=30):
        V1Scheduler.__init__(self, name, heartbeat_timeout=heartbeat_timeout)
        self.principal = principal
        self.secret = secret
        self.user = user
        self.roles = list(roles)
        self.requested_id = framework_id
        self.failover_timeout = failover_timeout

    def auth_headers(self):
        if self.principal is None:
            return {}
        return {"Authorization": basic(self.principal, self.secret)}

    def described(self, call_type):
        return "%s as %r" % (call_type, self.principal)

    def framework_info(self):
        info = {"user": self.user, "name": self.name, "failover_timeout": self.failover_timeout,
                "roles": self.roles, "capabilities": [{"type": "MULTI_ROLE"}]}
        if self.requested_id:
            info["id"] = {"value": self.requested_id}
        return info

    def subscribe_call(self):
        call = V1Scheduler.subscribe_call(self)
        if self.requested_id:
            call["framework_id"] = {"value": self.requested_id}
        return call

    def subscribe(self, timeout=15, allow_error=False):
        """SUBSCRIBE; returns the SUBSCRIBED event, or with allow_error the ERROR event when the
        master refuses the subscription on the stream."""
        self.open_subscription(timeout)
        ev = self.wait_event(lambda e: e.get("type") in ("SUBSCRIBED", "ERROR"), timeout,
                             "SUBSCRIBED or ERROR")
        if ev["type"] == "ERROR":
            if allow_error:
                return ev
            raise Failure("SUBSCRIBE as %r was refused on the stream: %s"
                          % (self.principal, ev.get("error", {}).get("message")))
        self.framework_id = ev["subscribed"]["framework_id"]["value"]
        return ev

    def launch_one(self, task_id, command, cpus=0.1, mem=32, timeout=30, user=None,
                   extra=None):
        """Waits for an offer that fits, launches one command task there and declines the rest
        of that batch (and, from then on, every offer). Returns the agent ID."""
        from compat_support import command_task, fits

        def fitting(ev):
            return ev.get("type") == "OFFERS" and any(
                fits(o, cpus, mem) for o in ev["offers"].get("offers", []))
        ev = self.wait_event(fitting, timeout, "an offer with cpus >= %g and mem >= %g"
                             % (cpus, mem))
        offers = ev["offers"]["offers"]
        offer = [o for o in offers if fits(o, cpus, mem)][0]
        task = command_task(task_id, task_id, offer["agent_id"]["value"], command, cpus, mem)
        if user is not None:
            task["command"]["user"] = user
        if extra:
            task.update(extra)
        status = self.call("ACCEPT", {"offer_ids": [offer["id"]], "operations": [
            {"type": "LAUNCH", "launch": {"task_infos": [task]}}]}, expect_status=None)
        rest = [o["id"] for o in offers if o["id"] != offer["id"]]
        if rest:
            self.call("DECLINE", {"offer_ids": rest}, expect_status=None)
        self.auto_decline = True
        if status != 202:
            raise Failure("ACCEPT answered %s: %s" % (status, _clip(self.last_answer, 300)))
        return offer["agent_id"]["value"]

    def task_states(self, task_id):
        with self.cond:
            return [e["update"]["status"]["state"] for e in self.events
                    if e.get("type") == "UPDATE"
                    and e["update"]["status"]["task_id"]["value"] == task_id]

    def wait_state(self, task_id, state, timeout=30):
        return self.wait_event(
            lambda e: e.get("type") == "UPDATE"
            and e["update"]["status"]["task_id"]["value"] == task_id
            and e["update"]["status"]["state"] == state, timeout,
            "%s for task %s" % (state, task_id))

    def stream_open(self):
        with self.cond:
            return self.closed is None


# ---------------------------------------------------------------------------------------------
# A hand-made agent


def scalar_resource(name, value):
    return {"name": name, "type": "SCALAR", "scalar": {"value": value}}


def ranges_resource(name, begin, end):
    return {"name": name, "type": "RANGES", "ranges": {"range": [{"begin": begin, "end": end}]}}


class FakeAgent(EventStream):
    """An agent that is only this test talking Corral's agent protocol."""

    stream_name = "fake agent's stream"

    def __init__(self, hostname, resources, auth=None, agent_id=None, answer_launches=True,
                 ping_interval=2.0, port=1):
        EventStream.__init__(self)
        self.hostname = hostname
        self.resources = resources
        self.auth = auth
        self.agent_id = agent_id
        self.port = port
        self.answer_launches = answer_launches
        self.ping_interval = ping_interval
        self.stopping = threading.Event()
        self.launched = {}          # task ID → (framework ID, task info)

    def _headers(self, credentials):
        return _with_auth({"Content-Type": "application/json", "Accept": "application/json"},
                          credentials)

    def register_body(self):
        info = {"hostname": self.hostname, "port": self.port, "resources": self.resources}
        body = {"type": "REGISTER", "register": {"agent_info": info, "isolation": "posix"}}
        if self.agent_id:
            info["id"] = {"value": self.agent_id}
            body["agent_id"] = {"value": self.agent_id}
        return body

    def register(self, timeout=10):
        """(status, body of a refusal or None). On 200, the stream is read in a thread and this
        waits for REGISTERED (Failure otherwise)."""
        resp = self._open("/corral/v1/agent", self.register_body(), self._headers(self.auth),
                          timeout)
        if resp.status != 200:
            body = resp.read()
            self.conn.close()
            return resp.status, body
        self._start_reading(resp, 30)
        ev = self.wait_event(lambda e: e.get("type") == "REGISTERED", timeout, "REGISTERED")
        self.agent_id = ev["registered"]["agent_id"]["value"]
        threading.Thread(target=self._ping, daemon=True).start()
        return 200, None

    def _handle(self, event):
        kind = event.get("type")
        try:
            if kind == "LAUNCH" and self.answer_launches:
                framework_id = event["launch"]["framework_info"]["id"]["value"]
                for task in event["launch"].get("tasks", []):
                    task_id = task["task_id"]["value"]
                    self.launched[task_id] = (framework_id, task)
                    for state in ("TASK_STARTING", "TASK_RUNNING"):
                        self.update(framework_id, task_id, state)
            elif kind == "KILL" and self.answer_launches:
                framework_id = event["kill"]["framework_id"]["value"]
                self.update(framework_id, event["kill"]["task_id"]["value"], "TASK_KILLED")
        except Exception as e:
            self.handler_errors.append("handling %s: %s: %s" % (kind, type(e).__name__, e))

    def _ping(self):
        while not self.stopping.wait(self.ping_interval):
            if self.closed is not None:
                return
            try:
                self.call({"type": "PING", "agent_id": {"value": self.agent_id}})
            except Exception:
                pass

    def call(self, body, auth="own"):
        """POST an agent call; auth "own" uses this agent's credentials. (status, body)."""
        credentials = self.auth if auth == "own" else auth
        status, _, data = request(MASTER, "/corral/v1/agent", "POST", body,
                                  self._headers(credentials))
        return status, data

    def update(self, framework_id, task_id, state, agent_id=None, sender=None, reason=None,
               message=None, auth="own"):
        """Sends UPDATE as agent `sender` (default: this agent) with status.agent_id `agent_id`
        (default: the sender). (status, body)."""
        sender = sender or self.agent_id
        status = {"task_id": {"value": task_id}, "state": state,
                  "source": "SOURCE_EXECUTOR", "agent_id": {"value": agent_id or sender},
                  "uuid": new_uuid_b64(), "timestamp": time.time()}
        if reason:
            status["reason"] = reason
        if message:
            status["message"] = message
        return self.call({"type": "UPDATE", "agent_id": {"value": sender},
                          "update": {"framework_id": {"value": framework_id}, "status": status}},
                         auth=auth)

    def close(self, unregister=True):
        self.stopping.set()
        if unregister and self.agent_id and self.closed is None:
            try:
                self.call({"type": "UNREGISTER", "agent_id": {"value": self.agent_id},
                           "unregister": {"reason": "test over"}})
            except Exception:
                pass
        EventStream.close(self)
