#!/usr/bin/env python3
"""Fault injection on real processes: a master, three agents (each in a network namespace of
its own), Services with an app of 6 health-checked instances, and Jobs with a job every 2 s.
Then a seeded sequence of faults at random moments: kill -9 or SIGTERM of the master, of an
agent (restarted on its work dir), of Services or of Jobs; an agent killed with -9 in the middle
of a drain (SIGUSR1), which must go on draining when it starts again; and an agent cut from the
network for longer than the agent timeout, then healed. After each fault it waits, with a deadline, for
the cluster to converge and checks that:

  - the app has exactly 6 running instances, each a live process on this host;
  - no task process runs that no framework knows (no phantom);
  - the master, the agents' processes and the frameworks agree on every task (none lost);
  - the job kept its schedule, with no storm of catch-up runs;
  - no run of the job was left without an end (every terminal status reached Jobs).

The faults come from random.Random(seed) alone: the same seed gives the same sequence. Ends
with `faults: N injected, N survived, tasks lost L, phantom tasks P, seed S`; exit 1 if any
fault was not survived.

    python3 Tests/fault/fault_suite.py PATH-TO-CORRAL [--seed S] [--faults N]
"""

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

APP = "/fault-app"
INSTANCES = 6
JOB = "tick"
JOB_PERIOD = 2.0
AGENTS = 3
AGENT_TIMEOUT = 4
REREGISTER_TIMEOUT = 8
CONVERGENCE_DEADLINE = 90


def log(line):
    print(line, flush=True)


class Failure(Exception):
    pass


def http(url, method="GET", body=None, timeout=5):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=timeout) as response:
        text = response.read().decode()
        return json.loads(text) if text.strip().startswith(("{", "[")) else text


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("0.0.0.0", 0))
        return s.getsockname()[1]


