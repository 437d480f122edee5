"""What Marathon's clients and deploy tools rely on, checked with plain HTTP against
`corral services` (run.sh sets CORRAL_SERVICES=IP:PORT): field names, status codes and shapes
as Marathon's REST API documents them.

- /ping: the JSON string "pong" to a client that accepts JSON, text otherwise.
- GET /v2/apps: the id, cmd and label filters; counts and deployments always, tasks,
  lastTaskFailure, taskStats and readinessCheckResults only when embedded; the `marathon`
  client's list_apps with its filters and embeds.
- PUT /v2/apps/{id} that creates: 201 with Location and {deploymentId, version}; a change while
  the app's deployment runs: 409 with Marathon's message and the deployments, unless force=true.
- /v2/apps/{id}/versions: {"versions": [...]} newest first; /versions/{version}: the app as of
  that version; 404 naming a version that is not kept.
- /v2/events: server-sent events (text/event-stream, `event:` and `data:` lines) read with
  `requests` streaming while an app deploys and scales: api_post_event, deployment_info,
  status_update_event, instance_changed_event, deployment_step_success, deployment_success
  with Marathon's fields; `event_type` filters.
- DELETE /v2/deployments/{id}: rolls back (a start: the app goes; a scale: the count before),
  200 with {deploymentId, version}; force=true just stops it (202); 404 naming an unknown id;
  the `marathon` client's delete_deployment.
- Readiness checks kept and returned, a wrong one a 422 naming the field; /v2/plugins:
  {"plugins": []}; /metrics: Marathon's JSON (version, gauges, counters, histograms, meters,
  timers).
- An app's labels and portDefinitions reach its tasks as Mesos task labels and DiscoveryInfo
  (visibility FRAMEWORK, the app's ID as a hostname, ports with number, name, protocol and
  labels): in the master's GET_TASKS and in the agent's /state.
"""

import json
import os
import threading
import time

import requests

from compat_support import RUN_ID, Failure, Reporter, expect, http_request, wait_until  # noqa: F401

SUITE = "marathon-fidelity"
SERVICES = os.environ.get("CORRAL_SERVICES", "")
PREFIX = "/fidelity-%s" % RUN_ID.lower()


def call(path, method="GET", body=None, headers=None):
    """(status, headers, parsed JSON or raw bytes) of one exchange with Services."""
    sent = {"Content-Type": "application/json"} if body is not None else {}
    sent.update(headers or {})
    status, answer_headers, payload = http_request(path, method=method, body=body, headers=sent, base=SERVICES)
    try:
        return status, answer_headers, json.loads(payload.decode("utf-8"))
    except ValueError:
        return status, answer_headers, payload


def check_ping():
    status, headers, body = call("/ping", headers={"Accept": "application/json"})
    expect(status == 200 and body == "pong", "JSON ping answered %s %r" % (status, body))
    expect(headers.get("content-type", "").startswith("application/json"), "JSON ping: %r" % headers)
    status, headers, body = call("/ping", headers={"Accept": "text/plain"})
    expect(body == b"pong" and headers.get("content-type", "").startswith("text/plain"), "text ping: %r %r" % (body, headers))


def app_ids(query):
    status, _, body = call("/v2/apps" + query)
    expect(status == 200, "GET /v2/apps%s answered %s: %r" % (query, status, body))
    return sorted(a["id"] for a in body["apps"] if a["id"].startswith(PREFIX))


