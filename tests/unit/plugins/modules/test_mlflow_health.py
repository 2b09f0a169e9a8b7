"""mlflow_health against a real HTTP(S) server on 127.0.0.1 that answers the way MLflow 3.17 does."""

import base64
import http.server
import ssl
import subprocess
import threading
import time

import pytest

from ansible_collections.mlflowops.tracking.plugins.modules import mlflow_health

CREDENTIALS = "Basic " + base64.b64encode(b"admin:admin-password-1").decode()


class FakeMlflow(http.server.BaseHTTPRequestHandler):
    """Behaviour set per test through the server's attributes."""

    def log_message(self, *args):
        pass

    def reply(self, status, body):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        srv = self.server
        srv.requests.append((self.path, self.headers.get("Host"), self.headers.get("Authorization")))
        host = self.headers.get("Host", "").split(":")[0]
        if srv.allowed_hosts and host not in srv.allowed_hosts:
            return self.reply(403, "Invalid Host header - possible DNS rebinding attack detected")
        path = self.path[len(srv.prefix):] if self.path.startswith(srv.prefix) else "/not-found"
        if path == "/health":
            if srv.slow:
                time.sleep(srv.slow)
            if srv.health_failures > 0:
                srv.health_failures -= 1
                return self.reply(503, "starting")
            return self.reply(srv.health_status, "OK")
        if path == "/version":
            if self.headers.get("Authorization") != CREDENTIALS:
                return self.reply(401, "You are not authenticated.")
            return self.reply(200, "3.17.2")
        if path.startswith("/api/2.0/mlflow/experiments/search"):
            if srv.auth_on and self.headers.get("Authorization") != CREDENTIALS:
                return self.reply(401, "You are not authenticated.")
            return self.reply(200, '{"experiments": []}')
        return self.reply(404, "not found")


def start_server(tls_context=None):
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FakeMlflow)
    srv.requests, srv.allowed_hosts, srv.prefix = [], None, ""
    srv.health_status, srv.health_failures, srv.slow, srv.auth_on = 200, 0, 0, True
    if tls_context:
        srv.socket = tls_context.wrap_socket(srv.socket, server_side=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


@pytest.fixture
def server():
    srv = start_server()
    yield srv
    srv.shutdown()


def url(srv, scheme="http"):
    return "%s://127.0.0.1:%d" % (scheme, srv.server_address[1])


def test_healthy_with_version_and_auth_enforced(run_module, server):
    result = run_module(mlflow_health, dict(url=url(server), url_username="admin",
                                            url_password="admin-password-1", check_auth_enforced=True))
    assert not result.failed, result
    assert result["status"] == 200 and result["version"] == "3.17.2"
    assert result["auth_enforced"] is True and result["attempts"] == 1 and result["latency_ms"] >= 0
    assert not result["changed"]
    assert "admin-password-1" not in repr(result)


def test_auth_not_enforced_fails(run_module, server):
    server.auth_on = False
    result = run_module(mlflow_health, dict(url=url(server), check_auth_enforced=True))
    assert result.failed and "authentication is not enforced" in result["msg"] and "returned 200" in result["msg"]


def test_wrong_password_for_version_fails_with_401(run_module, server):
    result = run_module(mlflow_health, dict(url=url(server), url_username="admin", url_password="wrong"))
    assert result.failed and result["status"] == 401 and "/version returned 401" in result["msg"]


def test_invalid_host_header_names_the_setting(run_module, server):
    server.allowed_hosts = {"mlflow.example.com"}
    result = run_module(mlflow_health, dict(url=url(server), host_header="other.example.com"))
    assert result.failed and result["status"] == 403
    assert "Invalid Host header" in result["msg"] and "MLFLOW_SERVER_ALLOWED_HOSTS" in result["msg"]
    ok = run_module(mlflow_health, dict(url=url(server), host_header="mlflow.example.com"))
    assert not ok.failed and server.requests[-1][1] == "mlflow.example.com"


def test_server_error_is_reported_with_body(run_module, server):
    server.health_status = 500
    result = run_module(mlflow_health, dict(url=url(server)))
    assert result.failed and result["status"] == 500
    assert "/health returned 500, expected 200; body: OK" in result["msg"] and url(server) in result["msg"]


def test_retries_until_healthy(run_module, server):
    server.health_failures = 2
    result = run_module(mlflow_health, dict(url=url(server), retries=3, delay=0))
    assert not result.failed and result["attempts"] == 3


def test_retries_run_out(run_module, server):
    server.health_failures = 5
    result = run_module(mlflow_health, dict(url=url(server), retries=1, delay=0))
    assert result.failed and result["attempts"] == 2 and result["status"] == 503
    assert "proxy cannot reach MLflow" in result["msg"]


def test_timeout(run_module, server):
    server.slow = 3
    started = time.monotonic()
    result = run_module(mlflow_health, dict(url=url(server), timeout=1))
    assert result.failed and "timed out" in result["msg"]
    assert time.monotonic() - started < 3


def test_connection_refused_names_the_url(run_module, server):
    port = server.server_address[1]
    server.shutdown()
    server.server_close()
    result = run_module(mlflow_health, dict(url="http://127.0.0.1:%d" % port))
    assert result.failed and "GET http://127.0.0.1:%d/health failed" % port in result["msg"]


def test_static_prefix(run_module, server):
    server.prefix = "/mlflow"
    result = run_module(mlflow_health, dict(url=url(server) + "/", static_prefix="/mlflow/"))
    assert not result.failed and server.requests[-1][0] == "/mlflow/health"


def test_bad_url_is_rejected(run_module):
    result = run_module(mlflow_health, dict(url="127.0.0.1:5000"))
    assert result.failed and "must start with http:// or https://" in result["msg"]


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    """A private CA and a server certificate for 127.0.0.1, made with openssl."""
    d = tmp_path_factory.mktemp("pki")

    def openssl(*args):
        subprocess.run(["openssl"] + list(args), check=True, capture_output=True, cwd=d)

    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
            "-days", "2", "-subj", "/CN=test CA")
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "srv.key", "-out", "srv.csr", "-subj", "/CN=127.0.0.1")
    (d / "ext.cnf").write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\n")
    openssl("x509", "-req", "-in", "srv.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "srv.pem", "-days", "2", "-extfile", "ext.cnf")
    return d


@pytest.fixture
def tls_server(pki):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(str(pki / "srv.pem"), str(pki / "srv.key"))
    srv = start_server(context)
    yield srv
    srv.shutdown()


def test_tls_with_private_ca(run_module, tls_server, pki):
    result = run_module(mlflow_health, dict(url=url(tls_server, "https"), ca_path=str(pki / "ca.pem")))
    assert not result.failed, result


def test_tls_untrusted_certificate_fails(run_module, tls_server):
    result = run_module(mlflow_health, dict(url=url(tls_server, "https")))
    assert result.failed and "CERTIFICATE_VERIFY_FAILED" in result["msg"]


def test_tls_insecure(run_module, tls_server):
    result = run_module(mlflow_health, dict(url=url(tls_server, "https"), validate_certs=False))
    assert not result.failed
