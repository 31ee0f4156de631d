"""Computes the insurance months of every submitted application in DuckDB, as a yardstick.

Usage: months_duckdb.py DIR OUT [--summary FILE] [--mappings DIR]

DIR is a generated night (applications.jsonl, deliveries/, truth.jsonl, night.json).
The query does what the matcher does for the months table: the points subject's ID
number is normalised, looked up among the persons of 人社 and 医保, and the distinct
months each type was paid in a counted region are counted per band of the policy
window. The months paid are kept as a bit set over the window (the matcher keeps an
array of flags), the union of all periods, so a month counts once. It writes one CSV row per submitted application to OUT, prints how long the
query took (CSV and JSON reading included, writing OUT not), then compares its months
with the truth for every application whose truth says SI_MATCHED.

The policy (types, departments, regions, bands) and the header names of each feed
file are read from the matcher's own mappings, so the yardstick follows them.
"""

import argparse
import csv
import json
import re
import sys
import time
from pathlib import Path

import duckdb

# Forms of input this query deliberately does not treat as the matcher does. Printed
# with every run, and used to explain disagreements.
NOT_HANDLED = [
    "GB18030 files are read as latin-1 (DuckDB reads only UTF-8, UTF-16 and latin-1 "
    "without an extension); the columns used are ASCII, but a full-width digit or an "
    "ideographic space in a field of such a file is neither folded nor trimmed",
    "ID numbers are folded and 15-digit numbers upgraded, but check digits and birth "
    "dates are not verified (an invalid subject is never SI_MATCHED, so the months "
    "compared do not depend on it)",
    "names, account states, manifests and refused rows are not considered: they decide "
    "the outcome, not the months of a matched subject (a row the matcher refuses makes "
    "its person pending, never SI_MATCHED)",
]

SOURCES = ("hrss", "medical")
# What the matcher trims around a field: tab and the Unicode space separators (Zs).
PADDING = ("\t\u0020\u00a0\u1680" + "".join(chr(c) for c in range(0x2000, 0x200B))
           + "\u202f\u205f\u3000")
DATE_FOLDER = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def fail(message):
    print(f"months_duckdb: {message}", file=sys.stderr)
    sys.exit(1)


def sql_text(value):
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def month_ordinal(text):
    """'2020-04' -> months since year 0, the same ordinal the SQL uses."""
    year, month = text.split("-")
    return int(year) * 12 + int(month) - 1


def load_policy(mappings, as_of):
    """The newest policy not later than the as-of year, as the matcher picks it."""
    year = int(as_of[:4])
    candidates = sorted(
        int(p.stem) for p in (mappings / "policy").glob("*.json") if p.stem.isdigit()
    )
    usable = [y for y in candidates if y <= year]
    if not usable:
        fail(f"no policy in {mappings / 'policy'} for a year up to {year}")
    return json.loads((mappings / "policy" / f"{usable[-1]}.json").read_text("utf-8"))


def newest_delivery(deliveries, source, as_of):
    """The newest DATE folder of a source dated on or before as-of."""
    folder = deliveries / source
    dates = sorted(
        p.name for p in folder.iterdir() if p.is_dir() and DATE_FOLDER.match(p.name)
    ) if folder.is_dir() else []
    usable = [d for d in dates if d <= as_of]
    if not usable:
        fail(f"no delivery folder in {folder} dated on or before {as_of}")
    return folder / usable[-1]


def csv_source(path, encoding, columns):
    """A read_csv call for PATH whose columns are named after the fields they hold.

    The header is read here with the delivery's real encoding, and each field is found
    by its header names from the feed mapping, so the column order does not matter.
    DuckDB is then given the names, which replace the header row it skips.
    """
    python_encoding = "gb18030" if encoding.upper() == "GB18030" else "utf-8-sig"
    with open(path, encoding=python_encoding, newline="") as f:
        header = [name.strip() for name in next(csv.reader(f))]
    names = [f"unused{i}" for i in range(len(header))]
    for field, aliases in columns.items():
        positions = [i for i, name in enumerate(header) if name in aliases]
        if len(positions) != 1:
            fail(f"{path}: expected one column for {field} ({'/'.join(aliases)}), "
                 f"found {len(positions)} in header {header}")
        names[positions[0]] = field
    # GB18030: every column read is ASCII, and no byte of a multi-byte GB18030
    # character is a comma, quote, CR or LF, so latin-1 splits the rows exactly.
    duck_encoding = "latin-1" if encoding.upper() == "GB18030" else "utf-8"
    types = ", ".join(f"{sql_text(n)}: 'VARCHAR'" for n in names)
    return (
        f"read_csv({sql_text(str(path))}, header=true, auto_detect=false, delim=',', "
        f"quote='\"', escape='\"', encoding={sql_text(duck_encoding)}, "
        f"columns={{{types}}}, ignore_errors=true)"
    )