def check_filters_and_embed():
    apps = [
        {"id": PREFIX + "/web", "cmd": "exec serve --web", "instances": 0, "labels": {"tier": "web", "team": "shop"}},
        {"id": PREFIX + "/db", "cmd": "exec postgres", "instances": 0, "labels": {"tier": "db", "team": "shop"}},
    ]
    for app in apps:
        status, _, body = call("/v2/apps", "POST", app)
        expect(status == 201, "POST %s answered %s: %r" % (app["id"], status, body))
    expect(app_ids("?id=%s/W" % PREFIX) == [PREFIX + "/web"], "id filter: %r" % app_ids("?id=%s/W" % PREFIX))
    expect(app_ids("?cmd=postgres") == [PREFIX + "/db"], "cmd filter: %r" % app_ids("?cmd=postgres"))
    expect(app_ids("?label=tier==web") == [PREFIX + "/web"], "label ==: %r" % app_ids("?label=tier==web"))
    expect(app_ids("?label=team==shop,tier!=web") == [PREFIX + "/db"], "label !=: %r" % app_ids("?label=team==shop,tier!=web"))
    expect(app_ids("?label=tier") == [PREFIX + "/db", PREFIX + "/web"], "label exists: %r" % app_ids("?label=tier"))
    _, _, listing = call("/v2/apps?id=%s/web" % PREFIX)
    bare = listing["apps"][0]
    for key in ("tasksRunning", "tasksStaged", "tasksHealthy", "tasksUnhealthy", "deployments", "version", "versionInfo"):
        expect(key in bare, "the listing has no %s: %r" % (key, bare))
    for key in ("tasks", "lastTaskFailure", "taskStats", "readinessCheckResults"):
        expect(key not in bare, "the listing has %s without embed: %r" % (key, bare))
    _, _, listing = call("/v2/apps?id=%s/web&embed=apps.tasks&embed=apps.taskStats&embed=apps.readiness&embed=apps.lastTaskFailure" % PREFIX)
    embedded = listing["apps"][0]
    expect(isinstance(embedded.get("tasks"), list) and isinstance(embedded.get("taskStats"), dict)
           and isinstance(embedded.get("readinessCheckResults"), list), "embedded: %r" % embedded)
    status, _, body = call("/v2/apps?label=tier%20=%20web")
    expect(status == 400, "a bad label selector answered %s: %r" % (status, body))
    status, _, body = call("/v2/apps?embed=apps.nothing")
    expect(status == 400, "an unknown embed answered %s: %r" % (status, body))
    # The `marathon` client's list_apps sends the older `app.*` embeds and its filters.
    listed = marathon_client().list_apps(app_id=PREFIX + "/", label="tier==db", embed_tasks=True, embed_task_stats=True)
    expect([a.id for a in listed] == [PREFIX + "/db"], "list_apps with filters: %r" % [a.id for a in listed])


def check_put_creates_and_locks():
    app_id = PREFIX + "/huge"
    status, headers, body = call("/v2/apps" + app_id, "PUT", {"cmd": "exec sleep 600", "cpus": 512, "mem": 16})
    expect(status == 201, "PUT of a new app answered %s: %r" % (status, body))
    expect(headers.get("location", "").endswith("/v2/apps" + app_id), "Location: %r" % headers.get("location"))
    expect("deploymentId" in body and "version" in body, "PUT answered %r" % body)
    # 512 cpus fit no agent: the deployment runs on and the app is locked.
    status, _, locked = call("/v2/apps" + app_id, "PUT", {"instances": 2})
    expect(status == 409, "a change while deploying answered %s: %r" % (status, locked))
    expect(locked.get("message", "").startswith("App is locked by one or more deployments"), "409: %r" % locked)
    expect([d.get("id") for d in locked.get("deployments", [])] == [body["deploymentId"]], "409 deployments: %r" % locked)
    status, _, forced = call("/v2/apps%s?force=true" % app_id, "PUT", {"instances": 0, "cpus": 0.1})
    expect(status == 200 and "deploymentId" in forced, "force=true answered %s: %r" % (status, forced))
    status, _, again = call("/v2/apps%s" % app_id, "PUT", {"cpus": 0.2})
    expect(status in (200, 409), "PUT answered %s: %r" % (status, again))


