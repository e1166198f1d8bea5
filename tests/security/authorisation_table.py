"""The authorisation matrix's expected answers, written out by hand (issue 18): for each address
(URL name), the side of its object and each role, the answer the portal must give to a GET.

Written from what the law and DESIGN.md let each role see, never computed by the portal's own
permission module. The sides: "own" is Trafford's (the officers' authority) or the provider's
organisation's object, "other" Manchester's or Millbrook Parish Council's (the other provider's),
"-" an address without an object. test_authorisation_matrix.py says which objects they are.

Answers: a status code, "in" for a redirect to sign in, "302" for any other redirect (to the page
that follows, or to the file in S3), "ok" (POST only) for a role allowed to act, not posted.
"""

from django.http import HttpResponse

SIGN_IN = "/account/sign-in/"

# The roles, in the order of the table's columns (tests/security/demo_world.py's accounts).
ROLES = [
    "anonymous",  # anon
    "provider",  # prov: admin of Riverside Youth Trust and Greenway Community Transport
    "other_provider",  # oprov: clerk of Millbrook Parish Council
    "officer",  # off: Trafford
    "decision_maker",  # dm: Trafford
    "authority_admin",  # aa: Trafford
    "other_authority_staff",  # oas: a decision maker of Manchester
    "nhs_partner",  # nhs: NHS Greater Manchester ICB, a party to Trafford's agreement
    "site_admin",  # site
]

