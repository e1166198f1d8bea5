from django.urls import path

from . import casework_views as casework
from . import provider_views as provider

app_name = "challenges"
urlpatterns = [
    path("challenges/", provider.mine, name="mine"),
    path("challenges/new/", provider.new, name="new"),
    path("challenges/<int:pk>/", provider.case, name="case"),
    path("challenges/<int:pk>/sections/<slug:slug>/", provider.section, name="section"),
    path("challenges/<int:pk>/partners/", provider.partners, name="partners"),
    path(
        "challenges/<int:pk>/partners/<int:partner_pk>/remove/",
        provider.partner_remove,
        name="partner-remove",
    ),
    path(
        "challenges/<int:pk>/documents/<uuid:document_pk>/remove/",
        provider.document_remove,
        name="document-remove",
    ),
    path("challenges/<int:pk>/check/", provider.check, name="check"),
    path("challenges/<int:pk>/submitted/", provider.submitted, name="submitted"),
    path("challenges/<int:pk>/withdraw/", provider.withdraw, name="withdraw"),
    path("challenges/<int:pk>/answer/", provider.answer, name="answer"),
    path("challenges/<int:pk>/modification/", provider.modification, name="modification"),
    path("casework/", casework.queue, name="casework"),
    path("casework/export/", casework.export, name="casework-export"),
    path("casework/<int:pk>/", casework.case, name="casework-case"),
    path("casework/<int:pk>/assess/", casework.start_assessment, name="casework-assess"),
    path("casework/<int:pk>/clarify/", casework.clarify, name="casework-clarify"),
    path("casework/<int:pk>/decide/", casework.decide, name="casework-decide"),
    path("casework/<int:pk>/decide/check/", casework.decide_check, name="casework-decide-check"),
    path("casework/<int:pk>/modify/", casework.modify, name="casework-modify"),
    path("casework/<int:pk>/recommend/", casework.recommend, name="casework-recommend"),
    path("casework/<int:pk>/refer-back/", casework.refer_back, name="casework-refer-back"),
    path(
        "casework/<int:pk>/eligibility/",
        casework.eligibility_confirm,
        name="casework-eligibility",
    ),
    path(
        "casework/<int:pk>/eligibility/check/",
        casework.eligibility_check,
        name="casework-eligibility-check",
    ),
    path("casework/delegation/", casework.delegation, name="delegation"),
    path(
        "casework/delegation/<int:pk>/remove/",
        casework.delegation_remove,
        name="delegation-remove",
    ),
    path("casework/<int:pk>/agreement/", casework.agreement, name="casework-agreement"),
    path("casework/<int:pk>/procurement/", casework.procurement, name="casework-procurement"),
    path("casework/<int:pk>/close/", casework.close, name="casework-close"),
    path(
        "casework/<int:pk>/expected-decision/",
        casework.expected_decision,
        name="casework-expected-decision",
    ),
]
