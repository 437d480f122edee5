"""mesoshttp 0.4.2 against Corral, unmodified.

MesosClient(mesos_urls=['http://127.0.0.1:PORT']) with .on(...) callbacks and register() (in a
thread: it blocks reading the event stream line by line). On the first offer that fits it accepts
with one launch of 'echo hello; exit 0' (cpus 0.1, mem 32) through Offer.accept() — which adds
`slave_id` beside the `agent_id` the task carries — and declines the others with Offer.decline().
It must see TASK_RUNNING and TASK_FINISHED (mesoshttp acknowledges each update carrying a uuid
before calling back), then client.tearDown() makes it send TEARDOWN on the next stream line and
leave register(). The master runs with --heartbeat-interval 1: mesoshttp handles an event only
when the next record's length line arrives.
"""

import logging
import threading

from compat_support import (MASTER, RUN_ID, Failure, Reporter, expect, fits, recorder,
                            task_resources, wait_until)

from mesoshttp.client import MesosClient  # noqa: E402  (after the recorder is installed)

SUITE = "mesoshttp"
TASK_ID = "compat-mesoshttp-%s" % RUN_ID
FRAMEWORK_NAME = "compat-mesoshttp-%s" % RUN_ID


class Framework(object):
    def __init__(self):
        self.lock = threading.Lock()
        self.driver = None
        self.offers_seen = 0
        self.declined = 0
        self.accepted_offer = None
        self.updates = []          # (state, has_uuid, has_agent_id, message)
        self.errors = []
        self.heartbeats = 0
        self.disconnected = 0
        self.register_result = []

    def on_subscribed(self, driver):
        with self.lock:
            self.driver = driver

    def on_offers(self, offers):
        for offer in offers:
            mesos_offer = offer.get_offer()
            with self.lock:
                self.offers_seen += 1
                launch = self.accepted_offer is None and fits(mesos_offer, 0.1, 32)
                if launch:
                    self.accepted_offer = mesos_offer["id"]["value"]
            try:
                if launch:
                    task = {
                        "name": "compat mesoshttp hello",
                        "task_id": {"value": TASK_ID},
                        "agent_id": {"value": mesos_offer["agent_id"]["value"]},
                        "resources": task_resources(0.1, 32),
                        "command": {"value": "echo hello; exit 0"},
                    }
                    offer.accept([task])
                else:
                    offer.decline()
                    with self.lock:
                        self.declined += 1
            except Exception as e:
                with self.lock:
                    self.errors.append("%s raised %s: %s" % ("accept" if launch else "decline",
                                                            type(e).__name__, e))

    def on_update(self, update):
        status = update.get("status", {})
        with self.lock:
            if status.get("task_id", {}).get("value") == TASK_ID:
                self.updates.append((status.get("state"), "uuid" in status,
                                     "agent_id" in status, status.get("message")))

    def on_error(self, message):
        with self.lock:
            self.errors.append("ERROR event: %s" % message)

    def on_heartbeat(self, _):
        with self.lock:
            self.heartbeats += 1

    def on_disconnected(self, message):
        with self.lock:
            self.disconnected += 1

    def states(self):
        with self.lock:
            return [u[0] for u in self.updates]

    def check_errors(self):
        with self.lock:
            if self.errors:
                raise Failure("; ".join(self.errors))


