"""Absolute addresses for emails (a worker has no request: BASE_URL names the site)."""

from django.conf import settings
from django.urls import reverse

from . import tokens


def absolute(path: str) -> str:
    return settings.BASE_URL.rstrip("/") + path


def confirm_url(subscription) -> str:
    return absolute(reverse("alerts:confirm", args=[tokens.confirm_token(subscription)]))


def unsubscribe_url(subscription) -> str:
    return absolute(reverse("alerts:unsubscribe", args=[tokens.unsubscribe_token(subscription)]))
