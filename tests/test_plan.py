"""dossier plan: the timeline from the procedure data, the working-day calendar, the .ics file."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import icalendar
import pytest
import yaml
from conftest import minimal, run_cli, write_yaml

from dossier.ics import fold
from dossier.model import Dossier
from dossier.plan import load_procedure, make_plan
from dossier.workdays import Calendar


def _product(tmp_path: Path, **meeting) -> Path:
    data = minimal()
    data["document_date"] = "2026-03-02"
    data["product"]["code"] = "TST-9"
    data["meeting"].update({"type": "II", "application_date": "2026-03-02", **meeting})
    return write_yaml(tmp_path / "product.yaml", data)


def _plan(tmp_path: Path, **meeting):
    path = _product(tmp_path, **meeting)
    import yaml

    d = Dossier.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    procedure, calendar = load_procedure()
    return make_plan(d, procedure, calendar)


def test_deadlines_follow_the_procedure_data(tmp_path: Path) -> None:
    p = _plan(tmp_path, candidate_dates=["2026-04-20"])
    dates = {e.id: e.date for e in p.events}
    assert dates["application"] == dt.date(2026, 3, 2)
    assert dates["first-check"] == dt.date(2026, 3, 5)
    assert dates["scheduling-deadline"] == dt.date(2026, 5, 1)  # 60 days, type II
    assert dates["notice"] == dt.date(2026, 3, 10)
    assert dates["meeting"] == dt.date(2026, 4, 20)
    assert dates["materials-due"] == dt.date(2026, 3, 2)  # with the application
    assert dates["minutes-follow-up"] == dt.date(2026, 5, 20)


@pytest.mark.parametrize(("kind", "days"), [("I", 30), ("III", 75)])
def test_meeting_type_sets_the_scheduling_limit(tmp_path: Path, kind: str, days: int) -> None:
    p = _plan(tmp_path, type=kind)
    limit = p.event("scheduling-deadline")
    assert limit is not None and limit.date == dt.date(2026, 3, 2) + dt.timedelta(days=days)


def test_working_days_skip_holidays_and_count_make_up_days() -> None:
    procedure, calendar = load_procedure()
    assert not calendar.is_working(dt.date(2026, 2, 16))  # Spring Festival
    assert calendar.is_working(dt.date(2026, 2, 14))  # a Saturday worked (调休)
    assert not calendar.is_working(dt.date(2025, 10, 8))
    assert calendar.is_working(dt.date(2025, 9, 28))  # a Sunday worked
    # 10 working days before 2026-02-27 run back over the Spring Festival week
    assert calendar.add(dt.date(2026, 2, 27), -10, "working") == dt.date(2026, 2, 6)


def test_internal_review_warning_when_materials_are_too_close(tmp_path: Path) -> None:
    p = _plan(tmp_path, materials_date="2026-03-06")
    assert any("internal review needs 10" in en for _, en in p.warnings)
    p = _plan(tmp_path, materials_date="2026-04-01")
    assert not any("internal review" in en for _, en in p.warnings)


def test_years_without_holiday_data_warn_and_say_how_to_update(tmp_path: Path) -> None:
    p = _plan(tmp_path, application_date="2027-03-01", candidate_dates=["2027-04-01"])
    assert any("No holiday data for 2027" in en for _, en in p.warnings)
    assert any("holidays-cn.yaml" in en for _, en in p.notes)


def test_ics_parses_back_with_stable_uids_and_crlf(tmp_path: Path) -> None:
    product = _product(tmp_path, candidate_dates=["2026-04-20"], materials_date="2026-03-02")
    ics = tmp_path / "plan.ics"
    result = run_cli("plan", str(product), "-o", str(ics))
    assert result.returncode == 0, result.stderr
    data = ics.read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    cal = icalendar.Calendar.from_ical(data)
    events = {str(e["CATEGORIES"].cats[0]): e for e in cal.walk("VEVENT")}
    assert {"application", "materials-due", "meeting", "minutes-follow-up"} <= set(events)
    assert events["meeting"].decoded("DTSTART") == dt.date(2026, 4, 20)
    assert events["application"].decoded("DTSTAMP") == dt.datetime(2026, 3, 2, tzinfo=dt.timezone.utc)
    uids = {e["UID"] for e in cal.walk("VEVENT")}
    assert len(uids) == len(events)
    # a later version of the plan: same UIDs, so a calendar updates instead of duplicating
    again = run_cli("plan", str(product), "-o", str(ics), "--force", "--review-days", "3")
    assert again.returncode == 0, again.stderr
    assert {e["UID"] for e in icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")} == uids
    first_sequence = events["meeting"]["SEQUENCE"]
    later = yaml.safe_load(product.read_text(encoding="utf-8"))
    later["document_date"] = "2026-03-20"
    write_yaml(product, later)
    assert run_cli("plan", str(product), "-o", str(ics), "--force").returncode == 0
    newer = {
        str(e["CATEGORIES"].cats[0]): e for e in icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    }
    assert newer["meeting"]["UID"] == events["meeting"]["UID"]
    assert newer["meeting"]["SEQUENCE"] > first_sequence
    refused = run_cli("plan", str(product), "-o", str(ics))
    assert refused.returncode == 2


def test_fold_never_splits_a_character() -> None:
    line = "SUMMARY:" + "会议资料提交截止" * 20
    folded = fold(line).encode("utf-8")
    for piece in folded.split(b"\r\n"):
        assert len(piece) <= 75
        piece.decode("utf-8")
    assert fold(line).replace("\r\n ", "") == line


def test_plan_json_and_bad_input(tmp_path: Path) -> None:
    product = _product(tmp_path)
    result = run_cli("plan", str(product), "--format", "json")
    assert result.returncode == 0
    events = json.loads(result.stdout)["events"]
    assert [e["date"] for e in events] == sorted(e["date"] for e in events)
    assert "application" in {e["id"] for e in events}
    data = minimal()
    no_date = write_yaml(tmp_path / "nodate.yaml", data)
    result = run_cli("plan", str(no_date))
    assert result.returncode == 2 and "application_date" in result.stderr
    assert run_cli("plan", str(product), "--today", "2026-13-01").returncode == 2


def test_a_company_procedure_file_changes_the_counts(tmp_path: Path) -> None:
    from dossier.plan import default_procedure

    text = (
        default_procedure()
        .read_text(encoding="utf-8")
        .replace("{I: 30, II: 60, III: 75}", "{I: 20, II: 40, III: 50}")
    )
    company = tmp_path / "procedure.yaml"
    company.write_text(
        text.replace(
            "holidays: holidays-cn.yaml", f"holidays: {default_procedure().parent / 'holidays-cn.yaml'}"
        ),
        encoding="utf-8",
    )
    result = run_cli("plan", str(_product(tmp_path)), "--procedure", str(company), "--format", "json")
    assert result.returncode == 0, result.stderr
    events = {e["id"]: e["date"] for e in json.loads(result.stdout)["events"]}
    assert events["scheduling-deadline"] == "2026-04-11"
    company.write_text(text + "\nunknown_key: 1\n", encoding="utf-8")
    assert run_cli("plan", str(_product(tmp_path)), "--procedure", str(company)).returncode == 2


def test_calendar_without_data_counts_weekdays() -> None:
    cal = Calendar()
    assert cal.working_days_between(dt.date(2027, 1, 1), dt.date(2027, 1, 8)) == 5
