"""The accounts app has no models: this data migration changes django-otp's.

Recovery codes stored before issue 23 were the codes themselves: store their digests instead
(accounts.second_factor.recovery_digest). A digest is 16 hex characters; a code is 8 base32."""

import re

from django.db import migrations

CODE = re.compile(r"[a-z2-7]{8}")


def hash_stored_codes(apps, schema_editor):
    from accounts.second_factor import recovery_digest

    StaticToken = apps.get_model("otp_static", "StaticToken")
    for token in StaticToken.objects.all().iterator():
        if CODE.fullmatch(token.token):
            token.token = recovery_digest(token.token)
            token.save(update_fields=["token"])


class Migration(migrations.Migration):
    dependencies = [("otp_static", "0003_add_timestamps")]
    operations = [migrations.RunPython(hash_stored_codes, migrations.RunPython.noop)]
