"""Officers' and providers' procurement pages (signed in)."""

from django.urls import path

from procurement import exercise_views as exercises
from procurement import interest_views as interests

app_name = "procurement"
urlpatterns = [
    path("procurement/manage/", exercises.exercise_list, name="exercises"),
    path("procurement/manage/new/", exercises.exercise_new, name="exercise-new"),
    path("procurement/manage/<str:reference>/", exercises.exercise_detail, name="exercise"),
    path(
        "procurement/manage/<str:reference>/do/<slug:name>/",
        exercises.exercise_action,
        name="exercise-action",
    ),
    path("procurement/manage/interests/<int:pk>/assess/", exercises.assess, name="assess"),
    path("procurement/interests/", interests.mine, name="interests"),
    path("procurement/interests/<int:pk>/", interests.detail, name="interest"),
    path("procurement/interests/<int:pk>/withdraw/", interests.withdraw, name="interest-withdraw"),
    path(
        "procurement/interests/<int:pk>/submitted/",
        interests.submitted,
        name="interest-submitted",
    ),
    path("procurement/<str:reference>/interest/", interests.start, name="interest-start"),
]