def fold_macros():
    """SQL macros that normalise ID numbers as the matcher does (see NOT_HANDLED)."""
    # Full-width forms U+FF01..U+FF5E fold to ASCII; ASCII and full-width lower-case
    # letters become upper-case in the same step.
    source = "".join(chr(c) for c in range(0xFF01, 0xFF5F)) + "abcdefghijklmnopqrstuvwxyz"
    target = "".join(chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)).translate(
        str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    ) + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    # Whitespace of every kind (controls, no-break, U+2000 block, ideographic, BOM)
    # and hyphen-like dashes, as the matcher removes them.
    removable = (
        r"[\x00-\x20\x7F-\xA0\x{1680}\x{180E}\x{2000}-\x{200D}\x{2028}\x{2029}"
        r"\x{202F}\x{205F}\x{2060}\x{3000}\x{FEFF}\x{2010}-\x{2015}\x{2212}"
        r"\x{FE58}\x{FE63}\-]"
    )
    # GB 11643 check character of 17 digits d: '10X98765432' at (sum of digit * weight) mod 11.
    # Written out term by term: a lambda per row is much slower.
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    weighted = " + ".join(f"(ord(d[{i + 1}]) - 48) * {w}" for i, w in enumerate(weights))
    return f"""
    CREATE MACRO fold_id(s) AS
        CASE WHEN regexp_full_match(s, '[0-9A-Z]+') THEN s  -- already folded: most rows
        ELSE regexp_replace(translate(s, {sql_text(source)}, {sql_text(target)}),
                            {sql_text(removable)}, '', 'g') END;
    CREATE MACRO check_char(d) AS '10X98765432'[({weighted}) % 11 + 1];
    -- A legacy 15-digit number: '19' before the birth year, check character appended.
    CREATE MACRO resident_key(k) AS
        CASE WHEN length(k) = 15 AND regexp_full_match(k, '[0-9]{{15}}')
             THEN k[1:6] || '19' || k[7:15] || check_char(k[1:6] || '19' || k[7:15])
             ELSE k END;
    -- A field without the padding PAD around it; most fields have none, which the
    -- first test settles faster than trim().
    CREATE MACRO unpad(s, pad) AS
        CASE WHEN ord(s[1]) BETWEEN 33 AND 126 AND ord(s[-1]) BETWEEN 33 AND 126 THEN s
             ELSE trim(s, pad) END;
    -- A YYYYMM number to a month ordinal; NULL when it is not a real month.
    CREATE MACRO month_ordinal(v) AS
        CASE WHEN v BETWEEN 100001 AND 999912 AND v % 100 BETWEEN 1 AND 12
             THEN v // 100 * 12 + v % 100 - 1 END;
    """


