"""Used by run.sh before it stops the cluster: a framework that launches 'sleep 600' and stays
subscribed, so the shutdown check has a real task process to see stopped.

Prints 'RUNNING <task id>' once the task runs, then waits until it is killed.
Exits 1 with a reason if the task does not reach TASK_RUNNING within the deadline.
"""

import signal
import sys

from compat_support import RUN_ID, Failure, V1Scheduler, command_task, fits

TASK_ID = "compat-shutdown-sleep-%s" % RUN_ID


def main():
    sched = V1Scheduler("compat-shutdown-%s" % RUN_ID)
    try:
        sched.subscribe()

        def fitting(ev):
            return ev.get("type") == "OFFERS" and any(
                fits(o, 0.1, 32) for o in ev["offers"].get("offers", []))
        ev = sched.wait_event(fitting, 30, "an offer with cpus >= 0.1 and mem >= 32")
        offers = ev["offers"]["offers"]
        offer = [o for o in offers if fits(o, 0.1, 32)][0]
        sched.call("ACCEPT", {"offer_ids": [offer["id"]], "operations": [{
            "type": "LAUNCH", "launch": {"task_infos": [command_task(
                TASK_ID, "compat shutdown sleep", offer["agent_id"]["value"], "sleep 600")]}}]})
        rest = [o["id"] for o in offers if o["id"] != offer["id"]]
        if rest:
            sched.call("DECLINE", {"offer_ids": rest})
        sched.auto_decline = True
        sched.wait_event(lambda e: e.get("type") == "UPDATE"
                         and e["update"]["status"]["task_id"]["value"] == TASK_ID
                         and e["update"]["status"]["state"] == "TASK_RUNNING", 30,
                         "TASK_RUNNING for %s" % TASK_ID)
    except Failure as e:
        print("FAILED %s" % e, flush=True)
        sys.exit(1)
    print("RUNNING %s" % TASK_ID, flush=True)
    while True:        # until run.sh kills us (SIGTERM), after it has stopped the cluster
        signal.pause()


if __name__ == "__main__":
    main()