def check_versions():
    app_id = PREFIX + "/versioned"
    status, _, _ = call("/v2/apps", "POST", {"id": app_id, "cmd": "exec serve --v1", "instances": 0})
    expect(status == 201, "POST answered %s" % status)
    first = call("/v2/apps" + app_id)[2]["app"]["version"]
    status, _, _ = call("/v2/apps%s?force=true" % app_id, "PUT", {"cmd": "exec serve --v2"})
    expect(status == 200, "PUT answered %s" % status)
    status, _, body = call("/v2/apps%s/versions" % app_id)
    expect(status == 200 and isinstance(body.get("versions"), list), "versions: %s %r" % (status, body))
    versions = body["versions"]
    expect(len(versions) == 2 and versions[-1] == first, "versions %r (first %r)" % (versions, first))
    status, _, old = call("/v2/apps%s/versions/%s" % (app_id, first))
    expect(status == 200 and old.get("cmd") == "exec serve --v1" and old.get("id") == app_id, "old version: %r" % old)
    # The `marathon` client lists them, and reads a version as an app.
    expect(marathon_client().list_versions(app_id) == versions, "list_versions")
    newest = marathon_client().get_version(app_id, versions[0])
    expect(newest.cmd == "exec serve --v2", "get_version: %r" % newest.cmd)
    status, _, body = call("/v2/apps%s/versions/2001-01-01T00:00:00.000Z" % app_id)
    expect(status == 404 and "2001-01-01T00:00:00.000Z" in json.dumps(body), "missing version: %s %r" % (status, body))


class SSEReader(object):
    """Reads Services' event stream in a thread, as an SSE client: `event:` names the type,
    `data:` holds the JSON, a blank line ends the event."""

    def __init__(self, query=""):
        self.events = []
        self.lock = threading.Lock()
        self.response = requests.get("http://%s/v2/events%s" % (SERVICES, query),
                                     headers={"Accept": "text/event-stream"}, stream=True, timeout=60)
        self.content_type = self.response.headers.get("content-type", "")
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        kind, data = None, []
        try:
            for raw in self.response.iter_lines(decode_unicode=True):
                if raw.startswith("event:"):
                    kind = raw[6:].strip()
                elif raw.startswith("data:"):
                    data.append(raw[5:].strip())
                elif raw == "" and data:
                    with self.lock:
                        self.events.append((kind, json.loads("\n".join(data))))
                    kind, data = None, []
        except Exception:
            pass

    def of(self, kind):
        with self.lock:
            return [body for (k, body) in self.events if k == kind]

    def types(self):
        with self.lock:
            return [k for (k, _) in self.events]