def build_query(night_dir, mappings, as_of, policy):
    deliveries = night_dir / "deliveries"
    insurance = policy["insurance"]
    regions = ", ".join(sql_text(r) for r in insurance["countedRegions"])
    bands = [(b["key"], month_ordinal(b["from"]), month_ordinal(b["to"]))
             for b in insurance["bands"]]
    window_start = min(b[1] for b in bands)
    window_end = max(b[2] for b in bands)

    department_parts = []
    for source in SOURCES:
        folder = newest_delivery(deliveries, source, as_of)
        manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
        encoding = manifest.get("encoding", "UTF-8")
        feed = json.loads((mappings / "feeds" / f"{source}.json").read_text("utf-8"))
        persons = csv_source(folder / "persons.csv", encoding, {
            k: feed["files"]["persons.csv"][k] for k in ("personalNumber", "idNumber")})
        contributions = csv_source(folder / "contributions.csv", encoding, {
            k: feed["files"]["contributions.csv"][k]
            for k in ("personalNumber", "insuranceType", "firstMonth", "lastMonth", "region")})
        codes = ", ".join(sql_text(t["code"]) for t in insurance["types"]
                          if t["department"] == source)
        snapshot = month_ordinal(folder.name[:7])
        # The matcher trims tabs and Unicode space separators around every field. In a
        # GB18030 file read as latin-1 only the ASCII ones can be named (see NOT_HANDLED).
        pad = sql_text(" \t" if encoding.upper() == "GB18030" else PADDING)
        # Every period of a subject's personal numbers, clipped to the window; an empty
        # end means "still paying", up to the snapshot's month, and an unreadable month
        # gives NULL and no months. Whether the period counts (region, type) is a column,
        # not a WHERE: a filter would be pushed below the join and evaluated on every row
        # of the file, while only the subjects' rows matter. A person listed twice
        # repeats periods, which the union of months absorbs.
        department_parts.append(f"""
        SELECT a.line, unpad(c.insuranceType, {pad}) AS type,
               unpad(c.region, {pad}) IN ({regions})
                   AND unpad(c.insuranceType, {pad}) IN ({codes}) AS counted,
               greatest(month_ordinal(TRY_CAST(unpad(c.firstMonth, {pad}) AS INTEGER)),
                        {window_start}) AS first,
               least(CASE WHEN coalesce(unpad(c.lastMonth, {pad}), '') = '' THEN {snapshot}
                          ELSE month_ordinal(TRY_CAST(unpad(c.lastMonth, {pad}) AS INTEGER))
                     END, {window_end}) AS last
        FROM subjects a
        JOIN (SELECT unpad(personalNumber, {pad}) AS pn,
                     resident_key(fold_id(idNumber)) AS key
              FROM {persons}) p ON p.key = a.key
        JOIN {contributions} c ON unpad(c.personalNumber, {pad}) = p.pn""")

    applications = sql_text(str(night_dir / "applications.jsonl"))
    if window_end - window_start + 1 > 126:
        fail("the policy window is longer than the 126 months a HUGEINT bit set holds")
    # Distinct months of a band: the bits of the band's months that are set.
    band_counts = ",\n               ".join(
        f"bit_count(months & ((1::HUGEINT << {hi - window_start + 1}) "
        f"- (1::HUGEINT << {lo - window_start}))) AS {key}"
        for key, lo, hi in bands)
    columns = []
    for t in insurance["types"]:
        for key, _, _ in bands:
            columns.append(
                f"coalesce(max(m.{key}) FILTER (WHERE m.type = {sql_text(t['code'])}), 0)"
                f" AS {t['key']}_{key}")
    columns_sql = ",\n           ".join(columns)
    return f"""
    CREATE TABLE months AS
    WITH lines AS (
        -- A line that is not valid JSON reads as all NULL (ignore_errors), so the row
        -- number is the line number.
        SELECT row_number() OVER () AS line, *
        FROM read_json({applications}, format='newline_delimited', ignore_errors=true,
                       columns={{'applicationId': 'VARCHAR', 'status': 'VARCHAR',
                                 'pointsSubject': 'STRUCT(idType VARCHAR, idNumber VARCHAR)'}})
    ),
    first_lines AS (
        -- A repeated applicationId is refused by the matcher: the first line counts.
        SELECT * FROM lines WHERE applicationId IS NOT NULL
        QUALIFY row_number() OVER (PARTITION BY applicationId ORDER BY line) = 1
    ),
    subjects AS MATERIALIZED (
        SELECT line, applicationId,
               CASE pointsSubject.idType
                   WHEN 'resident' THEN resident_key(fold_id(pointsSubject.idNumber))
                   -- Hong Kong, Macao and Taiwan numbers lose their parentheses too.
                   WHEN 'hmt' THEN regexp_replace(fold_id(pointsSubject.idNumber), '[()]', '', 'g')
                   ELSE fold_id(pointsSubject.idNumber) END AS key
        FROM first_lines WHERE status = 'submitted'
    ),
    periods AS ({" UNION ALL ".join(department_parts)}
    ),
    paid AS (
        -- The set of distinct months paid per application and type, as a bit set over
        -- the window (bit i = window month i): the union of its periods.
        SELECT line, type,
               bit_or(CASE WHEN counted AND first <= last
                           THEN (1::HUGEINT << (last - {window_start} + 1))
                                - (1::HUGEINT << (first - {window_start}))
                           ELSE 0 END) AS months
        FROM periods GROUP BY line, type
    ),
    m AS (
        SELECT line, type,
               {band_counts}
        FROM paid
    )
    SELECT a.applicationId, a.line,
           {columns_sql}
    FROM subjects a LEFT JOIN m ON m.line = a.line
    GROUP BY a.applicationId, a.line
    """


