#!/usr/bin/env bash
# The size rules of the code: no file in src over 600 lines and no function
# over 150 (the text tables in src/text/keys.rs exempt). Prints what breaks
# them, the largest files and functions, and exits 1 when a rule is broken.
set -euo pipefail
cd "$(dirname "$0")/.."

MAX_FILE=600
MAX_FN=150
EXEMPT='src/text/keys.rs'

broken=0
# Lists are cut with here-strings, not pipes into `head`: under pipefail a
# writer killed by `head` closing early would fail the script.
echo "largest files:"
files=$(find src -name '*.rs' -print0 | xargs -0 wc -l | grep -v ' total$' | sort -rn)
head -5 <<< "$files"
while read -r lines file; do
    [ "$file" = "$EXEMPT" ] && continue
    if [ "$lines" -gt "$MAX_FILE" ]; then
        echo "file over $MAX_FILE lines: $file ($lines)"
        broken=1
    fi
done < <(find src -name '*.rs' -print0 | xargs -0 wc -l | grep -v ' total$')

# A function runs from its `fn` line to the first line after it that closes
# at the same indentation (rustfmt's layout).
functions=$(find src -name '*.rs' ! -path "$EXEMPT" -print0 | xargs -0 awk '
    FNR == 1 { open = 0 }
    !open && match($0, /^( *)(pub(\([a-z:]+\))? )?(const )?(async )?(unsafe )?fn [A-Za-z0-9_]+/) {
        indent = RLENGTH; sub(/[^ ].*$/, "", indent)
        pad = $0; sub(/[^ ].*$/, "", pad)
        name = $0; sub(/^ *(pub(\([a-z:]+\))? )?(const )?(async )?(unsafe )?fn /, "", name); sub(/[^A-Za-z0-9_].*$/, "", name)
        # A declaration without a body (in a trait) ends on its own line.
        if ($0 ~ /;$/) next
        start = FNR; open = 1; next
    }
    open && $0 == pad "}" {
        printf "%d %s:%d %s\n", FNR - start + 1, FILENAME, start, name
        open = 0
    }
' | sort -rn)
echo "largest functions:"
head -5 <<< "$functions"
while read -r lines where name; do
    [ -z "${lines:-}" ] && continue
    if [ "$lines" -gt "$MAX_FN" ]; then
        echo "function over $MAX_FN lines: $name at $where ($lines)"
        broken=1
    fi
done <<< "$functions"

if [ "$broken" -eq 0 ]; then
    echo "size rules hold: files at most $MAX_FILE lines, functions at most $MAX_FN"
fi
exit "$broken"
