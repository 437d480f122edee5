"""Shared plumbing for the compatibility tests in Tests/compat (not a test itself).

- `Reporter` runs named checks and prints one `PASS: name` or `FAIL: name: reason` line each on
  stdout (run.sh counts them), followed on failure by the HTTP exchanges that went wrong.
- `recorder` watches every HTTP request made through Python's http.client (which urllib, requests
  and pymesos all use) and keeps method, path, headers, body and the answer's status, headers and
  body. It only observes: the clients get exactly the bytes they would have got without it.
- `wait_until` polls a condition with a deadline; nothing here sleeps and hopes.
- `EventStream` reads a RecordIO stream of JSON events from the master in a thread and waits for
  events with a deadline; `V1Scheduler`, one of them, is a minimal v1 scheduler client over
  urllib/http.client, for tests that need a framework without a third-party client
  (test_legacy.py; auth_support builds its authenticating scheduler and fake agent on them).

Environment (set by run.sh): CORRAL_MASTER=127.0.0.1:PORT, CORRAL_AGENT_COUNT (default 2).
"""

import base64
import http.client
import json
import os
import sys
import threading
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request
import uuid

MASTER = os.environ.get("CORRAL_MASTER", "127.0.0.1:5050")
AGENT_COUNT = int(os.environ.get("CORRAL_AGENT_COUNT", "2"))
MASTER_HOST, MASTER_PORT = MASTER.rsplit(":", 1)
MASTER_PORT = int(MASTER_PORT)
BASE_URL = "http://%s" % MASTER
# A marker in every task name and id, so a run's tasks can be told apart.
RUN_ID = os.environ.get("CORRAL_COMPAT_RUN_ID", uuid.uuid4().hex[:8])

BODY_CAP = 4096


class Failure(Exception):
    """A check failed; the message says what was expected and what came instead."""


# ---------------------------------------------------------------------------------------------
# HTTP exchange recorder (observation only)


class Exchange(object):
    def __init__(self, method, url, host):
        self.method = method
        self.url = url
        self.host = host
        self.request_headers = []
        self.request_body = b""
        self.status = None
        self.reason = ""
        self.response_headers = []
        self.response_body = b""
        self.error = None
        self.started = time.time()

    def request_json(self):
        try:
            return json.loads(self.request_body.decode("utf-8"))
        except Exception:
            return None

    def call_type(self):
        body = self.request_json()
        return body.get("type") if isinstance(body, dict) else None

    def ok(self):
        return self.status is not None and 200 <= self.status < 300

    def describe(self, indent="    "):
        lines = []
        headers = ", ".join("%s: %s" % (k, v) for k, v in self.request_headers
                            if k.lower() in ("content-type", "accept", "mesos-stream-id",
                                             "connection", "content-length"))
        lines.append("%s> %s %s  [%s]" % (indent, self.method, self.url, headers))
        if self.request_body:
            lines.append("%s>   %s" % (indent, _clip(self.request_body)))
        if self.error is not None:
            lines.append("%s< (no answer: %s)" % (indent, self.error))
        elif self.status is None:
            lines.append("%s< (no answer recorded)" % indent)
        else:
            rh = ", ".join("%s: %s" % (k, v) for k, v in self.response_headers
                           if k.lower() in ("content-type", "content-length", "location",
                                            "transfer-encoding", "mesos-stream-id", "connection"))
            lines.append("%s< %s %s  [%s]" % (indent, self.status, self.reason, rh))
            if self.response_body:
                lines.append("%s<   %s" % (indent, _clip(self.response_body)))
        return "\n".join(lines)


def _clip(data, limit=600):
    if isinstance(data, (bytes, bytearray)):
        text = bytes(data).decode("utf-8", "replace")
    else:
        text = str(data)
    text = text.replace("\r", "\\r").replace("\n", "\\n")
    return text if len(text) <= limit else text[:limit] + "... (%d chars)" % len(text)


