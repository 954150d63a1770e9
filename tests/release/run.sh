#!/usr/bin/env bash
# The release archives as officers get them (issue 14): builds both with
# scripts/release.sh, runs the static Linux binary on the sample site, and
# the Windows loa.exe under Debian's wine in a folder whose path has
# Vietnamese letters and spaces: init → build (CRLF files) → check (text,
# JSON, an error) → serve (the printed address answers, an edit shows) →
# double-click (no arguments). Asserts exit codes, files, that a poster's QR
# code decodes to its manifest entry, and that Vietnamese text comes out
# unmangled. Installs what it needs (Debian, as root). Run by .ci/run, not
# by `cargo test`: about 15 minutes on 2 cores from nothing, most of it
# compiling; 6 minutes when the targets are already built.
#
#   bash tests/release/run.sh [DIST_DIR]   (default target/dist)
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
dist=${1:-$repo/target/dist}

need=()
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
command -v musl-gcc >/dev/null || need+=(musl-tools)
command -v wine >/dev/null || need+=(wine wine64)
command -v zbarimg >/dev/null || need+=(zbar-tools)
command -v curl >/dev/null || need+=(curl)
command -v file >/dev/null || need+=(file)
command -v pgrep >/dev/null || need+=(procps)
if [ ${#need[@]} -gt 0 ]; then
    echo "release test: installing ${need[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
rustup target add x86_64-pc-windows-gnu x86_64-unknown-linux-musl >/dev/null 2>&1
bash scripts/release.sh "$dist"

work=$(mktemp -d)
trap 'wineserver -k 2>/dev/null || true; rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "== $*" >&2; }
# The poster QR of the first manifest entry, decoded from its A4 PNG.
qr_matches_manifest() { # output folder
    local want got
    want=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["posters"][0]["qr"])' "$1/posters/manifest.json")
    png=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["posters"][0]["files"]["a4_png"])' "$1/posters/manifest.json")
    got=$(zbarimg --quiet --raw "$1/$png")
    [ "$got" = "$want" ] || fail "QR of $png reads '$got', manifest says '$want'"
    echo "   QR $png → $got" >&2
}

step "Linux: static binary on the sample site"
mkdir "$work/linux"
tar -xzf "$dist"/loa-*-linux-x86_64.tar.gz -C "$work/linux"
linux=$(echo "$work"/linux/loa-*)
file "$linux/loa" | grep -Eq "statically linked|static-pie linked" || fail "not static: $(file "$linux/loa")"
(cd "$linux" && ./loa build) 2> "$work/linux.log" || { cat "$work/linux.log"; fail "Linux build"; }
grep -q "áp phích" "$work/linux.log" || fail "no Vietnamese summary: $(cat "$work/linux.log")"
qr_matches_manifest "$linux/output"

step "Windows: wine"
export WINEPREFIX="$work/wine" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=;bcryptprimitives=n"
wineboot --init >/dev/null 2>&1 || true
# Debian 12's wine lacks bcryptprimitives.dll, which Windows 10+ has and
# Rust's standard library needs: a stand-in, in the test's wine only.
x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
    tests/release/bcryptprimitives.c -ladvapi32
home="$work/Máy của Cán bộ/Tài liệu"
mkdir -p "$home"
python3 -c 'import sys,zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' \
    "$(echo "$dist"/loa-*-windows-x86_64.zip)" "$home"
unpacked=$(echo "$home"/loa-*-windows-x86_64)
exe="$unpacked/loa.exe"
site="$home/Xã Tân Phú"

