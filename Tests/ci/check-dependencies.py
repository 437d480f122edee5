#!/usr/bin/env python3
"""Fails when Corral's package graph holds a dependency that must never exist.

The rules are the ones docs/architecture.md names ("Dependencies that must never exist"); they
are checked on the package's own description, so a `dependencies:` line in Package.swift that
breaks a boundary fails CI before any code uses it.

Usage:
    python3 Tests/ci/check-dependencies.py            # runs `swift package describe --type json`
    python3 Tests/ci/check-dependencies.py FILE.json  # reads a description saved earlier
    swift package describe --type json | python3 Tests/ci/check-dependencies.py -

Only the Python 3 standard library is used. Exit status: 0 when every rule holds, 1 when one is
broken (each broken rule is printed with the chain of dependencies that breaks it), 2 when the
description cannot be had.
"""

import json
import re
import subprocess
import sys
from collections import deque
from pathlib import Path

# Targets that wire or test the whole system may depend on everything: the executable is where
# the master and the frameworks meet, and test targets drive them together (a framework on an
# embedded cluster). The rules are about the modules everything else is built from.
EXEMPT_TYPES = {"executable", "test", "snippet", "macro", "plugin"}
# Library targets that put the whole system together as the executable does: the deterministic
# simulation runs the master's core beside Services' and Jobs'. Nothing else may depend on them.
COMPOSITIONS = {"CorralSimulation"}

MASTER = "CorralMaster"
FRAMEWORKS = ("CorralServices", "CorralJobs")

# Corral's modules that speak HTTP (servers, clients, the SDK's transport, their test support),
# and the libraries they speak it with.
HTTP_TARGETS = re.compile(r"^Corral\w*(HTTP|API|Client)\w*$")
HTTP_PRODUCTS = re.compile(r"^(Hummingbird\w*|AsyncHTTPClient|NIO\w*|HTTPTypes\w*)$")
SERVER_TARGETS = {"CorralHTTPServer", "CorralMasterHTTP", "CorralAgentHTTP", "CorralMarathonAPI", "CorralChronosAPI"}
SERVER_PRODUCTS = re.compile(r"^Hummingbird\w*$")

SDK_PRODUCT = "CorralSDK"
SDK_FORBIDDEN_TARGETS = {
    "CorralMaster", "CorralAgent", "CorralRegistry", "CorralStorage", "CorralServices", "CorralJobs",
    "ConsoleTerminal", "CNCurses",
} | SERVER_TARGETS


def nothing(_name):
    return False


def named(names):
    return lambda name: name in names


def either(*tests):
    return lambda name: any(test(name) for test in tests)


