#!/usr/bin/env bash
# Install the schema-only provider into an unpacked Terraform filesystem mirror:
#   MIRROR_DIR/<address>/<version>/<os>_<arch>/terraform-provider-<type>_v<version>
# with address (e.g. registry.terraform.io/hashicorp/google) and version taken
# from the schema JSON (its one provider; version from hpcc_extract.provider_version).
# The installed file is a two-line wrapper that runs provider.py from this
# folder with PYTHON (default: python3 on PATH), which needs grpcio,
# grpcio-tools, cryptography and msgpack. The gRPC stubs are generated now, into
# $SCHEMA_PROVIDER_CACHE (default ${XDG_CACHE_HOME:-~/.cache}/hpcc-schema-provider).
set -euo pipefail

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
    echo "usage: $0 MIRROR_DIR SCHEMA_JSON [PYTHON]" >&2
    exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
mirror=$1
schema=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
python=$(command -v "${3:-python3}") || { echo "$0: no python at ${3:-python3}" >&2; exit 1; }
python=$(cd "$(dirname "$python")" && pwd)/$(basename "$python")  # absolute; keeps a venv's symlink
export SCHEMA_PROVIDER_CACHE=${SCHEMA_PROVIDER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hpcc-schema-provider}

# Generates the stubs, checks that the schema converts, prints "ADDRESS VERSION".
read -r address version < <("$python" "$here/provider.py" --prepare "$schema")
[ -n "${version:-}" ] || { echo "$0: could not read $schema" >&2; exit 1; }

case $(uname -m) in
    x86_64 | amd64) arch=amd64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "$0: unsupported machine $(uname -m)" >&2; exit 1 ;;
esac
os=$(uname -s | tr '[:upper:]' '[:lower:]')
package=$mirror/$address/$version/${os}_$arch
mkdir -p "$package"
executable=$package/terraform-provider-${address##*/}_v$version
{
    echo '#!/usr/bin/env bash'
    printf 'export SCHEMA_PROVIDER_CACHE=%q\n' "$SCHEMA_PROVIDER_CACHE"
    printf 'exec %q %q %q %q\n' "$python" "$here/provider.py" "$schema" "$address"
} >"$executable"
chmod 755 "$executable"
echo "$executable"
