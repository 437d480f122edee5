#!/usr/bin/env python3
"""Runs a test command (the README's `swift test`) and passes its output through; when it prints
nothing for --quiet-limit seconds, or runs past --limit, it names the tests that started and never
ended, stops the run and fails.

A test that awaits something that never comes outlives its time limit (the limit cancels the test,
and a wait that ignores cancellation goes on), and the run then idles for ever with every thread
asleep: CI would hang until its own timeout without saying which test it waits on.

    python3 Tests/ci/watch-tests.py [--quiet-limit S] [--limit S] -- swift test
"""
import argparse
import collections
import os
import re
import selectors
import signal
import subprocess
import sys
import time

STARTED = re.compile(r"◇ (Test|Suite) (.+?) started\.")
ENDED = re.compile(r"[✔✘] (Test|Suite) (.+?)(?: with \d+ test cases?)? (?:passed after|failed after|skipped)")


def pending(lines):
    """Tests and suites that started and did not end, in the order they started. Names are
    counted, not just collected: two suites may each have a test of the same name."""
    started, open_count = [], collections.Counter()
    for line in lines:
        if match := STARTED.search(line):
            if match.group(2) == "run":
                continue  # "Test run started": the whole run, not a test
            name = f"{match.group(1).lower()} {match.group(2)}"
            started.append(name)
            open_count[name] += 1
        elif match := ENDED.search(line):
            open_count[f"{match.group(1).lower()} {match.group(2)}"] -= 1
    return [name for name in dict.fromkeys(started) if open_count[name] > 0]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quiet-limit", type=float, default=300, help="seconds without output that count as a stall (default 300)")
    parser.add_argument("--limit", type=float, default=1800, help="seconds the whole run may take (default 1800)")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the test command, after --")
    options = parser.parse_args()
    command = options.command[1:] if options.command[:1] == ["--"] else options.command
    if not command:
        parser.error("no test command given (put it after --)")

    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    lines, partial = [], b""
    begun = last_output = time.monotonic()
    reason = None
    while True:
        now = time.monotonic()
        if now - last_output > options.quiet_limit:
            reason = f"no output for {options.quiet_limit:.0f} s"
        elif now - begun > options.limit:
            reason = f"still running after {options.limit:.0f} s"
        if reason:
            break
        if not selector.select(timeout=1):
            continue
        chunk = os.read(process.stdout.fileno(), 65536)
        if not chunk:
            break
        last_output = time.monotonic()
        sys.stdout.buffer.write(chunk)
        sys.stdout.flush()
        partial += chunk
        *complete, partial = partial.split(b"\n")
        lines.extend(line.decode("utf-8", "replace") for line in complete)

    if reason is None:
        return process.wait()
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    waiting = pending(lines)
    print(f"\nwatch-tests: the test run stalled ({reason}); stopped it. Started and never ended:", file=sys.stderr)
    for name in waiting or ["(nothing: the stall came before the first test or after the last)"]:
        print(f"  {name}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
