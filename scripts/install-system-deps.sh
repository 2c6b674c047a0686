#!/bin/sh
# Debian packages planwatch's full test suite and reports need. Installs only what is missing;
# without root (or sudo) it says what to install and stops with an error.
#   chromium                       browser tests (driven by Playwright)
#   fonts-noto-cjk                 Chinese text in PDF reports and charts
#   postgresql                     the server store's tests start a throwaway local server
#   poppler-utils                  pdftoppm: checks that PDF reports render
#   libpango-1.0-0 libpangoft2-1.0-0   WeasyPrint (HTML → PDF reports)
#   libreoffice-writer-nogui libreoffice-calc-nogui   checks that DOCX/XLSX reports open
set -eu
PACKAGES="chromium fonts-noto-cjk postgresql poppler-utils libpango-1.0-0 libpangoft2-1.0-0 libreoffice-writer-nogui libreoffice-calc-nogui"
missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
  echo "planwatch needs these Debian packages:$missing" >&2
  echo "install them as root: apt-get install$missing" >&2
  exit 1
fi
echo "installing Debian packages:$missing" >&2
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
