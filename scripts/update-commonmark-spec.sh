#!/usr/bin/env bash
# Extracts the CommonMark spec examples from the `commonmark-spec` npm
# package into crates/masthead-html/tests/spec/commonmark.json, the input of
# the spec test (`cargo test -p masthead-html --test commonmark_spec`).
#
# The JSON is committed so that `cargo test` needs no network; run this
# script only to move to another spec version (pinned below). The package is
# installed into target/node-tools/commonmark-spec (never globally) and its
# own `tests` export does the extraction, so the examples are exactly the
# ones the spec's authors publish. `→` in the examples stands for a tab, as
# the spec says; it is replaced here.
set -euo pipefail
cd "$(dirname "$0")/.."

COMMONMARK_SPEC_VERSION=0.31.2
PREFIX=target/node-tools/commonmark-spec
OUT=crates/masthead-html/tests/spec/commonmark.json

command -v npm >/dev/null 2>&1 || { echo "update-commonmark-spec.sh: npm is required" >&2; exit 1; }
mkdir -p "$PREFIX" "$(dirname "$OUT")"
npm install --silent --no-audit --no-fund --prefix "$PREFIX" "commonmark-spec@$COMMONMARK_SPEC_VERSION" >/dev/null

node -e '
const path = require("path");
const prefix = path.resolve(process.argv[1]);
const spec = require(path.join(prefix, "node_modules", "commonmark-spec"));
const version = require(path.join(prefix, "node_modules", "commonmark-spec", "package.json")).version;
const tab = (s) => s.replace(/\u2192/g, "\t");
const examples = spec.tests.map((t) => ({
  number: t.number,
  section: t.section,
  markdown: tab(t.markdown),
  html: tab(t.html),
}));
const out = { package: "commonmark-spec", version, examples };
process.stdout.write(JSON.stringify(out, null, 1) + "\n");
' "$PREFIX" >"$OUT.tmp"
mv "$OUT.tmp" "$OUT"
echo "update-commonmark-spec.sh: wrote $OUT ($(grep -c '"number"' "$OUT") examples, commonmark-spec $COMMONMARK_SPEC_VERSION)"
