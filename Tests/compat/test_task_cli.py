"""`corral task|agent|framework`, the Mesos-CLI-like commands, run as a script would run them
against the cluster run.sh started (a `corral master` and its agents).

A framework (compat_support.V1Scheduler) runs 'compat-cli-echo-…' to TASK_FINISHED on one agent
(stdout with bytes that are not UTF-8 in the middle, a line on stderr) and keeps
'compat-cli-sleep-…' RUNNING on another. Then, through the corral binary (CORRAL_BIN):
agent list and framework list (tables and --json), task list and task list --all --json, task
log by ID and by a unique prefix (--stderr too), the exit status and message of a task that is
not there (3), of a prefix two tasks share (4) and of a master that is not there (2), task log
--follow ended by SIGINT at once, task log --follow ending by itself once task kill has killed
the running task (which the framework hears as TASK_KILLED), and a kill of a task that ended.

Environment (set by run.sh): CORRAL_BIN, CORRAL_MASTER, CORRAL_AGENT_COUNT, and
CORRAL_AGENTS_SEPARATE=1 when the agents are `corral agent` processes (their sandboxes are
served over HTTP; inside the master they are not, and the log checks are skipped).
"""

import json
import os
import signal
import subprocess
import threading
import time

from compat_support import (AGENT_COUNT, MASTER, RUN_ID, Failure, Reporter, V1Scheduler,
                            command_task, expect, fits, update_of, wait_until)

SUITE = "task-cli"
CORRAL = os.environ.get("CORRAL_BIN", "")
SEPARATE = os.environ.get("CORRAL_AGENTS_SEPARATE", "1") == "1"
ECHO_ID = "compat-cli-echo-%s" % RUN_ID
SLEEP_ID = "compat-cli-sleep-%s" % RUN_ID
FRAMEWORK_NAME = "compat-cli-%s" % RUN_ID
ECHO = ("echo hello-%s; echo to-stderr-%s >&2; printf 'raw\\377\\376end\\n'; echo after-%s"
        % (RUN_ID, RUN_ID, RUN_ID))


class Context(object):
    sched = None
    agents = []       # the agent IDs the two tasks run on


ctx = Context()


def cli(*args, master=MASTER, timeout=30):
    """(exit status, stdout, stderr) of `corral ARGS --master MASTER`."""
    done = subprocess.run([CORRAL] + list(args) + ["--master", master], capture_output=True,
                          timeout=timeout)
    return done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace")


def cli_ok(*args):
    status, out, err = cli(*args)
    expect(status == 0, "corral %s exited %d: %s" % (" ".join(args), status, err.strip()[:300]))
    return out


def cli_json(*args):
    out = cli_ok(*(args + ("--json",)))
    try:
        value = json.loads(out)
    except ValueError as e:
        raise Failure("corral %s --json printed what is not JSON (%s): %r" % (" ".join(args), e, out[:300]))
    expect(isinstance(value, list) and all(isinstance(x, dict) for x in value),
           "corral %s --json: expected an array of objects, got %r" % (" ".join(args), out[:300]))
    return value


# ---------------------------------------------------------------------------------------------
# The framework whose tasks the commands show


