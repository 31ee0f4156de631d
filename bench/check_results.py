"""Checks a sync's result export and report against a generated night's truth.

Usage: check_results.py TRUTH RESULTS REPORT [--summary FILE]

- every application whose truth says expectResult=true has exactly one result line, and
  every field of its truth (besides applicationId, expectResult and case) agrees: numbers
  that are floats on either side within 0.005, everything else exactly;
- an application whose truth says expectResult=false (withdrawn, deleted) has none;
- every broken line of the truth ({"line": N, ...}) is among the report's refusedLines,
  and the report refuses no other line;
- no result line names an id absent from the truth.

Both files are written in application order, so they are walked side by side: a truth
line is kept in memory only while its result has not come yet, which stays a handful of
lines when the orders agree and degrades to a dictionary of raw lines when they do not.
Exits 1 on any difference, after printing the first 20.
"""

import argparse
import json
import sys
from collections import Counter

IGNORED_TRUTH_FIELDS = ("applicationId", "expectResult", "case")
# How many truth lines to read ahead for one result before setting the result aside.
LOOKAHEAD = 10_000
SHOWN_DIFFERENCES = 20


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def agrees(expected, got):
    """Whether GOT agrees with EXPECTED: the quick test, run on every result."""
    if type(expected) is dict:
        return type(got) is dict and all(
            key in got and agrees(value, got[key]) for key, value in expected.items())
    if expected == got and type(expected) is type(got):
        return True
    if (type(expected) is float or type(got) is float) and is_number(expected) \
            and is_number(got):
        return abs(expected - got) < 0.005
    return False


def differences(expected, got, path):
    """Every way GOT differs from EXPECTED, as 'path: expected X, got Y'."""
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return [f"{path}: expected an object, got {got!r}"]
        found = []
        for key, value in expected.items():
            where = f"{path}.{key}" if path else key
            if key not in got:
                found.append(f"{where}: expected {value!r}, absent")
            else:
                found += differences(value, got[key], where)
        return found
    return [] if agrees(expected, got) else [f"{path}: expected {expected!r}, got {got!r}"]


