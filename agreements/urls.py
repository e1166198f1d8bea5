from django.urls import re_path

from agreements import public_views

REFERENCE = r"(?P<reference>[A-Z0-9]{2,4}-TA-\d{4}-\d{4})"

app_name = "agreements"
urlpatterns = [
    re_path(r"^agreements/$", public_views.agreement_list, name="list"),
    re_path(rf"^agreements/{REFERENCE}/$", public_views.agreement_detail, name="detail"),
]
