"""The `marathon` 0.13.0 Python client, unmodified, against `corral services`.

run.sh starts `corral services --master ... --port 0` and sets CORRAL_SERVICES=IP:PORT. Checks:
/ping, /v2/info and /v2/leader; create_app (201, parsed as a MarathonApp); get_app and
list_apps; scale_app to 3 and then by a delta, with the tasks running (list_tasks for the app
and for all); a health-checked update listed by list_deployments while it rolls; kill_task with
scale; kill_tasks; restart_app; delete_app; and the errors: 404 for an unknown app (NotFoundError),
409 for an existing id (MarathonHttpError / ConflictError), 422 for an invalid app. Groups:
create_group with two apps, one depending on the other, ids relative to the group (both run);
get_group and list_groups parse as MarathonGroup (only keys the client knows); update_group
adds an app; scale_group by 2 doubles every app; rollback_group to the version create_group
answered brings back its two apps with one instance each; a POST of an existing group is a 409, a
dependency cycle a 422; delete_group stops every app and the group is gone (NotFoundError).

marathon 0.13.0 still uses collections.Iterable, gone in Python 3.10: the shim below puts it back
before the import (the client itself is not changed).
"""

import collections
import collections.abc
import os

collections.Iterable = collections.abc.Iterable  # noqa: the client's Python 3.10+ shim

from marathon import MarathonClient  # noqa: E402
from marathon.exceptions import MarathonHttpError, NotFoundError  # noqa: E402
from marathon.models import MarathonApp, MarathonGroup, MarathonHealthCheck  # noqa: E402

from compat_support import RUN_ID, Failure, Reporter, expect, wait_until  # noqa: E402

SUITE = "marathon"
SERVICES = os.environ.get("CORRAL_SERVICES", "")
APP_ID = "/compat/web-%s" % RUN_ID.lower()
MARKER = "6%s" % "".join(ch for ch in RUN_ID if ch.isdigit())[:6]


def client():
    return MarathonClient("http://%s" % SERVICES)


def running(app_id=APP_ID):
    """The running instances once the app is settled: as many as wanted, no deployment left."""
    app = client().get_app(app_id)
    settled = app.tasks_running == app.instances and not app.deployments
    return app.tasks_running if settled else None


def check_ping_info():
    c = client()
    pong = c.ping()
    expect(b"pong" in pong, "ping answered %r" % pong)
    info = c.get_info()
    expect(info.framework_id, "get_info has no framework_id: %r" % info.__dict__)
    leader = c.get_leader()
    expect(leader.get("leader", "").endswith(SERVICES.rsplit(":", 1)[1]), "leader %r" % leader)


def check_create():
    app = MarathonApp(cmd="exec sleep 600.%s" % MARKER, cpus=0.1, mem=16, instances=2)
    created = client().create_app(APP_ID, app)
    expect(created is not False, "create_app returned False (not a 201)")
    expect(created.id == APP_ID, "created app has id %r" % created.id)
    wait_until(lambda: running() == 2, 30, "2 instances running")
    return True


def check_get_and_list():
    app = client().get_app(APP_ID)
    expect(app.cmd == "exec sleep 600.%s" % MARKER, "cmd is %r" % app.cmd)
    expect(app.version and app.version.endswith("Z"), "version %r" % app.version)
    ids = [a.id for a in client().list_apps()]
    expect(APP_ID in ids, "list_apps lists %r" % ids)


def check_scale():
    before = client().get_app(APP_ID)
    answer = client().scale_app(APP_ID, instances=3)
    expect("deploymentId" in answer, "scale_app answered %r" % answer)
    wait_until(lambda: running() == 3, 30, "3 instances running")
    # A scale is a version of its own, as in Marathon: lastScalingAt moves, lastConfigChangeAt stays.
    after = client().get_app(APP_ID)
    expect(after.version != before.version, "the scale kept version %r" % after.version)
    expect(after.version_info.last_config_change_at == before.version_info.last_config_change_at,
           "lastConfigChangeAt moved: %r -> %r" % (before.version_info.last_config_change_at, after.version_info.last_config_change_at))
    expect(after.version_info.last_scaling_at > before.version_info.last_scaling_at,
           "lastScalingAt %r, before %r" % (after.version_info.last_scaling_at, before.version_info.last_scaling_at))
    versions = client().list_versions(APP_ID)
    expect(after.version in versions and before.version in versions, "list_versions %r" % versions)
    client().scale_app(APP_ID, delta=-1)
    wait_until(lambda: running() == 2, 30, "2 instances after scaling by -1")


def check_tasks():
    mine = client().list_tasks(APP_ID)
    expect(len(mine) == 2, "list_tasks(app) has %d tasks" % len(mine))
    expect(all(t.state == "TASK_RUNNING" and t.staged_at for t in mine), "tasks %r" % [t.__dict__ for t in mine])
    everything = client().list_tasks()
    expect({t.id for t in mine} <= {t.id for t in everything}, "list_tasks() misses the app's tasks")