def run(*command, check=True):
    return subprocess.run(command, check=check, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


class Cluster:
    """The processes under test, each restartable on its own work dir and port."""

    def __init__(self, corral, work, tag):
        self.corral = corral
        self.work = work
        self.tag = tag
        self.processes = {}
        self.master_port = free_port()
        self.services_port = free_port()
        self.jobs_port = free_port()
        self.agent_ports = [free_port() for _ in range(AGENTS)]
        self.namespaces = ["cf%s-%d" % (tag, i) for i in range(AGENTS)]
        self.host_links = ["cfh%s%d" % (tag, i) for i in range(AGENTS)]
        self.subnets = ["10.%d.%d" % (240 + i, int(tag) % 250) for i in range(AGENTS)]

    # -- network ---------------------------------------------------------------------------
    def make_network(self):
        for ns, host_if, subnet in zip(self.namespaces, self.host_links, self.subnets):
            agent_if = host_if.replace("cfh", "cfa")
            run("ip", "netns", "add", ns)
            run("ip", "link", "add", host_if, "type", "veth", "peer", "name", agent_if)
            run("ip", "link", "set", agent_if, "netns", ns)
            run("ip", "addr", "add", subnet + ".1/24", "dev", host_if)
            run("ip", "link", "set", host_if, "up")
            run("ip", "netns", "exec", ns, "ip", "addr", "add", subnet + ".2/24", "dev", agent_if)
            run("ip", "netns", "exec", ns, "ip", "link", "set", agent_if, "up")
            run("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up")

    def remove_network(self):
        for ns, host_if in zip(self.namespaces, self.host_links):
            run("ip", "link", "del", host_if, check=False)
            run("ip", "netns", "del", ns, check=False)

    def cut(self, index):
        run("ip", "link", "set", self.host_links[index], "down")

    def heal(self, index):
        run("ip", "link", "set", self.host_links[index], "up")

    # -- processes -------------------------------------------------------------------------
    def start(self, name):
        out = self.open_log(name, "start")
        self.processes[name] = subprocess.Popen(self.command(name), stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        self.wait_for_log(name, "listening on", 30)

    def finish_drain(self, name, deadline=30):
        """Starts an agent killed in the middle of a drain: it must go on draining, deliver its
        tasks' ends, unregister and exit 0 by itself."""
        out = self.open_log(name, "start (resuming its drain)")
        process = subprocess.Popen(self.command(name), stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        self.processes[name] = process
        try:
            status = process.wait(timeout=deadline)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise Failure("%s did not finish its drain within %d s of starting again" % (name, deadline))
        if status != 0:
            raise Failure("%s exited with status %d while finishing its drain" % (name, status))
        self.wait_for_log(name, "goes on draining", 0)

    def open_log(self, name, what):
        out = open(os.path.join(self.work, name + ".log"), "a")
        out.write("\n==== %s %s at %.1f\n" % (what, name, time.time()))
        out.flush()
        return out

    def command(self, name):
        c = self.corral
        master = "127.0.0.1:%d" % self.master_port
        if name == "master":
            command = [c, "master", "--ip", "0.0.0.0", "--port", str(self.master_port), "--work-dir", self.path("master"),
                       "--heartbeat-interval", "1", "--agent-timeout", str(AGENT_TIMEOUT),
                       "--agent-reregister-timeout", str(REREGISTER_TIMEOUT), "--allocation-interval", "0.5"]
        elif name.startswith("agent"):
            i = int(name[5:])
            command = ["ip", "netns", "exec", self.namespaces[i], c, "agent",
                       "--master", "%s.1:%d" % (self.subnets[i], self.master_port), "--ip", self.subnets[i] + ".2",
                       "--port", str(self.agent_ports[i]), "--work-dir", self.path(name), "--resources", "cpus:2;mem:1024",
                       "--drain-timeout", "2"]
        elif name == "services":
            command = [c, "services", "--master", master, "--port", str(self.services_port), "--work-dir", self.path(name),
                       "--reconciliation-interval", "10", "--reconciliation-initial-delay", "3", "--reconciliation-max-backoff", "2"]
        elif name == "jobs":
            command = [c, "jobs", "--master", master, "--port", str(self.jobs_port), "--work-dir", self.path(name),
                       "--reconciliation-interval", "10", "--reconciliation-initial-delay", "3", "--reconciliation-max-backoff", "2"]
        else:
            raise ValueError(name)
        return command

    def path(self, name):
        return os.path.join(self.work, name)

    def wait_for_log(self, name, text, seconds):
        """Waits until the process's latest run printed `text` (once, at least, even with no time)."""
        deadline = time.time() + seconds
        path = os.path.join(self.work, name + ".log")
        while True:
            with open(path) as f:
                if text in f.read().split("\n==== ")[-1]:
                    return
            if time.time() >= deadline:
                raise Failure("%s did not print %r within %d s" % (name, text, seconds))
            if self.processes[name].poll() is not None:
                raise Failure("%s exited (status %s) before printing %r" % (name, self.processes[name].returncode, text))
            time.sleep(0.1)

    def stop(self, name, signal_number, deadline=20):
        process = self.processes.get(name)
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal_number)
        try:
            process.wait(timeout=deadline)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise Failure("%s did not exit within %d s of signal %d" % (name, deadline, signal_number))

    def kill_tasks(self):
        for pid, _ in task_processes(self.work).items():
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    # -- reading the cluster -----------------------------------------------------------------
    def master_tasks(self):
        tasks = http("http://127.0.0.1:%d/master/tasks?limit=-1" % self.master_port)["tasks"]
        return {t["id"]: t["state"] for t in tasks if t["state"] not in ("TASK_FINISHED", "TASK_FAILED", "TASK_KILLED", "TASK_LOST", "TASK_ERROR", "TASK_DROPPED", "TASK_GONE", "TASK_GONE_BY_OPERATOR")}

    def app(self):
        return http("http://127.0.0.1:%d/v2/apps%s?embed=apps.tasks" % (self.services_port, APP))["app"]

    def job_stats(self):
        return http("http://127.0.0.1:%d/v1/scheduler/job/stat/%s" % (self.jobs_port, JOB))


def agent_tasks(work):
    """The tasks each agent believes it runs, from its checkpoint: the last update of each task
    log under <agent work dir>/meta/containers (see Sources/CorralAgent/Checkpoint/TaskLog.swift)."""
    running = set()
    for i in range(AGENTS):
        containers = os.path.join(work, "agent%d" % i, "meta", "containers")
        if not os.path.isdir(containers):
            continue
        for name in os.listdir(containers):
            if name.endswith((".supervisor", ".tmp")):
                continue
            task_id, state = None, None
            try:
                with open(os.path.join(containers, name)) as f:
                    for line in f:
                        if not line.endswith("\n") or " " not in line:
                            break
                        record = json.loads(line.split(" ", 1)[1])
                        if record.get("type") == "TASK":
                            task_id = record["task"]["task_info"]["task_id"]["value"]
                        elif record.get("type") == "UPDATE":
                            state = record["update"]["status"]["state"]
            except (OSError, ValueError, KeyError):
                continue
            if task_id and state in ("TASK_STAGING", "TASK_STARTING", "TASK_RUNNING", "TASK_KILLING"):
                running.add(task_id)
    return running


def task_processes(work):
    """Live processes of this suite's tasks: their MESOS_TASK_ID, by pid."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/environ" % entry, "rb") as f:
                environ = f.read().split(b"\0")
            with open("/proc/%s/stat" % entry) as f:
                if f.read().rsplit(")", 1)[1].split()[0] == "Z":
                    continue
        except OSError:
            continue
        variables = dict(v.split(b"=", 1) for v in environ if b"=" in v)
        sandbox = variables.get(b"MESOS_SANDBOX", b"").decode(errors="replace")
        if sandbox.startswith(work + "/"):
            found[int(entry)] = variables.get(b"MESOS_TASK_ID", b"").decode(errors="replace")
    return found


class Checks:
    """Convergence: what must hold once the cluster has settled after a fault."""

    def __init__(self, cluster):
        self.cluster = cluster
        self.lost = 0
        self.phantoms = 0

    def state(self):
        app = self.cluster.app()
        running = {t["id"] for t in app.get("tasks", []) if t.get("state") == "TASK_RUNNING"}
        master = self.cluster.master_tasks()
        live = set(task_processes(self.cluster.work).values())
        stats = self.cluster.job_stats()
        agents = agent_tasks(self.cluster.work)
        return app, running, master, live, stats, agents

    def problems(self):
        try:
            app, running, master, live, stats, agents = self.state()
        except (urllib.error.URLError, OSError, KeyError, ValueError) as e:
            return ["cannot read the cluster: %s" % e], (0, 0)
        problems = []
        if app.get("tasksRunning") != INSTANCES or len(running) != INSTANCES:
            problems.append("app: %s running (%d listed), want %d" % (app.get("tasksRunning"), len(running), INSTANCES))
        job_running = {r["taskId"] for r in stats.get("taskStatHistory", []) if r.get("taskState") in ("TASK_STAGING", "TASK_STARTING", "TASK_RUNNING")}
        known = running | job_running
        lost = {t for t in running if t not in live}
        phantoms = {t for t in live if t not in known}
        master_running = {t for t, s in master.items() if s in ("TASK_RUNNING", "TASK_STARTING", "TASK_STAGING")}
        if lost:
            problems.append("running in Services but no process: %s" % sorted(lost))
        if phantoms:
            problems.append("processes no framework knows: %s" % sorted(phantoms))
        if master_running - known - live:
            problems.append("running in the master only: %s" % sorted(master_running - known - live))
        if running - set(master):
            problems.append("running in Services, unknown to the master: %s" % sorted(running - set(master)))
        if live - set(master):
            problems.append("processes the master does not know: %s" % sorted(live - set(master)))
        # The agents' own view (their checkpoints) of the app's tasks is the master's.
        app_tasks = lambda ids: {t for t in ids if t.startswith(APP.strip("/") + ".")}
        if app_tasks(agents) != app_tasks(master_running):
            problems.append("agents believe they run %s, the master %s" % (sorted(app_tasks(agents)), sorted(app_tasks(master_running))))
        # Every run of the job ended, once it had time to (a task of 'true' ends in well under 20 s).
        now = time.time()
        for run_ in stats.get("taskStatHistory", []):
            started = parse_chronos_time(run_.get("startTime"))
            if run_.get("taskState") in ("TASK_STAGING", "TASK_STARTING", "TASK_RUNNING") and started and now - started > 30:
                problems.append("job run %s without an end since %s" % (run_.get("taskId"), run_.get("startTime")))
        return problems, (len(lost), len(phantoms))

    def converge(self, what):
        deadline = time.time() + CONVERGENCE_DEADLINE
        while True:
            problems, (lost, phantoms) = self.problems()
            if not problems:
                return True
            if time.time() > deadline:
                self.lost += lost
                self.phantoms += phantoms
                log("FAIL: %s: not converged within %d s: %s" % (what, CONVERGENCE_DEADLINE, "; ".join(problems)))
                return False
            time.sleep(0.5)


def parse_chronos_time(text):
    if not text:
        return None
    try:
        from datetime import datetime
        return datetime.strptime(text.replace("Z", "+0000")[:19] + "+0000", "%Y-%m-%dT%H:%M:%S%z").timestamp()
    except ValueError:
        return None


def plan(seed, count):
    """The faults, from the seed alone."""
    rng = random.Random(seed)
    kinds = ["kill-master", "term-master", "kill-agent", "term-agent", "drainkill-agent", "partition-agent",
             "kill-services", "term-services", "kill-jobs", "term-jobs"]
    faults = []
    for _ in range(count):
        kind = rng.choice(kinds)
        target = rng.randrange(AGENTS) if kind.endswith("agent") else None
        faults.append((kind, target, round(rng.uniform(0, 3), 2), round(rng.uniform(0, 2), 2)))
    # Every kind at least once, whatever the draw (when there are enough faults): a missing
    # kind takes the place of a kind drawn more than once.
    for kind in kinds:
        if any(f[0] == kind for f in faults):
            continue
        drawn = [f[0] for f in faults]
        spare = next((i for i, f in enumerate(faults) if drawn.count(f[0]) > 1), None)
        if spare is not None:
            faults[spare] = (kind, 0 if kind.endswith("agent") else None, 1.0, 0.5)
    return faults


def inject(cluster, kind, target, pause):
    """One fault, and the restart that follows it after `pause` seconds."""
    action, _, component = kind.partition("-")
    name = component if component != "agent" else "agent%d" % target
    if action == "partition":
        cluster.cut(target)
        time.sleep(AGENT_TIMEOUT + 3)
        cluster.heal(target)
        return
    if action == "drainkill":
        # SIGUSR1, then -9 somewhere in the drain (before the kills, while the ends are
        # delivered, or after it finished): whatever was left, it goes on with when it starts.
        cluster.processes[name].send_signal(signal.SIGUSR1)
        time.sleep(pause / 20)
        if cluster.processes[name].poll() is not None:
            log("   %s had finished its drain before the kill" % name)
        else:
            cluster.stop(name, signal.SIGKILL)
            # Killed before it wrote the drain down, it never began: it starts as any agent.
            if os.path.exists(os.path.join(cluster.path(name), "meta", "draining")):
                cluster.finish_drain(name)
                log("   %s was killed in its drain and finished it when started again" % name)
            else:
                log("   %s was killed before its drain began" % name)
        cluster.start(name)
        return
    cluster.stop(name, signal.SIGKILL if action == "kill" else signal.SIGTERM)
    time.sleep(pause)
    cluster.start(name)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corral")
    parser.add_argument("--seed", type=int, default=int(os.environ.get("CORRAL_FAULT_SEED", time.time())))
    parser.add_argument("--faults", type=int, default=int(os.environ.get("CORRAL_FAULTS", 20)))
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    options = parser.parse_args()

    faults = plan(options.seed, options.faults)
    log("fault suite: seed %d, %d faults: %s" % (options.seed, len(faults), ", ".join("%s%s" % (k, "" if t is None else t) for k, t, _, _ in faults)))
    work = tempfile.mkdtemp(prefix="corral-fault.")
    cluster = Cluster(os.path.abspath(options.corral), work, str(os.getpid() % 10000))
    survived = 0
    started = time.time()
    ok = False
    try:
        cluster.make_network()
        cluster.start("master")
        for i in range(AGENTS):
            cluster.start("agent%d" % i)
        cluster.start("services")
        cluster.start("jobs")
        http("http://127.0.0.1:%d/v2/apps" % cluster.services_port, "POST", {
            "id": APP, "cmd": "exec sleep 1000000", "instances": INSTANCES, "cpus": 0.1, "mem": 16,
            "constraints": [["hostname", "GROUP_BY", str(AGENTS)]],
            "healthChecks": [{"protocol": "COMMAND", "command": {"value": "true"}, "intervalSeconds": 2,
                              "gracePeriodSeconds": 10, "timeoutSeconds": 2, "maxConsecutiveFailures": 3}]})
        http("http://127.0.0.1:%d/v1/scheduler/iso8601" % cluster.jobs_port, "POST", {
            "name": JOB, "command": "true", "schedule": "R//PT%dS" % JOB_PERIOD, "owner": "fault@corral", "cpus": 0.1, "mem": 16})
        checks = Checks(cluster)
        if not checks.converge("start"):
            raise Failure("the cluster never settled")
        log("ok: cluster up: master :%d, %d agents in their namespaces, %d instances, job every %gs"
            % (cluster.master_port, AGENTS, INSTANCES, JOB_PERIOD))
        job_start = checks.cluster.job_stats().get("successCount", 0)
        job_since = time.time()
        jobs_restarts = 0
        for number, (kind, target, delay, pause) in enumerate(faults, 1):
            time.sleep(delay)
            what = "fault %d/%d %s%s" % (number, len(faults), kind, "" if target is None else " %d" % target)
            try:
                inject(cluster, kind, target, pause)
            except Failure as e:
                log("FAIL: %s: %s" % (what, e))
                continue
            if kind.endswith("jobs"):
                jobs_restarts += 1
            if checks.converge(what):
                survived += 1
                log("ok: %s survived (%.0f s in)" % (what, time.time() - started))
        # The job's schedule held: no storm, and runs kept coming.
        elapsed = time.time() - job_since
        runs = checks.cluster.job_stats().get("successCount", 0) - job_start
        expected = elapsed / JOB_PERIOD
        storm = runs > expected + jobs_restarts + 3
        starved = runs < expected * 0.5
        if storm or starved:
            log("FAIL: job %s ran %d times in %.0f s; its schedule says about %.0f" % (JOB, runs, elapsed, expected))
            survived = min(survived, len(faults) - 1)
        else:
            log("ok: job %s ran %d times in %.0f s (schedule: about %.0f)" % (JOB, runs, elapsed, expected))
        ok = survived == len(faults) and checks.lost == 0 and checks.phantoms == 0
        log("faults: %d injected, %d survived, tasks lost %d, phantom tasks %d, seed %d"
            % (len(faults), survived, checks.lost, checks.phantoms, options.seed))
    except Failure as e:
        log("FAIL: %s" % e)
        log("faults: %d injected, %d survived, tasks lost ?, phantom tasks ?, seed %d" % (len(faults), survived, options.seed))
    finally:
        # Agents drain (SIGUSR1): SIGTERM would leave their tasks running for a restart.
        for name in ["services", "jobs"]:
            try:
                cluster.stop(name, signal.SIGTERM)
            except Failure as e:
                log("FAIL: %s" % e)
                ok = False
        for i in range(AGENTS):
            cluster.heal(i)
            try:
                cluster.stop("agent%d" % i, signal.SIGUSR1)
            except Failure as e:
                log("FAIL: %s" % e)
                ok = False
        try:
            cluster.stop("master", signal.SIGTERM)
        except Failure as e:
            log("FAIL: %s" % e)
            ok = False
        left = task_processes(work)
        if left:
            log("FAIL: task processes outlived the cluster: %s" % sorted(left.values()))
            cluster.kill_tasks()
            ok = False
        cluster.remove_network()
        if ok and not options.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            log("work dir kept: %s" % work)
            for name in sorted(os.listdir(work)):
                if name.endswith(".log"):
                    log("---- %s (last lines)" % name)
                    with open(os.path.join(work, name)) as f:
                        for line in f.readlines()[-15:]:
                            log("  " + line.rstrip())
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