def flow(fw, client):
    def subscribe_answer():
        subs = [ex for ex in recorder.calls("SUBSCRIBE") if ex.status is not None or ex.error]
        return subs[0] if subs else None

    sub = wait_until(subscribe_answer, 15, "an answer to mesoshttp's SUBSCRIBE")
    expect(sub.status == 200, "SUBSCRIBE answered %s" % sub.status)
    headers = {k.lower(): v for k, v in sub.response_headers}
    expect("mesos-stream-id" in headers, "the SUBSCRIBE answer has no Mesos-Stream-Id header")
    wait_until(lambda: fw.driver or fw.errors or fw.disconnected, 15,
               "the SUBSCRIBED callback (mesoshttp parses a record once the next length line "
               "arrives)")
    fw.check_errors()
    expect(fw.driver is not None, "mesoshttp lost the connection before SUBSCRIBED "
           "(it logs 'Unexpected error with mesos connection')")
    expect(client.frameworkId, "no framework id after SUBSCRIBED")

    wait_until(lambda: fw.accepted_offer or fw.errors or fw.disconnected, 30,
               "an offer with cpus >= 0.1 and mem >= 32 (offers seen so far: %d)"
               % fw.offers_seen)
    fw.check_errors()

    def accept_answer():
        accepts = [ex for ex in recorder.calls("ACCEPT") if TASK_ID in ex.request_body.decode()]
        return accepts and accepts[0].status is not None and accepts[0]
    accept = wait_until(accept_answer, 10, "the answer to mesoshttp's ACCEPT")
    expect(accept.status == 202, "ACCEPT (a task with both agent_id and slave_id) answered %s"
           % accept.status)

    def reached(state):
        def pred():
            states = fw.states()
            if fw.errors or fw.disconnected:
                return True
            if any(s in ("TASK_FAILED", "TASK_KILLED", "TASK_ERROR", "TASK_LOST",
                         "TASK_DROPPED", "TASK_GONE") for s in states):
                return True
            return state in states
        return pred

    wait_until(reached("TASK_RUNNING"), 30, "TASK_RUNNING for %s" % TASK_ID)
    wait_until(reached("TASK_FINISHED"), 30, "TASK_FINISHED for %s" % TASK_ID)
    fw.check_errors()
    expect(not fw.disconnected, "mesoshttp's event stream broke (DISCONNECTED callback)")
    with fw.lock:
        updates = list(fw.updates)
    states = [u[0] for u in updates]
    expect("TASK_RUNNING" in states and "TASK_FINISHED" in states,
           "expected TASK_RUNNING then TASK_FINISHED, got %s (%s)" % (states, updates))
    expect(states.index("TASK_RUNNING") < states.index("TASK_FINISHED"),
           "TASK_FINISHED came before TASK_RUNNING: %s" % states)
    unackable = [u for u in updates if u[1] and not u[2]]
    expect(not unackable, "updates with a uuid but no agent_id (mesoshttp's ack reads "
           "status['agent_id']): %s" % unackable)
    no_uuid = [u for u in updates if u[0] in ("TASK_RUNNING", "TASK_FINISHED") and not u[1]]
    expect(not no_uuid, "agent updates without a uuid (never acknowledged): %s" % no_uuid)

    def acked():
        acks = [ex for ex in recorder.calls("ACKNOWLEDGE") if TASK_ID in ex.request_body.decode()]
        return len([ex for ex in acks if ex.status is not None]) >= 2 and acks
    acks = wait_until(acked, 10, "mesoshttp's ACKNOWLEDGE calls for RUNNING and FINISHED")
    bad = [ex for ex in acks if not ex.ok()]
    expect(not bad, "ACKNOWLEDGE answered %s" % [ex.status for ex in bad])
    declines = [ex for ex in recorder.calls("DECLINE") if ex.status is not None]
    bad = [ex for ex in declines if not ex.ok()]
    expect(not bad, "DECLINE answered %s" % [ex.status for ex in bad])


def teardown(fw, client, thread):
    mark = recorder.mark()
    client.tearDown()   # sets stop; TEARDOWN goes out when the next line (a heartbeat) arrives
    thread.join(timeout=15)
    expect(not thread.is_alive(), "register() did not return within 15s of tearDown() "
           "(it needs another line on the stream: are heartbeats flowing?)")
    teardowns = [ex for ex in recorder.calls("TEARDOWN", since=mark)]
    expect(teardowns, "mesoshttp sent no TEARDOWN")
    ex = wait_until(lambda: teardowns[0].status is not None or teardowns[0].error, 5,
                    "the answer to TEARDOWN") and teardowns[0]
    expect(ex.ok(), "TEARDOWN answered %s" % ex.status)
    expect(fw.register_result == [True], "register() returned %s" % fw.register_result)


def main():
    logging.basicConfig(level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    rep = Reporter(SUITE)
    fw = Framework()
    client = MesosClient(mesos_urls=["http://%s" % MASTER], frameworkName=FRAMEWORK_NAME)
    client.on(MesosClient.SUBSCRIBED, fw.on_subscribed)
    client.on(MesosClient.OFFERS, fw.on_offers)
    client.on(MesosClient.UPDATE, fw.on_update)
    client.on(MesosClient.ERROR, fw.on_error)
    client.on(MesosClient.HEARTBEAT, fw.on_heartbeat)
    client.on(MesosClient.DISCONNECTED, fw.on_disconnected)

    def run():
        fw.register_result.append(client.register())
    thread = threading.Thread(target=run, name="mesoshttp register", daemon=True)
    thread.start()

    ok = rep.check("SUBSCRIBE, accept a launch of 'echo hello; exit 0', TASK_RUNNING and "
                   "TASK_FINISHED acknowledged", flow, fw, client)
    if fw.driver is not None:
        rep.check("client.tearDown() sends TEARDOWN, answered 2xx, register() returns", teardown,
                  fw, client, thread)
    else:
        rep.skip_as_failed("client.tearDown() sends TEARDOWN, answered 2xx, register() returns",
                           "the framework never subscribed")
    del ok
    rep.finish()


if __name__ == "__main__":
    main()
