#!/bin/sh
# Renders the app icons (run once by hand; the PNGs are committed, nothing is drawn at build
# time). Needs headless Chromium. The design is assets/favicon.svg; the maskable icon puts the
# same mark on a full-bleed square, inside the central safe circle (40 % radius).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../icons"
tmp=$(mktemp -d)
render() { # svg size png
  printf '<!doctype html><style>html,body{margin:0;background:transparent}img{display:block;width:%spx;height:%spx}</style><img src="file://%s">' \
    "$2" "$2" "$1" > "$tmp/page.html"
  chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars \
    --default-background-color=00000000 --window-size="$2,$2" \
    --screenshot="$3" "file://$tmp/page.html" 2>/dev/null
}
render "$here/../favicon.svg" 192 "$out/icon-192.png"
render "$here/../favicon.svg" 512 "$out/icon-512.png"
render "$here/maskable.svg" 512 "$out/maskable-512.png"
rm -r "$tmp"