# Public pages answer everybody alike. Signed-in pages send anonymous to sign in. Casework,
# procurement and agreements: people who are no authority's staff are refused (403); another
# authority's staff do not learn that the case exists (404). A provider's pages: only the body's
# members (404 for others); site admins manage the portal, not bodies' drafts. Readiness answers
# 503 in tests (no worker heartbeat), whoever asks.
GET = """
address                                 side anon prov oprov off dm  aa  oas nhs site
healthz                                 -    200  200  200  200  200 200 200 200 200
readyz                                  -    503  503  503  503  503 503 503 503 503
cookies                                 -    200  200  200  200  200 200 200 200 200
privacy                                 -    200  200  200  200  200 200 200 200 200
accessibility                           -    200  200  200  200  200 200 200 200 200
contact                                 -    200  200  200  200  200 200 200 200 200
feedback                                -    200  200  200  200  200 200 200 200 200
service-status                          -    200  200  200  200  200 200 200 200 200
open-data                               -    200  200  200  200  200 200 200 200 200
account                                 -    in   200  200  200  200 200 200 200 200
register                                -    200  302  302  302  302 302 302 302 302
confirm-email                           -    400  400  400  400  400 400 400 400 400
sign-in                                 -    200  200  200  200  200 200 200 200 200
sign-out                                -    405  405  405  405  405 405 405 405 405
password-change                         -    in   302  302  302  302 302 302 302 302
password-reset                          -    200  200  200  200  200 200 200 200 200
password-reset-confirm                  -    400  400  400  400  400 400 400 400 400
two-factor                              -    in   302  302  302  302 302 302 302 302
two-factor-set-up                       -    in   302  302  302  302 302 302 302 302
account-security                        -    in   404  404  404  404 404 404 404 200
account-security-unlock                 -    in   405  405  405  405 405 405 405 405
organisation-new                        -    in   200  200  200  200 200 200 200 200
organisation-join                       -    in   200  200  200  200 200 200 200 200
organisation                            own  in   200  404  404  404 404 404 404 200
organisation                            other in  404  200  404  404 404 404 404 200
organisation-documents                  own  in   200  404  404  404 404 404 404 200
organisation-documents                  other in  404  200  404  404 404 404 404 200
organisation-document-delete            own  in   405  405  405  405 405 405 405 405
organisation-document-delete            other in  405  405  405  405 405 405 405 405
membership-decide                       own  in   405  405  405  405 405 405 405 405
membership-decide                       other in  405  405  405  405 405 405 405 405
notification-preferences                -    in   200  200  200  200 200 200 200 200
follow-case                             own  in   405  405  405  405 405 405 405 405
follow-case                             other in  405  405  405  405 405 405 405 405
tasks                                   -    in   200  200  200  200 200 200 200 200
notifications                           -    in   200  200  200  200 200 200 200 200
notifications-read                      -    in   405  405  405  405 405 405 405 405
wagtaildocs_serve                       -    404  404  404  404  404 404 404 404 404
wagtaildocs_authenticate_with_password  -    404  404  404  404  404 404 404 404 404
feeds-windows                           -    200  200  200  200  200 200 200 200 200
document-download                       own  in   302  404  302  302 302 404 404 302
document-download                       other in  404  302  404  404 404 302 404 302
search:search                           -    200  200  200  200  200 200 200 200 200
search:suggest                          -    200  200  200  200  200 200 200 200 200
search:feed                             -    200  200  200  200  200 200 200 200 200
challenges:mine                         -    in   200  200  200  200 200 200 200 200
challenges:new                          -    in   200  200  200  200 200 200 200 200
challenges:case                         own  in   200  404  404  404 404 404 404 404
challenges:case                         other in  404  200  404  404 404 404 404 404
challenges:submitted                    own  in   302  404  404  404 404 404 404 404
challenges:submitted                    other in  404  200  404  404 404 404 404 404
challenges:section                      own  in   200  404  404  404 404 404 404 404
challenges:section                      other in  404  302  404  404 404 404 404 404
challenges:partners                     own  in   200  404  404  404 404 404 404 404
challenges:partners                     other in  404  302  404  404 404 404 404 404
challenges:partner-remove               own  in   405  405  405  405 405 405 405 405
challenges:partner-remove               other in  405  405  405  405 405 405 405 405
challenges:document-remove              own  in   405  405  405  405 405 405 405 405
challenges:document-remove              other in  405  405  405  405 405 405 405 405
challenges:check                        own  in   200  404  404  404 404 404 404 404
challenges:check                        other in  404  302  404  404 404 404 404 404
challenges:withdraw                     own  in   200  404  404  404 404 404 404 404
challenges:withdraw                     other in  404  200  404  404 404 404 404 404
challenges:answer                       own  in   302  404  404  404 404 404 404 404
challenges:answer                       other in  404  302  404  404 404 404 404 404
challenges:modification                 own  in   302  404  404  404 404 404 404 404
challenges:modification                 other in  404  200  404  404 404 404 404 404
challenges:casework                     -    in   403  403  200  200 200 200 403 200
challenges:casework-export              -    in   403  403  200  200 200 200 403 200
challenges:casework-case                own  in   403  403  200  200 200 404 403 200
challenges:casework-case                other in  403  403  404  404 404 200 403 200
challenges:casework-clarify             own  in   403  403  200  200 200 404 403 200
challenges:casework-clarify             other in  403  403  404  404 404 200 403 200
challenges:casework-decide              own  in   403  403  200  200 200 404 403 200
challenges:casework-decide              other in  403  403  404  404 404 200 403 200
challenges:casework-decide-check        own  in   403  403  302  302 302 404 403 302
challenges:casework-decide-check        other in  403  403  404  404 404 302 403 302
challenges:casework-modify              own  in   403  403  200  200 200 404 403 200
challenges:casework-modify              other in  403  403  404  404 404 200 403 200
challenges:casework-procurement         own  in   403  403  200  200 200 404 403 200
challenges:casework-procurement         other in  403  403  404  404 404 200 403 200
challenges:casework-close               own  in   403  403  200  200 200 404 403 200
challenges:casework-close               other in  403  403  404  404 404 200 403 200
challenges:casework-recommend           own  in   403  403  200  200 200 404 403 200
challenges:casework-recommend           other in  403  403  404  404 404 200 403 200
challenges:casework-refer-back          own  in   403  403  200  200 200 404 403 200
challenges:casework-refer-back          other in  403  403  404  404 404 200 403 200
challenges:casework-eligibility         own  in   403  403  200  200 200 404 403 200
challenges:casework-eligibility         other in  403  403  404  404 404 200 403 200
challenges:casework-eligibility-check   own  in   405  405  405  405 405 405 405 405
challenges:casework-eligibility-check   other in  405  405  405  405 405 405 405 405
challenges:casework-expected-decision   own  in   403  403  200  200 200 404 403 200
challenges:casework-expected-decision   other in  403  403  404  404 404 200 403 200
challenges:delegation                   -    in   403  403  403  403 200 403 403 200
challenges:delegation-remove            -    in   405  405  405  405 405 405 405 405
challenges:casework-assess              own  in   405  405  405  405 405 405 405 405
challenges:casework-assess              other in  405  405  405  405 405 405 405 405
challenges:casework-agreement           own  in   405  405  405  405 405 405 405 405
challenges:casework-agreement           other in  405  405  405  405 405 405 405 405
decisions:list                          -    200  200  200  200  200 200 200 200 200
decisions:feed                          -    200  200  200  200  200 200 200 200 200
decisions:detail                        own  200  200  200  200  200 200 200 200 200
decisions:detail                        other 200 200  200  200  200 200 200 200 200
procurement:exercises                   -    in   403  403  200  200 200 200 403 200
procurement:exercise-new                -    in   403  403  200  200 200 200 403 200
procurement:exercise                    own  in   403  403  200  200 200 404 403 200
procurement:exercise                    other in  403  403  404  404 404 200 403 200
procurement:exercise-action             own  in   403  403  200  200 200 404 403 200
procurement:exercise-action             other in  403  403  404  404 404 200 403 200
procurement:assess                      own  in   403  403  200  200 200 404 403 200
procurement:assess                      other in  403  403  404  404 404 200 403 200
procurement:interests                   -    in   200  200  200  200 200 200 200 200
procurement:interest                    own  in   200  403  200  200 200 403 403 200
procurement:interest                    other in  403  200  403  403 403 403 403 200
procurement:interest-submitted          own  in   200  403  302  302 302 403 403 302
procurement:interest-submitted          other in  403  200  403  403 403 403 403 302
procurement:interest-withdraw           own  in   200  403  403  403 403 403 403 403
procurement:interest-withdraw           other in  403  200  403  403 403 403 403 403
procurement:interest-start              own  in   405  405  405  405 405 405 405 405
procurement:interest-start              other in  405  405  405  405 405 405 405 405
agreements:manage-list                  -    in   403  403  200  200 200 200 200 200
agreements:manage-new               -    in   403  403  200  200 200 200 403 200
agreements:manage                   own  in   403  403  200  200 200 404 200 200
agreements:manage                   other in  403  403  404  404 404 200 404 200
agreements:manage-terms             own  in   403  403  200  200 200 404 200 200
agreements:manage-terms             other in  403  403  404  404 404 200 404 200
agreements:manage-party             own  in   403  403  200  200 200 404 200 200
agreements:manage-party             other in  403  403  404  404 404 200 404 200
agreements:manage-contribution      own  in   403  403  200  200 200 404 200 200
agreements:manage-contribution      other in  403  403  404  404 404 200 404 200
agreements:manage-staff             own  in   403  403  200  200 200 404 200 200
agreements:manage-staff             other in  403  403  404  404 404 200 404 200
agreements:manage-approve           own  in   403  403  200  200 200 404 200 200
agreements:manage-approve           other in  403  403  404  404 404 200 404 200
agreements:manage-signed-copy       own  in   403  403  200  200 200 404 403 200
agreements:manage-signed-copy       other in  403  403  404  404 404 403 404 403
agreements:manage-action            own  in   403  403  200  200 200 404 200 200
agreements:manage-action            other in  403  403  404  404 404 200 404 200
procurement-public:list                 -    200  200  200  200  200 200 200 200 200
procurement-public:feed                 -    200  200  200  200  200 200 200 200 200
procurement-public:ocds                 own  200  200  200  200  200 200 200 200 200
procurement-public:ocds                 other 200 200  200  200  200 200 200 200 200
procurement-public:exercise             own  200  200  200  200  200 200 200 200 200
procurement-public:exercise             other 200 200  200  200  200 200 200 200 200
agreements:list                         -    200  200  200  200  200 200 200 200 200
agreements:detail                       own  200  200  200  200  200 200 200 200 200
agreements:detail                       other 404 404  404  404  404 404 404 404 404
api-docs                                -    200  200  200  200  200 200 200 200 200
api-v1:api-root                         -    200  200  200  200  200 200 200 200 200
api-v1:openapi-json                     -    200  200  200  200  200 200 200 200 200
api-v1:list_authorities                 -    200  200  200  200  200 200 200 200 200
api-v1:list_services                    -    200  200  200  200  200 200 200 200 200
api-v1:list_decisions                   -    200  200  200  200  200 200 200 200 200
api-v1:list_procurement                 -    200  200  200  200  200 200 200 200 200
api-v1:list_agreements                  -    200  200  200  200  200 200 200 200 200
api-v1:get_authorities                  own  200  200  200  200  200 200 200 200 200
api-v1:get_authorities                  other 200 200  200  200  200 200 200 200 200
api-v1:get_services                     own  200  200  200  200  200 200 200 200 200
api-v1:get_services                     other 200 200  200  200  200 200 200 200 200
api-v1:get_decisions                    own  200  200  200  200  200 200 200 200 200
api-v1:get_decisions                    other 200 200  200  200  200 200 200 200 200
api-v1:get_procurement                  own  200  200  200  200  200 200 200 200 200
api-v1:get_procurement                  other 200 200  200  200  200 200 200 200 200
api-v1:release_package                  own  200  200  200  200  200 200 200 200 200
api-v1:release_package                  other 200 200  200  200  200 200 200 200 200
api-v1:record_package                   own  200  200  200  200  200 200 200 200 200
api-v1:record_package                   other 200 200  200  200  200 200 200 200 200
api-v1:get_agreements                   own  200  200  200  200  200 200 200 200 200
api-v1:get_agreements                   other 404 404  404  404  404 404 404 404 404
api-v1:statistics_england               -    200  200  200  200  200 200 200 200 200
api-v1:statistics_authority             own  200  200  200  200  200 200 200 200 200
api-v1:statistics_authority             other 200 200  200  200  200 200 200 200 200
bulk-data                               -    200  200  200  200  200 200 200 200 200
dashboard:engagement                    -    200  200  200  200  200 200 200 200 200
dashboard:import                        -    in   404  404  404  404 200 404 404 200
offers:list                             -    200  200  200  200  200 200 200 200 200
offers:detail                           own  200  200  200  200  200 200 200 200 200
offers:detail                           other 200 200  200  200  200 200 200 200 200
api-v1:list_offers                      -    200  200  200  200  200 200 200 200 200
api-v1:get_offers                       own  200  200  200  200  200 200 200 200 200
api-v1:get_offers                       other 200 200  200  200  200 200 200 200 200
offers:new                              -    in   200  200  403  403 403 403 403 403
offers:mine                             -    in   200  200  200  200 200 200 200 200
offers:yours                            own  in   404  404  404  404 404 404 404 404
offers:yours                            other in  404  404  404  404 404 404 404 404
offers:withdraw                         own  in   404  404  404  404 404 404 404 404
offers:withdraw                         other in  404  404  404  404 404 404 404 404
offers:manage-list                      -    in   200  200  200  200 200 200 200 200
offers:standards                        -    in   200  200  403  403 200 403 200 200
offers:manage                           own  in   404  404  200  200 200 404 200 200
offers:manage                           other in  404  404  404  404 404 200 404 200
offers:step                             own  in   405  405  405  405 405 405 405 405
offers:step                             other in  405  405  405  405 405 405 405 405
offers:meeting                          own  in   404  404  200  200 200 404 403 200
offers:meeting                          other in  404  404  404  404 404 200 404 200
offers:answer                           own  in   404  404  200  200 200 404 403 200
offers:answer                           other in  404  404  404  404 404 200 404 200
dashboard:england                       -    200  200  200  200  200 200 200 200 200
dashboard:how-we-count                  -    200  200  200  200  200 200 200 200 200
dashboard:league-csv                    -    200  200  200  200  200 200 200 200 200
dashboard:england-csv                   -    200  200  200  200  200 200 200 200 200
dashboard:authority                     own  200  200  200  200  200 200 200 200 200
dashboard:authority                     other 200 200  200  200  200 200 200 200 200
dashboard:authority-csv                 own  200  200  200  200  200 200 200 200 200
dashboard:authority-csv                 other 200 200  200  200  200 200 200 200 200
open-data-file                          -    404  404  404  404  404 404 404 404 404
alerts:search                           -    200  200  200  200  200 200 200 200 200
alerts:window                           own  200  200  200  200  200 200 200 200 200
alerts:window                           other 200 200  200  200  200 200 200 200 200
alerts:confirm                          -    400  400  400  400  400 400 400 400 400
alerts:unsubscribe                      -    400  400  400  400  400 400 400 400 400
wagtailcore_authenticate_with_password  -    404  404  404  404  404 404 404 404 404
wagtailcore_login                       -    200  200  200  200  200 200 200 200 200
wagtail_serve                           own  200  200  200  200  200 200 200 200 200
wagtail_serve                           other 200 200  200  200  200 200 200 200 200
"""

