#!/bin/bash
# A stand-in for an organisation's identity provider in the slurmrestd test: an RSA key, the JWKS
# that publishes its public half, and RS256 tokens signed with it. openssl signs; python3 (standard
# library only) writes base64url and JSON. Private keys stay in files (mode 0600); nothing here
# prints a private key, and a token only goes to stdout of `token`, for the caller to keep.
#
#   jwt-test-issuer.sh key KEY_FILE                      a new 2048-bit RSA key
#   jwt-test-issuer.sh jwks KEY_FILE KID                 {"keys":[{kty,kid,use,alg,n,e}]} on one line
#   jwt-test-issuer.sh token KEY_FILE KID USER LIFETIME  a token for USER (claim `sun`, as Slurm 22.05
#                                                        reads it) expiring LIFETIME seconds from now
#                                                        (negative: already expired)
set -euo pipefail
command=${1:?usage: jwt-test-issuer.sh key|jwks|token KEY_FILE ...}
key=${2:?usage}
for tool in openssl python3; do
    command -v "$tool" >/dev/null || { echo "jwt-test-issuer: $tool is not installed" >&2; exit 3; }
done

b64url() { python3 -c 'import base64,sys; print(base64.urlsafe_b64encode(sys.stdin.buffer.read()).rstrip(b"=").decode())'; }

case $command in
key)
    (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$key" 2>/dev/null)
    ;;
jwks)
    kid=${3:?usage: jwt-test-issuer.sh jwks KEY_FILE KID}
    modulus=$(openssl rsa -in "$key" -noout -modulus 2>/dev/null | sed 's/^Modulus=//')
    python3 - "$modulus" "$kid" <<'EOF'
import base64, json, sys
modulus, kid = int(sys.argv[1], 16), sys.argv[2]
def b64(number):
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
print(json.dumps({"keys": [{"kty": "RSA", "kid": kid, "use": "sig", "alg": "RS256", "n": b64(modulus), "e": b64(65537)}]},
                 separators=(",", ":")))
EOF
    ;;
token)
    kid=${3:?usage: jwt-test-issuer.sh token KEY_FILE KID USER LIFETIME}
    user=${4:?usage}
    lifetime=${5:?usage}
    now=$(date +%s)
    header=$(printf '{"alg":"RS256","typ":"JWT","kid":"%s"}' "$kid" | b64url)
    payload=$(printf '{"iat":%d,"exp":%d,"sun":"%s"}' "$now" $((now + lifetime)) "$user" | b64url)
    signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$key" -binary | b64url)
    printf '%s.%s.%s\n' "$header" "$payload" "$signature"
    ;;
*)
    echo "jwt-test-issuer: unknown command $command" >&2
    exit 2
    ;;
esac
