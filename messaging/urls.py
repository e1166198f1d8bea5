from django.urls import path

from . import feedback_views, notification_views, task_views

urlpatterns = [
    path("tasks/", task_views.task_list, name="tasks"),
    path("tasks/notifications/", notification_views.notification_list, name="notifications"),
    path("tasks/notifications/read/", notification_views.mark_read, name="notifications-read"),
    path(
        "account/notifications/",
        notification_views.preferences,
        name="notification-preferences",
    ),
    path(
        "account/follow/<int:content_type_id>/<int:pk>/",
        notification_views.follow,
        name="follow-case",
    ),
    path("feedback/", feedback_views.feedback, name="feedback"),
]
