#!/usr/bin/env bash
# One-command set-up.  ./run.sh        install, build the index on first run, start the app
#                      ./run.sh test   install (with the browser test's Debian packages) and run the tests
set -euo pipefail
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt

install_browser() {  # Debian's Chromium and a CJK font for the end-to-end test (never `playwright install`)
  if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi "noto.*cjk"; then return; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-noto-cjk >/dev/null
  else
    echo "note: install chromium, chromium-driver and fonts-noto-cjk (sudo apt-get install …) for the browser test" >&2
  fi
}

case "${1:-app}" in
  test) shift; install_browser; exec .venv/bin/python -m pytest -q "$@" ;;
  app) [ $# -gt 0 ] && shift; exec .venv/bin/python app.py "$@" ;;
  *) exec .venv/bin/python app.py "$@" ;;
esac