def run_tasks():
    expect(CORRAL and os.access(CORRAL, os.X_OK), "CORRAL_BIN (%r) is not an executable" % CORRAL)
    sched = V1Scheduler(FRAMEWORK_NAME)
    ctx.sched = sched
    sched.subscribe()

    def fitting():
        by_agent = {}
        for ev in sched.events:
            if ev.get("type") == "OFFERS":
                for offer in ev["offers"].get("offers", []):
                    if fits(offer, 0.1, 32):
                        by_agent.setdefault(offer["agent_id"]["value"], offer)
        return list(by_agent.values()) if len(by_agent) >= min(2, AGENT_COUNT) else None
    offers = sched.wait_event(lambda ev: fitting() is not None, 30,
                              "offers from %d agents" % min(2, AGENT_COUNT)) and fitting()
    # The two tasks on two agents when there are two, so that each log comes from its own.
    echo_offer, sleep_offer = offers[0], offers[-1]
    ctx.agents = [echo_offer["agent_id"]["value"], sleep_offer["agent_id"]["value"]]
    launches = {}
    for offer, task_id, command in ((echo_offer, ECHO_ID, ECHO),
                                    (sleep_offer, SLEEP_ID, "echo started-%s; exec sleep 600" % RUN_ID)):
        launches.setdefault(offer["id"]["value"], (offer, []))[1].append(
            command_task(task_id, task_id, offer["agent_id"]["value"], command))
    for offer, tasks in launches.values():
        sched.call("ACCEPT", {"offer_ids": [offer["id"]], "operations": [
            {"type": "LAUNCH", "launch": {"task_infos": tasks}}]})
    others = [o["id"] for ev in sched.take_events(lambda e: e.get("type") == "OFFERS")
              for o in ev["offers"].get("offers", []) if o["id"]["value"] not in launches]
    sched.auto_decline = True
    if others:
        sched.call("DECLINE", {"offer_ids": others, "filters": {"refuse_seconds": 1.0}})
    sched.wait_event(update_of(ECHO_ID, "TASK_FINISHED"), 30, "TASK_FINISHED for %s" % ECHO_ID)
    sched.wait_event(update_of(SLEEP_ID, "TASK_RUNNING"), 30, "TASK_RUNNING for %s" % SLEEP_ID)


# ---------------------------------------------------------------------------------------------
# Listings


def check_agent_list():
    table = cli_ok("agent", "list").splitlines()
    expect(table and table[0].split()[:3] == ["ID", "ADDRESS", "STATUS"], "table header: %r" % table[:1])
    expect(len(table) == 1 + AGENT_COUNT, "expected a row per agent (%d), got %r" % (AGENT_COUNT, table))
    agents = cli_json("agent", "list")
    expect(len(agents) == AGENT_COUNT, "--json lists %d agents, expected %d" % (len(agents), AGENT_COUNT))
    for agent in agents:
        for key in ("id", "hostname", "port", "status", "active", "tasks", "resources", "used_resources"):
            expect(key in agent, "agent %s has no %r: %r" % (agent.get("id"), key, agent))
        expect(agent["status"] == "active" and agent["active"] is True, "agent not active: %r" % agent)
        expect(isinstance(agent["port"], int) and agent["resources"]["cpus"] > 0, "agent: %r" % agent)
    ids = {a["id"] for a in agents}
    expect(set(ctx.agents) <= ids, "the tasks' agents %s are not all listed: %s" % (ctx.agents, sorted(ids)))


def check_framework_list():
    table = cli_ok("framework", "list")
    expect(FRAMEWORK_NAME in table, "%s is not in the table:\n%s" % (FRAMEWORK_NAME, table))
    ours = [f for f in cli_json("framework", "list") if f.get("name") == FRAMEWORK_NAME]
    expect(len(ours) == 1, "--json lists %d frameworks named %s" % (len(ours), FRAMEWORK_NAME))
    framework = ours[0]
    expect(framework["id"] == ctx.sched.framework_id, "id %r, expected %r" % (framework["id"], ctx.sched.framework_id))
    expect(framework["status"] == "active" and framework["roles"] == ["*"], "framework: %r" % framework)
    expect(framework["tasks"] == 1, "tasks %r, expected 1 (the sleep)" % framework["tasks"])
    expect(abs(framework["used_resources"]["cpus"] - 0.1) < 1e-9, "used: %r" % framework["used_resources"])