def check_deployments():
    # A new version whose health check never passes keeps its deployment listed.
    app = client().get_app(APP_ID)
    app.cmd = "exec sleep 601.%s" % MARKER
    app.health_checks = [MarathonHealthCheck(protocol="COMMAND", command={"value": "false"},
                                             grace_period_seconds=300, interval_seconds=1,
                                             max_consecutive_failures=3, timeout_seconds=5)]
    answer = client().update_app(APP_ID, app)
    expect("deploymentId" in answer, "update_app answered %r" % answer)
    deployments = client().list_deployments()
    ours = [d for d in deployments if APP_ID in d.affected_apps]
    expect(ours and ours[0].id == answer["deploymentId"], "list_deployments: %r" % [d.__dict__ for d in deployments])
    expect(ours[0].current_actions[0].action == "RestartApplication",
           "action %r" % ours[0].current_actions[0].action)
    rolled_back = client().delete_deployment(answer["deploymentId"])
    expect("deploymentId" in rolled_back, "delete_deployment answered %r" % rolled_back)
    wait_until(lambda: client().get_app(APP_ID).cmd == "exec sleep 600.%s" % MARKER, 10, "the rollback")


def check_kill_task_with_scale():
    tasks = client().list_tasks(APP_ID)
    killed = client().kill_task(APP_ID, tasks[0].id, scale=True)
    expect(killed.id == tasks[0].id, "kill_task returned %r" % killed)
    wait_until(lambda: client().get_app(APP_ID).instances == 1 and running() == 1, 30, "1 instance after kill_task(scale=True)")


def check_kill_tasks_replaced():
    before = {t.id for t in client().list_tasks(APP_ID)}
    killed = client().kill_tasks(APP_ID)
    expect({t.id for t in killed} == before, "kill_tasks killed %r, had %r" % ([t.id for t in killed], before))
    wait_until(lambda: running() == 1 and {t.id for t in client().list_tasks(APP_ID)}.isdisjoint(before), 30,
               "a replacement for the killed task")


def check_restart():
    answer = client().restart_app(APP_ID)
    expect("deploymentId" in answer, "restart_app answered %r" % answer)


def check_errors():
    try:
        client().get_app("/compat/missing-%s" % RUN_ID.lower())
        raise Failure("get_app of an unknown app did not raise")
    except NotFoundError:
        pass
    try:
        client().create_app(APP_ID, MarathonApp(cmd="true"))
        raise Failure("create_app of an existing id did not raise")
    except MarathonHttpError as e:
        expect(e.status_code == 409, "existing id gave %s" % e.status_code)
    try:
        client().create_app("/compat/bad-%s" % RUN_ID.lower(), MarathonApp(cmd="true", cpus=-1))
        raise Failure("create_app of an invalid app did not raise")
    except MarathonHttpError as e:
        expect(e.status_code == 422, "invalid app gave %s" % e.status_code)


def check_queue():
    big = "/compat/big-%s" % RUN_ID.lower()
    client().create_app(big, MarathonApp(cmd="exec sleep 600", cpus=512, mem=16, instances=1))
    try:
        # As Marathon: per reason name, how many of the last offers it declined; the app waits
        # until an offer has come and been turned down for want of cpus.
        def declined_for_cpus(item):
            summary = item.processed_offers_summary.get("rejectSummaryLastOffers") or []
            return any(r["reason"] == "InsufficientCpus" and r["declined"] > 0 for r in summary)

        def queued():
            items = [q for q in client().list_queue() if q.app.id == big]
            return items and declined_for_cpus(items[0]) and items
        items = wait_until(queued, 20, "%s in the launch queue, declined for InsufficientCpus" % big)
        expect(items[0].count == 1, "queue count %r" % items[0].count)
    finally:
        client().delete_app(big, force=True)


def check_delete():
    answer = client().delete_app(APP_ID, force=True)
    expect("deploymentId" in answer, "delete_app answered %r" % answer)
    expect(APP_ID not in [a.id for a in client().list_apps()], "the app is still listed")


GROUP_ID = "/compat-groups-%s" % RUN_ID.lower()


def group_app(app_id, **extra):
    return MarathonApp(id=app_id, cmd="exec sleep 60%s" % MARKER, cpus=0.05, mem=16, instances=1, **extra)


def settled(ids):
    """The group's apps once each runs as many instances as it wants, with no deployment."""
    apps = [client().get_app("%s/%s" % (GROUP_ID, name)) for name in ids]
    return all(a.tasks_running == a.instances and not a.deployments for a in apps) and apps


CREATED = {}