def check_event_stream():
    everything = SSEReader()
    some = SSEReader("?event_type=deployment_success&event_type=api_post_event")
    expect(everything.content_type.startswith("text/event-stream"), "content type %r" % everything.content_type)
    wait_until(lambda: everything.of("event_stream_attached"), 10, "event_stream_attached")
    attached = everything.of("event_stream_attached")[0]
    expect(attached.get("remoteAddress") in ("127.0.0.1", "::1"), "event_stream_attached names the reader: %r" % attached)
    app_id = PREFIX + "/sse"
    status, _, _ = call("/v2/apps", "POST", {"id": app_id, "cmd": "exec sleep 600", "cpus": 0.1, "mem": 16, "instances": 1})
    expect(status == 201, "POST answered %s" % status)
    ours = lambda reader: [e for e in reader.of("deployment_success") if e["plan"]["steps"][0]["actions"][0]["app"] == app_id]
    wait_until(lambda: len(ours(everything)) == 1, 30, "deployment_success of the new app")
    status, _, _ = call("/v2/apps" + app_id, "PUT", {"instances": 2})
    expect(status == 200, "scale answered %s" % status)
    wait_until(lambda: len(ours(everything)) == 2 and len(ours(some)) == 2, 30, "deployment_success of the scale")
    for kind in ("api_post_event", "deployment_info", "status_update_event", "instance_changed_event", "deployment_step_success"):
        expect(everything.of(kind), "no %s among %r" % (kind, sorted(set(everything.types()))))
    expect(set(some.types()) == {"api_post_event", "deployment_success"}, "filtered stream has %r" % sorted(set(some.types())))
    running = [e for e in everything.of("status_update_event") if e.get("appId") == app_id and e.get("taskStatus") == "TASK_RUNNING"]
    expect(len(running) >= 2, "TASK_RUNNING updates: %r" % running)
    for key in ("eventType", "timestamp", "slaveId", "taskId", "taskStatus", "message", "appId", "host", "ports", "version", "ipAddresses"):
        expect(key in running[0], "status_update_event lacks %s: %r" % (key, running[0]))
    changed = [e for e in everything.of("instance_changed_event") if e.get("runSpecId") == app_id]
    expect(changed and all(k in changed[0] for k in ("instanceId", "condition", "agentId", "host", "runSpecVersion")), "instance_changed_event: %r" % changed[:1])
    info = everything.of("deployment_info")[0]
    expect("plan" in info and "currentStep" in info and info["eventType"] == "deployment_info", "deployment_info: %r" % info)
    posted = everything.of("api_post_event")[0]
    expect("appDefinition" in posted and "uri" in posted and posted["timestamp"].endswith("Z"), "api_post_event: %r" % posted)
    # The readers stay attached until the process ends: closing a response while its thread
    # reads blocks in urllib3 until the next chunk (a heartbeat, 15 s away).


def deployment_of(app_id):
    _, _, body = call("/v2/apps" + app_id)
    deployments = body["app"]["deployments"]
    return deployments[0]["id"] if deployments else None


def check_deployment_rollback():
    huge = PREFIX + "/rollback-huge"
    status, _, _ = call("/v2/apps", "POST", {"id": huge, "cmd": "exec sleep 600", "cpus": 512, "mem": 16})
    expect(status == 201, "POST answered %s" % status)
    start = deployment_of(huge)
    status, _, body = call("/v2/deployments/%s" % start, "DELETE")
    expect(status == 200 and "deploymentId" in body and "version" in body and body["deploymentId"] != start,
           "rolling back the start answered %s %r" % (status, body))
    expect(call("/v2/apps" + huge)[0] == 404, "the app created by the cancelled deployment is still there")

    spread = PREFIX + "/rollback-spread"
    app = {"id": spread, "cmd": "exec sleep 600", "cpus": 0.1, "mem": 16, "instances": 1,
           "constraints": [["hostname", "UNIQUE"]]}
    call("/v2/apps", "POST", app)
    wait_until(lambda: deployment_of(spread) is None, 30, "the first instance of %s" % spread)
    # One per agent: 20 instances cannot all start, so the scale stays in progress.
    status, _, _ = call("/v2/apps" + spread, "PUT", {"instances": 20})
    expect(status == 200, "scale answered %s" % status)
    rolled = marathon_client().delete_deployment(deployment_of(spread))
    expect("deploymentId" in rolled, "delete_deployment answered %r" % rolled)
    expect(call("/v2/apps" + spread)[2]["app"]["instances"] == 1, "the scale was not rolled back")
    wait_until(lambda: deployment_of(spread) is None, 30, "the rollback")
    call("/v2/apps" + spread, "PUT", {"instances": 20})
    status, _, _ = call("/v2/deployments/%s?force=true" % deployment_of(spread), "DELETE")
    expect(status == 202, "force=true answered %s" % status)
    expect(call("/v2/apps" + spread)[2]["app"]["instances"] == 20, "force=true changed the app")
    status, _, body = call("/v2/deployments/no-such-plan", "DELETE")
    expect(status == 404 and "no-such-plan" in json.dumps(body), "unknown deployment: %s %r" % (status, body))