class Recorder(object):
    def __init__(self):
        self.lock = threading.Lock()
        self.exchanges = []
        self.installed = False

    def install(self):
        if self.installed:
            return
        self.installed = True
        recorder = self
        conn_cls = http.client.HTTPConnection
        resp_cls = http.client.HTTPResponse
        orig_putrequest = conn_cls.putrequest
        orig_putheader = conn_cls.putheader
        orig_endheaders = conn_cls.endheaders
        orig_send = conn_cls.send
        orig_getresponse = conn_cls.getresponse
        orig_read = resp_cls.read

        def putrequest(self, method, url, *args, **kwargs):
            ex = Exchange(method, url, "%s:%s" % (self.host, self.port))
            self._compat_exchange = ex
            self._compat_headers_sent = False
            with recorder.lock:
                recorder.exchanges.append(ex)
            return orig_putrequest(self, method, url, *args, **kwargs)

        def putheader(self, header, *values):
            ex = getattr(self, "_compat_exchange", None)
            if ex is not None:
                name = header.decode("latin-1") if isinstance(header, bytes) else str(header)
                value = ", ".join(v.decode("latin-1") if isinstance(v, bytes) else str(v)
                                  for v in values)
                ex.request_headers.append((name, value))
            return orig_putheader(self, header, *values)

        def endheaders(self, message_body=None, *args, **kwargs):
            ex = getattr(self, "_compat_exchange", None)
            if ex is not None and message_body is not None:
                body = message_body
                if isinstance(body, str):
                    body = body.encode("utf-8")
                if isinstance(body, (bytes, bytearray)):
                    ex.request_body += bytes(body)[:BODY_CAP]
            try:
                return orig_endheaders(self, message_body, *args, **kwargs)
            finally:
                self._compat_headers_sent = True

        def send(self, data):
            ex = getattr(self, "_compat_exchange", None)
            if (ex is not None and getattr(self, "_compat_headers_sent", False)
                    and isinstance(data, (bytes, bytearray))
                    and len(ex.request_body) < BODY_CAP):
                ex.request_body += bytes(data)[:BODY_CAP - len(ex.request_body)]
            return orig_send(self, data)

        def getresponse(self, *args, **kwargs):
            ex = getattr(self, "_compat_exchange", None)
            try:
                resp = orig_getresponse(self, *args, **kwargs)
            except BaseException as e:
                if ex is not None:
                    ex.error = "%s: %s" % (type(e).__name__, e)
                raise
            if ex is not None:
                ex.status = resp.status
                ex.reason = resp.reason
                ex.response_headers = list(resp.getheaders())
                resp._compat_exchange = ex
            return resp

        def read(self, *args, **kwargs):
            data = orig_read(self, *args, **kwargs)
            ex = getattr(self, "_compat_exchange", None)
            if ex is not None and data and len(ex.response_body) < BODY_CAP:
                ex.response_body += bytes(data)[:BODY_CAP - len(ex.response_body)]
            return data

        conn_cls.putrequest = putrequest
        conn_cls.putheader = putheader
        conn_cls.endheaders = endheaders
        conn_cls.send = send
        conn_cls.getresponse = getresponse
        resp_cls.read = read

    def mark(self):
        with self.lock:
            return len(self.exchanges)

    def since(self, mark):
        with self.lock:
            return list(self.exchanges[mark:])

    def calls(self, call_type, since=0):
        """Scheduler/operator calls of this type (by the JSON body's "type") since a mark."""
        return [ex for ex in self.since(since) if ex.call_type() == call_type]


recorder = Recorder()
recorder.install()


# ---------------------------------------------------------------------------------------------
# Checks and reporting


