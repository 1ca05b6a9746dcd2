#!/bin/sh
# Install headless Chromium (+ chromedriver) and a CJK font for the report's browser test.
# Idempotent: does nothing when both are present.  Needs root (apt-get); `make test` calls it.
# Without root it says so in one line and exits 0: the browser tests are then skipped.
# Without a CJK font Chromium draws Chinese as empty boxes, so screenshots would be unreadable.
set -e
if command -v chromium >/dev/null 2>&1 && fc-list :lang=zh 2>/dev/null | grep -q .; then
    exit 0
fi
if [ "$(id -u)" != 0 ]; then
    echo "chromium or a CJK font is missing and this is not root: the report's browser tests will be skipped (as root: apt-get install chromium chromium-driver fonts-noto-cjk)" >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-noto-cjk >/dev/null
command -v chromium >/dev/null