# (the rule, why it holds, where to start, which targets it must not reach, which products)
# `where to start` is a target's name or ("product", name) for a library product's targets.
REACH_RULES = [
    (f"the {SDK_PRODUCT} product reaches neither the master, the agent, their stores, Services, Jobs, "
     "ncurses, GRDB nor server code",
     "a framework in a package of its own links the SDK and nothing of Corral's programs",
     ("product", SDK_PRODUCT), named(SDK_FORBIDDEN_TARGETS), re.compile(r"^(GRDB\w*|Hummingbird\w*)$").match),
    ("ConsoleCore reaches no HTTP module (Hummingbird, AsyncHTTPClient, NIO, Corral*HTTP*, the APIs and "
     "clients) and no ncurses",
     "the console core is pure functions; where its events come from and where its cells go is the "
     "executable's and ConsoleTerminal's business",
     "ConsoleCore", either(HTTP_TARGETS.match, named({"ConsoleTerminal", "CNCurses"})), HTTP_PRODUCTS.match),
    ("ConsoleCore does not reach CorralMesosJSON",
     "the console reads the cluster's vocabulary; turning the wire into it is done before its events "
     "reach it, in the operator client or the executable",
     "ConsoleCore", named({"CorralMesosJSON"}), nothing),
    ("CorralConsole reaches neither the master, the agent, Services, Jobs nor HTTP code",
     "the console session is written against a cluster source and framework links; the cluster in "
     "process and over HTTP (CorralConsoleSources) and Services and Jobs (CorralConsoleFrameworks) "
     "sit above it, on their own sides of the master/framework wall",
     "CorralConsole",
     either(HTTP_TARGETS.match, named({"CorralMaster", "CorralAgent", "CorralCluster", "CorralServices", "CorralJobs"})),
     HTTP_PRODUCTS.match),
    ("ConsoleHistory reaches neither the master, the agent, Services, Jobs, HTTP code nor ncurses",
     "a history is what the console's model was fed, in the vocabulary; replaying it needs no cluster, "
     "no network and no terminal, so its core is tested on virtual time alone",
     "ConsoleHistory",
     either(HTTP_TARGETS.match, named({"CorralMaster", "CorralAgent", "CorralCluster", "CorralServices", "CorralJobs",
                                       "ConsoleTerminal", "CNCurses", "CorralMesosJSON"})),
     HTTP_PRODUCTS.match),
    ("Services and Jobs reach neither the master, the agent nor any server",
     "frameworks use only the SDK; their REST APIs sit above them, in CorralMarathonAPI and CorralChronosAPI",
     "CorralServices", named({"CorralMaster", "CorralAgent", "CorralCluster"} | SERVER_TARGETS), SERVER_PRODUCTS.match),
    ("Services and Jobs reach neither the master, the agent nor any server",
     "frameworks use only the SDK; their REST APIs sit above them, in CorralMarathonAPI and CorralChronosAPI",
     "CorralJobs", named({"CorralMaster", "CorralAgent", "CorralCluster"} | SERVER_TARGETS), SERVER_PRODUCTS.match),
    ("the allocator does not reach the master", "the allocator is a pure value the master drives",
     "CorralAllocator", named({MASTER}), nothing),
    ("the master does not reach the wire (CorralMesosJSON)",
     "the master's core and actor take the cluster's vocabulary; its HTTP face decodes the wire into it",
     MASTER, named({"CorralMesosJSON"}), nothing),
    ("CorralModel depends on nothing", "the cluster's vocabulary is what everything else is written in",
     "CorralModel", lambda name: name != "CorralModel", lambda _name: True),
    ("CorralMetrics depends on none of Corral's modules",
     "every server, on either side of the wall, exposes its metrics through it",
     "CorralMetrics", lambda name: name != "CorralMetrics", nothing),
] + [
    (f"{start if isinstance(start, str) else 'the ' + start[1] + ' product'} reaches no metrics backend (swift-prometheus, CorralMetrics)",
     "libraries record through swift-metrics' API (CoreMetrics) and are read at scrape time; which "
     "registry they record into is their server's choice, made where they are wired",
     start, named({"CorralMetrics"}), re.compile(r"^Prometheus$").match)
    for start in ("CorralMaster", "CorralAgent", "CorralCluster", "CorralServices", "CorralJobs", ("product", SDK_PRODUCT))
]


def load_description(argv):
    """The package description as a dict, from a file, stdin (`-`) or SwiftPM itself."""
    if len(argv) > 1:
        source = argv[1]
        text = sys.stdin.read() if source == "-" else Path(source).read_text()
    else:
        root = Path(__file__).resolve().parents[2]
        try:
            run = subprocess.run(
                ["swift", "package", "describe", "--type", "json"],
                cwd=root, capture_output=True, text=True, check=False,
            )
        except FileNotFoundError:
            print("check-dependencies: `swift` is not on PATH; pass a saved description instead", file=sys.stderr)
            sys.exit(2)
        if run.returncode != 0:
            sys.stderr.write(run.stderr)
            print("check-dependencies: `swift package describe` failed", file=sys.stderr)
            sys.exit(2)
        text = run.stdout
    # SwiftPM may print progress lines before the JSON (fetching, resolving): skip to the object.
    start = text.find("{")
    if start < 0:
        print("check-dependencies: no JSON package description in the input", file=sys.stderr)
        sys.exit(2)
    try:
        return json.loads(text[start:])
    except json.JSONDecodeError as error:
        print(f"check-dependencies: the package description is not JSON: {error}", file=sys.stderr)
        sys.exit(2)