class Reporter(object):
    def __init__(self, suite):
        self.suite = suite
        self.passed = 0
        self.failed = 0

    def check(self, name, fn, *args, **kwargs):
        """Runs fn; PASS unless it raises. Returns fn's result, or None when it failed."""
        mark = recorder.mark()
        started = time.time()
        try:
            result = fn(*args, **kwargs)
        except Failure as e:
            self._fail(name, str(e), mark)
            return None
        except (Exception, KeyboardInterrupt) as e:
            # KeyboardInterrupt: pymesos's I/O thread interrupts the main thread when it dies.
            detail = "%s: %s" % (type(e).__name__, e)
            self._fail(name, "unexpected %s" % detail, mark,
                       trace=traceback.format_exc())
            return None
        self.passed += 1
        print("PASS: %s: %s (%.1fs)" % (self.suite, name, time.time() - started), flush=True)
        return result

    def _fail(self, name, reason, mark, trace=None):
        self.failed += 1
        print("FAIL: %s: %s: %s" % (self.suite, name, reason.splitlines()[0] if reason else ""),
              flush=True)
        rest = reason.splitlines()[1:]
        for line in rest:
            print("    " + line)
        exchanges = recorder.since(mark)
        bad = [ex for ex in exchanges if not ex.ok()]
        if bad:
            print("    HTTP exchanges that did not succeed (%d of %d during this check):"
                  % (len(bad), len(exchanges)))
            for ex in bad[:8]:
                print(ex.describe("      "))
        elif exchanges:
            print("    last HTTP exchanges of this check (all 2xx):")
            for ex in exchanges[-3:]:
                print(ex.describe("      "))
        if trace:
            print("    traceback:")
            for line in trace.rstrip().splitlines()[-6:]:
                print("      " + line)
        sys.stdout.flush()

    def skip_as_failed(self, name, reason):
        self.failed += 1
        print("FAIL: %s: %s: not run: %s" % (self.suite, name, reason), flush=True)

    def finish(self):
        print("%s: %d passed, %d failed" % (self.suite, self.passed, self.failed), flush=True)
        sys.stdout.flush()
        sys.stderr.flush()
        # os._exit: the clients leave non-daemon machinery behind on failure paths.
        os._exit(1 if self.failed else 0)


def wait_until(predicate, timeout, what, interval=0.05):
    """Polls predicate() until it returns something truthy; Failure after `timeout` seconds."""
    deadline = time.time() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.time() >= deadline:
            raise Failure("timed out after %gs waiting for %s" % (timeout, what))
        time.sleep(interval)


def expect(condition, message):
    if not condition:
        raise Failure(message)


TERMINAL = ("TASK_FINISHED", "TASK_FAILED", "TASK_KILLED", "TASK_ERROR", "TASK_LOST",
            "TASK_DROPPED", "TASK_GONE", "TASK_GONE_BY_OPERATOR")


def update_of(task_id, state):
    """A wait_event predicate: an UPDATE of task_id to state. Another terminal state of the task
    first is a Failure that says how it ended."""
    def pred(ev):
        if ev.get("type") != "UPDATE":
            return False
        status = ev["update"]["status"]
        if status["task_id"]["value"] != task_id:
            return False
        if status["state"] in TERMINAL and status["state"] != state:
            raise Failure("task %s ended %s (%s) while waiting for %s"
                          % (task_id, status["state"], status.get("message"), state))
        return status["state"] == state
    return pred


# ---------------------------------------------------------------------------------------------
# Plain HTTP


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(NoRedirect)


def http_request(path, method="GET", body=None, headers=None, timeout=10, base=None):
    """(status, headers dict with lower-case names, body bytes) of one exchange with the master
    (or with the server at `base`, IP:PORT); body: bytes as they are, anything else as JSON.
    Redirects are not followed."""
    data = None
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
    url = ("http://%s" % base if base else BASE_URL) + path
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with _opener.open(req, timeout=timeout) as resp:
            return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    except urllib.error.HTTPError as e:
        try:
            payload = e.read()
        except Exception:
            payload = b""
        return e.code, {k.lower(): v for k, v in e.headers.items()}, payload


def get_json(path, expect_status=200, base=None, headers=None):
    """GET path (on the master, or on the server at `base`), require expect_status and a JSON
    body; returns the parsed body."""
    where = (base or "") + path
    status, _, body = http_request(path, headers=headers, base=base)
    if status != expect_status:
        raise Failure("GET %s answered %s (expected %s): %s"
                      % (where, status, expect_status, _clip(body, 300)))
    try:
        return json.loads(body.decode("utf-8"))
    except Exception as e:
        raise Failure("GET %s answered %s with a body that is not JSON (%s): %s"
                      % (where, status, e, _clip(body, 300)))


