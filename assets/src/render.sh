#!/usr/bin/env bash
# Regenerates the PNG icons from the SVG sources (needs Debian's imagemagick: /usr/bin/convert).
# Tray icons: coloured for Linux/Windows, black "Template" images for macOS (states differ by shape).
set -euo pipefail
cd "$(dirname "$0")/.."
render() { # name fill badge [opacity]
  sed -e "s|FILL|$2|" -e "s|BADGE|$3|" -e "s|<g fill=\"$2\">|<g fill=\"$2\" opacity=\"${4:-1}\">|" src/key.svg.tmpl > "/tmp/roletray-$1.svg"
  /usr/bin/convert -background none -density 96 "/tmp/roletray-$1.svg" -resize 16x16 "tray/$1.png"
  /usr/bin/convert -background none -density 192 "/tmp/roletray-$1.svg" -resize 32x32 "tray/$1@2x.png"
}
dot() { echo "<circle cx=\"50\" cy=\"50\" r=\"12\" fill=\"$1\"/>"; }
bang() { echo "<circle cx=\"50\" cy=\"50\" r=\"13\" fill=\"$1\"/><rect x=\"47.5\" y=\"40\" width=\"5\" height=\"12\" rx=\"1.5\" fill=\"#fff\"/><rect x=\"47.5\" y=\"55\" width=\"5\" height=\"5\" rx=\"1.5\" fill=\"#fff\"/>"; }
render idle '#8a8f98' ''
render active '#ff9900' ''
render expiring '#ff9900' "$(dot '#f5b400')"
render attention '#8a8f98' "$(bang '#d93025')"
render idleTemplate '#000000' '' 0.5
render activeTemplate '#000000' ''
render expiringTemplate '#000000' "$(dot '#000000')"
render attentionTemplate '#000000' "$(bang '#000000')"
/usr/bin/convert -background none -density 72 src/app-icon.svg -resize 512x512 icon.png
