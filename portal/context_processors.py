from django.conf import settings


def portal(request):
    return {"SERVICE_NAME": settings.WAGTAIL_SITE_NAME}
