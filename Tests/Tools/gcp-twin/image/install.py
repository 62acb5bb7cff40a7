#!/usr/bin/env python3
"""Makes an instance's fresh root (an overlay over this machine's /) into the twin image.

    install.py ROOT WORK NAME

Run by instance.sh inside the instance's mount namespace, before it chroots into ROOT. The image
stands in for the slurm-gcp image: Slurm's configuration folder is /usr/local/etc/slurm (slurm-gcp
builds Slurm with that sysconfdir; Debian's binaries read /etc/slurm, so that becomes a link),
systemd, the NFS and Lustre mount helpers and exportfs are the twin's stand-ins, the Slurm units
carry no condition on a local slurm.conf (configless nodes have none). The instance's identity
(host name, /etc/hosts, resolver, the twin CA, /etc/hpcc-twin.conf) comes from WORK/twin.json and
WORK/instances/NAME/instance.json. Nothing of this machine's daemon state (munge key, Slurm state)
is carried over: a new VM has none.
"""
import json
import os
import shutil
import stat
import sys

IMAGE = os.path.dirname(os.path.abspath(__file__))
LIB = "/usr/local/lib/hpcc-twin"
# OS Login-like test user present on every instance.
TEST_USER = ("twinuser", 20001, "/home/twinuser")


def main(root, work, name):
    with open(os.path.join(work, "twin.json")) as f:
        twin = json.load(f)
    with open(os.path.join(work, "instances", name, "instance.json")) as f:
        instance = json.load(f)

    def at(path):
        return os.path.join(root, path.lstrip("/"))

    def write(path, text, mode=0o644):
        if os.path.lexists(at(path)):
            os.remove(at(path))
        with open(at(path), "w") as f:
            f.write(text)
        os.chmod(at(path), mode)

    def link(target, path):
        if os.path.lexists(at(path)):
            if os.path.isdir(at(path)) and not os.path.islink(at(path)):
                shutil.rmtree(at(path))
            else:
                os.remove(at(path))
        os.symlink(target, at(path))

    # The stand-ins. /usr/bin/systemctl too: a script calling it by full path must not reach the
    # machine's systemctl (no systemd runs in an instance).
    os.makedirs(at(LIB), exist_ok=True)
    for program in ("guest-init", "mount-helper", "guestlib.py", "unitfile.py"):
        shutil.copy(os.path.join(IMAGE, program), at(f"{LIB}/{program}"))
    shutil.copy(os.path.join(IMAGE, "systemctl"), at("/usr/local/bin/systemctl"))
    shutil.copy(os.path.join(IMAGE, "exportfs"), at("/usr/local/sbin/exportfs"))
    link("/usr/local/bin/systemctl", "/usr/bin/systemctl")
    for helper in ("mount.nfs", "mount.lustre"):
        link(f"{LIB}/mount-helper", f"/usr/sbin/{helper}")
    # The control plane's gcloud stand-in (beside the image folder), on every instance's PATH.
    gcloud = os.path.join(os.path.dirname(IMAGE), "gcloud")
    if os.path.exists(gcloud):
        shutil.copy(gcloud, at("/usr/local/bin/gcloud"))
    else:
        print(f"install.py: no {gcloud}; this instance has no gcloud", file=sys.stderr)
    for unit in sorted(os.listdir(os.path.join(IMAGE, "units"))):
        shutil.copy(os.path.join(IMAGE, "units", unit), at(f"/lib/systemd/system/{unit}"))

    os.makedirs(at("/usr/local/etc/slurm"), exist_ok=True)
    link("/usr/local/etc/slurm", "/etc/slurm")
    for path in ("/etc/munge/munge.key",):
        if os.path.lexists(at(path)):
            os.remove(at(path))
    for folder in ("/var/lib/slurm/slurmctld", "/var/lib/slurm/slurmd"):
        if os.path.isdir(at(folder)):
            info = os.stat(at(folder))
            shutil.rmtree(at(folder))
            os.mkdir(at(folder), stat.S_IMODE(info.st_mode))
            os.chown(at(folder), info.st_uid, info.st_gid)

    # Identity, as Compute Engine's guest environment sets it.
    project, zone, ip = instance["project"], instance["zone"], instance["ip"]
    fqdn = instance.get("fqdn") or f"{name}.{zone}.c.{project}.internal"
    metadata_ip = twin.get("metadata_ip", "169.254.169.254")
    write("/etc/hostname", instance.get("hostname", name) + "\n")
    write("/etc/hosts", "127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n"
          f"{ip} {fqdn} {name}  # Added by Google\n"
          f"{metadata_ip} metadata.google.internal  # Added by Google\n")
    write("/etc/resolv.conf", f"search {zone}.c.{project}.internal c.{project}.internal google.internal\n"
          f"nameserver {metadata_ip}\n")
    write("/etc/hpcc-twin.conf", f"HPCC_TWIN_INSTANCE={name}\nHPCC_TWIN_IP={ip}\n"
          f"HPCC_TWIN_TIMER_SCALE={twin.get('timer_scale', 1)}\n")
    if twin.get("ca"):
        with open(twin["ca"]) as f:
            ca = f.read()
        with open(at("/etc/ssl/certs/ca-certificates.crt"), "a") as f:
            f.write(ca if ca.endswith("\n") else ca + "\n")

    user, uid, home = TEST_USER
    for path, line in (("/etc/passwd", f"{user}:x:{uid}:{uid}:hpcc twin test user:{home}:/bin/bash"),
                       ("/etc/group", f"{user}:x:{uid}:"),
                       ("/etc/shadow", f"{user}:!:19000:0:99999:7:::")):
        mode = stat.S_IMODE(os.stat(at(path)).st_mode)
        with open(at(path), "a") as f:
            f.write(line + "\n")
        os.chmod(at(path), mode)

    # /var/log is the instance's log folder on the host: the image's log folders (this machine's,
    # with their owners and modes) are made there, so munged and slurmd find theirs.
    for entry in sorted(os.listdir("/var/log")):
        source = os.path.join("/var/log", entry)
        if os.path.isdir(source) and not os.path.islink(source):
            info = os.stat(source)
            os.makedirs(at(f"/var/log/{entry}"), exist_ok=True)
            os.chown(at(f"/var/log/{entry}"), info.st_uid, info.st_gid)
            os.chmod(at(f"/var/log/{entry}"), stat.S_IMODE(info.st_mode))
    os.makedirs(at("/var/log/units"), exist_ok=True)
    os.makedirs(at("/run/lock"), exist_ok=True)
    os.chmod(at("/run/lock"), 0o1777)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: install.py ROOT WORK NAME")
    main(*sys.argv[1:])
