#!/usr/bin/env python3
"""Keeps Corral's code readable in one sitting: no Swift file over 400 lines, no function over 60.

For every .swift file under Sources/ and Examples/ (skipping .build folders), fails when the
file has more than 400 lines, or when the body of a function, initializer, deinit, subscript or
computed property runs for more than 60 lines, counted from the line of its declaration keyword
to the line of its closing brace. Braces inside comments and string literals (multi-line and raw
ones, with their interpolations) do not count.

Usage: python3 Tests/ci/check-sizes.py [ROOT]   (ROOT defaults to the repository's top)
"""

import os
import re
import sys

FILE_LIMIT = 400
FUNCTION_LIMIT = 60
FOLDERS = ("Sources", "Examples")


class Masker:
    """Blanks out comments and string literals (keeping newlines), so that what is left is code
    whose braces and parentheses can be counted. Interpolations stay code: a closure inside
    `\\( … )` has braces of its own, and they balance."""

    def __init__(self, text):
        self.text = text
        self.out = list(text)
        self.i = 0

    def blank(self, start, end):
        for k in range(start, end):
            if self.out[k] != "\n":
                self.out[k] = " "

    def run(self):
        self.code(until_paren=False)
        return "".join(self.out)

    def code(self, until_paren):
        """Lexes code from self.i; with until_paren, stops after the `)` that closes an
        interpolation (self.i then points past it)."""
        text = self.text
        depth = 0
        while self.i < len(text):
            c = text[self.i]
            if text.startswith("//", self.i):
                end = text.find("\n", self.i)
                end = len(text) if end < 0 else end
                self.blank(self.i, end)
                self.i = end
            elif text.startswith("/*", self.i):
                self.block_comment()
            elif c == '"' or (c == "#" and re.match(r'#+"', text[self.i:])):
                self.string()
            elif until_paren and c == "(":
                depth += 1
                self.i += 1
            elif until_paren and c == ")":
                if depth == 0:
                    self.i += 1
                    return
                depth -= 1
                self.i += 1
            else:
                self.i += 1

    def block_comment(self):
        text = self.text
        start = self.i
        nesting = 0
        while self.i < len(text):
            if text.startswith("/*", self.i):
                nesting += 1
                self.i += 2
            elif text.startswith("*/", self.i):
                nesting -= 1
                self.i += 2
                if nesting == 0:
                    break
            else:
                self.i += 1
        self.blank(start, self.i)

    def string(self):
        text = self.text
        hashes = 0
        while text[self.i + hashes] == "#":
            hashes += 1
        pounds = "#" * hashes
        multiline = text.startswith('"""', self.i + hashes)
        quote = '"""' if multiline else '"'
        closing = quote + pounds
        escape = "\\" + pounds
        self.i += hashes + len(quote)
        segment = self.i
        while self.i < len(text):
            if text.startswith(escape + "(", self.i):
                self.blank(segment, self.i)
                self.i += len(escape) + 1
                self.code(until_paren=True)
                segment = self.i
            elif text.startswith(escape, self.i):
                self.i += len(escape) + 1
            elif text.startswith(closing, self.i):
                self.blank(segment, self.i)
                self.i += len(closing)
                return
            elif text[self.i] == "\n" and not multiline:
                break  # an unterminated literal: stop at its line, as the compiler would
            else:
                self.i += 1
        self.blank(segment, self.i)


DECLARATION = re.compile(
    r"(?<![.\w])(?:(func)\s+([^\s(<]+)|(init)[?!]?(?=\s*[(<])|(deinit)\b|(subscript)(?=\s*[(<])|(var)\s+(\w+)\s*:)"
)
# Words that continue a declaration on its next line (a return type, effects, a where clause).
CONTINUATION = re.compile(r"\s*(->|throws|rethrows|async|where|\{|\)|&|,)")


def line_of(text, offset, starts):
    """1-based line number of offset, given the offsets where lines start."""
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo + 1


def body_start(code, start):
    """Offset of the `{` that opens the body of the declaration at start, or None for a
    declaration without one (a protocol requirement, a stored property)."""
    depth = 0
    i = start
    while i < len(code):
        c = code[i]
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
            if depth < 0:
                return None
        elif depth == 0:
            if c == "{":
                return i
            if c in "}=;":
                return None
            if c == "\n" and not CONTINUATION.match(code, i + 1):
                return None
        i += 1
    return None


def matching_brace(code, opening):
    depth = 0
    for i in range(opening, len(code)):
        if code[i] == "{":
            depth += 1
        elif code[i] == "}":
            depth -= 1
            if depth == 0:
                return i
    return None


def is_observer_block(code, opening):
    """`var x: Int { didSet { … } }` stores a value: its observers are not a computed body."""
    return re.match(r"\{\s*(willSet|didSet)\b", code[opening:]) is not None


def functions(code):
    """(line, name, length) of every body-bearing declaration in masked code."""
    starts = [0] + [m.end() for m in re.finditer(r"\n", code)]
    found = []
    for match in DECLARATION.finditer(code):
        func, func_name, init, deinit, subscript, var, var_name = match.groups()
        opening = body_start(code, match.end())
        if opening is None or (var and is_observer_block(code, opening)):
            continue
        closing = matching_brace(code, opening)
        if closing is None:
            continue
        name = (func and f"func {func_name}") or init or deinit or subscript or f"var {var_name}"
        first = line_of(code, match.start(), starts)
        last = line_of(code, closing, starts)
        found.append((first, name, last - first + 1))
    return found


def swift_files(root):
    for folder in FOLDERS:
        for directory, subdirectories, names in os.walk(os.path.join(root, folder)):
            subdirectories[:] = sorted(d for d in subdirectories if not d.startswith(".build"))
            for name in sorted(names):
                if name.endswith(".swift"):
                    yield os.path.join(directory, name)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    root = os.path.normpath(root)
    offenders = []
    file_count = function_count = 0
    for path in swift_files(root):
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        shown = os.path.relpath(path, root)
        file_count += 1
        lines = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
        if lines > FILE_LIMIT:
            offenders.append(f"{shown}:1: the file is {lines} lines (limit {FILE_LIMIT})")
        for line, name, length in functions(Masker(text).run()):
            function_count += 1
            if length > FUNCTION_LIMIT:
                offenders.append(f"{shown}:{line}: {name} is {length} lines (limit {FUNCTION_LIMIT})")
    if offenders:
        print("\n".join(offenders))
        print(f"{len(offenders)} over the limits (files {FILE_LIMIT} lines, functions {FUNCTION_LIMIT}); split them into well-named parts")
        return 1
    print(f"sizes: {file_count} files and {function_count} functions checked: no file over {FILE_LIMIT} lines, no function over {FUNCTION_LIMIT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
