"""Client errors in the log: warnings, without a traceback, and only so many (issue 23).

Django logs a foreign `Host` header (DisallowedHost) and the other SuspiciousOperation errors
(`django.security.*`: too many fields, a tampered session, a bad file name...) at ERROR with the
full traceback: anyone could fill the error log, and hide a real error among theirs. This filter,
on the log handler, makes each such record a WARNING with no traceback, cuts its message to
MAX_MESSAGE characters (the header is the client's text), and passes at most LIMIT records per
logger in each WINDOW seconds; the first record after a window in which some were held back says
how many. Counts are per process.
"""

import logging
import threading
import time

SECURITY_LOGGERS = "django.security"
LIMIT = 10
WINDOW = 60
MAX_MESSAGE = 200


class ClientErrorFilter(logging.Filter):
    def __init__(self, name=""):
        super().__init__(name)
        self.clock = time.monotonic
        self._lock = threading.Lock()
        self._window = None
        self._passed: dict[str, int] = {}
        self._held: dict[str, int] = {}
        self._held_before: dict[str, int] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.name.startswith(SECURITY_LOGGERS):
            return True
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info = record.exc_text = record.stack_info = None
        message = record.getMessage()
        if len(message) > MAX_MESSAGE:
            message = message[:MAX_MESSAGE] + "…"
        with self._lock:
            window = int(self.clock() // WINDOW)
            if window != self._window:
                self._window = window
                self._held_before = {k: n for k, n in self._held.items() if n}
                self._passed, self._held = {}, {}
            passed = self._passed.get(record.name, 0)
            if passed >= LIMIT:
                self._held[record.name] = self._held.get(record.name, 0) + 1
                return False
            self._passed[record.name] = passed + 1
            held = self._held_before.pop(record.name, 0)
        if held:
            message += f" ({held} more like this were not logged in the minute before)"
        record.msg, record.args = message, ()
        return True
