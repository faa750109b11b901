#!/usr/bin/env python3
"""Why the wide corpus's text tables stay unread, as stated in BENCHMARKS.md.

Reads a batch report of the wide corpus's texts and PDFs
(`budget-lint check --format json ../shared/corpus/wide > r.json`) and sorts every text table left
unread by the shape its figures take in the text, against the PDF's reading of the same table:

- two-sided: a summary table (收支总表, 财政拨款收支总表);
- unread in the PDF too (no reading to compare with);
- row by row, every cell: the figures of the text's span, in printed order, are the PDF table's
  cells row by row (zeros included) — split into one- or two-row tables, tables whose rows are
  mostly coded, and the others;
- row by row, empty cells left out: the same, but the PDF's rows do not all print every column;
- another order: the text prints them otherwise.

Run: `python3 scripts/text-shapes.py r.json` (the corpus beside the project, as the report's paths).
"""
import collections
import json
import re
import sys
from decimal import Decimal

AMOUNT = re.compile(r"(?<![\d\[])-?\d[\d,]*\.\d+|(?<![\d\[])-?\d{1,3}(?:,\d{3})+(?![\d.])")
TWO_SIDED = ("income_expenditure", "fiscal_income_expenditure")


def value(text):
    return Decimal(text.replace(",", "")).normalize()


def shape(text_table, pdf_table, text):
    columns = []
    for row in pdf_table["rows"]:
        for cell in row["cells"]:
            if cell["column"] not in columns:
                columns.append(cell["column"])
    grid = [{c["column"]: value(c["value"]) for c in r["cells"]} for r in pdf_table["rows"]]
    cells = [g[c] for g in grid for c in columns if c in g]
    span = text_table["span"]
    printed = [value(m) for m in AMOUNT.findall(text[span["start"] : span["end"]].decode("utf-8", "ignore"))]
    if printed != cells:
        return "another order"
    if not all(len(g) == len(columns) for g in grid):
        return "row by row, empty cells left out"
    rows = len(grid)
    coded = sum(1 for r in pdf_table["rows"] if r.get("code"))
    if rows <= 2:
        return "row by row, every cell: one or two rows"
    return "row by row, every cell: " + ("coded" if coded * 2 >= rows else "not coded")


def main():
    report = json.load(open(sys.argv[1]))
    docs = collections.defaultdict(dict)
    for doc in report["documents"]:
        # A document published as two PDFs is reported as "part1.pdf + part2.pdf".
        stem = re.sub(r"(_part\d)?\.(pdf|txt)$", "", doc["path"].split(" + ")[0])
        docs[stem]["pdf" if doc["path"].endswith(".pdf") else "txt"] = doc
    shapes = collections.Counter()
    for stem, pair in sorted(docs.items()):
        if "txt" not in pair or "pdf" not in pair:
            continue
        text = open(stem + ".txt", "rb").read()
        pdf = {(t["number"], t["kind"]): t for t in pair["pdf"]["report"]["tables"]}
        for t in pair["txt"]["report"]["tables"]:
            if t["status"] != "unread":
                continue
            other = pdf.get((t["number"], t["kind"]))
            if t["kind"] in TWO_SIDED:
                shapes["two-sided"] += 1
            elif other is None or other["status"] != "read":
                shapes["unread in the PDF too"] += 1
            else:
                shapes[shape(t, other, text)] += 1
    for name, n in sorted(shapes.items()):
        print(f"{n:4}  {name}")
    print(f"{sum(shapes.values()):4}  unread text tables")


main()
