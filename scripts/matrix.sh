#!/usr/bin/env bash
# The test matrix: the whole suite (`make test`) on each QGIS release Debian ships, and the plugin's core on
# Python 3.9. Each release other than the machine's own runs in a debootstrap chroot of that release
# (kept under $MATRIX_ROOT and reused; Debian's mirror serves all of them), with a copy of the work tree.
#
#   bash scripts/matrix.sh                         # bookworm (QGIS 3.22) trixie (3.40) sid (3.44 LTR), then py39
#   bash scripts/matrix.sh --release sid           # one release (repeatable)
#   bash scripts/matrix.sh --py39                  # only the core on Python 3.9 (Debian 11, bullseye)
#   bash scripts/matrix.sh --skip-host             # leave out the machine's own release (CI ran it already)
#   bash scripts/matrix.sh --release bookworm --in-chroot   # the machine's own release in a chroot too
#   bash scripts/matrix.sh --src DIR --release trixie -- tests/qgis/test_x.py   # a work tree, some tests
# Needs root (debootstrap, chroot, mounts). The first build of a chroot takes a few minutes (QGIS), later runs
# reuse it.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
SRC=$HERE
MATRIX_ROOT=${MATRIX_ROOT:-/var/tmp/ls-matrix}
MIRROR=${MIRROR:-}
releases=()
py39=auto
skip_host=0
in_chroot_always=0
pytest_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --release) releases+=("$2"); shift 2 ;;
    --py39) py39=only; shift ;;
    --no-py39) py39=no; shift ;;
    --skip-host) skip_host=1; shift ;;
    --in-chroot) in_chroot_always=1; shift ;;
    --src) SRC=$(cd "$2" && pwd); shift 2 ;;
    --) shift; pytest_args=("$@"); break ;;
    *) echo "matrix: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [ ${#releases[@]} -eq 0 ] && [ "$py39" != only ]; then releases=(bookworm trixie sid); fi
[ "$py39" = auto ] && { [ ${#pytest_args[@]} -eq 0 ] && py39=yes || py39=no; }
[ "$(id -u)" -eq 0 ] || { echo "matrix: run as root (debootstrap, chroot)" >&2; exit 2; }

host_release() {
  local v; v=$(cat /etc/debian_version 2>/dev/null || echo none)
  case "$v" in 11.*) echo bullseye ;; 12.*) echo bookworm ;; 13.*) echo trixie ;; */sid) echo sid ;; *) echo none ;; esac
}
mirror() {  # the Debian mirror this machine's apt uses
  [ -n "$MIRROR" ] && { echo "$MIRROR"; return; }
  local m
  m=$(grep -hoE '^(URIs:|deb) +https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list.d/*.sources \
        /etc/apt/sources.list.d/*.list /etc/apt/sources.list 2>/dev/null | head -1 | awk '{print $2}')
  echo "${m:-http://deb.debian.org/debian}"
}

mounted=()
cleanup() {
  local d
  for d in "${mounted[@]}"; do umount -R -l "$d" 2>/dev/null || true; done
}
trap cleanup EXIT

chroot_ready() {  # chroot_ready RELEASE: build (once) and mount the chroot; prints its path
  local rel=$1 dir=$MATRIX_ROOT/$1
  mkdir -p "$MATRIX_ROOT"
  if [ ! -f "$dir/.bootstrapped" ]; then
    command -v debootstrap >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends debootstrap >/dev/null; }
    rm -rf "$dir"
    echo "matrix: debootstrap $rel into $dir" >&2
    debootstrap --variant=minbase "$rel" "$dir" "$(mirror)" >"$MATRIX_ROOT/$rel.debootstrap.log" 2>&1 || {
      tail -20 "$MATRIX_ROOT/$rel.debootstrap.log" >&2; return 1; }
    # the host's CA bundle and pip configuration, so that apt and pip work there as here
    mkdir -p "$dir/usr/local/share/ca-certificates" "$dir/etc/ssl/certs"
    cp -a /usr/local/share/ca-certificates/. "$dir/usr/local/share/ca-certificates/" 2>/dev/null || true
    cp /etc/ssl/certs/ca-certificates.crt "$dir/etc/ssl/certs/" 2>/dev/null || true
    [ -f /etc/pip.conf ] && cp /etc/pip.conf "$dir/etc/pip.conf"
    # an archive snapshot's Release file may be past its Valid-Until date
    echo 'Acquire::Check-Valid-Until "false";' > "$dir/etc/apt/apt.conf.d/99matrix"
    touch "$dir/.bootstrapped"
  fi
  mount -t proc proc "$dir/proc" && mounted+=("$dir/proc")
  mount --rbind /dev "$dir/dev" && mount --make-rslave "$dir/dev" && mounted+=("$dir/dev")
  cp /etc/resolv.conf "$dir/etc/resolv.conf" 2>/dev/null || true
  echo "$dir"
}