# The workflow's POSTs to the other side's object ("name/action" for one address per action):
# everyone but its own authority's staff (or its body's members) and site admins is refused,
# and nothing changes.
POST = """
address                                 side anon prov oprov off dm  aa  oas nhs site
challenges:casework-assess              other in  403  403  404  404 404 ok  403 ok
challenges:casework-clarify             other in  403  403  404  404 404 ok  403 ok
challenges:casework-expected-decision   other in  403  403  404  404 404 ok  403 ok
challenges:casework-decide              other in  403  403  404  404 404 ok  403 ok
challenges:casework-modify              other in  403  403  404  404 404 ok  403 ok
challenges:casework-agreement           other in  403  403  404  404 404 ok  403 ok
challenges:casework-procurement         other in  403  403  404  404 404 ok  403 ok
challenges:casework-close               other in  403  403  404  404 404 ok  403 ok
challenges:casework-recommend           other in  403  403  404  404 404 ok  403 ok
challenges:casework-refer-back          other in  403  403  404  404 404 ok  403 ok
challenges:casework-eligibility         other in  403  403  404  404 404 ok  403 ok
challenges:casework-eligibility-check   other in  403  403  404  404 404 ok  403 ok
challenges:withdraw                     other in  404  ok   404  404 404 404 404 404
challenges:check                        other in  404  ok   404  404 404 404 404 404
procurement:exercise-action/begin_market_engagement other in 403 403 404 404 404 ok 403 ok
procurement:exercise-action/open_tender other in  403  403  404  404 404 ok  403 ok
procurement:exercise-action/close_tender other in 403  403  404  404 404 ok  403 ok
procurement:assess                      other in  403  403  404  404 404 ok  403 ok
procurement:interest-withdraw           other in  403  ok   403  403 403 403 403 403
agreements:manage-terms             other in  403  403  404  404 404 ok  404 ok
agreements:manage-party             other in  403  403  404  404 404 ok  404 ok
agreements:manage-contribution      other in  403  403  404  404 404 ok  404 ok
agreements:manage-staff             other in  403  403  404  404 404 ok  404 ok
agreements:manage-approve           other in  403  403  404  404 404 ok  404 ok
agreements:manage-action/start_consultation other in 403 403 404 404 404 ok 404 ok
agreements:manage-action/seek_approval other in 403 403  404  404 404 ok  404 ok
"""

