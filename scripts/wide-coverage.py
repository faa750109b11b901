#!/usr/bin/env python3
"""Reading coverage of the wide corpus, as stated in BENCHMARKS.md.

Reads a batch report (`budget-lint check --format json ../shared/corpus/wide/*.txt > r.json`) and
counts, per document and in all, the recognised financial tables (绩效目标表 left out) by status:
read with named columns, read with counted columns, unread, empty; and the `error` findings.
"Tables that hold figures" = read + unread (an empty table holds none).
"""
import collections
import json
import sys

report = json.load(open(sys.argv[1]))
total = collections.Counter()
by_input = collections.defaultdict(collections.Counter)  # per file extension: pdf, txt
errors = 0
for doc in report["documents"]:
    c = collections.Counter()
    for t in doc["report"]["tables"]:
        if t["kind"].startswith("performance"):
            continue
        status = t["status"]
        if status == "read" and t.get("columns_counted"):
            status = "read (counted)"
        c[status] += 1
    e = sum(1 for d in doc["report"]["diagnostics"] if d["severity"] == "error")
    errors += e
    total.update(c)
    name = doc["path"].rsplit("/", 1)[-1][:44]
    print(f"{name:44} read {c['read']:3} counted {c['read (counted)']:3} unread {c['unread']:3} empty {c['empty']:3} errors {e}")
    by_input[doc["path"].rsplit(".", 1)[-1]].update(c + collections.Counter(errors=e))
held = total["read"] + total["read (counted)"] + total["unread"]
read = total["read"] + total["read (counted)"]
print(f"all: {read} of {held} tables holding figures read ({100 * read / max(held, 1):.0f} %), "
      f"{total['read (counted)']} of them with counted columns; {total['empty']} empty; {errors} errors")
for ext, c in sorted(by_input.items()):
    held = c["read"] + c["read (counted)"] + c["unread"]
    read = c["read"] + c["read (counted)"]
    print(f"  .{ext}: {read} of {held} read ({100 * read / max(held, 1):.1f} %), "
          f"{c['read (counted)']} by counted columns; {c['errors']} errors")