def require_keys(obj, keys, where):
    if not isinstance(obj, dict):
        raise Failure("%s is not a JSON object: %s" % (where, _clip(json.dumps(obj), 300)))
    missing = [k for k in keys if k not in obj]
    if missing:
        raise Failure("%s lacks %s; it has %s" % (where, ", ".join(missing),
                                                   ", ".join(sorted(obj)) or "nothing"))


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def numeric_version(text):
    """'1.11.0' → (1, 11, 0) the way pymesos parses it; Failure otherwise."""
    try:
        return tuple(int(n) for n in str(text).split("."))
    except ValueError:
        raise Failure("version %r is not dotted integers (pymesos does int() on each part)"
                      % (text,))


# ---------------------------------------------------------------------------------------------
# Mesos v1 messages


def scalar(offer_or_resources, name):
    resources = offer_or_resources.get("resources", offer_or_resources) \
        if isinstance(offer_or_resources, dict) else offer_or_resources
    total = 0.0
    for r in resources or []:
        if r.get("name") == name and r.get("type", "SCALAR") == "SCALAR":
            total += float(r.get("scalar", {}).get("value", 0))
    return total


def fits(offer, cpus, mem):
    return scalar(offer, "cpus") >= cpus - 1e-9 and scalar(offer, "mem") >= mem - 1e-9


def task_resources(cpus, mem):
    return [
        {"name": "cpus", "type": "SCALAR", "scalar": {"value": cpus}},
        {"name": "mem", "type": "SCALAR", "scalar": {"value": mem}},
    ]


def command_task(task_id, name, agent_id, command, cpus=0.1, mem=32):
    return {
        "name": name,
        "task_id": {"value": task_id},
        "agent_id": {"value": agent_id},
        "resources": task_resources(cpus, mem),
        "command": {"shell": True, "value": command},
    }


class EventStream(object):
    """A RecordIO stream of JSON events from the master (a scheduler's, an agent's), read in a
    daemon thread: each event goes through self._handle as it arrives, then onto self.events (a
    list, guarded by self.cond); self.closed says why the stream ended. `stream_name` names the
    stream in messages."""

    stream_name = "event stream"

    def __init__(self):
        self.events = []
        self.cond = threading.Condition()
        self.closed = None
        self.conn = None
        self.thread = None
        self.handler_errors = []

    def _open(self, path, body, headers, timeout):
        """POSTs body (as JSON) to the master's path on a connection of its own; the answer."""
        self.conn = http.client.HTTPConnection(MASTER_HOST, MASTER_PORT, timeout=timeout)
        self.conn.request("POST", path, body=json.dumps(body).encode(), headers=headers)
        return self.conn.getresponse()

    def _start_reading(self, resp, read_timeout):
        """Reads resp's events in a thread, each read waiting at most read_timeout seconds."""
        self.conn.sock.settimeout(read_timeout)
        self.thread = threading.Thread(target=self._read, args=(resp,), daemon=True)
        self.thread.start()

    def _read(self, resp):
        try:
            while True:
                line = resp.readline()
                if not line:
                    raise EOFError("%s ended" % self.stream_name)
                length = int(line.strip())
                record = resp.read(length)
                if len(record) != length:
                    raise EOFError("%s ended inside a record" % self.stream_name)
                event = json.loads(record.decode("utf-8"))
                self._handle(event)
                with self.cond:
                    self.events.append(event)
                    self.cond.notify_all()
        except Exception as e:
            with self.cond:
                self.closed = "%s: %s" % (type(e).__name__, e)
                self.cond.notify_all()

    def _handle(self, event):
        """Acts on an event as it arrives (an exception ends the stream): nothing here."""

    def wait_event(self, predicate, timeout, what):
        deadline = time.time() + timeout
        with self.cond:
            while True:
                for ev in self.events:
                    if predicate(ev):
                        return ev
                if self.closed is not None:
                    raise Failure("%s closed (%s) before %s"
                                  % (self.stream_name, self.closed, what))
                left = deadline - time.time()
                if left <= 0:
                    raise Failure("timed out after %gs waiting for %s on the %s"
                                  % (timeout, what, self.stream_name))
                self.cond.wait(left)

    def close(self):
        try:
            if self.conn is not None:
                self.conn.close()
        except Exception:
            pass


