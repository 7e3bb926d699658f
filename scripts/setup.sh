#!/usr/bin/env bash
# PlanDesk setup on a fresh Debian 12 / Ubuntu machine: system packages (apt), npm dependencies,
# build, and the bundled demo project. Safe to run again: it skips what is already there.
# Runs apt through sudo when not root.
set -euo pipefail
cd "$(dirname "$0")/.."

# GDAL and PROJ for import/export and the CRS checks, SpatiaLite for project files, GRASS as the
# flood peer, PostgreSQL + PostGIS and QGIS Server (WFS-T, OGC API Features) as the test SDI server, Chromium and Xvfb for the browser
# tests, a compiler for better-sqlite3 (built from source, ~75 s).
SYSTEM_PACKAGES=(
  gdal-bin proj-bin libsqlite3-mod-spatialite spatialite-bin sqlite3 grass-core
  postgresql qgis-server-bin qgis-server-wfs qgis-server-wfs3
  chromium xvfb fonts-noto-core poppler-utils
  build-essential python3 ca-certificates
)

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "setup: need root (or sudo) to install: ${SYSTEM_PACKAGES[*]}" >&2; exit 1
  fi
}

updated=0
# A fresh machine may have no package lists yet: needed to know the PostgreSQL version below.
if ! apt-cache show postgresql >/dev/null 2>&1; then as_root apt-get update -q; updated=1; fi
# PostGIS for the distribution's PostgreSQL major version (postgresql-15-postgis-3 on Debian 12).
pg_major=$(apt-cache depends postgresql 2>/dev/null | sed -n 's/.*Depends: postgresql-\([0-9][0-9]*\)$/\1/p' | head -n 1)
[ -n "$pg_major" ] && SYSTEM_PACKAGES+=("postgresql-${pg_major}-postgis-3")

missing=()
for pkg in "${SYSTEM_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing system packages: ${missing[*]}"
  [ "$updated" -eq 1 ] || as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  log "system packages present"
fi

if ! command -v node >/dev/null; then
  echo "setup: Node.js 20.19+ is required (node not found)" >&2; exit 1
fi
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' || {
  echo "setup: Node.js 20.19+ is required, found $(node --version)" >&2; exit 1; }

# better-sqlite3 has no prebuilt binary reachable here: compile it against the system Node headers.
if [ -f /usr/include/node/node.h ]; then export npm_config_nodedir=/usr; fi
# Electron's binary cannot be downloaded on machines that reach only the npm registry; it is an
# optional dependency, and `npm start` falls back to the system Chromium without it. Set
# PLANDESK_ELECTRON=1 where the download works to get the desktop shell.
[ "${PLANDESK_ELECTRON:-0}" = 1 ] || export ELECTRON_SKIP_BINARY_DOWNLOAD=1
# (A plain `npm install` without the skip drops electron altogether — its download fails — and
# with it the types the shell is checked against: install again then.)
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] \
  || [ ! -f node_modules/electron/package.json ]; then
  log "installing npm dependencies"
  npm ci --no-audit --no-fund
else
  log "npm dependencies present"
fi

log "building"
npm run --silent build

demo=resources/demo/cao-lanh.plandesk.sqlite
if [ ! -f "$demo" ]; then
  log "generating the demo project ($demo)"
  node bin/plandesk.js demo --out "$demo" --scale small --seed 2025
else
  log "demo project present: $demo"
fi
log "done — start PlanDesk with: npm start"
