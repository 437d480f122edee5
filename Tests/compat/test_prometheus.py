"""Every Prometheus endpoint of a Corral cluster, scraped and parsed as Prometheus would parse it.

prometheus_client's own parser (prometheus_client.parser.text_string_to_metric_families, from
PyPI, unmodified) reads each exposition; a line it cannot read fails the check. A framework (a
bare v1 scheduler, compat_support.V1Scheduler) keeps 'sleep 600' RUNNING so the numbers are not
all zero. Then:
  the master's /metrics: text/plain version 0.0.4; corral_master_* gauges (tasks running, agents,
    resources) and counters (tasks that ended), the allocator's cycle times as a histogram; its
    JSON stays at /metrics/snapshot;
  each agent's /metrics (the agents the master lists at /master/slaves): its totals, and the
    running task's usage labelled with task, framework and executor;
  Services' and Jobs' /metrics/prometheus (CORRAL_SERVICES, CORRAL_JOBS), and Jobs' Chronos
    run-time statistics at /v1/scheduler/stats/<statistic>.
"""

import json
import os

from prometheus_client.parser import text_string_to_metric_families

from compat_support import (AGENT_COUNT, RUN_ID, Failure, Reporter, V1Scheduler, _clip,
                            command_task, expect, get_json, http_request, update_of, wait_until)

SUITE = "prometheus"
SLEEP_ID = "compat-prometheus-sleep-%s" % RUN_ID
SERVICES = os.environ.get("CORRAL_SERVICES", "")
JOBS = os.environ.get("CORRAL_JOBS", "")
# Agents inside the master (CORRAL_COMPAT_AGENTS=embedded) serve no HTTP of their own.
EMBEDDED_AGENTS = os.environ.get("CORRAL_COMPAT_AGENTS", "auto") == "embedded"


class Context(object):
    sched = None
    framework_id = None
    agent_id = None


ctx = Context()


def scrape(path, base=None):
    """{family name: Metric} of one exposition, read by prometheus_client's parser."""
    status, headers, body = http_request(path, base=base)
    where = (base or "master") + path
    expect(status == 200, "GET %s answered %s: %s" % (where, status, _clip(body, 300)))
    content_type = headers.get("content-type", "")
    expect(content_type.startswith("text/plain; version=0.0.4"),
           "GET %s answered Content-Type %r (expected text/plain; version=0.0.4)"
           % (where, content_type))
    try:
        families = list(text_string_to_metric_families(body.decode("utf-8")))
    except Exception as e:
        raise Failure("prometheus_client cannot parse %s: %s: %s\n%s"
                      % (where, type(e).__name__, e, _clip(body, 800)))
    by_name = {}
    for family in families:
        expect(family.name not in by_name, "%s: family %s twice" % (where, family.name))
        expect(family.samples, "%s: family %s has no samples" % (where, family.name))
        by_name[family.name] = family
    return by_name


def sample(families, family, name=None, **labels):
    """The value of the sample `name` (default: the family's name) with exactly `labels`."""
    expect(family in families, "no family %s among %s" % (family, sorted(families)))
    wanted = name or family
    for s in families[family].samples:
        if s.name == wanted and s.labels == labels:
            return s.value
    raise Failure("family %s has no sample %s%s; it has %s"
                  % (family, wanted, labels, [(s.name, s.labels) for s in families[family].samples]))


def expect_type(families, family, kind):
    expect(families[family].type == kind, "%s is a %s (expected %s)"
           % (family, families[family].type, kind))


# ---------------------------------------------------------------------------------------------


def run_task():
    sched = V1Scheduler("compat-prometheus-%s" % RUN_ID)
    ctx.sched = sched
    sched.subscribe()
    ctx.framework_id = sched.framework_id

    ctx.agent_id = sched.launch_on_first_fitting(0.1, 32, lambda agent: [
        command_task(SLEEP_ID, "compat prometheus sleep", agent, "sleep 600"),
    ])
    sched.wait_event(update_of(SLEEP_ID, "TASK_RUNNING"), 30, "TASK_RUNNING for %s" % SLEEP_ID)


def check_master():
    families = scrape("/metrics")
    expect_type(families, "corral_master_tasks_running", "gauge")
    expect(sample(families, "corral_master_tasks_running") >= 1, "no task running")
    expect(sample(families, "corral_master_agents_active") == AGENT_COUNT,
           "corral_master_agents_active is not %d" % AGENT_COUNT)
    expect(sample(families, "corral_master_cpus_total") > 0, "no CPUs")
    expect(sample(families, "corral_master_cpus_used") >= 0.1, "the running task holds no CPU")
    for state in ("finished", "failed", "killed", "lost"):
        family = "corral_master_tasks_%s" % state   # the parser drops a counter's _total
        expect_type(families, family, "counter")
        sample(families, family, family + "_total")
    expect_type(families, "corral_allocator_cycle_seconds", "histogram")
    expect(sample(families, "corral_allocator_cycle_seconds",
                  "corral_allocator_cycle_seconds_count") >= 1, "no allocation cycle was timed")
    expect(sample(families, "corral_master_uptime_seconds") > 0, "no uptime")