class Checker:
    def __init__(self, truth_path):
        self.truth_path = truth_path
        self.truth_file = open(truth_path, "rb")
        self.truth_line_number = 0
        self.waiting = {}       # id -> raw truth line, expectResult=true, no result seen yet
        self.no_result = {}     # id -> status, expectResult=false
        self.broken_lines = set()
        self.set_aside = {}     # id -> raw result line whose truth was not found ahead
        self.checked = 0
        self.agreeing = 0
        self.outcomes = Counter()
        self.problem_count = 0
        self.shown = []         # the first differences: (id or line, text)

    def problem(self, key, text):
        self.problem_count += 1
        if len(self.shown) < SHOWN_DIFFERENCES:
            self.shown.append((key, text))

    def next_truth(self):
        """Reads one truth line; returns (id, truth) if it expects a result, ('', None) if
        not, None at the end. The raw line waits for its result in self.waiting."""
        raw = self.truth_file.readline()
        if not raw:
            return None
        self.truth_line_number += 1
        if not raw.strip():
            return "", None
        try:
            truth = json.loads(raw)
        except ValueError as error:
            sys.exit(f"check_results: {self.truth_path}:{self.truth_line_number}: "
                     f"not valid JSON: {error}")
        if "applicationId" not in truth:
            if "line" not in truth:
                sys.exit(f"check_results: {self.truth_path}:{self.truth_line_number}: "
                         "neither an applicationId nor a broken line")
            self.broken_lines.add(truth["line"])
            return "", None
        aid = truth["applicationId"]
        if not truth.get("expectResult"):
            self.no_result[aid] = truth.get("status", "no result expected")
            return "", None
        self.checked += 1
        self.waiting[aid] = raw
        return aid, truth

    def ids_in_truth(self, wanted):
        """Which of WANTED the truth names: one more pass, only for the few set aside."""
        found = set()
        with open(self.truth_path, "rb") as f:
            for raw in f:
                if raw.strip():
                    aid = json.loads(raw).get("applicationId")
                    if aid in wanted:
                        found.add(aid)
        return found

    def compare(self, aid, truth, result):
        """Compares one result with its truth (parsed, or the raw line)."""
        if isinstance(truth, bytes):
            truth = json.loads(truth)
        expected = {k: v for k, v in truth.items() if k not in IGNORED_TRUTH_FIELDS}
        if agrees(expected, result):
            self.agreeing += 1
        else:
            self.problem(aid, "; ".join(differences(expected, result, "")))

    def take_result(self, raw_result, line_number, results_path):
        try:
            result = json.loads(raw_result)
            aid = result["applicationId"]
        except (ValueError, KeyError, TypeError) as error:
            self.problem(f"{results_path}:{line_number}", f"unreadable result line: {error}")
            return
        si = (result.get("socialInsurance") or {}).get("outcome")
        pr = (result.get("property") or {}).get("outcome")
        self.outcomes[si] += 1
        self.outcomes[pr] += 1
        if aid not in self.waiting and aid not in self.no_result:
            for _ in range(LOOKAHEAD):
                read = self.next_truth()
                if read is None or aid in self.no_result:
                    break
                if read[0] == aid:
                    # The usual case when both files are in application order.
                    del self.waiting[aid]
                    self.compare(aid, read[1], result)
                    return
        if aid in self.waiting:
            self.compare(aid, self.waiting.pop(aid), result)
        elif aid in self.no_result:
            self.problem(aid, f"a result, but none expected ({self.no_result[aid]})")
        elif aid in self.set_aside:
            self.problem(aid, "more than one result line")
        else:
            self.set_aside[aid] = raw_result

    def finish(self, refused_lines):
        while self.next_truth() is not None:
            pass
        for aid, raw_truth in self.waiting.items():
            if aid in self.set_aside:
                self.compare(aid, raw_truth, json.loads(self.set_aside.pop(aid)))
            else:
                self.problem(aid, "no result line")
        known = self.ids_in_truth(set(self.set_aside)) if self.set_aside else set()
        for aid in self.set_aside:
            if aid in self.no_result:
                self.problem(aid, f"a result, but none expected ({self.no_result[aid]})")
            elif aid in known:
                self.problem(aid, "more than one result line")
            else:
                self.problem(aid, "a result for an id absent from the truth")
        for line in sorted(self.broken_lines - refused_lines):
            self.problem(f"line {line}", "broken line not among the report's refusedLines")
        for line in sorted(refused_lines - self.broken_lines):
            self.problem(f"line {line}", "refused by the sync, but not broken in the truth")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("truth")
    parser.add_argument("results")
    parser.add_argument("report")
    parser.add_argument("--summary", help="also write the figures as JSON here")
    args = parser.parse_args()

    try:
        with open(args.report, encoding="utf-8") as f:
            report = json.load(f)
        refused_lines = {entry["line"] for entry in report.get("refusedLines", [])}
    except (OSError, ValueError, KeyError, TypeError) as error:
        sys.exit(f"check_results: cannot read refusedLines from {args.report}: {error}")

    checker = Checker(args.truth)
    with open(args.results, "rb") as results:
        for number, raw in enumerate(results, 1):
            if raw.strip():
                checker.take_result(raw, number, args.results)
    checker.finish(refused_lines)

    print(f"{checker.agreeing} agree / {checker.checked} checked; "
          f"{len(checker.no_result)} without a result expected, "
          f"{len(checker.broken_lines)} broken lines expected refused, "
          f"{len(refused_lines)} refused by the sync")
    for outcome, count in sorted(checker.outcomes.items(), key=lambda item: str(item[0])):
        print(f"  {outcome or '(no outcome)':<30} {count}")
    if checker.problem_count:
        print(f"{checker.problem_count} differences; the first {len(checker.shown)}:")
        for key, text in checker.shown:
            print(f"  {key}: {text}")
    if args.summary:
        with open(args.summary, "w", encoding="utf-8") as f:
            json.dump({"checked": checker.checked, "agree": checker.agreeing,
                       "differences": checker.problem_count,
                       "noResultExpected": len(checker.no_result),
                       "brokenLines": len(checker.broken_lines),
                       "outcomes": dict(checker.outcomes)}, f, indent=2)
            f.write("\n")
    sys.exit(1 if checker.problem_count else 0)


if __name__ == "__main__":
    main()
