#!/usr/bin/env bash
# Render every example and test fixture as PDF/A and PDF/UA and check each file with veraPDF.
#   bash scripts/conformance.sh            # all briefs, every variant
#   VERAPDF=/path/to/verapdf bash scripts/conformance.sh
# veraPDF comes from $VERAPDF, else ../shared/tools/verapdf/verapdf beside the repository (it
# installs a JDK on first use). Each brief is rendered in its own layout, and the fullest
# fixture in every layout. Exit 0: every file conforms; 1: some file does not (veraPDF prints
# each failed clause); 2: no veraPDF, or a render failed.
set -euo pipefail
cd "$(dirname "$0")/.."
VERAPDF="${VERAPDF:-../shared/tools/verapdf/verapdf}"
[ -x "$VERAPDF" ] || { echo "conformance: no veraPDF at $VERAPDF (set \$VERAPDF)" >&2; exit 2; }

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
briefs=(examples/*/brief.yaml examples/*/brief.md tests/fixtures/briefs/*.yaml
        tests/writers/fixtures/*.yaml tests/writers/pdf/fixtures/*/brief.yaml
        tests/writers/pdf/fixtures/*/brief.md)
existing=()
for brief in "${briefs[@]}"; do [ -f "$brief" ] && existing+=("$brief"); done

render() {  # render VARIANT TEMPLATE-OR-EMPTY BRIEF OUTPUT
  local args=(render "$3" -o "$4" -q --pdf-variant "$1")
  [ -n "$2" ] && args+=(--template "$2")
  .venv/bin/sitrep "${args[@]}" || { echo "conformance: render failed: $3 ($1 $2)" >&2; exit 2; }
}

declare -A flavour=([pdf/a-3b]=3b [pdf/a-2b]=2b [pdf/ua-1]=ua1)
status=0
for variant in pdf/a-3b pdf/a-2b pdf/ua-1; do
  tag=${flavour[$variant]}
  files=()
  for brief in "${existing[@]}"; do
    name=$(echo "${brief%.*}" | tr '/' '_')
    # PDF/A-2 may embed only PDF/A files: briefs with other attachments are refused there.
    if [ "$variant" = pdf/a-2b ] && grep -q '^attachments:' "$brief"; then continue; fi
    render "$variant" "" "$brief" "$out/$name.$tag.pdf"
    files+=("$out/$name.$tag.pdf")
  done
  for layout in intel-brief analysis article; do
    render "$variant" "$layout" tests/fixtures/briefs/full.yaml "$out/full-$layout.$tag.pdf"
    files+=("$out/full-$layout.$tag.pdf")
  done
  echo "conformance: veraPDF $tag on ${#files[@]} files"
  "$VERAPDF" "$tag" "${files[@]}" >"$out/$tag.log" || status=1
  grep -v '^PASS' "$out/$tag.log" || true
done
[ "$status" -eq 0 ] && echo "conformance: every file passes veraPDF"
exit "$status"
