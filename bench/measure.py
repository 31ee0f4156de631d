"""Runs one command and records its wall time, peak memory and exit code.

Usage: measure.py OUT.json -- COMMAND [ARG...]

Standard input, output and error are the command's own. OUT.json gets
{"exitCode", "wallSeconds", "maxRssBytes"}; the exit code is the command's.
Peak memory is the largest resident set of the command (or of any process it
waited for), from getrusage(RUSAGE_CHILDREN): this wrapper starts nothing else.
"""

import json
import resource
import subprocess
import sys
import time


def main():
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        sys.exit("usage: measure.py OUT.json -- COMMAND [ARG...]")
    out, command = sys.argv[1], sys.argv[3:]
    started = time.perf_counter()
    try:
        exit_code = subprocess.call(command)
    except OSError as error:
        sys.exit(f"measure: cannot run {command[0]}: {error}")
    wall = time.perf_counter() - started
    # ru_maxrss is in kilobytes on Linux.
    max_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"exitCode": exit_code, "wallSeconds": wall, "maxRssBytes": max_rss}, f)
        f.write("\n")
    sys.exit(exit_code if exit_code >= 0 else 128 - exit_code)


if __name__ == "__main__":
    main()
