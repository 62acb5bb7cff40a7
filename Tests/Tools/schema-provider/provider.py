#!/usr/bin/env python3
"""A schema-only stand-in for a Terraform provider plugin.

Terraform starts this program as if it were the real provider binary. It
serves the provider's schema, read from a JSON file in the format of
`terraform providers schema -json`, over plugin protocol 5 and accepts every
configuration it is asked to validate. That is enough for `terraform validate`
to run Terraform core's own checks (syntax, expressions, functions,
references, types, required and unknown arguments) without the real plugin.

It also plans, applies and destroys, with no cloud behind it: values only the
cloud knows are filled by deterministic rules (lifecycle.py, google_values.py),
so that `terraform apply` renders every expression as it would against Google.
If SCHEMA_PROVIDER_HOOK names an executable, each applied change is also shown
to it: JSON on stdin {"type", "name" (the object's `name` attribute; the
protocol does not tell the resource address), "action": create|update|delete,
"prior", "planned" (unknowns already filled), "config"}, values in Terraform's
state JSON form; it prints the new state object, or null to keep "planned".
A failing hook fails the apply. Import and other RPCs answer UNIMPLEMENTED.

Usage (normally through the wrapper that install.sh writes):
    provider.py SCHEMA_JSON PROVIDER_ADDRESS   serve, when started by terraform
    provider.py --prepare SCHEMA_JSON          compile the gRPC stubs, check the
                                               schema, print "ADDRESS VERSION"
Generated stubs are cached in $SCHEMA_PROVIDER_CACHE
(default ${XDG_CACHE_HOME:-~/.cache}/hpcc-schema-provider).
"""
import base64
import datetime
import hashlib
import importlib.metadata
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import traceback
from concurrent import futures

from changes import Changes, with_computed_marks

HERE = os.path.dirname(os.path.abspath(__file__))
PROTO = os.path.join(HERE, "tfplugin.proto")

# Fixed values of the go-plugin handshake as Terraform configures it.
MAGIC_COOKIE_KEY = "TF_PLUGIN_MAGIC_COOKIE"
MAGIC_COOKIE_VALUE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2"
CORE_PROTOCOL_VERSION = 1  # go-plugin's own version
APP_PROTOCOL_VERSION = 5   # Terraform plugin protocol major version

NESTING_MODES = {"single": 1, "list": 2, "set": 3, "map": 4, "group": 5}
DESCRIPTION_KINDS = {"plain": 0, "markdown": 1}


