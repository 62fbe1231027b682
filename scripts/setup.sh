#!/usr/bin/env bash
# Idempotent set-up on Debian 12 (bookworm), 13 (trixie) or unstable (sid), as root (or with sudo):
# Debian's QGIS and what the tests need, system packages first, pip only for what the release lacks.
# A second run skips what is there.
#   - shapely >= 2: Debian's python3-shapely where the release has 2.x (trixie, sid); on bookworm (1.8) it is
#     built from source into the venv against Debian's GEOS (a wheel's own GEOS crashes inside QGIS) with numpy
#     held at Debian's version (GDAL's and QGIS's bindings are built against it).
#   - PostgreSQL/PostGIS: whichever major version the release's `postgresql` package depends on.
#   - python3-pip for the system Python: the plugin's dependency installer (and its test) runs pip there.
#   - The venv (`$VENV`, made from /usr/bin/python3 with the system site packages, where QGIS's bindings live)
#     gets the test tools of requirements-dev.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VENV=${VENV:-$ROOT/.venv}
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive

APT_PACKAGES=(qgis python3-qgis qgis-providers python3-venv python3-pip python3-psycopg2 python3-numpy python3-pyproj
  python3-openpyxl fonts-noto-cjk poppler-utils xvfb xauth pyqt5-dev-tools qttools5-dev-tools postgresql zip make
  util-linux)

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
updated=0
apt_install() {  # apt_install PKG...: installs those not installed yet
  local missing=() pkg
  for pkg in "$@"; do installed "$pkg" || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "setup: installing ${missing[*]}"
  if [ "$updated" -eq 0 ]; then $SUDO apt-get update -qq; updated=1; fi
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
candidate() {  # the version apt would install of $1 (after an update when not known yet)
  local v
  v=$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2}')
  if { [ -z "$v" ] || [ "$v" = "(none)" ]; } && [ "$updated" -eq 0 ]; then
    $SUDO apt-get update -qq; updated=1
    v=$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2}')
  fi
  echo "${v:-none}"
}

apt_install "${APT_PACKAGES[@]}"

# PostGIS for the PostgreSQL major version this release ships
pg_major=$(dpkg-query -W -f='${Depends}' postgresql | grep -o 'postgresql-[0-9]\+' | head -1)
apt_install "${pg_major}-postgis-3"

# shapely >= 2: the system's where the release has it, else built against the system GEOS
shapely_from_source=0
if installed python3-shapely && dpkg --compare-versions "$(dpkg-query -W -f='${Version}' python3-shapely)" ge 2; then
  :
elif dpkg --compare-versions "$(candidate python3-shapely)" ge 2 2>/dev/null; then
  apt_install python3-shapely
else
  shapely_from_source=1
  apt_install libgeos-dev python3-dev gcc g++ pkg-config  # (pkg-config: shapely >= 2.2 finds GEOS with it)
fi

stamp="$VENV/.requirements.sha256"
want=$( (cat requirements-dev.txt; echo "shapely_from_source=$shapely_from_source") | sha256sum | cut -d' ' -f1)
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "setup: creating venv $VENV"
  rm -rf "$VENV"
  /usr/bin/python3 -m venv --system-site-packages "$VENV"
  pip=("$VENV/bin/python" -m pip install -q --disable-pip-version-check)
  "${pip[@]}" -r requirements-dev.txt
  if [ "$shapely_from_source" -eq 1 ]; then
    numpy_version=$(/usr/bin/python3 -c "import numpy; print(numpy.__version__)")
    constraints=$(mktemp)
    echo "numpy==$numpy_version" > "$constraints"
    "${pip[@]}" --no-binary shapely -c "$constraints" "shapely==2.1.2"
    rm -f "$constraints"
  fi
  echo "$want" > "$stamp"
fi
site=$("$VENV/bin/python" -c "import sysconfig; print(sysconfig.get_paths()['purelib'])")
ln -sfn "$site" "$VENV/site"  # the Makefile's PYTHONPATH for qgis_process and QGIS

# qgis_process lists a plugin's provider only once the plugin is enabled in the profile.
profile="${HOME}/.local/share/QGIS/QGIS3/profiles/default/QGIS/QGIS3.ini"
if ! grep -q "^land_supervision=true" "$profile" 2>/dev/null; then
  QT_QPA_PLATFORM=offscreen QGIS_PLUGINPATH="$ROOT" PYTHONPATH="$site" \
    /usr/bin/qgis_process.bin plugins enable land_supervision \
    >/dev/null 2>&1 || true
fi