def check_readiness_plugins_metrics():
    app_id = PREFIX + "/ready"
    check = {"name": "ready", "protocol": "HTTP", "path": "/ready", "portName": "http-api", "intervalSeconds": 5,
             "timeoutSeconds": 2, "httpStatusCodesForReady": [200], "preserveLastResponse": False}
    app = {"id": app_id, "cmd": "exec sleep 600", "instances": 0, "portDefinitions": [{"port": 0, "name": "http-api"}],
           "readinessChecks": [check]}
    status, _, body = call("/v2/apps", "POST", app)
    expect(status == 201 and body.get("readinessChecks") == [check], "POST answered %s %r" % (status, body.get("readinessChecks")))
    got = marathon_client().get_app(app_id)
    expect(got.readiness_checks[0].port_name == "http-api", "the client reads %r" % got.readiness_checks)
    wrong = dict(app, id=PREFIX + "/not-ready", readinessChecks=[dict(check, portName="admin")])
    status, _, body = call("/v2/apps", "POST", wrong)
    paths = [d.get("path") for d in body.get("details", [])] if isinstance(body, dict) else []
    expect(status == 422 and "/readinessChecks(0)/portName" in paths, "a wrong portName answered %s %r" % (status, body))
    # Probed for real: a task that serves HTTP only after two seconds keeps its deployment
    # waiting, with the not-ready results on the app and on the deployment's current action.
    warm_id = PREFIX + "/warm"
    warm = {"id": warm_id, "cmd": "sleep 2; exec python3 -m http.server $PORT0", "cpus": 0.1, "mem": 32, "instances": 1,
            "portDefinitions": [{"port": 0, "name": "http-api"}],
            "readinessChecks": [dict(check, path="/", intervalSeconds=1, timeoutSeconds=0.5)]}
    status, _, _ = call("/v2/apps", "POST", warm)
    expect(status == 201, "POST of a probed app answered %s" % status)
    def waiting():
        _, _, deployments = call("/v2/deployments")
        actions = [a for d in deployments for a in d["currentActions"] if a["app"] == warm_id]
        return actions and actions[0]["readinessCheckResults"] and actions[0]
    action = wait_until(waiting, 30, "the deployment waiting on readiness")
    expect(action["readinessCheckResults"][0]["ready"] is False and action["readinessCheckResults"][0]["name"] == "ready",
           "readinessCheckResults %r" % action["readinessCheckResults"])
    def done():
        _, _, deployments = call("/v2/deployments")
        return not [d for d in deployments if warm_id in d["affectedApps"]]
    wait_until(done, 30, "the deployment done once the task answers ready")
    _, _, body = call("/v2/apps%s?embed=apps.readiness" % warm_id)
    expect(body["app"]["tasksRunning"] == 1 and body["app"]["readinessCheckResults"] == [], "after it: %r" % body["app"].get("readinessCheckResults"))
    call("/v2/apps%s" % warm_id, "DELETE")
    status, _, body = call("/v2/plugins")
    expect(status == 200 and body == {"plugins": []}, "/v2/plugins answered %s %r" % (status, body))
    status, _, body = call("/metrics")
    expect(status == 200 and isinstance(body, dict), "/metrics answered %s" % status)
    for key in ("version", "gauges", "counters", "histograms", "meters", "timers"):
        expect(key in body, "/metrics has no %s: %r" % (key, sorted(body)))
    expect(body["gauges"]["service.mesosphere.marathon.app.count"]["value"] >= 1, "app count: %r" % body["gauges"])


