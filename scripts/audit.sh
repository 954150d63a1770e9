#!/usr/bin/env bash
# Audits a built site: Lighthouse (mobile: performance, accessibility, best
# practices, SEO), axe-core, html-validate and page weights (HTML+CSS+JS gzip),
# in Debian's Chromium against a server on 127.0.0.1. Slow: not run by CI.
#
# Setup, once (Node >= 20.19, Debian's chromium at /usr/bin/chromium):
#   (cd scripts/audit && npm ci --ignore-scripts)
#
# Usage: scripts/audit.sh [OUTPUT] [PATH ...]
#   OUTPUT  built site (default: output); PATHs relative to the site root
#           (default: home, a section list, a page in it, tim-kiem/).
#   LOA_AUDIT_RUNS=1 for a quicker single Lighthouse run per page.
# Exit status: 0 all targets met, 1 a target missed, 2 not set up.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ ! -d "$here/audit/node_modules/lighthouse" ]; then
  echo "audit: run once: (cd $here/audit && npm ci --ignore-scripts)" >&2
  exit 2
fi
output="$(realpath "${1:-output}")"
shift || true
cd "$here/audit"
exec node audit.mjs "$output" "$@"