def check_task_list():
    table = cli_ok("task", "list")
    expect(table.splitlines()[0].split()[:5] == ["ID", "NAME", "FRAMEWORK", "AGENT", "STATE"], "header: %r" % table[:80])
    row = [line for line in table.splitlines() if line.startswith(SLEEP_ID + " ")]
    expect(row and "TASK_RUNNING" in row[0] and FRAMEWORK_NAME in row[0], "no RUNNING row for %s:\n%s" % (SLEEP_ID, table))
    expect(ECHO_ID not in table, "the finished task is listed without --all:\n%s" % table)
    tasks = {t["id"]: t for t in cli_json("task", "list", "--all")}
    expect(ECHO_ID in tasks and SLEEP_ID in tasks, "--all --json lacks our tasks: %s" % sorted(tasks))
    echo, sleep = tasks[ECHO_ID], tasks[SLEEP_ID]
    expect(echo["state"] == "TASK_FINISHED" and sleep["state"] == "TASK_RUNNING", "states: %r %r" % (echo, sleep))
    expect(sleep["framework_id"] == ctx.sched.framework_id and sleep["framework_name"] == FRAMEWORK_NAME, "%r" % sleep)
    expect(sleep["agent_id"] == ctx.agents[1], "agent_id %r, expected %r" % (sleep["agent_id"], ctx.agents[1]))
    agents = {a["id"]: "%s:%d" % (a["hostname"], a["port"]) for a in cli_json("agent", "list")}
    expect(sleep["agent"] == agents.get(sleep["agent_id"]), "agent %r, agent list says %r" % (sleep["agent"], agents))
    expect(abs(sleep["resources"]["mem"] - 32) < 1e-9, "resources: %r" % sleep["resources"])


# ---------------------------------------------------------------------------------------------
# Logs


def check_log():
    status, out, err = cli("task", "log", ECHO_ID)
    expect(status == 0, "exit %d: %s" % (status, err.strip()))
    lines = out.splitlines()
    # Nothing is lost after bytes that are not UTF-8: the agent sends them as they are (as
    # Mesos's does), task log writes them out, and cli() decodes each as U+FFFD.
    expected = ["hello-%s" % RUN_ID, "raw\ufffd\ufffdend", "after-%s" % RUN_ID]
    expect(lines == expected, "stdout %r, expected %r" % (lines, expected))
    status, out, err = cli("task", "log", ECHO_ID, "--stderr")
    expect(status == 0 and out.splitlines() == ["to-stderr-%s" % RUN_ID], "stderr: exit %d, %r %s" % (status, out, err))


def check_log_by_prefix():
    status, out, _ = cli("task", "log", ECHO_ID[:-3])
    expect(status == 0 and out.startswith("hello-%s\n" % RUN_ID), "exit %d, %r" % (status, out[:200]))


def check_not_found():
    status, out, err = cli("task", "log", "no-such-task-%s" % RUN_ID)
    expect(status == 3, "exit %d, expected 3 (%s)" % (status, err.strip()))
    expect(out == "" and "no task 'no-such-task-%s'" % RUN_ID in err, "stdout %r, stderr %r" % (out, err))
    status, _, err = cli("task", "kill", "no-such-task-%s" % RUN_ID)
    expect(status == 3, "kill: exit %d, expected 3 (%s)" % (status, err.strip()))


def check_ambiguous():
    status, _, err = cli("task", "log", "compat-cli-")
    expect(status == 4, "exit %d, expected 4 (%s)" % (status, err.strip()))
    expect(ECHO_ID in err and SLEEP_ID in err, "the candidates are not listed: %s" % err)


def check_unreachable():
    status, out, err = cli("task", "list", master="127.0.0.1:1", timeout=15)
    expect(status == 2, "exit %d, expected 2 (%s)" % (status, err.strip()))
    expect(out == "" and "127.0.0.1:1" in err, "stdout %r, stderr %r" % (out, err))


