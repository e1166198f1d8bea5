"""Real servers on loopback for the email tests: an SMTP server (aiosmtpd) and a small GOV.UK
Notify API (http.server) that checks the JWT the client signs, as Notify does."""

import email
import json
import socket
import threading
import time
import uuid
from email import policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
from aiosmtpd.controller import Controller

from messaging import email_kinds


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- SMTP ---------------------------------------------------------------------------------------


class SmtpHandler:
    """Accepts mail, except addresses in `refuse` (550 at RCPT) and the next `busy` messages
    (451 at DATA: try again later)."""

    def __init__(self):
        self.received = []  # (envelope recipients, parsed message)
        self.refuse = set()
        self.busy = 0
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.busy:
                self.busy -= 1
                return "451 4.3.0 Busy, try again later"
            message = email.message_from_bytes(envelope.content, policy=policy.default)
            self.received.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


class SmtpServer:
    def __init__(self):
        self.handler = SmtpHandler()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def start(self):
        self.controller.start()
        self.running = True
        return self

    def stop(self):
        if getattr(self, "running", False):
            self.controller.stop()
            self.running = False


# --- GOV.UK Notify --------------------------------------------------------------------------------


class FakeNotify(ThreadingHTTPServer):
    """POST /v2/notifications/email, as Notify answers it: 403 unless the bearer token is an
    HS256 JWT signed with the service's secret and issued by its service id (within 30 seconds),
    400 for an unknown template or missing personalisation, 201 with the notification's id.
    `failing` makes it answer 500 (the service is down) without recording anything."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), NotifyHandler)
        self.service_id = str(uuid.uuid4())
        self.secret = str(uuid.uuid4())
        self.templates = {str(uuid.uuid4()): kind for kind in email_kinds.KINDS.values()}
        self.sent = []  # the accepted notifications' JSON bodies
        self.refused = []  # (status, reason)
        self.requests = 0
        self.failing = False
        self.delay = 0.0
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def api_key(self) -> str:
        return f"portal_test-{self.service_id}-{self.secret}"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def template_ids(self) -> dict:
        return {kind.name: template_id for template_id, kind in self.templates.items()}

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.shutdown()
        self.server_close()


class NotifyHandler(BaseHTTPRequestHandler):
    server: FakeNotify

    def log_message(self, format, *args):  # quiet
        pass

    def do_POST(self):
        server = self.server
        with server.lock:
            server.requests += 1
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        if server.delay:
            time.sleep(server.delay)
        if server.failing:
            return self.answer(500, {"errors": [{"error": "Exception", "message": "Down"}]})
        if self.path != "/v2/notifications/email":
            return self.answer(404, {"errors": [{"error": "NotFound", "message": "Not found"}]})
        token = self.headers.get("Authorization", "").removeprefix("Bearer ")
        try:
            claims = jwt.decode(
                token,
                server.secret,
                algorithms=["HS256"],
                issuer=server.service_id,
                options={"require": ["iss", "iat"]},
            )
        except jwt.InvalidTokenError as exc:
            return self.refuse(403, "AuthError", f"Invalid token: {type(exc).__name__}")
        if abs(time.time() - claims["iat"]) > 30:
            return self.refuse(403, "AuthError", "Invalid token: expired")
        kind = server.templates.get(body.get("template_id"))
        if kind is None:
            return self.refuse(400, "BadRequestError", "Template not found")
        missing = set(kind.fields) - set(body.get("personalisation") or {})
        if missing:
            return self.refuse(400, "BadRequestError", f"Missing personalisation: {missing}")
        notification_id = str(uuid.uuid4())
        with server.lock:
            server.sent.append({**body, "id": notification_id})
        subject, text = kind.render(body["personalisation"])
        return self.answer(
            201,
            {
                "id": notification_id,
                "reference": body.get("reference"),
                "content": {"subject": subject, "body": text, "from_email": "portal@notify"},
                "template": {"id": body["template_id"], "version": 1, "uri": "x"},
                "uri": f"{server.url}/v2/notifications/{notification_id}",
            },
        )

    def refuse(self, status, error, message):
        with self.server.lock:
            self.server.refused.append((status, message))
        return self.answer(status, {"errors": [{"error": error, "message": message}]})

    def answer(self, status, payload):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
