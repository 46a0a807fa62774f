from __future__ import annotations

from tracegraph.extract.dates import find_dates, reference_date
from tracegraph.extract.identifiers import cas_valid, find_identifiers, registrable_domain


def _kinds(text: str, regions: list[str] | None = None) -> list[tuple[str, str]]:
    return [(f.kind, f.value) for f in find_identifiers(text, regions)]


def test_money_with_currency_and_magnitude() -> None:
    text = "Trade hit $244.8 billion, or 1.75 trillion yuan; A$ 1.2 billion and €72 billion were pledged."
    money = [(f.value, f.extra["currency"]) for f in find_identifiers(text) if f.kind == "money"]
    assert money == [("244800000000", "USD"), ("1750000000000", "CNY"), ("1200000000", "AUD"), ("72000000000", "EUR")]


def test_percentages() -> None:
    assert ("percent", "20") in _kinds("a 20 per cent tariff")
    assert ("percent", "25") in _kinds("a 25% tariff")


def test_emails_urls_and_registrable_domains() -> None:
    found = _kinds("Write to Sales@Example-Chem.com or see https://shop.example-chem.co.uk/list and acme.com.cn.")
    assert ("email", "sales@example-chem.com") in found
    assert ("url", "https://shop.example-chem.co.uk/list") in found
    assert ("domain", "acme.com.cn") in found
    assert registrable_domain("a.b.example.co.uk") == "example.co.uk"


def test_phones_are_e164_and_use_the_region_of_the_story() -> None:
    assert ("phone", "+862155501234") in _kinds("Call +86 21 5550 1234 today.")
    assert ("phone", "+12025550143") in _kinds("Call (202) 555-0143 today.", ["us"])
    assert not [k for k, _ in _kinds("Call (202) 555-0143 today.") if k == "phone"]


def test_cas_numbers_need_a_valid_check_digit() -> None:
    assert cas_valid("79099-07-3") and not cas_valid("79099-07-4")
    assert ("cas", "79099-07-3") in _kinds("CAS 79099-07-3")
    assert not [k for k, _ in _kinds("CAS 79099-07-4") if k == "cas"]


def test_dates_resolve_against_the_story_date() -> None:
    ref, inferred = reference_date("2025-07-02", "")
    values = [d.value for d in find_dates("On June 20 and in February, and 3 March 2019, in 2018.", ref, inferred)]
    assert values == ["2025-06-20", "2019-03-03", "2025-02", "2018"]


def test_deadlines_and_targets_are_not_event_dates() -> None:
    ref, inferred = reference_date("2025-07-02", "")
    text = "The ministry aims to attract the investment by 2029 and keeps the ban until March."
    assert list(find_dates(text, ref, inferred)) == []


def test_month_day_after_the_story_date_is_last_year() -> None:
    ref, _ = reference_date("2025-01-10", "")
    assert [d.value for d in find_dates("on December 5", ref)] == ["2024-12-05"]


def test_undated_story_takes_its_latest_year_and_says_so() -> None:
    text = "So far in 2025 officials arrested 200 people. On June 20 a list was updated."
    ref, inferred = reference_date(None, text)
    found = {d.text: d for d in find_dates(text, ref, inferred)}
    assert found["June 20"].value == "2025-06-20" and found["June 20"].inferred