def check_labels_and_discovery():
    app_id = PREFIX + "/discovered"
    app = {"id": app_id, "cmd": "exec sleep 600", "cpus": 0.1, "mem": 16, "instances": 1, "labels": {"tier": "web"},
           "portDefinitions": [{"port": 0, "name": "http", "protocol": "tcp", "labels": {"VIP_0": "/web:80"}},
                               {"port": 0, "name": "dns", "protocol": "udp,tcp"}]}
    status, _, _ = call("/v2/apps", "POST", app)
    expect(status == 201, "POST answered %s" % status)

    def task_of_app():
        _, _, body = http_request("/api/v1", "POST", {"type": "GET_TASKS"}, {"Content-Type": "application/json", "Accept": "application/json"})
        tasks = json.loads(body.decode("utf-8")).get("get_tasks", {}).get("tasks", [])
        ours = [t for t in tasks if t.get("discovery", {}).get("name") == hostname and t.get("state") == "TASK_RUNNING"]
        return ours[0] if ours else None
    hostname = ".".join(reversed(app_id.strip("/").split("/")))
    task = wait_until(task_of_app, 30, "a running task of %s in GET_TASKS" % app_id)
    expect(task["labels"]["labels"] == [{"key": "tier", "value": "web"}], "task labels: %r" % task.get("labels"))
    discovery = task["discovery"]
    expect(discovery["visibility"] == "FRAMEWORK", "visibility: %r" % discovery)
    ports = discovery["ports"]["ports"]
    expect([(p.get("name"), p.get("protocol")) for p in ports] == [("http", "tcp"), ("dns", "udp"), ("dns", "tcp")], "ports: %r" % ports)
    expect(ports[0]["labels"]["labels"] == [{"key": "VIP_0", "value": "/web:80"}], "port labels: %r" % ports[0])
    _, _, tasks = call("/v2/apps%s/tasks" % app_id)
    expect(sorted(set(p["number"] for p in ports)) == sorted(tasks["tasks"][0]["ports"]), "port numbers %r vs %r" % (ports, tasks))
    agent = [s for s in json.loads(http_request("/master/slaves")[2].decode("utf-8"))["slaves"] if s["id"] == task["agent_id"]["value"]]
    expect(agent, "/master/slaves does not list agent %s" % task["agent_id"]["value"])
    status, _, state = http_request("/state", base="%s:%s" % (agent[0]["hostname"], agent[0]["port"]))
    if status == 404:
        return  # agents inside the master serve no /state of their own
    seen = [t for fw in json.loads(state.decode("utf-8"))["frameworks"] for ex in fw["executors"] for t in ex["tasks"]
            if t["id"] == task["task_id"]["value"]]
    expect(seen and seen[0].get("discovery", {}).get("name") == hostname and seen[0].get("labels"),
           "the agent's /state shows %r" % seen)


def marathon_client():
    import collections
    import collections.abc
    collections.Iterable = collections.abc.Iterable  # the client's Python 3.10+ shim
    from marathon import MarathonClient
    return MarathonClient("http://%s" % SERVICES)


def cleanup():
    _, _, listing = call("/v2/apps?id=%s" % PREFIX)
    for app in listing.get("apps", []) if isinstance(listing, dict) else []:
        call("/v2/apps%s?force=true" % app["id"], "DELETE")


def main():
    rep = Reporter(SUITE)
    if not SERVICES:
        rep.skip_as_failed("all", "CORRAL_SERVICES is not set: run.sh did not start corral services")
        rep.finish()
    rep.check("/ping: \"pong\" as JSON when asked for JSON, text otherwise", check_ping)
    rep.check("GET /v2/apps: id, cmd and label filters; embed", check_filters_and_embed)
    rep.check("PUT that creates: 201 with Location; a change while deploying: 409 unless force", check_put_creates_and_locks)
    rep.check("/v2/apps/{id}/versions and /versions/{version}", check_versions)
    rep.check("/v2/events: SSE while an app deploys and scales; event_type filters", check_event_stream)
    rep.check("DELETE /v2/deployments/{id}: rollback (200), force (202), 404", check_deployment_rollback)
    rep.check("readiness checks, /v2/plugins, /metrics", check_readiness_plugins_metrics)
    rep.check("labels and portDefinitions reach tasks as Mesos labels and DiscoveryInfo", check_labels_and_discovery)
    cleanup()
    rep.finish()


if __name__ == "__main__":
    main()
