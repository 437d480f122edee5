"""What Marathon's clients and deploy tools rely on, checked with plain HTTP against
`corral services` (run.sh sets CORRAL_SERVICES=IP:PORT): field names, status codes and shapes
as Marathon's REST API documents them.

- /ping: the JSON string "pong" to a client that accepts JSON, text otherwise.
"""

import json
import os

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


def main():
    rep = Reporter(SUITE)
    if not SERVICES:
        rep.skip_as_failed("all", "CORRAL_SERVICES is not set: run.sh did not start corral services")
        rep.finish()
    rep.check("/ping: \"pong\" as JSON when asked for JSON, text otherwise", check_ping)
    rep.finish()


if __name__ == "__main__":
    main()
