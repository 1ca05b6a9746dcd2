#!/bin/sh
# Install headless Chromium (+ chromedriver) and a CJK font for the report's browser test.
# Idempotent: does nothing when both are present.  Needs root (apt-get); `make install` calls it.
# Without a CJK font Chromium draws Chinese as empty boxes, so screenshots would be unreadable.
set -e
if command -v chromium >/dev/null 2>&1 && fc-list :lang=zh 2>/dev/null | grep -q .; then
    exit 0
fi
if [ "$(id -u)" != 0 ]; then
    echo "ensure_chromium: run as root (apt-get install chromium chromium-driver fonts-noto-cjk)" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-noto-cjk >/dev/null
command -v chromium >/dev/null
