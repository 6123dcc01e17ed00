#!/usr/bin/env bash
# Rebuilds the bundled CJK fonts in assets/fonts/ from Debian's Noto Sans CJK (SIL OFL 1.1).
#
#   tools/make-font-subset.sh
#
# Keeps GB2312 (all 6,763 hanzi), Big5 level 1, Latin, punctuation and the few symbols the
# program draws, and only the layout features our text needs (kern, liga, ccmp): the full
# font is 19 MB a weight, this subset about 3 MB. Same inputs, same bytes: the inputs are
# pinned below and the output's SHA-256 is printed for assets/fonts/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

FONTTOOLS_VERSION=4.68.0
if ! python3 -c "import fontTools, sys; sys.exit(fontTools.version != '$FONTTOOLS_VERSION')" 2>/dev/null; then
  python3 -m pip install -q "fonttools==$FONTTOOLS_VERSION"
fi
if ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk
fi
src=/usr/share/fonts/opentype/noto
echo "source: fonts-noto-cjk $(dpkg-query -W -f '${Version}' fonts-noto-cjk)"

unicodes=$(mktemp)
trap 'rm -f "$unicodes"' EXIT
python3 - "$unicodes" <<'PY'
import sys
cps = set()
ranges = [
    (0x20, 0x7E),      # ASCII
    (0xA0, 0xFF),      # Latin-1
    (0x2000, 0x206F),  # general punctuation (– — ‘ ’ “ ” … ‰)
    (0x2100, 0x214F),  # letterlike (℃ №)
    (0x2150, 0x218F),  # number forms (Ⅰ Ⅱ)
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # maths (− ± × ÷ ≤ ≥ ≈)
    (0x2460, 0x24FF),  # enclosed numbers ① ②
    (0x2500, 0x257F),  # box drawing
    (0x25A0, 0x25FF),  # geometric shapes ▲ ■ ● ◆
    (0x2600, 0x26FF),  # misc symbols ★ ☆
    (0x2700, 0x27BF),  # dingbats ✓ ✗
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0xFF00, 0xFFEF),  # full-width forms
]
for lo, hi in ranges:
    cps.update(range(lo, hi + 1))
# GB2312: rows 0xA1-0xF7, cells 0xA1-0xFE.
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            cps.update(map(ord, bytes([hi, lo]).decode("gb2312")))
        except UnicodeDecodeError:
            pass
# Big5 level 1 (frequently used hanzi): 0xA440-0xC67E.
for hi in range(0xA4, 0xC7):
    for lo in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
        code = (hi << 8) | lo
        if 0xA440 <= code <= 0xC67E:
            try:
                cps.update(map(ord, bytes([hi, lo]).decode("big5")))
            except UnicodeDecodeError:
                pass
with open(sys.argv[1], "w") as f:
    f.write(",".join(f"U+{cp:04X}" for cp in sorted(cps)))
print(f"code points asked for: {len(cps)}")
PY

for weight in Regular Bold; do
  out=assets/fonts/NotoSansCJKsc-$weight-subset.otf
  # Face 2 of the collection is Noto Sans CJK SC (JP, KR, SC, TC, HK, …).
  python3 -m fontTools.subset "$src/NotoSansCJK-$weight.ttc" \
    --font-number=2 \
    --unicodes-file="$unicodes" \
    --layout-features=kern,liga,ccmp \
    --no-hinting \
    --notdef-outline \
    --name-IDs='*' \
    --output-file="$out"
  echo "$out: $(stat -c %s "$out") bytes, sha256 $(sha256sum "$out" | cut -d' ' -f1)"
done
