#!/bin/bash
# Slurm REST API on the head node of ParallelCluster cluster 'proj-neuro', compiled by hpcc (module 'cluster').
# ParallelCluster runs it as root (HeadNode.CustomActions in parallelcluster/cluster.yaml):
#   OnNodeStart       keys   the identity provider's public keys where AuthAltParameters names them
#                            (/opt/slurm/etc/jwks.json), before slurmctld starts
#   OnNodeConfigured  start  slurmdbd.conf gets the AuthAlt lines (with accounting), slurmrestd runs
#   OnNodeUpdated     start  again: a cluster update rewrites slurmdbd.conf
# HPCC_SLURM_PREFIX and HPCC_UNIT_DIR move /opt/slurm and /etc/systemd/system, to try it elsewhere.
set -euo pipefail

slurm=${HPCC_SLURM_PREFIX:-/opt/slurm}
units=${HPCC_UNIT_DIR:-/etc/systemd/system}
auth_alt_types=auth/jwt
auth_alt_parameters='jwks=/opt/slurm/etc/jwks.json,userclaimfield=preferred_username'

# Standard input to $1 with mode $2, replacing it in one step.
write_file() {
    mkdir -p "$(dirname "$1")"
    cat >"$1.new"
    chmod "$2" "$1.new"
    mv -f "$1.new" "$1"
}

keys() {
    write_file "$units/jwks-fetch.service" 0644 <<'HPCC_UNIT'
# Fetches the identity provider's public keys (JWKS) for cluster proj-neuro before slurmctld and slurmdbd
# start, compiled by hpcc. Install as /etc/systemd/system/jwks-fetch.service on the controller.
[Unit]
Description=Fetch the JWKS slurmctld checks REST API tokens with
Wants=network-online.target
After=network-online.target
Before=slurmctld.service slurmdbd.service

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/usr/bin/curl --fail --silent --show-error --proto =https --max-time 30 --retry 5 --output /opt/slurm/etc/jwks.json.new https://keycloak.example.org/realms/research/protocol/openid-connect/certs
ExecStart=/bin/chmod 0644 /opt/slurm/etc/jwks.json.new
ExecStart=/bin/mv -f /opt/slurm/etc/jwks.json.new /opt/slurm/etc/jwks.json

[Install]
WantedBy=slurmctld.service slurmdbd.service
HPCC_UNIT
    systemctl daemon-reload
    systemctl enable jwks-fetch.service
    # Fetches now: the head node fails to start when the identity provider cannot be reached.
    systemctl start jwks-fetch.service
}

start() {
    local dbd="$slurm/etc/slurmdbd.conf"
    if [ -f "$dbd" ] && ! grep -q '^AuthAltTypes=' "$dbd"; then
        printf 'AuthAltTypes=%s\nAuthAltParameters=%s\n' "$auth_alt_types" "$auth_alt_parameters" >>"$dbd"
        systemctl try-restart slurmdbd.service
    fi
    write_file "$units/slurmrestd.service" 0644 <<'HPCC_UNIT'
# slurmrestd of cluster proj-neuro, compiled by hpcc: Slurm's REST API for services holding a token of
# the identity provider. Install as /etc/systemd/system/slurmrestd.service on the controller.
[Unit]
Description=Slurm REST API of cluster proj-neuro (JWT)
Documentation=man:slurmrestd(8)
After=network-online.target slurmctld.service
Wants=network-online.target

[Service]
Type=simple
User=slurmrestd
DynamicUser=yes
Environment=SLURM_JWT=daemon
ExecStart=/opt/slurm/sbin/slurmrestd -a rest_auth/jwt %H:6830
Restart=on-failure
NoNewPrivileges=yes
ProtectSystem=strict
ProtectHome=yes
PrivateTmp=yes
PrivateDevices=yes
RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX

[Install]
WantedBy=multi-user.target
HPCC_UNIT
    if [ "$slurm" != /opt/slurm ]; then
        sed -i "s|/opt/slurm/sbin/slurmrestd|$slurm/sbin/slurmrestd|" "$units/slurmrestd.service"
    fi
    systemctl daemon-reload
    systemctl enable slurmrestd.service
    systemctl restart slurmrestd.service
}

case "${1:-}" in
keys) keys ;;
start) start ;;
*)
    echo "usage: $0 keys|start" >&2
    exit 2
    ;;
esac
