"""The task worker's side of alerts (django-tasks): the worker schedules the instant run every
few minutes and the daily run once a day (`manage.py send_alerts [--daily]` does the same)."""

from django_tasks import task

from .models import Subscription
from .sending import send_alerts


@task()
def send_instant_alerts() -> dict:
    return dict(send_alerts(Subscription.Frequency.INSTANT))


@task()
def send_daily_alerts() -> dict:
    return dict(send_alerts(Subscription.Frequency.DAILY))