def compare_with_truth(con, night_dir, policy):
    """Agreement of the DuckDB months with the truth for SI_MATCHED applications."""
    truth = sql_text(str(night_dir / "truth.jsonl"))
    checks = []
    for t in policy["insurance"]["types"]:
        for b in policy["insurance"]["bands"]:
            path = f"$.months.{t['key']}.{b['key']}"
            checks.append(
                f"(json_extract(t.si, {sql_text(path)})::INT = d.{t['key']}_{b['key']})")
    agree = " AND ".join(checks)
    con.execute(f"""
        CREATE TABLE compared AS
        SELECT t.applicationId, d.applicationId IS NOT NULL AS found,
               coalesce({agree}, false) AS agree
        FROM (SELECT applicationId, socialInsurance AS si
              FROM read_json({truth}, format='newline_delimited',
                             columns={{'applicationId': 'VARCHAR', 'expectResult': 'BOOLEAN',
                                       'socialInsurance': 'JSON'}})
              WHERE expectResult
                AND json_extract_string(socialInsurance, '$.outcome') = 'SI_MATCHED'
             ) t
        LEFT JOIN months d USING (applicationId)
    """)
    total, agreeing = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE agree) FROM compared").fetchone()
    disagreeing = con.execute("""
        SELECT applicationId, found FROM compared WHERE NOT agree
        ORDER BY applicationId LIMIT 10""").fetchall()
    return total, agreeing, disagreeing


def explain(night_dir, ids):
    """Why some applications disagree: the shape of what the subject's ID number was typed as."""
    wanted = set(ids)
    reasons = {}
    with open(night_dir / "applications.jsonl", encoding="utf-8-sig") as f:
        for line in f:
            if not wanted:
                break
            try:
                app = json.loads(line)
                aid = app["applicationId"]
            except (ValueError, KeyError, TypeError):
                continue
            if aid in wanted:
                wanted.discard(aid)
                subject = app.get("pointsSubject") or {}
                raw = str(subject.get("idNumber", ""))
                shape = []
                if any(ord(ch) > 0x7F for ch in raw):
                    shape.append("non-ASCII characters")
                if re.search(r"\s|-", raw):
                    shape.append("spaces or hyphens")
                if len(re.sub(r"\W", "", raw)) == 15:
                    shape.append("15 characters")
                reasons[aid] = f"idType {subject.get('idType')}, " + (
                    ", ".join(shape) or "plain form")
    return reasons


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--summary", type=Path, help="also write the figures as JSON here")
    parser.add_argument("--mappings", type=Path,
                        default=Path(__file__).resolve().parent.parent / "mappings")
    args = parser.parse_args()
    night_dir = args.dir.resolve()
    try:
        night = json.loads((night_dir / "night.json").read_text("utf-8"))
        as_of = night["asOf"]
    except (OSError, ValueError, KeyError) as error:
        fail(f"cannot read asOf from {night_dir / 'night.json'}: {error}")
    policy = load_policy(args.mappings, as_of)

    print(f"DuckDB {duckdb.__version__}: insurance months of {night_dir}")
    print("  not handled as the matcher does:")
    for item in NOT_HANDLED:
        print(f"    - {item}")

    con = duckdb.connect()
    con.execute("SET threads = 2")
    con.execute(fold_macros())
    query = build_query(night_dir, args.mappings, as_of, policy)
    started = time.perf_counter()
    con.execute(query)
    seconds = time.perf_counter() - started
    rows = con.execute("SELECT count(*) FROM months").fetchone()[0]
    print(f"  query: {seconds:.3f} s on 2 threads, {rows} submitted applications")

    con.execute(f"COPY (SELECT * EXCLUDE (line) FROM months ORDER BY line) "
                f"TO {sql_text(str(args.out))} (HEADER, DELIMITER ',')")

    total, agreeing, disagreeing = compare_with_truth(con, night_dir, policy)
    print(f"  months agree with the truth for {agreeing} of {total} SI_MATCHED applications")
    if disagreeing:
        reasons = explain(night_dir, [aid for aid, _ in disagreeing])
        print(f"  {total - agreeing} disagree; the first {len(disagreeing)}:")
        for aid, found in disagreeing:
            where = "months differ" if found else "no DuckDB row"
            print(f"    {aid}: {where}; subject ID typed with {reasons.get(aid, '?')}")

    if args.summary:
        args.summary.write_text(json.dumps({
            "duckdbVersion": duckdb.__version__, "seconds": seconds, "applications": rows,
            "siMatchedCompared": total, "siMatchedAgree": agreeing,
            "notHandled": NOT_HANDLED}, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()
