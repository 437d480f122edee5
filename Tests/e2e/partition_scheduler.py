"""A partition-aware framework speaking the v1 scheduler API with nothing but the standard
library: it launches one long task and prints each state change as 'STATE <state>' on stdout,
so the shell test can wait for them. Usage: partition_scheduler.py HOST:PORT"""
import http.client, json, sys

host, port = sys.argv[1].split(":")
port = int(port)
conn = http.client.HTTPConnection(host, port, timeout=600)
conn.request("POST", "/api/v1/scheduler", json.dumps({"type": "SUBSCRIBE", "subscribe": {"framework_info": {
    "user": "root", "name": "partition-test", "failover_timeout": 3600,
    "capabilities": [{"type": "PARTITION_AWARE"}, {"type": "MULTI_ROLE"}], "roles": ["*"]}}}),
    {"Content-Type": "application/json", "Accept": "application/json"})
response = conn.getresponse()
assert response.status == 200, response.status
stream = response.getheader("Mesos-Stream-Id")

def call(body):
    c = http.client.HTTPConnection(host, port, timeout=30)
    c.request("POST", "/api/v1/scheduler", json.dumps(body), {"Content-Type": "application/json", "Mesos-Stream-Id": stream})
    r = c.getresponse(); r.read(); c.close()
    return r.status

def records():
    while True:
        line = b""
        while not line.endswith(b"\n"):
            byte = response.read(1)
            if not byte:
                return
            line += byte
        yield json.loads(response.read(int(line)))

framework = None
launched = False
for event in records():
    kind = event["type"]
    if kind == "SUBSCRIBED":
        framework = event["subscribed"]["framework_id"]
    elif kind == "OFFERS":
        for offer in event["offers"]["offers"]:
            if launched:
                call({"type": "DECLINE", "framework_id": framework, "decline": {"offer_ids": [offer["id"]], "filters": {"refuse_seconds": 3600}}})
                continue
            launched = True
            task = {"name": "long", "task_id": {"value": "long-1"}, "agent_id": offer["agent_id"],
                    "resources": [{"name": "cpus", "type": "SCALAR", "scalar": {"value": 0.1}},
                                  {"name": "mem", "type": "SCALAR", "scalar": {"value": 32}}],
                    "command": {"value": "sleep 600"}}
            call({"type": "ACCEPT", "framework_id": framework, "accept": {"offer_ids": [offer["id"]],
                  "operations": [{"type": "LAUNCH", "launch": {"task_infos": [task]}}]}})
    elif kind == "UPDATE":
        status = event["update"]["status"]
        print("STATE", status["state"], status.get("reason", ""), flush=True)
        if "uuid" in status:
            call({"type": "ACKNOWLEDGE", "framework_id": framework, "acknowledge": {
                "agent_id": status["agent_id"], "task_id": status["task_id"], "uuid": status["uuid"]}})
