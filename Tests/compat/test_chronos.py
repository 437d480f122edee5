"""chronos-python 1.2.1 against `corral jobs`, unmodified.

run.sh starts `corral jobs --master ... --port 0` and passes its address in CORRAL_JOBS. Through
chronos.connect("127.0.0.1:PORT") this script adds a job scheduled every 2 seconds and a job that
depends on it, lists and searches them, sees the schedule run and the dependent follow
(successCount grows), runs a job now, reads its stats, sees a failing job retried and counted,
kills a running 'sleep 600', reads the graph CSV, checks that bad jobs and unknown names are
refused, and deletes every job it added.
"""

import os

from compat_support import RUN_ID, Failure, Reporter, expect, wait_until

import chronos  # noqa: E402  (imported after compat_support installs the recorder)

SUITE = "chronos"
JOBS = os.environ.get("CORRAL_JOBS", "")
FAR = "R/2030-01-01T00:00:00Z/P1D"   # a schedule that does not come due during the test

TICK = "compat-tick-%s" % RUN_ID
AFTER = "compat-after-%s" % RUN_ID
MANUAL = "compat-manual-%s" % RUN_ID
FLAKY = "compat-flaky-%s" % RUN_ID
SLEEPER = "compat-sleeper-%s" % RUN_ID
ALL = [AFTER, TICK, MANUAL, FLAKY, SLEEPER]   # children before parents, for deleting


def job(name, command, **fields):
    definition = {"name": name, "command": command, "owner": "compat@example.com",
                  "disabled": False, "cpus": 0.1, "mem": 32, "disk": 0}
    definition.update(fields)
    return definition


client = chronos.connect(JOBS)


def listed(name):
    for entry in client.list():
        if entry["name"] == name:
            return entry
    return None


def stats(name):
    return client.job_stat(name)


def add_jobs():
    expect(client.add(job(TICK, "echo tick", schedule="R//PT2S", epsilon="PT30S")) is None,
           "add (scheduled) did not answer 204")
    expect(client.add(job(AFTER, "echo after", parents=[TICK])) is None,
           "add (dependent) did not answer 204")
    client.add(job(MANUAL, "echo manual", schedule=FAR))
    client.add(job(FLAKY, "exit 3", schedule=FAR, retries=1))
    client.add(job(SLEEPER, "sleep 600", schedule=FAR, retries=0))


def check_list():
    jobs = {entry["name"]: entry for entry in client.list()}
    for name in ALL:
        expect(name in jobs, "GET /v1/scheduler/jobs lacks %s: %s" % (name, sorted(jobs)))
    tick, after = jobs[TICK], jobs[AFTER]
    expect(tick["schedule"].startswith("R/") and tick["schedule"].endswith("/PT2S"),
           "the schedule is listed as %r" % tick["schedule"])
    expect(after["parents"] == [TICK], "the dependent job lists parents %r" % after.get("parents"))
    for key in ("successCount", "errorCount", "lastSuccess", "lastError", "owner", "cpus", "mem",
                "retries", "epsilon", "shell", "disabled"):
        expect(key in tick, "listed job lacks %r: %s" % (key, sorted(tick)))
    expect(jobs[MANUAL]["lastSuccess"] == "" and jobs[MANUAL]["successCount"] == 0,
           "a job that never ran lists %r / %r" % (jobs[MANUAL]["lastSuccess"],
                                                    jobs[MANUAL]["successCount"]))


def check_search():
    found = [entry["name"] for entry in client.search(name="compat-tick-%s" % RUN_ID)]
    expect(found == [TICK], "search(name=...) found %r" % found)
    found = sorted(entry["name"] for entry in client.search(command="echo after"))
    expect(found == [AFTER], "search(command='echo after') found %r" % found)
    found = client.search(name="no-such-job-%s" % RUN_ID)
    expect(found == [], "search for nothing found %r" % found)


def check_schedule_runs():
    def ran():
        entry = listed(TICK)
        return entry if entry and entry["successCount"] >= 2 else None
    entry = wait_until(ran, 30, "%s to succeed twice (every 2 s)" % TICK, interval=0.3)
    expect(entry["lastSuccess"].endswith("Z"), "lastSuccess is %r" % entry["lastSuccess"])


def check_dependent_runs():
    wait_until(lambda: (listed(AFTER) or {}).get("successCount", 0) >= 1, 30,
               "%s to run after %s" % (AFTER, TICK), interval=0.3)
    first_child = stats(AFTER)["taskStatHistory"][-1]
    parent_successes = [run["endTime"] for run in stats(TICK)["taskStatHistory"]
                        if run["status"] == "success"]
    expect(first_child["status"] == "success", "the dependent run: %r" % first_child)
    expect(parent_successes and first_child["startTime"] >= min(parent_successes),
           "the dependent job started at %s, before its parent first succeeded (%s)"
           % (first_child["startTime"], min(parent_successes or [""])))