copy_tree() {  # copy_tree DIR: the work tree (tracked and untracked, not ignored files) into DIR/src
  local dir=$1
  rm -rf "$dir/src"; mkdir -p "$dir/src"
  (cd "$SRC" && git ls-files -z -co --exclude-standard | tar --null -T - -cf - 2>/dev/null) | tar -xf - -C "$dir/src"
}

in_chroot() {  # in_chroot DIR COMMAND: run a bash command in the chroot with a clean environment
  local dir=$1; shift
  chroot "$dir" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 CI="${CI:-}" DEBIAN_FRONTEND=noninteractive bash -c "$*"
}

results=()
run_release() {
  local rel=$1 dir="" rc=0 args=""
  [ ${#pytest_args[@]} -gt 0 ] && args="PYTEST_ARGS=${pytest_args[*]}"  # (paths and options without spaces)
  if [ "$rel" = "$(host_release)" ] && [ "$in_chroot_always" -eq 0 ]; then
    if [ "$skip_host" -eq 1 ]; then results+=("$rel: skipped (the machine's own release)"); return 0; fi
    echo "matrix: $rel (this machine)" >&2
    (cd "$SRC" && env ${args:+"$args"} make test) || rc=$?
  else
    dir=$(chroot_ready "$rel") || { results+=("$rel: chroot could not be built"); return 1; }
    copy_tree "$dir"
    echo "matrix: $rel (chroot $dir)" >&2
    in_chroot "$dir" "command -v make >/dev/null || { apt-get update -qq && apt-get install -y -qq make >/dev/null; }
      cd /src && env ${args:+\"$args\"} make VENV=/opt/ls-venv test" || rc=$?
    touch "$dir/READY"
  fi
  local qgis
  if [ -n "${dir:-}" ]; then qgis=$(chroot "$dir" dpkg-query -W -f='${Version}' qgis 2>/dev/null || echo '?')
  else qgis=$(dpkg-query -W -f='${Version}' qgis 2>/dev/null || echo '?'); fi
  results+=("$rel (QGIS $qgis): $([ $rc -eq 0 ] && echo passed || echo "FAILED rc=$rc")")
  return $rc
}

run_py39() {  # the plugin's core and its tests on Python 3.9 (Debian 11), outside QGIS
  local dir rc=0
  dir=$(chroot_ready bullseye) || { results+=("py39: chroot could not be built"); return 1; }
  copy_tree "$dir"
  echo "matrix: Python 3.9 (chroot $dir)" >&2
  in_chroot "$dir" "set -e
    if [ ! -x /opt/py39/bin/pytest ]; then
      apt-get update -qq && apt-get install -y -qq --no-install-recommends python3 python3-venv python3-psycopg2 \
        postgresql postgresql-13-postgis-3 util-linux >/dev/null
      python3 -m venv --system-site-packages /opt/py39
      /opt/py39/bin/pip install -q --disable-pip-version-check 'numpy<2' 'shapely>=2,<2.1' 'pyproj<3.7' \
        openpyxl pytest==8.3.5 pytest-timeout
    fi
    cd /src && /opt/py39/bin/python --version && /opt/py39/bin/python -m compileall -q land_supervision scripts tests >/dev/null
    /opt/py39/bin/python -m pytest -q -p no:cacheprovider tests/core" || rc=$?
  results+=("py39 (core, $(chroot "$dir" python3 --version 2>&1)): $([ $rc -eq 0 ] && echo passed || echo "FAILED rc=$rc")")
  return $rc
}

failed=0
for rel in "${releases[@]}"; do run_release "$rel" || failed=1; done
if [ "$py39" = yes ] || [ "$py39" = only ]; then run_py39 || failed=1; fi
echo "matrix summary:"
printf '  %s\n' "${results[@]}"
exit $failed
