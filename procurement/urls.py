"""Officers', providers' and NHS partners' pages (signed in)."""

from django.urls import path

from agreements import views as agreements
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
    path("agreements/manage/", agreements.agreement_list, name="agreements"),
    path("agreements/manage/new/", agreements.agreement_new, name="agreement-new"),
    path("agreements/manage/<str:reference>/", agreements.agreement_detail, name="agreement"),
    path("agreements/manage/<str:reference>/terms/", agreements.edit_terms, name="agreement-terms"),
    path(
        "agreements/manage/<str:reference>/parties/", agreements.add_party, name="agreement-party"
    ),
    path(
        "agreements/manage/<str:reference>/contributions/",
        agreements.add_contribution,
        name="agreement-contribution",
    ),
    path("agreements/manage/<str:reference>/staff/", agreements.add_staff, name="agreement-staff"),
    path(
        "agreements/manage/<str:reference>/approve/", agreements.approve, name="agreement-approve"
    ),
    path(
        "agreements/manage/<str:reference>/signed-copy/",
        agreements.signed_copy,
        name="agreement-signed-copy",
    ),
    path(
        "agreements/manage/<str:reference>/do/<slug:name>/",
        agreements.agreement_action,
        name="agreement-action",
    ),
]