step "init in '$site'"
(cd "$home" && wine "$exe" init "Xã Tân Phú" --kind xã --name "Tân Phú" --province "Đồng Nai" \
    --url https://tanphu.dongnai.gov.vn) 2> "$work/init.log" || { cat "$work/init.log"; fail "init"; }
grep -q "Đã tạo trang mới trong" "$work/init.log" || fail "init message mangled: $(cat "$work/init.log")"
[ -f "$site/site.yaml" ] || fail "no site.yaml"
# As Notepad on Windows saves them.
find "$site" -name '*.md' -o -name '*.yaml' | while read -r f; do sed -i 's/$/\r/' "$f"; done

step "build"
(cd "$site" && wine "$exe" build) 2> "$work/build.log" || { cat "$work/build.log"; fail "build"; }
cat "$work/build.log" >&2
grep -q "trang" "$work/build.log" || fail "build summary mangled"
[ -f "$site/output/index.html" ] || fail "no output/index.html"
grep -q "Tân Phú" "$site/output/index.html" || fail "unit name not on the home page"
qr_matches_manifest "$site/output"

step "build again: the output swap (no renameat2 on Windows)"
echo "Thêm một câu." >> "$site/content/_index.md"
(cd "$site" && wine "$exe" build) 2> "$work/build2.log" || { cat "$work/build2.log"; fail "rebuild"; }
grep -q "Thêm một câu." "$site/output/index.html" || fail "rebuild not swapped in"
ls -a "$site" | grep -q "loa-staging" && fail "staging folders left: $(ls -a "$site")"

step "check: text and JSON"
(cd "$site" && wine "$exe" check) 2> "$work/check.log" || { cat "$work/check.log"; fail "check"; }
(cd "$site" && wine "$exe" check --format json) > "$work/check.json" 2>/dev/null || fail "check --format json"
python3 -m json.tool "$work/check.json" >/dev/null || fail "check JSON: $(head -c 300 "$work/check.json")"
printf -- '---\r\ntitle: "Lỗi thử\r\n---\r\nBài.\r\n' > "$site/content/loi-thu.md"
set +e
(cd "$site" && wine "$exe" check) 2> "$work/check-error.log"
code=$?
set -e
cat "$work/check-error.log" >&2
[ $code -eq 1 ] || fail "check of a broken page exits $code, not 1"
grep -q "loi-thu.md:2" "$work/check-error.log" || fail "error not located at loi-thu.md:2"
grep -q "lỗi" "$work/check-error.log" || fail "error text mangled"
rm "$site/content/loi-thu.md"

step "serve: the printed address answers, an edit shows"
(cd "$site" && exec wine "$exe" serve --port 8765) 2> "$work/serve.log" &
url=""
for _ in $(seq 1 120); do
    url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/[^ ]*' "$work/serve.log" | head -n 1 || true)
    [ -n "$url" ] && break
    sleep 0.5
done
[ -n "$url" ] || { cat "$work/serve.log"; fail "serve printed no address"; }
grep -q "Đang xem trước tại" "$work/serve.log" || fail "serve message mangled"
answered=""
for _ in $(seq 1 40); do
    curl -sf "$url" | grep -q "Tân Phú" && { answered=yes; break; }
    sleep 0.5
done
[ -n "$answered" ] || fail "GET $url"
echo "Câu mới khi đang xem trước." >> "$site/content/_index.md"
seen=""
for _ in $(seq 1 40); do
    curl -sf "$url" | grep -q "Câu mới khi đang xem trước." && { seen=yes; break; }
    sleep 0.5
done
[ -n "$seen" ] || fail "an edit did not show in the preview (file watching)"
wineserver -k 2>/dev/null || true
wait 2>/dev/null || true

# A double-click gives loa a console of its own. Under wine, a terminal
# (here a pseudo-terminal from `script`) that only loa uses is just that.
# Answers are typed once loa asks (wine's console takes Enter as a carriage
# return), and the keyboard stays there until the timeout.
double_click() { # folder, log, seconds, answers…
    local folder=$1 log=$2 seconds=$3
    shift 3
    : > "$log"
    ( (if [ $# -gt 0 ]; then wait_for "$log" "Enter"; fi
       for answer in "$@"; do sleep 1; printf '%s\r' "$answer"; done; sleep "$seconds") |
        (cd "$folder" && timeout "$seconds" script -qfec "stty cols 200; wine loa.exe" "$log" >/dev/null 2>&1) ) || true
}

wait_for() { # file, text: up to 60 s
    for _ in $(seq 1 120); do
        grep -aq "$2" "$1" 2>/dev/null && return 0
        sleep 0.5
    done
    return 1
}

step "no arguments without a console of its own (as from cmd.exe): help, as before"
set +e
(cd "$unpacked" && wine loa.exe < /dev/null) > "$work/help.log" 2>&1
code=$?
set -e
[ $code -eq 2 ] && grep -q "Usage: loa" "$work/help.log" || fail "no help ($code): $(cat "$work/help.log")"

step "double-click: no arguments, in the unzipped folder (the sample site)"
double_click "$unpacked" "$work/click.log" 60 &
url=""
for _ in $(seq 1 120); do
    url=$(grep -ao 'http://127\.0\.0\.1:[0-9]*/[a-z0-9/-]*' "$work/click.log" 2>/dev/null | head -n 1 || true)
    [ -n "$url" ] && break
    sleep 0.5
done
[ -n "$url" ] || { cat "$work/click.log"; fail "a double-click did not start the preview"; }
grep -aq "Đang xem trước tại" "$work/click.log" || fail "preview message mangled"
answered=""
for _ in $(seq 1 40); do
    curl -sf "$url" | grep -q "Phường Mẫu" && { answered=yes; break; }
    sleep 0.5
done
[ -n "$answered" ] || fail "GET $url after a double-click"
echo "   double-click → preview at $url" >&2
wineserver -k 2>/dev/null || true
wait 2>/dev/null || true

step "double-click in a folder with no site: offers to create one"
empty="$home/Thư mục trống"
mkdir "$empty"
cp "$exe" "$empty/"
double_click "$empty" "$work/offer.log" 20 k
grep -aq "chưa có trang web" "$work/offer.log" || fail "no offer: $(cat "$work/offer.log")"
[ ! -e "$empty/site.yaml" ] || fail "created a site after 'k'"
double_click "$empty" "$work/create.log" 60 c phường "Hòa Bình" "Đồng Nai" "" &
wait_for "$work/create.log" "Đang xem trước tại" || { cat "$work/create.log"; fail "no preview after creating"; }
grep -q 'name: "Hòa Bình"' "$empty/site.yaml" || fail "answers not in site.yaml"
echo "   double-click in an empty folder → site for phường Hòa Bình created and previewed" >&2
wineserver -k 2>/dev/null || true
wait 2>/dev/null || true

step "an error after a double-click waits for Enter"
# A content folder without site.yaml: creating a site there is refused.
broken="$home/Có thư mục content"
mkdir -p "$broken/content"
cp "$exe" "$broken/"
double_click "$broken" "$work/broken.log" 60 c "" "" "" "" &
wait_for "$work/broken.log" "Nhấn Enter" || true
sleep 3
grep -aq "Nhấn Enter để đóng cửa sổ" "$work/broken.log" || { cat "$work/broken.log"; fail "no 'press Enter' after an error"; }
pgrep -f "loa.exe" >/dev/null || fail "the window closed without waiting for Enter"
echo "   error → message, then waits for Enter" >&2
wineserver -k 2>/dev/null || true
wait 2>/dev/null || true

echo "release test: all passed" >&2
