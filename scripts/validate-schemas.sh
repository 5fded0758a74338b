#!/usr/bin/env bash
# Checks masthead's JSON Schemas with two validators that are not masthead's:
#
# - ajv (npm) compiles every schema the example site gets, in strict mode
#   for draft 2020-12, and must print no warning;
# - check-jsonschema (PyPI) validates the example site's front matter
#   (written as JSON by `masthead schema --front-matter-json`), its declared
#   `_data` files and its `_config.yml` against them, the data files found
#   through the generated VS Code settings as an editor would find them.
#
# Installs what is missing: ajv-cli and ajv-formats into target/node-tools
# (never globally), check-jsonschema with pip. Versions are pinned below.
# Run by scripts/test.sh; with MASTHEAD_REQUIRE_SCHEMA_TOOLS=1 (as there) a
# tool that cannot be installed is a failure, otherwise the script says so
# and stops without failing.
set -euo pipefail
cd "$(dirname "$0")/.."

AJV_CLI_VERSION=5.0.0
AJV_VERSION=8.20.0
AJV_FORMATS_VERSION=3.0.1
CHECK_JSONSCHEMA_VERSION=0.39.0

NODE_TOOLS=target/node-tools
WORK=target/schema-check

missing() {
  if [ "${MASTHEAD_REQUIRE_SCHEMA_TOOLS:-}" = 1 ]; then
    echo "validate-schemas.sh: $1 (MASTHEAD_REQUIRE_SCHEMA_TOOLS=1)" >&2
    exit 1
  fi
  echo "validate-schemas.sh: $1; skipping the schema validators" >&2
  exit 0
}

# --- the tools --------------------------------------------------------------

if ! command -v npm >/dev/null 2>&1; then
  echo "validate-schemas.sh: installing nodejs and npm (Debian packages)"
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  { $SUDO apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm >/dev/null; } ||
    missing "npm is not installed and could not be installed"
fi

AJV="$NODE_TOOLS/node_modules/.bin/ajv"
want_ajv="ajv-cli@$AJV_CLI_VERSION ajv@$AJV_VERSION ajv-formats@$AJV_FORMATS_VERSION"
if [ ! -x "$AJV" ] || [ "$(cat "$NODE_TOOLS/.installed" 2>/dev/null)" != "$want_ajv" ]; then
  echo "validate-schemas.sh: installing $want_ajv into $NODE_TOOLS"
  mkdir -p "$NODE_TOOLS"
  # shellcheck disable=SC2086
  npm install --silent --no-audit --no-fund --prefix "$NODE_TOOLS" $want_ajv >/dev/null ||
    missing "npm could not install $want_ajv"
  echo "$want_ajv" >"$NODE_TOOLS/.installed"
fi

# Run as a module: a console script installed under pyenv may need a rehash.
check_jsonschema() { python3 -m check_jsonschema "$@"; }
have_check_jsonschema() {
  [ "$(check_jsonschema --version 2>/dev/null | grep -o '[0-9][0-9.]*' | tail -1)" = "$CHECK_JSONSCHEMA_VERSION" ]
}
if ! have_check_jsonschema; then
  echo "validate-schemas.sh: installing check-jsonschema $CHECK_JSONSCHEMA_VERSION (PyPI)"
  # A Debian-managed Python refuses plain installs (PEP 668).
  python3 -m pip install --quiet "check-jsonschema==$CHECK_JSONSCHEMA_VERSION" 2>/dev/null ||
    python3 -m pip install --quiet --break-system-packages "check-jsonschema==$CHECK_JSONSCHEMA_VERSION" ||
    missing "pip could not install check-jsonschema $CHECK_JSONSCHEMA_VERSION"
  have_check_jsonschema || missing "check-jsonschema $CHECK_JSONSCHEMA_VERSION does not run after installing it"
fi

# --- the schemas, generated now -----------------------------------------------

rm -rf "$WORK"
mkdir -p "$WORK"
cargo run --quiet --locked -- schema --site examples/site --out "$WORK/schemas" \
  --front-matter-json "$WORK/front-matter"
# The committed copy must be what masthead generates (tests/schema_examples.rs
# checks this too; here it keeps the validators honest about what they check).
cargo run --quiet --locked -- schema --site examples/site --out examples/site-schemas --check

# --- ajv: every schema compiles in strict mode, without a warning ---------------

schemas=("$WORK"/schemas/*.schema.json)
echo "ajv: compiling ${#schemas[@]} schemas (draft 2020-12, strict)"
for schema in "${schemas[@]}"; do
  if ! output=$("$AJV" compile --spec=draft2020 --strict=true -c ajv-formats -s "$schema" 2>&1); then
    echo "$output" >&2
    echo "ajv: $schema does not compile in strict mode" >&2
    exit 1
  fi
  if grep -qi "warn" <<<"$output"; then
    echo "$output" >&2
    echo "ajv: $schema compiles with warnings" >&2
    exit 1
  fi
done

# --- check-jsonschema: the example site's files validate -----------------------

checked=0
for folder in "$WORK"/front-matter/*/; do
  name=$(basename "$folder")
  files=("$folder"*.json)
  [ -e "${files[0]}" ] || continue
  check_jsonschema --schemafile "$WORK/schemas/$name.schema.json" "${files[@]}"
  checked=$((checked + ${#files[@]}))
done

# Data files and the config: the globs of the VS Code settings, resolved from
# the site root as the editor resolves them.
while IFS=$'\t' read -r schema file; do
  check_jsonschema --schemafile "$schema" "$file"
  checked=$((checked + 1))
done < <(python3 - "$WORK/schemas" <<'EOF'
import glob, json, os, sys
out = sys.argv[1]
settings = json.load(open(os.path.join(out, "vscode-settings.json")))
for url, globs in settings["yaml.schemas"].items():
    schema = os.path.join(out, os.path.basename(url))
    for pattern in globs:
        for path in sorted(glob.glob(os.path.join("examples/site", pattern))):
            print(f"{schema}\t{path}")
EOF
)
# And they are not accepting everything: a month 13 is refused.
mkdir -p "$WORK/refused"
echo '{"title": "x", "event": {"start": "2021-13-45"}}' >"$WORK/refused/event.json"
if check_jsonschema --schemafile "$WORK/schemas/event.schema.json" "$WORK/refused/event.json" >/dev/null 2>&1; then
  echo "check-jsonschema: event.schema.json accepts a start in month 13" >&2
  exit 1
fi
if [ "$checked" -lt 20 ]; then
  echo "check-jsonschema: only $checked files were checked; expected the example site's documents, data and config" >&2
  exit 1
fi
echo "check-jsonschema: $checked files of the example site are valid"
