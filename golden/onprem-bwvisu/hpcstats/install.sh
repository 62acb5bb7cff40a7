#!/bin/sh
# Installs HPCStats' configuration compiled by hpcc from blueprint onprem-bwvisu (deployment bwvis-site).
# Usage: install.sh [ROOT]   (ROOT prefixes every path, for staging; empty for the host itself)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=${1:-}
target="$root"'/etc/hpcstats'

fail() {
  echo "install.sh: $*" >&2
  exit 1
}

# The password in file $1 (under ROOT), refused when HPCStats could not carry it.
password() {
  [ -r "$root$1" ] || fail "cannot read $root$1"
  secret=$(cat "$root$1")
  case $secret in
    '' | *[[:space:]]* | *'%('*) fail "$root$1 must hold one password without blanks or '%('" ;;
  esac
  printf '%s' "$secret"
}

# HPCStats decodes phash as base64, then ROT47, then base64.
phash() {
  secret=$(password "$1") || exit 1
  printf '%s' "$secret" | base64 | tr -d '\n' | tr '!-~' 'P-~!-O' | base64 | tr -d '\n'
}

umask 077
install -d -m 0755 "$target"
install -d -m 0755 "$target"/'bwvis'
install -m 0644 "$here"/'bwvis'/architecture.conf "$target"/'bwvis'/architecture.conf
staged="$target/.hpcstats.conf.$$"
trap 'rm -f "$staged"' EXIT
while IFS= read -r line; do
  case $line in
    *' = {file:'*'}')
      file=${line#*'{file:'}
      value=$(password "${file%'}'}") || exit 1
      printf '%s = %s\n' "${line%% = *}" "$value" ;;
    *' = {phash-of-file:'*'}')
      file=${line#*'{phash-of-file:'}
      value=$(phash "${file%'}'}") || exit 1
      printf '%s = %s\n' "${line%% = *}" "$value" ;;
    *) printf '%s\n' "$line" ;;
  esac
done < "$here"/hpcstats.conf > "$staged"
chmod 0600 "$staged"
mv "$staged" "$target"/hpcstats.conf
trap - EXIT
echo "installed HPCStats configuration in $target"
