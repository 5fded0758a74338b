#!/usr/bin/env bash
# Rebuilds fuzz/seeds/<target>/ from the repository's fixtures: every
# Markdown, YAML and HTML file under tests/fixtures/ and examples/site/
# smaller than 16 KiB (deduplicated by content) is run through each built
# target once (libFuzzer's merge, which records the coverage features of
# each file), and the at most 60 files that together cover the most
# features are kept, picked greedily. Seeds are copies named by the SHA-1
# of their content, as libFuzzer names corpus files.
#
# Usage (from the repository root, nightly toolchain, cargo-fuzz):
#   bash fuzz/make-seeds.sh [target...]
set -euo pipefail
cd "$(dirname "$0")"
root=..
limit=60
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(split yaml_model check_document render_document edit_roundtrip)
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/pool"
find "$root/examples/site" "$root/tests/fixtures" -type f \
  \( -name '*.md' -o -name '*.markdown' -o -name '*.yml' -o -name '*.yaml' -o -name '*.html' \) \
  -size -16k -print0 |
  while IFS= read -r -d '' f; do
    cp "$f" "$work/pool/$(sha1sum "$f" | cut -c1-40)"
  done
echo "pool: $(find "$work/pool" -type f | wc -l) distinct files"
for t in "${targets[@]}"; do
  CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-1} cargo +nightly fuzz build "$t"
  bin=target/x86_64-unknown-linux-gnu/release/$t
  rm -rf "$work/empty" && mkdir "$work/empty"
  RAYON_NUM_THREADS=1 "$bin" -merge=1 -merge_control_file="$work/$t.ctl" \
    "$work/empty" "$work/pool" >/dev/null 2>&1
  rm -rf "seeds/$t"
  python3 - "$work/$t.ctl" "seeds/$t" "$limit" <<'PY'
import os, shutil, sys
ctl, out, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = open(ctl).read().splitlines()
n = int(lines[0])
files = lines[2:2 + n]
feats = {}
for line in lines[2 + n:]:
    parts = line.split()
    if parts and parts[0] == "FT":
        feats[int(parts[1])] = set(parts[2:])
every = set().union(*feats.values())
covered, chosen = set(), []
while len(chosen) < limit:
    best = max(feats, key=lambda i: (len(feats[i] - covered), -os.path.getsize(files[i])))
    if not feats[best] - covered:
        break
    chosen.append(best)
    covered |= feats[best]
os.makedirs(out, exist_ok=True)
for i in chosen:
    shutil.copy(files[i], os.path.join(out, os.path.basename(files[i])))
size = sum(os.path.getsize(files[i]) for i in chosen)
print(f"{out}: {len(chosen)} files, {size} bytes, "
      f"{len(covered)} of {len(every)} features of the pool")
PY
done
