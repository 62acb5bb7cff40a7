"""The twin's internal DNS on 169.254.169.254:53 (UDP), as Compute Engine's: A records of the
instances (short name, <name>.c.<project>.internal, <name>.<zone>.c.<project>.internal),
metadata.google.internal, and the Google API names the twin serves (at the services address);
PTR records of instance addresses. A name the twin does not know is NXDOMAIN. A known name asked
for another type (AAAA above all) gets an empty NOERROR answer at once, so glibc, which asks A and
AAAA together, neither waits nor concludes the name does not exist.
"""
import socketserver
import struct

A, PTR = 1, 12
NOERROR, FORMERR, NXDOMAIN, NOTIMP = 0, 1, 3, 4
TTL = 30


def parse_question(packet):
    """(id, flags, labels, qtype, end) of a standard query with one question; ValueError if not."""
    if len(packet) < 12:
        raise ValueError("short packet")
    ident, flags, questions = struct.unpack("!HHH", packet[:6])
    if questions != 1:
        raise ValueError("%d questions" % questions)
    labels, at = [], 12
    while True:
        length = packet[at]
        at += 1
        if length == 0:
            break
        if length > 63:
            raise ValueError("compressed or invalid label")
        labels.append(packet[at:at + length].decode("ascii").lower())
        at += length
    qtype, qclass = struct.unpack("!HH", packet[at:at + 4])
    return ident, flags, labels, qtype, qclass, at + 4


def encode_name(name):
    return b"".join(bytes([len(p)]) + p.encode() for p in name.split(".") if p) + b"\0"


class Resolver:
    """Answers from the control plane's live state, so a new instance resolves at once."""

    def __init__(self, config, compute):
        self.config, self.compute = config, compute

    def address(self, name):
        project = self.config["project"]
        fixed = {"metadata.google.internal": self.config["metadata_ip"], "metadata": self.config["metadata_ip"],
                 "secretmanager.googleapis.com": self.config["services_ip"]}
        if name in fixed:
            return fixed[name]
        with self.compute.lock:
            for record in self.compute.instances.values():
                if name in (record["name"], "%s.c.%s.internal" % (record["name"], project), record["fqdn"]):
                    return record["ip"]
        return None

    def pointer(self, name):
        parts = name.split(".")
        if len(parts) != 6 or parts[4:] != ["in-addr", "arpa"]:
            return None
        record = self.compute.by_ip(".".join(reversed(parts[:4])))
        return record["fqdn"] if record else None

    def answer(self, packet):
        try:
            ident, flags, labels, qtype, qclass, end = parse_question(packet)
        except (ValueError, IndexError, struct.error, UnicodeDecodeError):
            return struct.pack("!HHHHHH", struct.unpack("!H", packet[:2])[0] if len(packet) >= 2 else 0,
                               0x8000 | FORMERR, 0, 0, 0, 0)
        question = packet[12:end]
        name = ".".join(labels)
        records = b""
        if (flags >> 11) & 0xF != 0 or qclass != 1:
            code = NOTIMP
        elif self.pointer(name) is not None:
            code = NOERROR
            if qtype == PTR:
                data = encode_name(self.pointer(name))
                records = b"\xc0\x0c" + struct.pack("!HHIH", PTR, 1, TTL, len(data)) + data
        elif self.address(name) is not None:
            code = NOERROR
            if qtype == A:
                data = bytes(int(octet) for octet in self.address(name).split("."))
                records = b"\xc0\x0c" + struct.pack("!HHIH", A, 1, TTL, 4) + data
        else:
            code = NXDOMAIN
        # Response, authoritative, recursion desired copied from the query, recursion available.
        reply_flags = 0x8000 | 0x0400 | (flags & 0x0100) | 0x0080 | code
        return struct.pack("!HHHHHH", ident, reply_flags, 1, 1 if records else 0, 0, 0) + question + records


class DnsHandler(socketserver.BaseRequestHandler):
    def handle(self):
        packet, sock = self.request
        sock.sendto(self.server.resolver.answer(packet), self.client_address)


class DnsServer(socketserver.ThreadingMixIn, socketserver.UDPServer):
    daemon_threads = True

    def __init__(self, address, resolver):
        self.resolver = resolver
        super().__init__((address, 53), DnsHandler)
