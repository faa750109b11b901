#!/usr/bin/env bash
# Seeds the fuzz corpora (fuzz/corpus/<target>/, not committed) from ../shared/corpus: the texts for
# check_bytes, the PDFs for pdf, a few short byte strings for check_structured (its inputs pick
# lines of the reference documents), and for office any .xlsx/.docx/.zip under ../shared/corpus
# or fuzz/seeds/office/. Run from anywhere; skips what is there.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
shared="$here/../../shared/corpus"
mkdir -p "$here/corpus/check_bytes" "$here/corpus/check_structured" "$here/corpus/pdf" "$here/corpus/office"
find "$shared" -name '*.txt' -exec cp -n {} "$here/corpus/check_bytes/" \;
find "$shared" -name '*.pdf' -exec cp -n {} "$here/corpus/pdf/" \;
find "$shared" "$here/seeds/office" \( -name '*.xlsx' -o -name '*.xls' -o -name '*.docx' -o -name '*.zip' \) \
  -exec cp -n {} "$here/corpus/office/" \; 2>/dev/null || true
for i in 0 1 2 3 4 5 6 7; do
  head -c $((64 * (i + 1))) /dev/urandom > "$here/corpus/check_structured/seed$i"
done
echo "seeded: $(ls "$here/corpus/check_bytes" | wc -l) texts, $(ls "$here/corpus/pdf" | wc -l) PDFs, $(ls "$here/corpus/office" | wc -l) office files"
