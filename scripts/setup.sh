#!/usr/bin/env bash
# Idempotent set-up on Debian 12 as root: apt packages, a venv from /usr/bin/python3, pinned pip packages,
# and the plugin enabled for qgis_process. A second run skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VENV=${VENV:-$ROOT/.venv}

APT_PACKAGES=(qgis python3-qgis qgis-providers python3-venv python3-psycopg2 fonts-noto-cjk poppler-utils
  libgeos-dev xvfb xauth pyqt5-dev-tools qttools5-dev-tools postgresql postgresql-15-postgis-3 zip make)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

stamp="$VENV/.requirements.sha256"
want=$(sha256sum requirements-dev.txt | cut -d' ' -f1)
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "setup: creating venv $VENV"
  /usr/bin/python3 -m venv --system-site-packages "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check -r requirements-dev.txt
  echo "$want" > "$stamp"
fi

# qgis_process (3.22) lists a plugin's provider only once the plugin is enabled in the profile.
profile="${HOME}/.local/share/QGIS/QGIS3/profiles/default/QGIS/QGIS3.ini"
if ! grep -q "^land_supervision=true" "$profile" 2>/dev/null; then
  QT_QPA_PLATFORM=offscreen QGIS_PLUGINPATH="$ROOT" PYTHONPATH="$VENV/lib/python3.11/site-packages" \
    /usr/bin/qgis_process.bin plugins enable land_supervision \
    >/dev/null 2>&1 || true
fi
