"""The embedded demo (`make demo`): the production shape (gunicorn, whitenoise, a worker draining
the database task queue, DEBUG off) on the embedded defaults: SQLite under var/, database search,
local files, console email, and the demo secret key, which production refuses."""

from .base import *  # noqa: F403
from .base import CONFIG, TASK_QUEUES

DEBUG = CONFIG.debug  # off unless DEBUG=true (a developer's own runserver)
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": TASK_QUEUES}}
DEMO_COMMANDS = True  # manage.py totp prints a demo staff account's current code
# The seeded @demo.invalid accounts keep the README's password (accounts/password_change.py).
DEMO_ACCOUNTS_KEEP_PASSWORD = True
