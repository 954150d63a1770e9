#!/usr/bin/env bash
# Runs every fuzz target for SECONDS (default 300) each, one after another,
# and prints what each found. Needs the nightly toolchain and cargo-fuzz
# (`cargo install cargo-fuzz`). See fuzz/README.md.
#
#   bash scripts/fuzz.sh [SECONDS] [TARGET…]
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-300}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(markdown_page site_yaml slug_fold poster_text log_line)
fi

cargo +nightly fuzz build -O
for target in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$target"
  echo "== $target: ${seconds}s"
  # New inputs go to fuzz/corpus/ (not committed); the committed seeds and
  # regression cases in tests/fuzz_corpus/ are read as well.
  if cargo +nightly fuzz run -O "$target" "fuzz/corpus/$target" "tests/fuzz_corpus/$target" -- \
      -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=20 -print_final_stats=1 2>"fuzz/$target.log"; then
    echo "   no failure"
  else
    echo "   FAILED: see fuzz/$target.log and fuzz/artifacts/$target/"
  fi
  grep -E "stat::number_of_executed_units|stat::new_units_added|cov:" "fuzz/$target.log" | tail -3 | sed 's/^/   /'
done
