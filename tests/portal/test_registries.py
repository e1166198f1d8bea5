"""What the apps register with the kernel from their AppConfig.ready() (issue 18): the order
matters where one step needs another's result, so it is written out here."""

from portal import registry


def test_each_app_adds_its_urls_in_installed_order():
    assert list(registry.app_urls) == [
        "accounts.urls",
        "messaging.urls",
        "documents.urls",
        "challenges.urls",
        "challenges.register_urls",
        "procurement.urls",
        "procurement.public_urls",
        "agreements.urls",
        "offers.urls",
        "search.urls",
        "alerts.urls",
        "dashboard.urls",
        "opendata.urls",
    ]


def test_the_index_is_rebuilt_after_every_demo_seeder():
    assert list(registry.demo_seeders) == [
        "challenges.demo.seed",
        "procurement.demo.seed",
        "agreements.demo.seed",
        "offers.demo.seed",
        "search.demo.seed",
    ]
    assert list(registry.demo_commands) == [
        ("seed_history", {"if_absent": True, "years": 5, "scale": 0.1}),
        (
            "import_register",
            {"sample": True, "authority": "TRF", "by": "admin.trafford@demo.invalid"},
        ),
    ]


def test_the_digests_go_out_after_the_days_reminders():
    assert list(registry.daily_jobs) == [
        "check_deadlines",
        "agreement_reviews",
        "agreement_approvals",
        "offer_reminders",
        "send_daily_alerts",
        "refresh_dashboard",
        "build_open_data",
        "send_digests",
    ]


def test_the_worker_sweeps_and_how_often():
    assert dict(registry.worker_sweeps) == {
        "messaging.outbox.delivery.deliver_due_task": 60,
        "messaging.events.deliver_pending_task": 60,
        "search.indexing.apply_pending_updates": 60,
        "alerts.tasks.send_instant_alerts": 300,
        "dashboard.refresh.refresh_if_stale": 60,
    }


def test_an_item_added_last_stays_after_later_additions():
    steps = registry.Registry("steps", "for this test")
    steps.add("b", last=True)
    steps.add("a")
    steps.add("a")
    steps.add("c")
    assert list(steps) == ["a", "c", "b"] and len(steps) == 3
