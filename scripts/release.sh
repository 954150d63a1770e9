#!/usr/bin/env bash
# Release archives of loa, cross-compiled from Linux:
#   loa-<version>-windows-x86_64.zip     loa.exe, ĐỌC TRƯỚC, licences, the sample site
#   loa-<version>-linux-x86_64.tar.gz    a static (musl) binary, licences, the sample site
# and their SHA-256 sums (SHA256SUMS). Reproducible: the same commit and
# toolchain give the same bytes (timestamps from the commit, build paths
# remapped, no link time in the .exe, archives packed in a fixed order).
#
#   bash scripts/release.sh [OUT_DIR]          (default target/dist)
#
# Needs: rustup target add x86_64-pc-windows-gnu x86_64-unknown-linux-musl,
# and Debian's gcc-mingw-w64-x86-64 and musl-tools (C parts of a few crates).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
out=${1:-target/dist}
mkdir -p "$out"
out=$(cd "$out" && pwd)

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}
export TZ=UTC
# No machine's paths in the binaries (panic messages carry source paths).
cargo_home=${CARGO_HOME:-$HOME/.cargo}
remap="--remap-path-prefix=$repo=/loa --remap-path-prefix=$cargo_home=/cargo"
rustup_home=${RUSTUP_HOME:-$HOME/.rustup}
remap="$remap --remap-path-prefix=$rustup_home=/rustup"

build() { # target, extra rustflags
    echo "== cargo build --profile dist --target $1" >&2
    RUSTFLAGS="$remap $2" cargo build --locked --profile dist --target "$1"
}
build x86_64-pc-windows-gnu "-C link-arg=-Wl,--no-insert-timestamp"
build x86_64-unknown-linux-musl "-C target-feature=+crt-static"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/licences"
cp LICENSE "$stage/LICENSE.txt"
cp themes/default/fonts/OFL.txt "$stage/licences/OFL-BeVietnamPro.txt"
cp themes/default/fonts/fallback/OFL.txt "$stage/licences/OFL-Noto.txt"
cp themes/default/fonts/fallback/README.txt "$stage/licences/Noto-fonts-README.txt"
# Notepad opens UTF-8 with a BOM and Windows line ends without a doubt.
{ printf '\xef\xbb\xbf'; sed "s/{version}/$version/; s/\$/\r/" scripts/release/DOC-TRUOC.txt; } > "$stage/DOC-TRUOC.txt"
sample=(site.yaml=site.yaml content=content packs=packs)

pack() { # target, kind, archive name, binary source, binary name, more SRC=DEST
    local top=${3%.zip}
    top=${top%.tar.gz}
    python3 scripts/release/licenses.py "$1" > "$stage/licences/THIRD-PARTY-LICENSES-$1.txt"
    python3 scripts/release/pack.py "$2" "$out/$3" "$top" \
        "$4=$5" "$stage/LICENSE.txt=LICENSE.txt" "$stage/licences/OFL-BeVietnamPro.txt=giay-phep/OFL-BeVietnamPro.txt" \
        "$stage/licences/OFL-Noto.txt=giay-phep/OFL-Noto.txt" \
        "$stage/licences/Noto-fonts-README.txt=giay-phep/Noto-fonts-README.txt" \
        "$stage/licences/THIRD-PARTY-LICENSES-$1.txt=giay-phep/THIRD-PARTY-LICENSES.txt" \
        "${@:6}" "${sample[@]}"
}
windows=loa-$version-windows-x86_64.zip
linux=loa-$version-linux-x86_64.tar.gz
pack x86_64-pc-windows-gnu zip "$windows" target/x86_64-pc-windows-gnu/dist/loa.exe loa.exe \
    "$stage/DOC-TRUOC.txt=DOC-TRUOC.txt"
pack x86_64-unknown-linux-musl tar.gz "$linux" target/x86_64-unknown-linux-musl/dist/loa loa

cd "$out"
sha256sum "$windows" "$linux" | tee SHA256SUMS
ls -l "$windows" "$linux" | awk '{ printf "%s  %.1f MB\n", $NF, $5 / 1e6 }'
