#!/bin/sh
# Installs the Debian packages overleg needs to build and test, and only
# those that are missing.  Uses sudo when not root.  Quiet when all is there.
set -e
need=""
have_pc() { pkg-config --exists "$1" 2>/dev/null; }
command -v pkg-config >/dev/null 2>&1 || need="$need pkg-config"
command -v cc >/dev/null 2>&1 || need="$need gcc make"
have_pc sqlite3       || need="$need libsqlite3-dev"
have_pc libzip        || need="$need libzip-dev"
have_pc libxml-2.0    || need="$need libxml2-dev"
have_pc libmicrohttpd || need="$need libmicrohttpd-dev"
have_pc libsodium     || need="$need libsodium-dev"
have_pc jansson       || need="$need libjansson-dev"
have_pc check         || need="$need check libsubunit-dev"
have_pc zlib          || need="$need zlib1g-dev"
have_pc libcurl       || need="$need libcurl4-openssl-dev"
# libstemmer ships no .pc file: look for its header.
[ -f /usr/include/libstemmer.h ] || need="$need libstemmer-dev"
[ -n "$need" ] || exit 0
echo "overleg: installing Debian packages:$need"
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $need
