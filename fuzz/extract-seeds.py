#!/usr/bin/env python3
"""Writes fuzz/corpus/<target>/ seed files from the string literals of the unit tests.

Run once from the repository root (the seeds are committed; rerun after adding fixtures):
    python3 fuzz/extract-seeds.py
Each literal (adjacent literals joined by `+` count as one) that looks like input for a target
becomes a file named after its SHA-1. Stream targets get the bytes libFuzzer's input starts
with in fuzz/Sources/FuzzSupport (chunk size 0: whole reads; then the target's choice byte).
"""
import glob
import hashlib
import os
import re
import sys

ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "0": "\0", "\\": "\\", '"': '"', "'": "'"}


def unescape(body):
    """A Swift string literal's body as text; None if it interpolates."""
    out, i = [], 0
    while i < len(body):
        c = body[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        nxt = body[i + 1] if i + 1 < len(body) else ""
        if nxt == "(":
            return None
        if nxt == "u" and body[i + 2:i + 3] == "{":
            end = body.index("}", i)
            out.append(chr(int(body[i + 3:end], 16)))
            i = end + 1
            continue
        if nxt == "\n":  # line continuation in a multi-line literal
            i += 2
            continue
        out.append(ESCAPES.get(nxt, nxt))
        i += 2
    return "".join(out)


def literals(source):
    """Yields the text of every string literal, adjacent ones joined by `+` as one."""
    pattern = re.compile(r'"""\n(.*?)\n([ \t]*)"""|"((?:[^"\\\n]|\\.)*)"', re.S)
    pending, pending_end = None, 0
    for match in pattern.finditer(source):
        if match.group(1) is not None:
            indent = match.group(2)
            lines = [l[len(indent):] if l.startswith(indent) else l for l in match.group(1).split("\n")]
            text = unescape("\n".join(lines))
        else:
            text = unescape(match.group(3))
        if source[match.start() - 1:match.start()] == "#":  # raw string: skip
            text = None
        joined = pending is not None and text is not None and re.fullmatch(r"\s*\+\s*", source[pending_end:match.start()])
        if joined:
            pending += text
        else:
            if pending is not None:
                yield pending
            pending = text
        pending_end = match.end()
    if pending is not None:
        yield pending


def texts(pattern):
    found = []
    for path in sorted(glob.glob(pattern)):
        with open(path, encoding="utf-8") as f:
            found += [t for t in literals(f.read()) if t]
    return found


def with_line_end(text):
    return text if text.endswith("\n") else text + "\r\n"


def seeds():
    """Target -> list of seed byte strings."""
    smtp = [with_line_end(t) for t in texts("Tests/SMTPTests/*.swift") if re.match(r"\d{3}[- \r\n]", t)]
    imap_all = texts("Tests/IMAPTests/*.swift")
    imap = [with_line_end(t) for t in imap_all
            if re.match(r"(\* |\+ |\+\r|[A-Za-z0-9.]+ (OK|NO|BAD|PREAUTH|BYE))", t)]
    imap_lines = [l for t in imap_all for l in re.split(r"\r?\n", t) if l.endswith("}")]
    pop3_all = texts("Tests/POP3Tests/*.swift")
    pop3 = [with_line_end(t) for t in pop3_all if re.match(r"(\+OK|-ERR|\+ |\+\r)", t)]
    bodies = [t for t in pop3_all if "\n.\r\n" in t or "\n.\n" in t or t.startswith(".\r\n")]
    listings = [t for t in texts("Tests/POP3Tests/POP3ListingTests.swift") + texts("Tests/POP3Tests/POP3CapabilitiesTests.swift")
                if "\n" in t]
    http = [t for t in texts("Tests/HTTPTests/*.swift") if t.startswith("HTTP/")]
    chunked = [t for t in texts("Tests/HTTPTests/ChunkedDecoderTests.swift") if re.match(r"[0-9A-Fa-f]+[;\r\n \t]", t)]
    urls = [t for t in texts("Tests/CurlURLTests/*.swift") if "\n" not in t]
    base = "http://a/b/c/d;p?q"
    references = [base + "\n" + t for t in texts("Tests/CurlURLTests/ResolutionTests.swift") if "\n" not in t]
    states = [t for t in texts("Tests/MailStoreTests/*.swift") if t.startswith("mailtls-")]

    def stream(items, choices=None):
        prefixes = [b"\0"] if choices is None else [bytes([0, c]) for c in range(choices)]
        return [p + t.encode("utf-8") for t in items for p in prefixes]

    return {
        "smtp-reply": stream(smtp),
        "imap-response": stream(imap, choices=3),
        "imap-literal": [t.encode("utf-8") for t in imap_lines],
        "pop3-response": stream(pop3, choices=2),
        "pop3-body": stream(bodies),
        "pop3-listing": stream(listings, choices=3),
        "http-response": stream(http, choices=4),
        "http-chunked": stream(chunked),
        "curl-url": [t.encode("utf-8") for t in urls + references],
        "state-file": [t.encode("utf-8") for t in states],
    }


def main():
    if not os.path.isdir("Tests") or not os.path.isdir("fuzz"):
        sys.exit("run from the repository root")
    for target, items in seeds().items():
        directory = os.path.join("fuzz", "corpus", target)
        os.makedirs(directory, exist_ok=True)
        for data in set(items):
            with open(os.path.join(directory, hashlib.sha1(data).hexdigest()), "wb") as f:
                f.write(data)
        print(f"{target}: {len(set(items))} seeds")


if __name__ == "__main__":
    main()
