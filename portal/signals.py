from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from portal.models import RoleAssignment
from portal.workspaces import sync_groups


@receiver([post_save, post_delete], sender=RoleAssignment)
def role_changed(sender, instance, **kwargs):
    sync_groups(instance.user)