def check_run_now():
    expect(client.run(MANUAL) is None, "run did not answer 204")
    wait_until(lambda: (listed(MANUAL) or {}).get("successCount") == 1, 30,
               "%s to succeed once after run" % MANUAL, interval=0.3)
    history = stats(MANUAL)["taskStatHistory"]
    expect(len(history) == 1 and history[0]["status"] == "success",
           "job stats after one run: %r" % history)
    expect(MANUAL in history[0]["taskId"], "the task ID %r does not name the job" % history[0]["taskId"])


def check_failures_counted():
    client.run(FLAKY)
    wait_until(lambda: (listed(FLAKY) or {}).get("errorCount") == 1, 30,
               "%s to fail (1 retry) and count one error" % FLAKY, interval=0.3)
    history = stats(FLAKY)["taskStatHistory"]
    expect([run["status"] for run in history] == ["failure", "failure"],
           "a job with retries=1 that exits 3 shows %r" % [run["status"] for run in history])
    expect(listed(FLAKY)["lastError"].endswith("Z"), "lastError is %r" % listed(FLAKY)["lastError"])


def check_kill():
    client.run(SLEEPER)
    wait_until(lambda: stats(SLEEPER)["state"] == "running" and
               stats(SLEEPER)["taskStatHistory"][0]["taskState"] == "TASK_RUNNING", 30,
               "%s to be running" % SLEEPER, interval=0.3)
    expect(client.delete_tasks(SLEEPER) is None, "kill did not answer 204")
    wait_until(lambda: stats(SLEEPER)["taskStatHistory"][0]["status"] == "killed", 30,
               "%s's task to be killed" % SLEEPER, interval=0.3)


def check_graph():
    csv = client.scheduler_graph()
    lines = csv.splitlines()
    expect("link,%s,%s" % (TICK, AFTER) in lines, "graph CSV lacks the link: %r" % csv)
    nodes = [line.split(",") for line in lines if line.startswith("node,")]
    names = [node[1] for node in nodes]
    for name in ALL:
        expect(name in names, "graph CSV lacks node %s: %r" % (name, csv))
    manual = [node for node in nodes if node[1] == MANUAL][0]
    expect(manual[2] == "success", "node line for %s: %r" % (MANUAL, manual))


def check_refusals():
    try:
        client.add(job("compat-bad-%s" % RUN_ID, "true", schedule="R/tomorrow/PT1S"))
        raise Failure("an invalid schedule was accepted")
    except chronos.ChronosAPIError:
        pass
    try:
        client.add(job("compat-cycle-%s" % RUN_ID, "true", parents=["compat-cycle-%s" % RUN_ID]))
        raise Failure("a job depending on itself was accepted")
    except chronos.ChronosAPIError:
        pass
    try:
        client.run("no-such-job-%s" % RUN_ID)
        raise Failure("running an unknown job succeeded")
    except chronos.ChronosAPIError:
        pass
    try:
        client.add({"name": "x", "command": "true", "schedule": FAR})   # no owner: client-side
        raise Failure("chronos-python's own check did not refuse a job without owner")
    except chronos.MissingFieldError:
        pass


def delete_all():
    for name in ALL:
        expect(client.delete(name) is None, "delete %s did not answer 204" % name)
    left = [entry["name"] for entry in client.list() if RUN_ID in entry["name"]]
    expect(left == [], "jobs left after delete: %r" % left)


def main():
    rep = Reporter(SUITE)
    if not JOBS:
        rep.skip_as_failed("chronos-python against corral jobs", "CORRAL_JOBS is not set (run.sh sets it)")
        rep.finish()
    rep.check("add: a job every 2 s (iso8601), a dependent one (dependency), three "
                      "more; 204 each", add_jobs)
    if rep.failed:
        rep.skip_as_failed("the other chronos checks", "adding jobs failed")
    else:
        rep.check("list: every job, with schedule, parents and Chronos's counters", check_list)
        rep.check("search by name and by command", check_search)
        rep.check("schedule: the 2 s job succeeds twice (successCount, lastSuccess)",
                  check_schedule_runs)
        rep.check("dependency: the dependent job runs after its parent succeeded",
                  check_dependent_runs)
        rep.check("run now: PUT runs a job at once; job_stat shows the run", check_run_now)
        rep.check("failures: retried, then counted once in errorCount", check_failures_counted)
        rep.check("kill: DELETE task/kill ends a running 'sleep 600'", check_kill)
        rep.check("graph: CSV with nodes and the dependency link", check_graph)
        rep.check("refusals: bad schedule, self-dependency, unknown job", check_refusals)
    rep.check("delete: every job added, 204 each; none left", delete_all)
    rep.finish()


if __name__ == "__main__":
    main()