def load_stubs():
    """Import the protobuf/gRPC modules for tfplugin.proto, generating them
    with grpcio-tools into a cache folder keyed by the proto text and the
    grpcio-tools version when they are not there yet."""
    base = os.environ.get("SCHEMA_PROVIDER_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "hpcc-schema-provider")
    with open(PROTO, "rb") as f:
        key = f.read() + importlib.metadata.version("grpcio-tools").encode()
    folder = os.path.join(base, hashlib.sha256(key).hexdigest()[:16])
    if not os.path.isfile(os.path.join(folder, "tfplugin_pb2_grpc.py")):
        import grpc_tools
        from grpc_tools import protoc
        os.makedirs(base, exist_ok=True)
        scratch = tempfile.mkdtemp(dir=base)
        well_known = os.path.join(os.path.dirname(grpc_tools.__file__), "_proto")
        if protoc.main(["protoc", "-I" + HERE, "-I" + well_known, "--python_out=" + scratch,
                        "--grpc_python_out=" + scratch, PROTO]) != 0:
            sys.exit("schema-provider: protoc failed on " + PROTO)
        try:
            os.rename(scratch, folder)  # atomic: concurrent runs never see half a folder
        except OSError:
            shutil.rmtree(scratch, ignore_errors=True)  # another process was first
    sys.path.insert(0, folder)
    import tfplugin_pb2
    import tfplugin_pb2_grpc
    return tfplugin_pb2, tfplugin_pb2_grpc


def read_schema_file(path, address=None):
    """Return (address, version, schemas of one provider) from the JSON file.
    Without an address the file must hold exactly one provider."""
    with open(path) as f:
        document = json.load(f)
    providers = document["provider_schemas"]
    if address is None:
        if len(providers) != 1:
            sys.exit("schema-provider: %s holds %d providers, expected one" % (path, len(providers)))
        address = next(iter(providers))
    version = document.get("hpcc_extract", {}).get("provider_version", "0.0.1")
    return address, version, providers[address]


def convert_block(pb, block):
    """One JSON schema block -> Schema.Block (recursively for nested blocks)."""
    out = pb.Schema.Block(
        description=block.get("description", ""),
        description_kind=DESCRIPTION_KINDS[block.get("description_kind", "plain")],
        deprecated=block.get("deprecated", False))
    for name, attr in sorted(block.get("attributes", {}).items()):
        if "type" not in attr:  # nested_type attributes exist only in protocol 6
            raise ValueError("attribute %r has no cty type (protocol 6 nested attribute?)" % name)
        out.attributes.add(
            name=name,
            type=json.dumps(attr["type"], separators=(",", ":")).encode(),  # cty type as JSON
            description=attr.get("description", ""),
            description_kind=DESCRIPTION_KINDS[attr.get("description_kind", "plain")],
            required=attr.get("required", False),
            optional=attr.get("optional", False),
            computed=attr.get("computed", False),
            sensitive=attr.get("sensitive", False),
            deprecated=attr.get("deprecated", False),
            write_only=attr.get("write_only", False))
    for name, nested in sorted(block.get("block_types", {}).items()):
        out.block_types.add(
            type_name=name,
            block=convert_block(pb, nested["block"]),
            nesting=NESTING_MODES[nested["nesting_mode"]],
            min_items=nested.get("min_items", 0),
            max_items=nested.get("max_items", 0))
    return out


def schema_response(pb, schemas):
    """The whole GetSchema answer, built once at start-up."""
    def schema(entry):
        return pb.Schema(version=entry.get("version", 0), block=convert_block(pb, entry.get("block", {})))
    response = pb.GetProviderSchema.Response(provider=schema(schemas.get("provider", {})))
    for kind in ("resource_schemas", "data_source_schemas"):
        for name, entry in schemas.get(kind, {}).items():
            getattr(response, kind)[name].CopyFrom(schema(entry))
    # Let Terraform reuse the schema instead of asking every plugin instance again.
    response.server_capabilities.get_provider_schema_optional = True
    return response


def tls_credentials(grpc):
    """go-plugin AutoMTLS: Terraform passes its client certificate (PEM) in
    PLUGIN_CLIENT_CERT and expects the server's self-signed certificate, valid
    for "localhost", base64 DER without padding, at the end of the handshake.
    Returns (server credentials or None for plain TCP, handshake cert text).

    The client is NOT authenticated: Terraform's certificate uses a P-521 key,
    and the BoringSSL inside grpcio does not offer ecdsa_secp521r1_sha512 in its
    TLS 1.3 CertificateRequest, so Go would send no certificate and a server
    that requires one fails the handshake. Terraform still verifies us, and all
    we serve is a public schema, on 127.0.0.1, for the length of one command."""
    if not os.environ.get("PLUGIN_CLIENT_CERT"):
        return None, ""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder()
            .subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(
                digital_signature=True, key_cert_sign=True, content_commitment=False,
                key_encipherment=False, data_encipherment=False, key_agreement=False,
                crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.ExtendedKeyUsage(
                [ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
            .sign(key, hashes.SHA256()))
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    credentials = grpc.ssl_server_credentials([(key_pem, cert.public_bytes(serialization.Encoding.PEM))])
    der = cert.public_bytes(serialization.Encoding.DER)
    return credentials, base64.b64encode(der).decode().rstrip("=")


def serve(schema_path, address):
    if os.environ.get(MAGIC_COOKIE_KEY) != MAGIC_COOKIE_VALUE:
        sys.exit("This program is a Terraform provider plugin; terraform starts it.")
    offered = os.environ.get("PLUGIN_PROTOCOL_VERSIONS", str(APP_PROTOCOL_VERSION)).split(",")
    if str(APP_PROTOCOL_VERSION) not in offered:
        sys.exit("schema-provider: speaks plugin protocol 5 only, terraform offers %s" % offered)

    import grpc
    pb, pb_grpc = load_stubs()
    schemas = with_computed_marks(read_schema_file(schema_path, address)[2])
    schema = schema_response(pb, schemas)
    changes = Changes(schemas)
    done = threading.Event()

    def answering(response_type, work):
        """Run work(); a failure becomes an error diagnostic on the response,
        which Terraform shows and stops on."""
        try:
            return work()
        except Exception as error:  # every failure must reach the user, whatever it is
            diagnostic = pb.Diagnostic(severity=pb.Diagnostic.ERROR, summary="schema-provider: %s" % error,
                                       detail=traceback.format_exc())
            return response_type(diagnostics=[diagnostic])

    def dynamic(data):
        return pb.DynamicValue(msgpack=data)

    class Provider(pb_grpc.ProviderServicer):
        # Every validation passes: only Terraform core's checks are wanted.
        def GetSchema(self, request, context):
            return schema

        def PrepareProviderConfig(self, request, context):
            return pb.PrepareProviderConfig.Response(prepared_config=request.config)

        def ValidateResourceTypeConfig(self, request, context):
            return pb.ValidateResourceTypeConfig.Response()

        def ValidateDataSourceConfig(self, request, context):
            return pb.ValidateDataSourceConfig.Response()

        def Configure(self, request, context):
            response = pb.Configure.Response
            return answering(response, lambda: changes.configure(request.config.msgpack) or response())

        def UpgradeResourceState(self, request, context):
            response = pb.UpgradeResourceState.Response
            return answering(response, lambda: response(upgraded_state=dynamic(
                changes.upgrade(request.type_name, request.raw_state.json))))

        def ReadResource(self, request, context):
            response = pb.ReadResource.Response
            return answering(response, lambda: response(
                new_state=dynamic(changes.read(request.type_name, request.current_state.msgpack)),
                private=request.private))

        def PlanResourceChange(self, request, context):
            response = pb.PlanResourceChange.Response
            def work():
                planned, legacy = changes.plan(
                    request.type_name, request.prior_state.msgpack, request.proposed_new_state.msgpack)
                return response(planned_state=dynamic(planned), planned_private=request.prior_private,
                                legacy_type_system=legacy)
            return answering(response, work)

        def ApplyResourceChange(self, request, context):
            response = pb.ApplyResourceChange.Response
            def work():
                new, legacy = changes.apply(request.type_name, request.prior_state.msgpack,
                                            request.planned_state.msgpack, request.config.msgpack)
                return response(new_state=dynamic(new), private=request.planned_private,
                                legacy_type_system=legacy)
            return answering(response, work)

        def ReadDataSource(self, request, context):
            response = pb.ReadDataSource.Response
            return answering(response, lambda: response(
                state=dynamic(changes.read_data(request.type_name, request.config.msgpack))))

        def Stop(self, request, context):
            return pb.Stop.Response()

    def shutdown(request, context):
        done.set()
        return b""  # google.protobuf.Empty

    # go-plugin's own services, handled as raw bytes so that they need no
    # .proto: the health check (HealthCheckResponse{status: SERVING} encodes as
    # 08 01) and the controller whose Shutdown ends the plugin. GRPCStdio and
    # GRPCBroker stay unimplemented; go-plugin tolerates that.
    raw = grpc.unary_unary_rpc_method_handler
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    pb_grpc.add_ProviderServicer_to_server(Provider(), server)
    server.add_generic_rpc_handlers([
        grpc.method_handlers_generic_handler("grpc.health.v1.Health",
                                             {"Check": raw(lambda request, context: b"\x08\x01")}),
        grpc.method_handlers_generic_handler("plugin.GRPCController", {"Shutdown": raw(shutdown)}),
    ])
    credentials, cert = tls_credentials(grpc)
    if credentials:
        port = server.add_secure_port("127.0.0.1:0", credentials)
    else:
        port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    # Terraform, not a Ctrl-C sent to the whole process group, ends the plugin.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.stdout.write("%d|%d|tcp|127.0.0.1:%d|grpc|%s\n"
                     % (CORE_PROTOCOL_VERSION, APP_PROTOCOL_VERSION, port, cert))
    sys.stdout.flush()

    # Run until Shutdown, or until terraform is gone (we are re-parented).
    parent = os.getppid()
    while not done.wait(0.5) and os.getppid() == parent:
        pass
    server.stop(grace=1).wait()
    os._exit(0)  # skip interpreter teardown of gRPC threads: terraform waits for our exit


def main(argv):
    if len(argv) == 2 and argv[0] == "--prepare":
        pb, _ = load_stubs()
        address, version, schemas = read_schema_file(argv[1])
        schema_response(pb, with_computed_marks(schemas))  # fail now rather than under terraform
        print(address, version)
    elif len(argv) == 2:
        serve(*argv)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
