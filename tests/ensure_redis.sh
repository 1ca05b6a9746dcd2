#!/usr/bin/env bash
# The scale-out tests start a real redis-server (Debian's package) on a loopback port.
# Installed once, as root, if missing; without root the tests say what to install.
set -u
if command -v redis-server >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" != "0" ]; then
    echo "redis-server is missing and this is not root: the scale-out tests will be skipped (as root: apt-get install redis-server)" >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q --no-install-recommends redis-server >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null 2>&1 \
         && apt-get install -y -q --no-install-recommends redis-server >/dev/null 2>&1; } \
    || echo "could not install redis-server" >&2
# The package starts a system service on 6379; the tests start their own servers.
if command -v systemctl >/dev/null 2>&1; then systemctl stop redis-server >/dev/null 2>&1 || true; fi
exit 0