# (role, address, side) → why the portal's answer differs from the table's. Each is reported to
# the lead and checked by test_known_disagreements (xfail, strict) until it is mended.
DISAGREEMENTS = {
    ("provider", "challenges:answer", "own"): (
        "the page to answer a request for clarification offers its form for a draft, where no "
        "clarification was requested (the draft-only pages send the body back to its case)"
    ),
    ("other_provider", "challenges:answer", "other"): (
        "the page to answer a request for clarification offers its form while a modification "
        "is proposed, where no clarification was requested"
    ),
    ("provider", "challenges:modification", "own"): (
        "the page to answer a proposed modification offers its form for a draft, where no "
        "modification was proposed"
    ),
}


def parse(table: str) -> dict[tuple[str, str], list[str]]:
    """(address, side) → the answers, one per role in ROLES' order."""
    rows = {}
    for line in table.strip().splitlines()[1:]:
        name, side, *answers = line.split()
        assert len(answers) == len(ROLES), line
        assert (name, side) not in rows, f"two rows for {name} {side}"
        rows[name, side] = answers
    return rows


def answer_code(response: HttpResponse) -> str:
    """A response as the table writes it."""
    if response.status_code == 302:
        return "in" if response["Location"].startswith(SIGN_IN) else "302"
    return str(response.status_code)