def check_master_json():
    body = get_json("/metrics/snapshot")
    expect(body.get("master/tasks_running", 0) >= 1, "/metrics/snapshot: %s" % _clip(
        json.dumps(body), 300))


def agent_addresses():
    slaves = get_json("/master/slaves").get("slaves", [])
    return {s["id"]: "%s:%s" % (s["hostname"], s["pid"].rsplit(":", 1)[1]) for s in slaves}


def check_agents():
    addresses = agent_addresses()
    expect(len(addresses) == AGENT_COUNT, "/master/slaves lists %s" % sorted(addresses))
    for agent_id, address in sorted(addresses.items()):
        families = scrape("/metrics", base=address)
        expect(sample(families, "corral_agent_registered") == 1, "%s is not registered" % address)
        expect(sample(families, "corral_agent_cpus_total") > 0, "%s has no CPUs" % address)
        if agent_id != ctx.agent_id:
            continue
        expect(sample(families, "corral_agent_tasks_running") >= 1,
               "%s: the task runs there, yet corral_agent_tasks_running < 1" % address)
        labels = {"task": SLEEP_ID, "framework": ctx.framework_id, "executor": SLEEP_ID}
        wait_until(lambda: "corral_agent_task_memory_bytes" in scrape("/metrics", base=address),
                   10, "a usage sample of the task on %s" % address)
        families = scrape("/metrics", base=address)
        expect_type(families, "corral_agent_task_cpu_seconds", "counter")
        sample(families, "corral_agent_task_cpu_seconds", "corral_agent_task_cpu_seconds_total",
               **labels)
        expect(sample(families, "corral_agent_task_memory_bytes", **labels) > 0,
               "the task's container charges no memory")
        expect_type(families, "corral_agent_task_throttled_seconds", "counter")


def check_services():
    families = scrape("/metrics/prometheus", base=SERVICES)
    for name in ("corral_services_apps", "corral_services_instances_running",
                 "corral_services_instances_staged", "corral_services_deployments"):
        expect_type(families, name, "gauge")
        sample(families, name)
    for name in ("corral_services_tasks_launched", "corral_services_tasks_failed"):
        expect_type(families, name, "counter")
        sample(families, name, name + "_total")


def check_jobs():
    job = {"name": "compat-prometheus-%s" % RUN_ID, "command": "true", "owner": "ops@example.com",
           "schedule": "R/2030-01-01T00:00:00Z/P1D", "disabled": False}
    status, _, body = http_request("/v1/scheduler/iso8601", "POST", job,
                                   {"Content-Type": "application/json"}, base=JOBS)
    expect(status == 204, "creating a job answered %s: %s" % (status, _clip(body, 200)))
    try:
        families = scrape("/metrics/prometheus", base=JOBS)
        expect(sample(families, "corral_jobs_defined") >= 1, "no job defined")
        expect_type(families, "corral_jobs_runs_queued", "gauge")
        expect_type(families, "corral_jobs_runs_succeeded", "counter")
        sample(families, "corral_jobs_runs_succeeded", "corral_jobs_runs_succeeded_total",
               job=job["name"])
        stats = get_json("/v1/scheduler/stats/99thPercentile", base=JOBS)
        mine = [s for s in stats if s.get("jobNameLabel") == job["name"]]
        expect(mine and mine[0].get("time") == 0,
               "/v1/scheduler/stats/99thPercentile: %s" % _clip(json.dumps(stats), 300))
    finally:
        http_request("/v1/scheduler/job/%s" % job["name"], "DELETE", base=JOBS)


def main():
    rep = Reporter(SUITE)
    rep.check("setup: a v1 framework runs 'sleep 600' to TASK_RUNNING", run_task)
    if rep.failed:
        rep.skip_as_failed("the scrapes", "setup failed")
    else:
        rep.check("master /metrics: parsed; tasks, agents, resources, ended-task counters, "
                  "allocator histogram", check_master)
        rep.check("master /metrics/snapshot stays JSON", check_master_json)
        if EMBEDDED_AGENTS:
            print("SKIP: %s: agents inside the master serve no /metrics" % SUITE)
        else:
            rep.check("each agent's /metrics: parsed; totals, the task's usage labelled with "
                      "task, framework, executor", check_agents)
    if SERVICES:
        rep.check("Services /metrics/prometheus: parsed; apps, instances, task counters",
                  check_services)
    else:
        rep.skip_as_failed("Services /metrics/prometheus", "CORRAL_SERVICES is not set")
    if JOBS:
        rep.check("Jobs /metrics/prometheus and /v1/scheduler/stats/99thPercentile", check_jobs)
    else:
        rep.skip_as_failed("Jobs /metrics/prometheus", "CORRAL_JOBS is not set")
    if ctx.sched is not None:
        ctx.sched.leave()
    rep.finish()


if __name__ == "__main__":
    main()
