"""Server-rendered skills-gap, training-pathway and regional training-needs pages.

* ``/kesenjangan/{seeker_id}`` — "Kesenjangan keterampilan": the seeker's missing skills, the cheapest
  training pathway with the projected scores, career paths and training referrals. The seeker themself,
  counsellors and admins; counsellors and admins refer (CSRF-protected forms).
* ``/kebutuhan-pelatihan`` — "Kebutuhan pelatihan daerah" for BLK planners (counsellors, analysts, admins):
  skills in demand against supply, programmes to open or expand, a bar chart, CSV and Excel downloads.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from pasarkerja.api.deps import (
    SEEKER_LIST_ROLES,
    CurrentUser,
    check_csrf,
    get_cipher,
    get_db,
    require_roles,
    seeker_names,
)
from pasarkerja.api.gap import PLANNER_ROLES, check_seeker_access
from pasarkerja.gap import GapInputError, Table, write_csv, write_excel
from pasarkerja.store import gap_source
from pasarkerja.store.models import ROLES
from pasarkerja.web.pages import current_language, render

router = APIRouter()

Db = Annotated[Session, Depends(get_db)]
AnyUser = Annotated[CurrentUser, Depends(require_roles(*ROLES))]
Counsellor = Annotated[CurrentUser, Depends(require_roles(*SEEKER_LIST_ROLES))]
Planner = Annotated[CurrentUser, Depends(require_roles(*PLANNER_ROLES))]
Objective = Literal["money", "hours", "travel"]
ProvinceCode = Annotated[str | None, Query(pattern=r"^(\d{2})?$")]
CHART_SKILLS = 15
TABLE_ROWS = 100


def _optional_int(value: str | None, name: str) -> int | None:
    if value is None or value.strip() == "":
        return None
    if not value.strip().isdigit():
        raise HTTPException(status_code=400, detail=f"{name} must be a whole number, got {value!r}")
    return int(value)


# ------------------------------------------------------------------------------ seeker's gap page


@router.get("/kesenjangan", response_model=None)
def gap_start(request: Request, user: AnyUser, seeker: Annotated[str | None, Query()] = None) -> Response:
    """A seeker goes to their own page; a counsellor picks a seeker by id."""
    if user.role == "seeker" and user.seeker_id is not None:
        return RedirectResponse(f"/kesenjangan/{user.seeker_id}", status_code=303)
    chosen = _optional_int(seeker, "seeker")
    if chosen is not None:
        return RedirectResponse(f"/kesenjangan/{chosen}", status_code=303)
    if user.role not in SEEKER_LIST_ROLES:
        check_seeker_access(user, -1)  # raises Forbidden with the roles allowed
    return render(request, "gap_start.html", {}, user=user)


def _referral_options(report: gap_source.SeekerGapReport) -> list[dict[str, str]]:
    """Pathway steps first, then every active option teaching a missing skill (what a counsellor picks)."""
    programmes = {p.id: p for p in report.catalogue.programmes if p.is_active}
    apprenticeships = {a.id: a for a in report.catalogue.apprenticeships}
    seen: set[str] = set()
    options: list[dict[str, str]] = []

    def add(kind: str, option_id: str, title: str, in_pathway: bool) -> None:
        value = f"{kind}:{option_id}"
        if value in seen:
            return
        seen.add(value)
        options.append({"value": value, "kind": kind, "title": title, "pathway": "1" if in_pathway else ""})

    for step in report.pathway.steps:
        add(step.kind, step.id, step.title, True)
    for missing in report.skill_gap.missing:
        for pid in missing.programme_ids:
            if pid in programmes:
                add("programme", pid, programmes[pid].title, False)
        for aid in missing.apprenticeship_ids:
            add("apprenticeship", aid, apprenticeships[aid].title, False)
    return options[:40]


def _gap_page(
    request: Request,
    db: Session,
    user: CurrentUser,
    seeker_id: int,
    *,
    vacancy: int | None,
    occupation: str | None,
    objective: Objective,
    today: dt.date | None,
    message: str | None = None,
    error: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    language = current_language(request)
    form = {"vacancy": "" if vacancy is None else str(vacancy), "occupation": occupation or "",
            "objective": objective}  # fmt: skip
    try:
        report = gap_source.seeker_report(
            db, seeker_id, vacancy_id=vacancy, occupation_code=occupation, objective=objective, today=today
        )
    except (gap_source.GapSourceError, GapInputError) as exc:
        if str(exc) == f"seeker {seeker_id} not found":
            raise HTTPException(status_code=404, detail=str(exc)) from exc
        return render(
            request, "gap_seeker.html",
            {"seeker_id": seeker_id, "report": None, "form": form, "error": str(exc), "name": None},
            user=user, status_code=422,
        )  # fmt: skip
    body = gap_source.report_dict(db, report, language)
    names = seeker_names(db, [seeker_id], user, get_cipher(request))
    can_refer = user.role in SEEKER_LIST_ROLES
    return render(
        request,
        "gap_seeker.html",
        {
            "seeker_id": seeker_id,
            "name": names.get(seeker_id),
            "report": body,
            "form": form,
            "region_names": gap_source.region_names(db),
            "held": gap_source.skill_labels(db, report.seeker.skill_ids, language),
            "can_refer": can_refer,
            "options": _referral_options(report) if can_refer else [],
            "referrals": gap_source.referrals(db, seeker_id),
            "next_status": {
                "referred": ("enrolled", "rejected", "withdrawn"),
                "enrolled": ("completed", "withdrawn"),
                "completed": ("placed",),
            },
            "message": message,
            "error": error,
        },
        user=user,
        status_code=status_code,
    )


@router.get("/kesenjangan/{seeker_id}", response_class=HTMLResponse)
def gap_page(
    request: Request,
    seeker_id: int,
    db: Db,
    user: AnyUser,
    vacancy: Annotated[str | None, Query(max_length=12)] = None,
    occupation: Annotated[str | None, Query(max_length=32)] = None,
    objective: Annotated[Objective, Query()] = "money",
    today: Annotated[dt.date | None, Query()] = None,
    referred: Annotated[int | None, Query()] = None,
) -> HTMLResponse:
    check_seeker_access(user, seeker_id)
    return _gap_page(
        request, db, user, seeker_id, vacancy=_optional_int(vacancy, "vacancy"),
        occupation=(occupation or "").strip() or None, objective=objective, today=today,
        message=None if referred is None else str(referred),
    )  # fmt: skip


@router.post("/kesenjangan/{seeker_id}/rujuk", response_model=None)
def refer(
    request: Request,
    seeker_id: int,
    db: Db,
    user: Counsellor,
    target: Annotated[str, Form(max_length=40)] = "",
    note: Annotated[str, Form(max_length=500)] = "",
    csrf_token: Annotated[str | None, Form()] = None,
) -> Response:
    """Refer the seeker to the option chosen (``programme:ID`` or ``apprenticeship:ID``)."""
    check_csrf(request, csrf_token)
    kind, _, raw_id = target.partition(":")
    if kind not in ("programme", "apprenticeship") or not raw_id.isdigit():
        return _gap_page(
            request, db, user, seeker_id, vacancy=None, occupation=None, objective="money", today=None,
            error=f"choose a programme or an apprenticeship to refer to (got {target!r})", status_code=422,
        )  # fmt: skip
    try:
        application = gap_source.save_referral(
            db, seeker_id,
            programme_id=int(raw_id) if kind == "programme" else None,
            apprenticeship_id=int(raw_id) if kind == "apprenticeship" else None,
            created_by=user.id, note=note.strip() or None,
        )  # fmt: skip
    except gap_source.GapSourceError as exc:
        db.rollback()
        if str(exc) == f"seeker {seeker_id} not found":
            raise HTTPException(status_code=404, detail=str(exc)) from exc
        return _gap_page(
            request, db, user, seeker_id, vacancy=None, occupation=None, objective="money", today=None,
            error=str(exc), status_code=422,
        )  # fmt: skip
    db.commit()
    return RedirectResponse(f"/kesenjangan/{seeker_id}?referred={application.id}#referrals", status_code=303)


@router.post("/kesenjangan/rujukan/{referral_id}/status", response_model=None)
def referral_status(
    request: Request,
    referral_id: int,
    db: Db,
    user: Counsellor,
    status: Annotated[str, Form(max_length=12)] = "",
    csrf_token: Annotated[str | None, Form()] = None,
) -> Response:
    check_csrf(request, csrf_token)
    try:
        application = gap_source.update_referral(db, referral_id, status, changed_by=user.id)
    except gap_source.GapSourceError as exc:
        db.rollback()
        raise HTTPException(status_code=404 if "not found" in str(exc) else 422, detail=str(exc)) from exc
    seeker_id = application.seeker_id
    db.commit()
    return RedirectResponse(f"/kesenjangan/{seeker_id}#referrals", status_code=303)


# --------------------------------------------------------------------------- regional needs page


def _chart(needs: Any, labels: dict[str, str], province: str | None, language: str, t: Any) -> Any:
    """Demand and supply of the skills with the largest unmet demand (the province, or all provinces)."""
    import plotly.graph_objects as go

    from pasarkerja.web.charts import figure_html

    rows = needs.skills.select(level="province")
    if province:
        rows = rows.select(region_code=province)
    totals: dict[str, list[float]] = {}
    for r in rows.records():
        entry = totals.setdefault(r["skill_id"], [0.0, 0.0, 0.0])
        entry[0] += r["demand"]
        entry[1] += r["supply"]
        entry[2] += r["unmet"]
    top = sorted(totals, key=lambda s: (-totals[s][2], s))[:CHART_SKILLS]
    if not top:
        return None
    names = [labels.get(s, s) for s in top]
    figure = go.Figure(
        [
            go.Bar(name=t("gap.regional.demand"), x=names, y=[totals[s][0] for s in top]),
            go.Bar(name=t("gap.regional.supply"), x=names, y=[totals[s][1] for s in top]),
        ]
    )
    figure.update_layout(
        barmode="group",
        title=t("gap.regional.chart_title"),
        margin={"l": 40, "r": 10, "t": 50, "b": 140},
        height=460,
        legend={"orientation": "h"},
    )
    return figure_html(figure, element_id="gap-regional-chart", language=language)


@router.get("/kebutuhan-pelatihan", response_class=HTMLResponse)
def regional_page(
    request: Request,
    db: Db,
    user: Planner,
    province: ProvinceCode = None,
    level: Annotated[Literal["province", "regency"], Query()] = "province",
) -> HTMLResponse:
    from pasarkerja.web.charts import PLOTLY_SCRIPT_TAG
    from pasarkerja.web.i18n import translator

    language = current_language(request)
    province = province or None
    needs = gap_source.regional_needs(db, province, levels=(level,), top=10)
    skills = needs.skills.select(level=level)
    if province:
        skills = skills.where(_starts_with(skills, province))
    skill_rows = skills.records(limit=TABLE_ROWS)
    labels = gap_source.skill_labels(db, {r["skill_id"] for r in skill_rows} | set(needs.skill_ids), language)
    programme_rows = needs.programmes.records(limit=TABLE_ROWS)
    names = gap_source.region_names(db)
    chart = _chart(needs, labels, province, language, translator(language))
    return render(
        request,
        "gap_regional.html",
        {
            "filters": {"province": province or "", "level": level},
            "provinces": [(c, names.get(c, c)) for c in sorted(needs.province_codes)],
            "all_provinces": sorted((code, name) for code, name in names.items() if len(code) == 2),
            "region_names": names,
            "labels": labels,
            "skills": skill_rows,
            "skills_total": len(skills),
            "programmes": programme_rows,
            "needs": needs,
            "chart": chart,
            "plotly_script": PLOTLY_SCRIPT_TAG if chart is not None else "",
        },
        user=user,
    )


def _starts_with(table: Table, prefix: str) -> Any:
    import numpy as np

    codes = table.column("region_code")
    return np.array([str(c).startswith(prefix) for c in codes], dtype=np.bool_)


@router.get("/kebutuhan-pelatihan/unduh", response_model=None)
def regional_download(
    db: Db,
    user: Planner,
    province: ProvinceCode = None,
    level: Annotated[Literal["province", "regency"], Query()] = "province",
    format: Annotated[Literal["csv", "xlsx"], Query()] = "csv",
    table: Annotated[Literal["skills", "programmes"], Query()] = "programmes",
) -> Response:
    """The tables as CSV (one table) or Excel (both sheets)."""
    province = province or None
    needs = gap_source.regional_needs(db, province, levels=(level,), top=20)
    stem = f"kebutuhan-pelatihan-{province or 'nasional'}-{level}"
    with tempfile.TemporaryDirectory() as folder:
        if format == "csv":
            path = write_csv(needs.skills if table == "skills" else needs.programmes, Path(folder) / "x.csv")
            content, media = path.read_bytes(), "text/csv; charset=utf-8"
            name = f"{stem}-{table}.csv"
        else:
            path = write_excel(needs.sheets(), Path(folder) / "x.xlsx")
            content = path.read_bytes()
            media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            name = f"{stem}.xlsx"
    return Response(
        content, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )
