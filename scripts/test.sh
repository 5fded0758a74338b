#!/usr/bin/env bash
# Runs the whole test suite, installing what the tests need first:
# Jekyll 4.3 and jekyll-redirect-from (Debian packages) for the differential
# tests that compare masthead's URLs, dates and redirects with Jekyll's, and
# pre-commit (PyPI) for the test of the pre-commit hook (tests/pre_commit.rs).
# Then scripts/validate-schemas.sh, which installs ajv (npm, locally) and
# check-jsonschema (PyPI) and checks masthead's JSON Schemas with them.
set -euo pipefail
cd "$(dirname "$0")/.."

have_jekyll() {
  command -v ruby >/dev/null 2>&1 &&
    ruby -e 'require "jekyll"; require "jekyll-redirect-from"' >/dev/null 2>&1
}

if ! have_jekyll; then
  echo "test.sh: installing jekyll and ruby-jekyll-redirect-from (Debian packages)"
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq jekyll ruby-jekyll-redirect-from >/dev/null
fi

have_pre_commit() {
  pre-commit --version >/dev/null 2>&1 || python3 -m pre_commit --version >/dev/null 2>&1
}

if ! have_pre_commit; then
  echo "test.sh: installing pre-commit (PyPI)"
  # A Debian-managed Python refuses plain installs (PEP 668).
  python3 -m pip install --quiet pre-commit ||
    python3 -m pip install --quiet --break-system-packages pre-commit
fi

# With Jekyll and pre-commit present, their tests must run, not skip.
export MASTHEAD_REQUIRE_JEKYLL=1
export MASTHEAD_REQUIRE_PRE_COMMIT=1
cargo test --workspace --locked "$@"

# The JSON Schemas, checked by validators that are not masthead's (ajv,
# check-jsonschema); it installs them, and must not skip here.
MASTHEAD_REQUIRE_SCHEMA_TOOLS=1 bash scripts/validate-schemas.sh
