"""Prints the benchmark's final report from the figures the other steps wrote.

Usage: report.py --scale S --seed N --data DIR --check FILE --check-status N
                 --generation SECONDS --commit ID --command TEXT --load LOADAVG
                 (--measure FILE --report FILE [--duckdb FILE])... [--json OUT]

--measure is measure.py's output for a sync, --report the sync's JSON report,
--check check_results.py's summary of the first sync, --duckdb months_duckdb.py's
summary of the query run after that sync (absent when DuckDB was skipped). Each is
given once per repeated run, in order. --generation is negative when the data was
reused. The figures are those of the run whose sync time is the median, the times
of every run are listed, and DuckDB is set against the sync by their medians.
"""

import argparse
import json
import os
import statistics
from pathlib import Path


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def machine():
    model = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory_kib = 0
    with open("/proc/meminfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                memory_kib = int(line.split()[1])
    return {"cores": len(os.sched_getaffinity(0)), "cpu": model,
            "memoryGiB": round(memory_kib / 1024 / 1024, 1)}


def data_files(data_dir, report):
    """Bytes and rows of the application export and of every delivery file the sync read."""
    files = []
    applications = Path(data_dir) / "applications.jsonl"
    files.append({"file": "applications.jsonl", "bytes": applications.stat().st_size,
                  "rows": report["applications"]["linesRead"]})
    for delivery in report.get("deliveries", []):
        folder = Path(delivery["path"])
        for name, rows in sorted(delivery["rows"].items()):
            files.append({"file": f"{delivery['source']}/{folder.name}/{name}",
                          "bytes": (folder / name).stat().st_size, "rows": rows})
    return files


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    for name in ("scale", "seed", "data", "check", "check-status", "generation", "commit",
                 "command", "load"):
        parser.add_argument(f"--{name}", required=True)
    for name in ("measure", "report", "duckdb"):
        parser.add_argument(f"--{name}", action="append", default=[])
    parser.add_argument("--json")
    args = parser.parse_args()
    if not args.measure or len(args.measure) != len(args.report):
        parser.error("give one --report for every --measure, and at least one")
    if args.duckdb and len(args.duckdb) != len(args.measure):
        parser.error("give one --duckdb for every --measure, or none")

    measures = [load(path) for path in args.measure]
    reports = [load(path) for path in args.report]
    ducks = [load(path) for path in args.duckdb]
    walls = [m["wallSeconds"] for m in measures]
    # The run whose sync time is the median (the lower middle one of an even count).
    middle = sorted(range(len(walls)), key=lambda i: walls[i])[(len(walls) - 1) // 2]
    measure, report, check = measures[middle], reports[middle], load(args.check)
    files = data_files(args.data, report)
    delivery_files = files[1:]
    delivery_rows = sum(f["rows"] for f in delivery_files)
    wall = walls[middle]
    check_ok = args.check_status == "0"
    figures = {
        "scale": args.scale, "seed": int(args.seed), "data": args.data,
        "generationSeconds": None if float(args.generation) < 0 else float(args.generation),
        "files": files,
        "deliveryBytes": sum(f["bytes"] for f in delivery_files),
        "deliveryRows": delivery_rows,
        "runs": len(walls),
        "sync": {
            "exitCode": measure["exitCode"], "status": report.get("status"),
            "wallSeconds": wall, "wallSecondsOfEachRun": walls,
            "reportedSeconds": report.get("durationSeconds"),
            "deliveryRowsPerSecond": delivery_rows / wall if wall > 0 else None,
            "peakMemoryMB": max(m["maxRssBytes"] for m in measures) / 1e6,
            "phases": [{"name": p["name"], "seconds": p["seconds"],
                        "cpuSeconds": p.get("cpuSeconds")}
                       for p in report.get("phases", [])],
            "applicationsMatched": report.get("results", {}).get("matched"),
            "refusedLines": len(report.get("refusedLines", [])),
            "refusedRows": len(report.get("refusedRows", [])),
            "refusedDeliveries": len(report.get("refusedDeliveries", [])),
            "pendingSources": report.get("pendingSources", []),
        },
        "check": {"passed": check_ok, "agree": check["agree"], "checked": check["checked"],
                  "differences": check["differences"]},
        "duckdb": None,
        "machine": machine(), "loadBeforeSync": args.load,
        "commit": args.commit, "command": args.command,
    }
    duck = ducks[0] if ducks else None
    if ducks:
        seconds = [d["seconds"] for d in ducks]
        median = statistics.median(seconds)
        sync_median = statistics.median(walls)
        figures["duckdb"] = {
            "version": duck["duckdbVersion"], "seconds": median,
            "secondsOfEachRun": seconds,
            "ratioToSync": median / sync_median if sync_median > 0 else None,
            "syncFasterInRuns": sum(1 for w, d in zip(walls, seconds) if w < d),
            "siMatchedAgree": duck["siMatchedAgree"],
            "siMatchedCompared": duck["siMatchedCompared"],
        }

    sync = figures["sync"]
    print()
    print(f"== benchmark: {args.scale}, seed {args.seed}")
    print(f"command      {args.command}")
    print(f"commit       {args.commit}")
    m = figures["machine"]
    print(f"machine      {m['cores']} cores (nproc), {m['cpu']}, {m['memoryGiB']} GiB memory; "
          f"load average before the sync {args.load}")
    generated = ("reused, not generated" if figures["generationSeconds"] is None
                 else f"generated in {figures['generationSeconds']:.1f} s, not measured")
    print(f"data         {args.data} ({generated})")
    for f in files:
        print(f"  {f['file']:<36} {f['bytes']:>15,} bytes {f['rows']:>12,} rows")
    print(f"  {'deliveries in all':<36} {figures['deliveryBytes']:>15,} bytes "
          f"{delivery_rows:>12,} rows")
    print(f"sync         exit {sync['exitCode']} ({sync['status']}), "
          f"{sync['applicationsMatched']:,} applications matched, "
          f"{sync['refusedLines']} lines and {sync['refusedRows']} rows refused")
    if sync["refusedDeliveries"] or sync["pendingSources"]:
        print(f"  {sync['refusedDeliveries']} deliveries refused; pending sources: "
              f"{', '.join(map(str, sync['pendingSources'])) or 'none'}")
    print(f"  wall time                {wall:.3f} s "
          f"(the report's own duration: {sync['reportedSeconds']:.3f} s)")
    if len(walls) > 1:
        print(f"    median of {len(walls)} runs   "
              + ", ".join(f"{w:.3f}" for w in walls) + " s; the figures below are the "
              "median run's")
    rate = sync["deliveryRowsPerSecond"]
    print(f"  delivery rows per second {rate:,.0f} ({delivery_rows:,} rows / wall time)")
    reading = next((p["seconds"] for p in sync["phases"] if p["name"] == "read deliveries"), 0)
    if reading > 0:
        print(f"    while reading them     {delivery_rows / reading:,.0f} "
              f"({delivery_rows:,} rows / the read deliveries phase)")
    print(f"  peak memory              {sync['peakMemoryMB']:.1f} MB (max RSS, 10^6 bytes)")
    for phase in sync["phases"]:
        cpu = phase.get("cpuSeconds")
        busy = f" (processor {cpu:.3f} s)" if cpu is not None else ""
        print(f"  phase {phase['name']:<18} {phase['seconds']:.3f} s{busy}")
    verdict = "PASSED" if check_ok else "FAILED"
    print(f"check        {verdict}: {check['agree']:,} agree / {check['checked']:,} checked, "
          f"{check['differences']} differences")
    if duck:
        d = figures["duckdb"]
        ratio = d["ratioToSync"]
        if ratio is None:
            faster = "no sync time to compare"
        elif 0.95 <= ratio <= 1.05:
            faster = "about as fast as each other"
        elif ratio < 1:
            faster = f"DuckDB is faster, {1 / ratio:.1f}x"
        else:
            faster = f"the sync is faster, {ratio:.1f}x"
        runs = len(d["secondsOfEachRun"])
        each = (f" (median of {runs}: " + ", ".join(f"{x:.3f}" for x in d["secondsOfEachRun"])
                + " s)") if runs > 1 else ""
        print(f"duckdb       {d['version']}, months only, 2 threads: {d['seconds']:.3f} s{each}")
        print(f"  DuckDB time / sync time  {ratio:.3f}: {faster} (medians; DuckDB computes the "
              f"insurance months only, the sync does the whole run)")
        if runs > 1:
            print(f"  sync faster              in {d['syncFasterInRuns']} of {runs} runs, each "
                  "against the query run right after it")
        print(f"  months agree             {d['siMatchedAgree']:,} of "
              f"{d['siMatchedCompared']:,} SI_MATCHED applications")
    else:
        print("duckdb       skipped (--no-duckdb)")

    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(figures, f, indent=2, ensure_ascii=False)
            f.write("\n")


if __name__ == "__main__":
    main()
