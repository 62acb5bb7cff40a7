#!/bin/bash
# Installs spack for module 'spack' (written by hpcc).
set -euo pipefail

install_dir='/opt/cluster/spack'
git_url='https://github.com/spack/spack'
git_ref='v0.21.2'
user='spack'
venv='/usr/local/spack-python'
profile='/etc/profile.d/spack.sh'

if command -v dnf >/dev/null 2>&1; then
    dnf -y -q install python3 python3-pip git
elif command -v apt-get >/dev/null 2>&1; then
    apt-get -q update && DEBIAN_FRONTEND=noninteractive apt-get -y -q install python3 python3-venv git
fi
if [ ! -x "$venv/bin/python3" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --upgrade 'pip>=21.3.1'
fi
"$venv/bin/pip" install --quiet google-cloud-storage

if ! getent passwd "$user" >/dev/null; then
    getent group "$user" >/dev/null || groupadd --system --gid 1104762903 "$user"
    useradd --system --create-home --uid 1104762903 --gid "$user" \
        --comment 'spack installation' "$user"
fi

mkdir -p "$(dirname "$profile")"
printf '%s\n' \
    'export SPACK_PYTHON='\''/usr/local/spack-python/bin/python3'\''' \
    'if [ -f '\''/opt/cluster/spack/share/spack/setup-env.sh'\'' ]; then' \
    '    . '\''/opt/cluster/spack/share/spack/setup-env.sh'\''' \
    'fi' \
    >"$profile"
chmod 644 "$profile"

parent=$(dirname "$install_dir")
mkdir -p "$parent"
lock="$parent/.install_spack_lock"
if mkdir "$lock" 2>/dev/null; then
    touch "$lock/$(hostname)"
    if ! git clone --branch "$git_ref" "$git_url" "$install_dir"; then
        rm -rf "$install_dir"
        git clone "$git_url" "$install_dir"
        git -C "$install_dir" checkout "$git_ref"
    fi
    mkdir -p "$install_dir/etc/spack"
    printf '%s\n' \
        'modules:' \
        '  default:' \
        '    enable:' \
        '    - tcl' \
        '    tcl:' \
        '      hash_length: 0' \
        '      all:' \
        '        autoload: direct' \
        '      projections:' \
        '        all: "{name}/{version}-{compiler.name}-{compiler.version}"' \
        >"$install_dir/etc/spack/modules.yaml"
    chown -R "$user:" "$install_dir"
    runuser -u "$user" -- bash -c \
        'set -euo pipefail
. '\''/etc/profile.d/spack.sh'\''
spack config --scope site add packages:all:permissions:read:world
spack config --scope site add packages:all:permissions:write:group
spack gpg init
spack compiler find --scope site
if ! spack mirror list | grep -q google_binary_cache; then
    spack mirror add --scope site google_binary_cache gs://spack/latest
    spack buildcache keys --install --trust
fi
spack install xz
spack uninstall --yes-to-all xz'
    chmod -R 'g+w' "$install_dir"
    touch "$lock/done"
else
    for _ in $(seq 60); do
        [ -e "$lock/done" ] && break
        sleep 10
    done
    if [ ! -e "$lock/done" ]; then
        echo "timed out waiting for the spack install held by: $(ls "$lock")" >&2
        exit 1
    fi
fi