class Follower(object):
    """`corral task log --follow TASK` in the background, its stdout gathered by a thread."""

    def __init__(self, task_id):
        self.proc = subprocess.Popen([CORRAL, "task", "log", "--follow", task_id, "--master", MASTER],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.out = b""
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        for chunk in iter(lambda: self.proc.stdout.read1(4096), b""):
            with self.lock:
                self.out += chunk

    def text(self):
        with self.lock:
            return self.out.decode("utf-8", "replace")

    def exited_within(self, seconds):
        try:
            return self.proc.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            return None

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def check_follow_interrupted():
    follower = Follower(SLEEP_ID)
    try:
        wait_until(lambda: "started-%s" % RUN_ID in follower.text(), 15, "the running task's first line")
        started = time.time()
        follower.proc.send_signal(signal.SIGINT)
        status = follower.exited_within(3)
        expect(status is not None, "still running 3s after SIGINT")
        expect(status != 0, "exit %r after SIGINT" % status)
        expect(time.time() - started < 3, "took %.1fs to end" % (time.time() - started))
    finally:
        follower.stop()


def check_kill(follow):
    follower = Follower(SLEEP_ID[:-2]) if follow else None
    try:
        if follower:
            wait_until(lambda: "started-%s" % RUN_ID in follower.text(), 15, "the running task's first line")
        status, out, err = cli("task", "kill", SLEEP_ID[:-2])
        expect(status == 0, "kill: exit %d: %s" % (status, err.strip()))
        expect(out.strip() == "task %s killed (TASK_KILLED)" % SLEEP_ID, "kill said %r" % out)
        ctx.sched.wait_event(update_of(SLEEP_ID, "TASK_KILLED"), 15, "TASK_KILLED for %s" % SLEEP_ID)
        if follower:
            status = follower.exited_within(10)
            expect(status == 0, "task log --follow exited %r once the task was killed (expected 0 within 10s)" % status)
            expect(follower.text().startswith("started-%s\n" % RUN_ID), "followed %r" % follower.text()[:200])
    finally:
        if follower:
            follower.stop()
    status, out, _ = cli("task", "kill", SLEEP_ID)
    expect(status == 0 and "already ended (TASK_KILLED)" in out, "a second kill: exit %d, %r" % (status, out))
    states = {t["id"]: t["state"] for t in cli_json("task", "list", "--all")}
    expect(states.get(SLEEP_ID) == "TASK_KILLED", "task list --all says %r" % states.get(SLEEP_ID))


def main():
    rep = Reporter(SUITE)
    rep.check("setup: a framework runs %s to TASK_FINISHED and keeps %s RUNNING, on two agents"
              % (ECHO_ID, SLEEP_ID), run_tasks)
    if rep.failed:
        rep.skip_as_failed("the task, agent and framework commands", "setup failed")
    else:
        rep.check("agent list: a row per agent; --json: every agent active, with its resources", check_agent_list)
        rep.check("framework list: the framework, active, one task and what it holds", check_framework_list)
        rep.check("task list: the running task, not the finished one; --all --json: both, "
                  "with states, framework and agent", check_task_list)
        rep.check("task list against a master that is not there: exit 2, naming it", check_unreachable)
        rep.check("task log NAME-NOBODY-HAS and task kill of it: exit 3, said on stderr", check_not_found)
        rep.check("task log of a prefix two tasks share: exit 4, both listed", check_ambiguous)
        if not SEPARATE:
            print("note: %s: the agents run inside the master: no sandbox over HTTP, log checks not run" % SUITE)
            rep.check("task kill by a prefix: the task is TASK_KILLED, the framework hears it; "
                      "a second kill says it had ended", check_kill, False)
        else:
            rep.check("task log: the finished task's stdout, whole across bytes that are not UTF-8; "
                      "--stderr its stderr", check_log)
            rep.check("task log by a unique prefix of the ID", check_log_by_prefix)
            rep.check("task log --follow ends at once on SIGINT", check_follow_interrupted)
            rep.check("task kill by a prefix: the task is TASK_KILLED, the framework hears it, "
                      "task log --follow ends by itself; a second kill says it had ended", check_kill, True)
    if ctx.sched is not None:
        ctx.sched.leave()
    rep.finish()


if __name__ == "__main__":
    main()
