from __future__ import annotations

import orjson
import pytest
from click.testing import CliRunner, Result

from tests.graph.network import Network, build
from tracegraph.cli import cli
from tracegraph.settings import Settings
from tracegraph.store import Store


@pytest.fixture
def raw(store: Store) -> Network:
    """The network before resolution."""
    return build(store)


def run(settings: Settings, *args: str) -> Result:
    result = CliRunner().invoke(cli, ["--db", settings.db, *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def lines(result: Result) -> list[dict[str, object]]:
    return [orjson.loads(line) for line in result.output.splitlines() if line.strip()]


def test_resolve_then_show_by_any_member(settings: Settings, raw: Network) -> None:
    out = run(settings, "resolve")
    assert "metonym: 'Washington' stands for the United States government" in out.output
    first = lines(run(settings, "--json", "show", raw.zheng))[0]
    second = lines(run(settings, "--json", "show", raw.zheng2))[0]
    assert first["id"] == second["id"] == min(raw.zheng, raw.zheng2)
    text = run(settings, "show", "Zheng Fujing").output
    assert "--directs--> Qinghe Lanfeng Chemical" in text
    assert '"Zheng Fujing is a director of the company."' in text
    assert "The Coastal Ledger · 2025-03-04" in text


def test_merge_and_split_by_name(settings: Settings, raw: Network) -> None:
    out = lines(run(settings, "--json", "merge", "Harbour Nominees Ltd", raw.lanfeng, "--reason", "same registry"))
    assert out[0]["canonical"] == min(raw.nominees, raw.lanfeng)
    shown = lines(run(settings, "--json", "show", raw.nominees))[0]
    assert sorted(shown["members"]) == sorted([raw.nominees, raw.lanfeng])  # type: ignore[arg-type]
    split = lines(run(settings, "--json", "split", raw.nominees))[0]
    assert sorted(split["split"]) == sorted([raw.nominees, raw.lanfeng])  # type: ignore[arg-type]


def test_merge_refuses_person_with_company(settings: Settings, raw: Network) -> None:
    result = CliRunner().invoke(cli, ["--db", settings.db, "merge", raw.reed, raw.reed_ltd, "--reason", "x"])
    assert result.exit_code != 0
    assert "incompatible" in str(result.exception)


def test_search_neighbors_path_timeline(settings: Settings, raw: Network) -> None:
    run(settings, "resolve")
    hits = lines(run(settings, "--json", "search", "lanfeng chemical"))
    assert hits[0]["caption"] == "Qinghe Lanfeng Chemical Co., Ltd."
    assert "Qinghe Lanfeng" in run(settings, "search", "lanfeng").output
    near = lines(run(settings, "--json", "neighbors", "Qinghe Provincial Prison", "--depth", "2"))[0]
    assert {n["caption"] for n in near["neighbors"]} >= {"Fujing Zheng", "United States government"}  # type: ignore[union-attr]
    text = run(settings, "path", "Harbour Nominees Ltd", "Qinghe Provincial Prison").output
    assert "path 1 (3 hops)" in text
    assert "--shares phone-->" in text and "record demo_list:" in text
    strict = run(settings, "path", "Harbour Nominees Ltd", "Qinghe Provincial Prison", "--no-shared").output
    assert strict.startswith("no path between Harbour Nominees Ltd and Qinghe Provincial Prison")
    listed = run(settings, "resolve", "--list").output
    assert "merge" in listed and "by resolve.match.v1: metonym" in listed
    events = lines(run(settings, "--json", "timeline"))
    assert [e["date"] for e in events] == sorted(e["date"] for e in events)  # type: ignore[type-var]
    assert "2025-06-20  United States government --sanctions--> Qinghe Lanfeng" in run(settings, "timeline").output


def test_show_unknown_entity_is_a_clear_error(settings: Settings, raw: Network) -> None:
    result = CliRunner().invoke(cli, ["--db", settings.db, "show", "Nobody Anywhere Quux"])
    assert result.exit_code != 0
    assert "Nobody Anywhere Quux" in str(result.exception)
