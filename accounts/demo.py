"""The demo's accounts: staff get their second factor once every app has seeded its people."""

from accounts import second_factor


def finish(stdout=None) -> None:
    enrolled = second_factor.seed_demo_devices()
    if stdout is not None:
        stdout.write(
            f"Staff accounts ({enrolled}) sign in with a second step: "
            "`manage.py totp <email>` prints the current code."
        )
