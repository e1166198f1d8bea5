from django.contrib.auth.backends import ModelBackend

from portal.models import User


class EmailBackend(ModelBackend):
    """Sign in with the email address (case-insensitive); Wagtail's admin login works the same."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        email = (kwargs.get("email") or username or "").strip()
        if not email or password is None:
            return None
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            User().set_password(password)  # same time either way: do not reveal which emails exist
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
