#!/usr/bin/env bash
# Browser tests of the search page (search.test.mjs), a guide's clip
# (video.test.mjs, which builds its own fixture site) and the waiting-room
# screen (screen.test.mjs): Debian's Chromium driven
# by playwright-core, which never downloads a browser of its own.
# Needs the sample site built into output/ and target/release/loa built, as
# `cargo run --release -- build` leaves them; see search.test.mjs for the
# environment variables that point elsewhere.
set -euo pipefail
cd "$(dirname "$0")"
# The release binary that `cargo run --release` left, wherever cargo builds.
export LOA_BIN="${LOA_BIN:-${CARGO_TARGET_DIR:-$(pwd)/../../target}/release/loa}"
chromium="${LOA_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "browser tests: installing Debian's chromium" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
exec node --test --test-concurrency=1
