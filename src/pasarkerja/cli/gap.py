"""``pasarkerja gap …``:
skills gaps, training pathways, career paths and regional training needs."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table as RichTable

from pasarkerja.cli.common import DatabaseOption, console, fail, open_database

app = typer.Typer(
    help="Skills gaps, training pathways, career paths and regional training needs.",
    no_args_is_help=True,
)

OBJECTIVES = ("money", "hours", "travel")


def _today(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"--today must be a date like 2025-12-31, got {value!r}")
        raise  # unreachable: fail() exits


@app.command("seeker")
def seeker_gap(
    seeker_id: Annotated[int, typer.Argument(help="The seeker's id")],
    vacancy: Annotated[int | None, typer.Option("--vacancy", help="Gap to this vacancy")] = None,
    occupation: Annotated[
        str | None, typer.Option("--occupation", help="Gap to this occupation's skills (ISCO-08 code)")
    ] = None,
    objective: Annotated[str, typer.Option("--objective", help="money | hours | travel")] = "money",
    today: Annotated[str | None, typer.Option("--today", help="Date start dates are checked against")] = None,
    top: Annotated[int, typer.Option("--top", min=1, max=100, help="Near-miss vacancies considered")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON")] = False,
    database: DatabaseOption = None,
) -> None:
    """A seeker's missing skills (against a vacancy, an occupation, or the top near-miss vacancies), the
    cheapest training pathway and the career paths."""
    from pasarkerja.gap import GapInputError
    from pasarkerja.store import gap_source
    from pasarkerja.store.db import session_factory

    if objective not in OBJECTIVES:
        fail(f"--objective must be one of {', '.join(OBJECTIVES)}, got {objective!r}")
    if vacancy is not None and occupation:
        fail("give --vacancy or --occupation, not both")
    day = _today(today)
    engine = open_database(database)
    try:
        with session_factory(engine)() as session:
            try:
                report = gap_source.seeker_report(
                    session, seeker_id, vacancy_id=vacancy, occupation_code=occupation,
                    objective=objective, today=day, top_n=top,  # type: ignore[arg-type]
                )  # fmt: skip
            except (gap_source.GapSourceError, GapInputError) as exc:
                fail(str(exc))
            body = gap_source.report_dict(session, report)
    finally:
        engine.dispose()
    if as_json:
        console.print_json(json.dumps(body, ensure_ascii=False))
        return
    _print_report(body)


def _print_report(body: dict[str, Any]) -> None:
    target = body["target"]
    what = {"vacancy": f"vacancy {target['id']}", "occupation": f"occupation {target['id']}"}.get(
        target["kind"], f"the top {len(body['targets'])} near-miss vacancies"
    )
    console.print(f"[bold]Seeker {body['seeker_id']}[/] — skills gap to {what}")
    for warning in body["warnings"]:
        console.print(f"[yellow]note:[/] {warning}", soft_wrap=True)
    if body["not_taught"]:
        untaught = body["not_taught"]
        console.print(
            f"[yellow]note:[/] {len(untaught)} missing skill(s) no programme or apprenticeship in the "
            "catalogue teaches: " + ", ".join(untaught[:10]) + (" …" if len(untaught) > 10 else ""),
            soft_wrap=True,
        )
    missing = RichTable(
        "skill", "value", "essential in", "unlocks alone", "taught by", title="Missing skills"
    )
    for m in body["missing"]:
        teachers = [f"P{p['id']} {p['title']}" for p in m["programmes"][:3]]
        teachers += [f"A{a['id']} {a['title']}" for a in m["apprenticeships"][:2]]
        missing.add_row(
            m["label"], f"{m['value']:.2f}", str(m["essential_in"]), str(m["unlocks_alone"]),
            "; ".join(teachers) or "— nothing in the catalogue",
        )  # fmt: skip
    console.print(missing)
    path = body["pathway"]
    method = path["method"] + (" (optimal)" if path["optimal"] and path["method"] == "exact" else "")
    if path["bound"] is not None:
        method += f" (≤ {path['bound']:.2f} × optimum)"
    steps = RichTable("kind", "id", "title", "covers", "cost (Rp)", "JP", "travel", "next start",
                      title=f"Training pathway — objective {path['objective']}, {method}")  # fmt: skip
    for s in path["steps"]:
        steps.add_row(
            s["kind"], s["id"], s["title"], ", ".join(c["label"] for c in s["covers"]),
            "–" if s["cost_rp"] is None else f"{s['cost_rp']:,}",
            "–" if s["hours_jp"] is None else str(s["hours_jp"]),
            "–" if s["travel"] is None else str(s["travel"]), s["next_start"] or "rolling",
        )  # fmt: skip
    console.print(steps)
    totals = (path["total_cost_rp"], path["total_hours_jp"])
    console.print(
        f"total: Rp {'unknown' if totals[0] is None else f'{totals[0]:,}'}, "
        f"{'unknown' if totals[1] is None else totals[1]} JP; "
        f"complete: {'yes' if path['complete'] else 'no'}; "
        f"vacancies unlocked: {', '.join(path['unlocked_vacancy_ids']) or 'none'}"
    )
    for u in path["uncovered"]:
        console.print(f"[yellow]not covered:[/] {u['label']} — {u['reason']}", soft_wrap=True)
    for warning in path["warnings"]:
        console.print(f"[yellow]note:[/] {warning}", soft_wrap=True)
    if path["projected"]:
        projected = RichTable(
            "vacancy", "title", "score before", "score after", "unlocked", title="Projected"
        )
        for p in path["projected"]:
            projected.add_row(
                p["vacancy_id"], p["title"] or "", _score(p["before"]), _score(p["after"]),
                "now" if p["unlocked_before"] else ("after" if p["unlocked_after"] else "no"),
            )  # fmt: skip
        console.print(projected)
    if body["careers"]:
        careers = RichTable("occupation", "title", "adjacency", "local openings", "missing essential",
                            title="Career paths")  # fmt: skip
        for c in body["careers"]:
            careers.add_row(
                c["occupation_code"], c["title"], f"{c['adjacency']:.2f}", str(c["local_openings"]),
                str(len(c["missing_essential"])),
            )  # fmt: skip
        console.print(careers)


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


@app.command("regional")
def regional(
    province: Annotated[str | None, typer.Option("--province", help="2-digit province code")] = None,
    level: Annotated[
        str, typer.Option("--level", help="Rank programmes per province or regency")
    ] = "province",
    top: Annotated[int, typer.Option("--top", min=1, max=200, help="Programmes per region")] = 10,
    out: Annotated[
        Path | None, typer.Option("--out", help="Write FILE.csv (programmes) or FILE.xlsx")
    ] = None,
    database: DatabaseOption = None,
) -> None:
    """Regional training needs: skills in demand vs supply, and the programmes to open or expand."""
    from pasarkerja.gap import GapInputError, write_csv, write_excel
    from pasarkerja.store import gap_source
    from pasarkerja.store.db import session_factory

    if province is not None and (len(province) != 2 or not province.isdigit()):
        fail(f"--province must be a 2-digit province code, got {province!r}")
    if level not in ("province", "regency"):
        fail(f"--level must be province or regency, got {level!r}")
    if out is not None and out.suffix.lower() not in (".csv", ".xlsx"):
        fail(f"--out must end in .csv or .xlsx, got {out.name!r}")
    engine = open_database(database)
    try:
        with session_factory(engine)() as session:
            needs = gap_source.regional_needs(session, province, levels=(level,), top=top)
            names = gap_source.region_names(session)
    finally:
        engine.dispose()
    for warning in needs.warnings:
        console.print(f"[yellow]note:[/] {warning}", soft_wrap=True)
    console.print(
        f"{needs.seekers_counted:,} active seekers and {needs.vacancies_counted:,} open vacancies counted"
        + (f" in province {province}" if province else "")
    )
    table = RichTable("region", "rank", "programme", "title", "action", "capacity", "unmet closed",
                      "expected placements", title="Programmes to open or expand")  # fmt: skip
    for r in needs.programmes.records(limit=200):
        table.add_row(
            f"{r['region_code']} {names.get(r['region_code'], '')}", str(r["rank"]), r["programme_id"],
            r["title"], r["action"], str(r["capacity"]), f"{r['unmet_closed']:.1f}",
            f"{r['expected_placements']:.1f}",
        )  # fmt: skip
    console.print(table)
    if out is not None:
        try:
            if out.suffix.lower() == ".csv":
                write_csv(needs.programmes, out)
            else:
                write_excel(needs.sheets(), out)
        except (GapInputError, OSError) as exc:
            fail(f"cannot write {out}: {exc}")
        console.print(f"written: {out}")


@app.command("refer")
def refer(
    seeker_id: Annotated[int, typer.Argument(help="The seeker's id")],
    programme: Annotated[int | None, typer.Option("--programme", help="Programme id")] = None,
    apprenticeship: Annotated[int | None, typer.Option("--apprenticeship", help="Apprenticeship id")] = None,
    note: Annotated[str | None, typer.Option("--note", help="A note kept with the status")] = None,
    database: DatabaseOption = None,
) -> None:
    """Refer a seeker to a programme or an apprenticeship (status: referred)."""
    from pasarkerja.store import gap_source
    from pasarkerja.store.db import transaction

    engine = open_database(database)
    try:
        with transaction(engine) as session:
            try:
                referral = gap_source.save_referral(
                    session, seeker_id, programme_id=programme, apprenticeship_id=apprenticeship, note=note
                )
            except gap_source.GapSourceError as exc:
                fail(str(exc))
            referral_id = referral.id
    finally:
        engine.dispose()
    console.print(f"referral {referral_id}: seeker {seeker_id} referred")


@app.command("referral-status")
def referral_status(
    referral_id: Annotated[int, typer.Argument(help="The referral's id")],
    status: Annotated[str, typer.Argument(help="enrolled | completed | placed | rejected | withdrawn")],
    note: Annotated[str | None, typer.Option("--note")] = None,
    database: DatabaseOption = None,
) -> None:
    """Move a referral to its next status."""
    from pasarkerja.store import gap_source
    from pasarkerja.store.db import transaction

    engine = open_database(database)
    try:
        with transaction(engine) as session:
            try:
                gap_source.update_referral(session, referral_id, status, note=note)
            except gap_source.GapSourceError as exc:
                fail(str(exc))
    finally:
        engine.dispose()
    console.print(f"referral {referral_id}: {status}")