def check_group_create():
    group = MarathonGroup(id=GROUP_ID, apps=[group_app("web", dependencies=["db"]), group_app("db")])
    answer = client().create_group(group)
    expect("deploymentId" in answer and "version" in answer, "create_group answered %r" % answer)
    CREATED["version"] = answer["version"]
    wait_until(lambda: settled(["db", "web"]), 60, "both apps of the group running")
    web = client().get_app(GROUP_ID + "/web")
    expect(web.dependencies == [GROUP_ID + "/db"], "web's dependencies: %r" % web.dependencies)
    return True


def check_group_get_and_list():
    group = client().get_group(GROUP_ID)
    expect(group.id == GROUP_ID, "get_group id %r" % group.id)
    expect(sorted(a.id for a in group.apps) == [GROUP_ID + "/db", GROUP_ID + "/web"], "apps %r" % group.apps)
    listed = [g.id for g in client().list_groups()]
    expect(GROUP_ID in listed, "list_groups: %r" % listed)


def check_group_update():
    group = client().get_group(GROUP_ID)
    group.apps.append(group_app(GROUP_ID + "/cache"))
    answer = client().update_group(GROUP_ID, group, force=True)
    expect("deploymentId" in answer, "update_group answered %r" % answer)
    wait_until(lambda: settled(["db", "web", "cache"]), 60, "the added app running")


def check_group_scale():
    answer = client().scale_group(GROUP_ID, 2)
    expect("deploymentId" in answer, "scale_group answered %r" % answer)
    apps = wait_until(lambda: settled(["db", "web", "cache"]), 60, "every app scaled and running")
    expect([a.instances for a in apps] == [2, 2, 2], "instances after scaleBy 2: %r" % [a.instances for a in apps])


def check_group_rollback():
    answer = client().rollback_group(GROUP_ID, CREATED["version"], force=True)
    expect("deploymentId" in answer and answer.get("version", "") > CREATED["version"], "rollback_group answered %r" % answer)
    apps = wait_until(lambda: settled(["db", "web"]), 60, "the created version's apps running")
    expect([a.instances for a in apps] == [1, 1], "instances after the rollback: %r" % [a.instances for a in apps])
    left = sorted(a.id for a in client().get_group(GROUP_ID).apps)
    expect(left == [GROUP_ID + "/db", GROUP_ID + "/web"], "apps after the rollback: %r" % left)


def check_group_errors():
    try:
        client().create_group(MarathonGroup(id=GROUP_ID))
        raise AssertionError("creating an existing group did not fail")
    except MarathonHttpError as error:
        expect(error.status_code == 409, "existing group: %s" % error.status_code)
    cyclic = MarathonGroup(id=GROUP_ID + "-loop", apps=[group_app("a", dependencies=["b"]), group_app("b", dependencies=["a"])])
    try:
        client().create_group(cyclic)
        raise AssertionError("a dependency cycle was taken")
    except MarathonHttpError as error:
        expect(error.status_code == 422, "cycle: %s" % error.status_code)


def check_group_delete():
    answer = client().delete_group(GROUP_ID, force=True)
    expect("deploymentId" in answer, "delete_group answered %r" % answer)
    try:
        client().get_group(GROUP_ID)
        raise AssertionError("the group is still there")
    except NotFoundError:
        pass
    left = [a.id for a in client().list_apps() if a.id.startswith(GROUP_ID + "/")]
    expect(not left, "apps left: %r" % left)


def main():
    rep = Reporter(SUITE)
    if not SERVICES:
        rep.skip_as_failed("all", "CORRAL_SERVICES is not set: run.sh did not start corral services")
        rep.finish()
    rep.check("ping, get_info, get_leader", check_ping_info)
    if not rep.check("create_app: 201, two instances running", check_create):
        rep.finish()
    rep.check("get_app and list_apps", check_get_and_list)
    rep.check("scale_app to 3, then by -1", check_scale)
    rep.check("list_tasks for the app and for all", check_tasks)
    rep.check("update_app rolls out as a deployment; list_deployments, delete_deployment rolls back", check_deployments)
    rep.check("kill_task with scale=True", check_kill_task_with_scale)
    rep.check("kill_tasks: killed tasks are replaced", check_kill_tasks_replaced)
    rep.check("restart_app", check_restart)
    rep.check("errors: 404 NotFoundError, 409 on an existing id, 422 on an invalid app", check_errors)
    rep.check("list_queue: an app that fits no agent waits, with the reason", check_queue)
    rep.check("delete_app", check_delete)
    if rep.check("create_group: apps started in dependency order, both running", check_group_create):
        rep.check("get_group and list_groups parse", check_group_get_and_list)
        rep.check("update_group adds an app", check_group_update)
        rep.check("scale_group by 2", check_group_scale)
        rep.check("rollback_group to the created version", check_group_rollback)
        rep.check("group errors: 409 on an existing group, 422 on a cycle", check_group_errors)
        rep.check("delete_group stops every app; NotFoundError after", check_group_delete)
    rep.finish()


if __name__ == "__main__":
    main()