class V1Scheduler(EventStream):
    """A bare v1 scheduler: SUBSCRIBE over http.client (RecordIO reader thread), calls over
    urllib. Anonymous; a subclass adds credentials with auth_headers() (and names itself in
    failures with described()), and changes what it subscribes with framework_info() and
    subscribe_call()."""

    def __init__(self, name, heartbeat_timeout=30):
        EventStream.__init__(self)
        self.name = name
        self.framework_id = None
        self.stream_id = None
        self.heartbeat_timeout = heartbeat_timeout
        self.auto_acknowledge = True
        self.auto_decline = False
        self.acks = []             # (state, HTTP status of the ACKNOWLEDGE)
        self.subscribe_status = None
        self.last_answer = None    # the body of the last call's answer

    def auth_headers(self):
        """Headers every request of this scheduler carries: none (anonymous)."""
        return {}

    def described(self, call_type):
        """A call of this scheduler, the way a failure names it."""
        return call_type

    def framework_info(self):
        return {"user": "root", "name": self.name, "failover_timeout": 0.0,
                "roles": ["*"], "capabilities": [{"type": "MULTI_ROLE"}]}

    def subscribe_call(self):
        return {"type": "SUBSCRIBE", "subscribe": {"framework_info": self.framework_info()}}

    def open_subscription(self, timeout):
        """POSTs SUBSCRIBE and reads the event stream in a thread; Failure unless the master
        answers 200 with a Mesos-Stream-Id."""
        headers = {"Content-Type": "application/json", "Accept": "application/json",
                   "Connection": "close"}
        headers.update(self.auth_headers())
        resp = self._open("/api/v1/scheduler", self.subscribe_call(), headers, timeout)
        self.subscribe_status = resp.status
        if resp.status != 200:
            raise Failure("%s answered %s: %s" % (self.described("SUBSCRIBE"), resp.status,
                                                 _clip(resp.read(), 300)))
        self.stream_id = resp.getheader("Mesos-Stream-Id")
        expect(self.stream_id, "SUBSCRIBE answer has no Mesos-Stream-Id header")
        self._start_reading(resp, self.heartbeat_timeout)

    def subscribe(self, timeout=15):
        self.open_subscription(timeout)
        ev = self.wait_event(lambda e: e.get("type") == "SUBSCRIBED", timeout, "SUBSCRIBED")
        self.framework_id = ev["subscribed"]["framework_id"]["value"]
        return ev

    def _handle(self, event):
        """Like a driver: acknowledge updates that carry a uuid (the agent sends a task's next
        update only after the previous one is acknowledged), decline offers once asked to."""
        kind = event.get("type")
        try:
            if kind == "UPDATE" and self.auto_acknowledge:
                status = event["update"]["status"]
                if "uuid" in status:
                    code = self.acknowledge(status)
                    self.acks.append((status.get("state"), code))
            elif kind == "OFFERS" and self.auto_decline:
                ids = [o["id"] for o in event["offers"].get("offers", [])]
                if ids:
                    self.call("DECLINE", {"offer_ids": ids, "filters": {"refuse_seconds": 1.0}},
                              expect_status=None)
        except Exception as e:
            self.handler_errors.append("handling %s: %s: %s" % (kind, type(e).__name__, e))

    def take_events(self, predicate):
        with self.cond:
            taken = [ev for ev in self.events if predicate(ev)]
            self.events = [ev for ev in self.events if not predicate(ev)]
            return taken

    def leave(self):
        """TEARDOWN if subscribed, as best it can, then close: later suites get the resources
        back whatever happened here."""
        if self.framework_id:
            try:
                self.call("TEARDOWN", expect_status=None)
            except Exception:
                pass
        self.close()

    def call(self, call_type, payload=None, expect_status=202):
        body = {"type": call_type, "framework_id": {"value": self.framework_id}}
        if payload is not None:
            body[call_type.lower()] = payload
        headers = {"Content-Type": "application/json"}
        if self.stream_id:
            headers["Mesos-Stream-Id"] = self.stream_id
        headers.update(self.auth_headers())
        status, _, data = http_request("/api/v1/scheduler", "POST", body, headers)
        self.last_answer = data
        if expect_status is not None and status != expect_status:
            raise Failure("%s answered %s (expected %s): %s"
                          % (self.described(call_type), status, expect_status, _clip(data, 300)))
        return status

    def launch_on_first_fitting(self, cpus, mem, make_tasks, timeout=30):
        """Waits for an offer with at least `cpus` and `mem`, launches make_tasks(agent ID) on it
        and declines every other offer, now and from then on; returns the agent's ID."""
        def fitting_offer():
            for ev in self.events:
                if ev.get("type") == "OFFERS":
                    for offer in ev["offers"].get("offers", []):
                        if fits(offer, cpus, mem):
                            return offer
            return None
        offer = self.wait_event(lambda ev: fitting_offer() is not None, timeout,
                                "an offer with cpus >= %g and mem >= %g" % (cpus, mem)) \
            and fitting_offer()
        agent = offer["agent_id"]["value"]
        self.call("ACCEPT", {
            "offer_ids": [offer["id"]],
            "operations": [{"type": "LAUNCH", "launch": {"task_infos": make_tasks(agent)}}],
            "filters": {"refuse_seconds": 1.0},
        })
        others = [o["id"] for ev in self.take_events(lambda e: e.get("type") == "OFFERS")
                  for o in ev["offers"].get("offers", []) if o["id"] != offer["id"]]
        self.auto_decline = True
        if others:
            self.call("DECLINE", {"offer_ids": others, "filters": {"refuse_seconds": 1.0}})
        return agent

    def leave(self):
        """Tears the framework down, best effort, so that later suites get the resources back,
        and closes the stream."""
        if self.framework_id:
            try:
                self.auto_decline = False
                self.call("TEARDOWN", expect_status=None)
            except Exception:
                pass
        self.close()

    def acknowledge(self, status):
        if "uuid" not in status:
            return None
        return self.call("ACKNOWLEDGE", {"agent_id": status["agent_id"],
                                         "task_id": status["task_id"], "uuid": status["uuid"]},
                         expect_status=None)


