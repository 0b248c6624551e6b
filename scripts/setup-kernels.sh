#!/usr/bin/env bash
# Unpack Debian's kernel source tarballs (packages linux-source-6.12 and linux-source-6.1) into .cache/kernels/,
# where the real-tree tests, the benchmark and the bundled scans read them. Idempotent: a tree already unpacked
# is kept. Installs the packages first when run as root and they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=.cache/kernels
mkdir -p "$dest"
for v in 6.12 6.1; do
  tarball=/usr/src/linux-source-$v.tar.xz
  if [ ! -f "$tarball" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "linux-source-$v" >/dev/null
  fi
  if [ ! -f "$tarball" ]; then
    echo "setup-kernels: $tarball is absent (apt-get install linux-source-$v); real-tree tests will skip" >&2
    continue
  fi
  if [ -f "$dest/linux-source-$v/Makefile" ]; then continue; fi
  echo "setup-kernels: unpacking $tarball" >&2
  tar -xJf "$tarball" -C "$dest"
done