class Graph:
    """The package's targets, each with its target and product dependencies."""

    def __init__(self, description):
        self.targets = {target["name"]: target for target in description["targets"]}
        self.products = {product["name"]: product for product in description.get("products", [])}

    def edges(self, name):
        """(kind, name) of what `name` depends on directly; products of other packages are leaves."""
        target = self.targets.get(name, {})
        return [("target", dep) for dep in target.get("target_dependencies", [])] + [
            ("product", dep) for dep in target.get("product_dependencies", [])
        ]

    def reach(self, roots):
        """Everything reachable from the targets `roots` (themselves included), each with the chain
        of names that reaches it."""
        chains = {("target", root): [root] for root in roots}
        queue = deque(chains)
        while queue:
            node = queue.popleft()
            if node[0] != "target":
                continue
            for edge in self.edges(node[1]):
                if edge not in chains:
                    chains[edge] = chains[node] + [edge[1]]
                    queue.append(edge)
        return chains

    def roots(self, start):
        """The targets a rule starts from, or None when the package no longer has them."""
        if isinstance(start, tuple):
            product = self.products.get(start[1])
            return product["targets"] if product else None
        return [start] if start in self.targets else None

    def checked_targets(self):
        return sorted(
            name for name, target in self.targets.items()
            if target.get("type") not in EXEMPT_TYPES and name not in COMPOSITIONS)


def chain(path):
    return " → ".join(path)


def check_master_and_frameworks(graph):
    problems = []
    for name in graph.checked_targets():
        reached = graph.reach([name])
        master = reached.get(("target", MASTER))
        if master is None:
            continue
        for framework in FRAMEWORKS:
            found = reached.get(("target", framework))
            if found is not None:
                problems.append(f"{name} depends on both the master and a framework:\n      {chain(master)}\n      {chain(found)}")
    return problems


def check_compositions(graph):
    problems = []
    for name in graph.checked_targets():
        for (kind, reached), path in sorted(graph.reach([name]).items()):
            if kind == "target" and reached in COMPOSITIONS:
                problems.append(f"{name} depends on {reached}: {chain(path)}")
    return problems


def check_reach(graph, start, forbidden_target, forbidden_product):
    roots = graph.roots(start)
    label = f"the {start[1]} product" if isinstance(start, tuple) else start
    if roots is None:
        return [f"{label} is missing from the package: update Tests/ci/check-dependencies.py with the new name"]
    problems = []
    for (kind, name), path in sorted(graph.reach(roots).items()):
        if (kind == "target" and forbidden_target(name)) or (kind == "product" and forbidden_product(name)):
            problems.append(f"{label} reaches {name}: {chain(path)}")
    return problems


def main(argv):
    graph = Graph(load_description(argv))
    rules = {}  # the rule → (why, problems); rules checked from several starts share one line
    rules[f"no library target depends on both {MASTER} and {' or '.join(FRAMEWORKS)}"] = (
        "a framework's API and the master's meet only in the executable", check_master_and_frameworks(graph))
    rules[f"no library target depends on {', '.join(sorted(COMPOSITIONS))}"] = (
        "it puts the whole system together, as the executable does", check_compositions(graph))
    for rule, why, start, forbidden_target, forbidden_product in REACH_RULES:
        problems = check_reach(graph, start, forbidden_target, forbidden_product)
        rules[rule] = (why, rules.get(rule, (why, []))[1] + problems)
    failed = False
    for rule, (why, problems) in rules.items():
        if problems:
            failed = True
            print(f"FAIL  {rule}\n      ({why})")
            for problem in problems:
                print(f"  - {problem}")
        else:
            print(f"ok    {rule}")
    checked = graph.checked_targets()
    print(f"checked {len(checked)} targets ({', '.join(checked)}); executables and test targets are exempt")
    if failed:
        print("forbidden dependencies found: see docs/architecture.md, \"Dependencies that must never exist\"")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