def new_uuid_b64():
    return base64.b64encode(uuid.uuid4().bytes).decode("ascii")


def replay_subscribe(framework_info):
    """For a failure report: SUBSCRIBE once more the way pymesos does (HTTP/1.1, Accept JSON,
    Connection: close) through http.client, so that the recorder lists the answer (pymesos's own
    socket is not recorded). Tears the framework down if it subscribed."""
    body = json.dumps({"type": "SUBSCRIBE", "subscribe": {"framework_info": framework_info}})
    conn = http.client.HTTPConnection(MASTER_HOST, MASTER_PORT, timeout=5)
    try:
        conn.request("POST", "/api/v1/scheduler", body=body.encode(),
                     headers={"Content-Type": "application/json", "Accept": "application/json",
                              "Connection": "close"})
        resp = conn.getresponse()
        if resp.status != 200:
            resp.read(2000)
            return "the SUBSCRIBE, replayed by the test as pymesos sends it, is listed below"
        headers = {k.lower(): v for k, v in resp.getheaders()}
        length = resp.readline()
        record = resp.read(int(length.strip() or 0))
        try:
            fid = json.loads(record)["subscribed"]["framework_id"]
            http_request("/api/v1/scheduler", "POST", {"type": "TEARDOWN", "framework_id": fid},
                         {"Content-Type": "application/json",
                          "Mesos-Stream-Id": headers.get("mesos-stream-id", "")})
        except Exception:
            pass
        return ("the SUBSCRIBE replayed by the test, as pymesos sends it, got 200 with "
                "transfer-encoding %r, Mesos-Stream-Id %r, first bytes %s"
                % (headers.get("transfer-encoding"), headers.get("mesos-stream-id"),
                   _clip(length + record, 300)))
    except Exception as e:
        return "the SUBSCRIBE replayed by the test got no answer: %s: %s" % (type(e).__name__, e)
    finally:
        conn.close()
