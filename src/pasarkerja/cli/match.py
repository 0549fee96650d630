"""``pasarkerja match …``:
rank vacancies for a seeker, candidates for a vacancy, batch top-k and capacity-aware assignment.

The work is done by the match core (:mod:`pasarkerja.match`) on records read by
:mod:`pasarkerja.store.matching`; shortlists print no personal data (seeker id, region, education and skills
only) and list only seekers who consented to be found by employers.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from typing import TYPE_CHECKING, Annotated, Any

import typer

from pasarkerja.cli.common import DatabaseOption, console, err_console, fail, open_database

if TYPE_CHECKING:
    from pasarkerja.match import MatchResult
    from pasarkerja.store.matching import SkillLabel

app = typer.Typer(
    help="Rank vacancies for a seeker, candidates for a vacancy, batch top-k and capacity-aware assignment.",
    no_args_is_help=True,
)

TopOption = Annotated[int, typer.Option("--top", "-k", min=1, max=1000, help="How many results")]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table | json")]
LanguageOption = Annotated[str, typer.Option("--lang", help="Language of the reasons: id | en")]


def _check_choice(name: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        fail(f"{name} must be one of {', '.join(allowed)}, not {value!r}")


def _components(result: MatchResult) -> str:
    return " ".join(
        f"{c.name[:4]} {c.value:.2f}" if c.applicable else f"{c.name[:4]} –" for c in result.components
    )


def result_json(result: MatchResult, labels: dict[str, SkillLabel]) -> dict[str, Any]:
    """One explained result as JSON (the CLI's ``--format json``)."""

    def named(ids: tuple[str, ...]) -> list[dict[str, str]]:
        return [{"id": s, "label_id": labels[s].label_id, "label_en": labels[s].label_en} for s in ids]

    return {
        "score": round(result.score, 6),
        "components": {
            c.name: {"value": round(c.value, 6), "weight": round(c.weight, 6), "applicable": c.applicable}
            for c in result.components
        },
        "matched_essential": named(result.matched_essential),
        "missing_essential": named(result.missing_essential),
        "matched_optional": named(result.matched_optional),
        "missing_optional": named(result.missing_optional),
        "warnings": list(result.warnings),
        "reason_id": result.reason_id,
        "reason_en": result.reason_en,
    }


def _all_skills(results: list[MatchResult]) -> set[str]:
    return {
        s
        for r in results
        for s in (*r.matched_essential, *r.missing_essential, *r.matched_optional, *r.missing_optional)
    }


@app.command("seeker")
def match_seeker(
    seeker_id: Annotated[int, typer.Argument(help="Id of the seeker (database id)")],
    top: TopOption = 10,
    output_format: FormatOption = "table",
    lang: LanguageOption = "id",
    database: DatabaseOption = None,
) -> None:
    """The best open vacancies for one seeker, each with its score, components and reason."""
    from rich.table import Table
    from sqlalchemy.orm import Session

    from pasarkerja.match import MatchInputError
    from pasarkerja.store.matching import NotFound, match_service, skill_labels, vacancy_cards

    _check_choice("--format", output_format, ("table", "json"))
    _check_choice("--lang", lang, ("id", "en"))
    engine = open_database(database)
    with Session(engine) as session:
        try:
            results = match_service().recommend(session, seeker_id, top)
        except NotFound as exc:
            fail(f"{exc} (see `pasarkerja` pages /pencari-kerja or the seekers API for ids)")
            return
        except MatchInputError as exc:
            fail(str(exc))
            return
        cards = vacancy_cards(session, [int(r.vacancy_id) for r in results])
        labels = skill_labels(session, _all_skills(results))
    if output_format == "json":
        body = [
            {
                "rank": rank,
                "vacancy_id": int(r.vacancy_id),
                "title": cards[int(r.vacancy_id)].title,
                "employer": cards[int(r.vacancy_id)].employer_name,
                "region": cards[int(r.vacancy_id)].region_name,
                **result_json(r, labels),
            }
            for rank, r in enumerate(results, start=1)
        ]
        typer.echo(
            json.dumps({"seeker_id": seeker_id, "recommendations": body}, ensure_ascii=False, indent=2)
        )
        return
    table = Table(title=f"vacancies for seeker {seeker_id}", show_lines=True)
    for column, justify in (("#", "right"), ("vacancy", "left"), ("score", "right")):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    table.add_column("components")
    table.add_column("reason")
    for rank, r in enumerate(results, start=1):
        card = cards[int(r.vacancy_id)]
        where = f"\n{card.region_name}" if card.region_name else ""
        table.add_row(
            str(rank),
            f"{card.id} {card.title}\n{card.employer_name or ''}{where}".strip(),
            f"{r.score:.3f}",
            _components(r),
            r.reason_id if lang == "id" else r.reason_en,
        )
    console.print(table)
    if not results:
        console.print("no open vacancy passes the filters for this seeker (inactive seeker or no vacancies)")


@app.command("vacancy")
def match_vacancy(
    vacancy_id: Annotated[int, typer.Argument(help="Id of the vacancy (database id)")],
    top: TopOption = 10,
    output_format: FormatOption = "table",
    lang: LanguageOption = "id",
    database: DatabaseOption = None,
) -> None:
    """A shortlist of candidates for one vacancy: only seekers who consented to be found by employers,
    shown without personal data (id, region, education, skills)."""
    from rich.table import Table
    from sqlalchemy.orm import Session

    from pasarkerja.match import MatchInputError
    from pasarkerja.store.matching import NotFound, match_service, seeker_cards, skill_labels

    _check_choice("--format", output_format, ("table", "json"))
    _check_choice("--lang", lang, ("id", "en"))
    engine = open_database(database)
    with Session(engine) as session:
        try:
            results = match_service().shortlist(session, vacancy_id, top)
        except NotFound as exc:
            fail(f"{exc} (see /lowongan or GET /api/vacancies for ids)")
            return
        except MatchInputError as exc:
            fail(str(exc))
            return
        cards = seeker_cards(session, [int(r.seeker_id) for r in results])
        labels = skill_labels(session, _all_skills(results) | {s for c in cards.values() for s in c.skills})
    if output_format == "json":
        body = [
            {
                "rank": rank,
                "seeker_id": int(r.seeker_id),
                "region": cards[int(r.seeker_id)].region_name,
                "education_level": cards[int(r.seeker_id)].education_level,
                "skills": [labels[s].label_id for s in cards[int(r.seeker_id)].skills],
                **result_json(r, labels),
            }
            for rank, r in enumerate(results, start=1)
        ]
        typer.echo(json.dumps({"vacancy_id": vacancy_id, "shortlist": body}, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"candidates for vacancy {vacancy_id} (consented to be found)", show_lines=True)
    table.add_column("#", justify="right")
    table.add_column("seeker")
    table.add_column("score", justify="right")
    table.add_column("components")
    table.add_column("reason")
    for rank, r in enumerate(results, start=1):
        card = cards[int(r.seeker_id)]
        skills = ", ".join(labels[s].label_id if lang == "id" else labels[s].label_en for s in card.skills)
        table.add_row(
            str(rank),
            f"{card.id} · {card.region_name or '–'} · {card.education_level or '–'}\n{skills}",
            f"{r.score:.3f}",
            _components(r),
            r.reason_id if lang == "id" else r.reason_en,
        )
    console.print(table)
    if not results:
        console.print("no consenting active seeker passes the filters (or the vacancy is not open)")


@app.command("batch")
def match_batch(
    top: TopOption = 10,
    out: Annotated[str, typer.Option("--out", "-o", help="Parquet file to write")] = "results.parquet",
    engine_name: Annotated[str, typer.Option("--engine", help="local | dask")] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask scheduler tcp://HOST:PORT (default with --engine dask: a local cluster)"),
    ] = None,
    chunk_size: Annotated[int, typer.Option("--chunk-size", min=1, help="Seekers per task")] = 4096,
    workers: Annotated[int, typer.Option(min=1, help="Local worker processes")] = 2,
    load_chunk: Annotated[
        int, typer.Option("--load-chunk", min=1, help="Seekers read from the database at a time")
    ] = 50_000,
    save: Annotated[bool, typer.Option("--save/--no-save", help="Also store the run in the database")] = True,
    database: DatabaseOption = None,
) -> None:
    """Top-k open vacancies for every active seeker, in chunks on both cores (or on Dask); writes Parquet
    (seeker_id, rank, vacancy_id, score) and a match run in the database."""
    import numpy as np
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from pasarkerja.match import (
        BatchResult,
        MatchEngineError,
        MatchInputError,
        batch_top_k,
        batch_top_k_dask,
        build_vacancy_index,
        encode_seekers,
        write_parquet,
    )
    from pasarkerja.store.matching import (
        iter_seeker_chunks,
        load_vacancies,
        match_service,
        save_batch_run,
    )
    from pasarkerja.store.models import Seeker

    _check_choice("--engine", engine_name, ("local", "dask"))
    if scheduler is not None and engine_name != "dask":
        fail("--scheduler needs --engine dask")
    if scheduler is not None and not scheduler.startswith(("tcp://", "tls://", "inproc://")):
        fail(f"--scheduler must look like tcp://HOST:PORT, not {scheduler!r}")
    engine = open_database(database)
    service = match_service()
    started_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    started = time.perf_counter()
    client: Any = None
    if engine_name == "dask":
        client = _dask_client(scheduler)
    parts: list[BatchResult] = []
    try:
        with Session(engine) as session:
            vacancies = load_vacancies(session)
            total = int(
                session.scalar(select(func.count()).select_from(Seeker).where(Seeker.is_active.is_(True)))
                or 0
            )
            index = build_vacancy_index(vacancies, service.settings, service.relatedness)
            progress = Progress(
                TextColumn("scoring seekers"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                console=err_console,
            )  # fmt: skip
            task = progress.add_task("seekers", total=total)
            offset = 0
            with progress:
                for profiles in iter_seeker_chunks(session, chunk_size=load_chunk):
                    table = encode_seekers(profiles, index.table)
                    done_before = offset

                    def report(done: int, _total: int, before: int = done_before) -> None:
                        progress.update(task, completed=before + done)

                    if engine_name == "dask":
                        part = batch_top_k_dask(
                            table, index, k=top, chunk_size=chunk_size, client=client, progress=report
                        )
                    else:
                        part = batch_top_k(
                            table, index, k=top, chunk_size=chunk_size, workers=workers, progress=report
                        )
                    parts.append(part)
                    offset += len(profiles)
    except (MatchEngineError, MatchInputError) as exc:
        fail(str(exc))
    finally:
        if client is not None:
            client.close()
    if parts:
        result = BatchResult(
            np.concatenate([p.seeker_ids for p in parts]),
            np.concatenate([p.vacancy_ids for p in parts]),
            np.concatenate([p.scores for p in parts]),
        )
    else:
        result = BatchResult(np.array([], dtype=str), np.empty((0, top), dtype=str), np.empty((0, top)))
    rows = write_parquet(result, out)
    wall = time.perf_counter() - started
    run_id = None
    if save:
        run_id = save_batch_run(
            engine,
            result,
            engine_name=engine_name,
            top_k=top,
            vacancies=len(vacancies),
            settings=service.settings,
            started_at=started_at,
            parquet_path=out,
        )
    seekers = len(result.seeker_ids)
    console.print(
        f"{seekers:,} seekers × {len(vacancies):,} open vacancies, top {top}: {rows:,} rows → {out}"
        + (f"; match run {run_id} saved" if run_id is not None else "")
        + f" ({wall:.1f} s, {seekers / wall if wall > 0 else 0:,.0f} seekers/s, engine {engine_name})",
        highlight=False,
    )


def _dask_client(scheduler: str | None) -> Any:
    """A Dask client for ``scheduler`` (or a local cluster of 2 workers); an address that does not answer
    fails within seconds with a clear message instead of hanging."""
    import socket
    from urllib.parse import urlsplit

    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        fail("--engine dask needs dask[distributed] (pip install 'pasarkerja[dask]')")
    if scheduler is None:
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
        return Client(cluster)
    parts = urlsplit(scheduler)
    if parts.scheme == "tcp" and parts.hostname and parts.port:
        # A quick TCP probe first: a closed port is reported at once, not after Dask's retry loop.
        try:
            with socket.create_connection((parts.hostname, parts.port), timeout=3):
                pass
        except OSError as exc:
            fail(f"Dask scheduler {scheduler} cannot be reached: {exc.strerror or exc}")
    try:
        return Client(scheduler, timeout="5s")
    except (OSError, TimeoutError) as exc:
        fail(f"Dask scheduler {scheduler} did not answer within 5 s: {exc}")


@app.command("assign")
def match_assign(
    vacancies: Annotated[
        str | None, typer.Option("--vacancies", help="Comma-separated vacancy ids (their openings are slots)")
    ] = None,
    job_fair: Annotated[
        int | None, typer.Option("--job-fair", help="Job fair id (its booths' interview slots are slots)")
    ] = None,
    max_offers: Annotated[int, typer.Option("--max-offers", min=1, help="Most offers per seeker")] = 1,
    min_score: Annotated[
        float, typer.Option("--min-score", min=0.0, max=1.0, help="Pairs below it are never assigned")
    ] = 0.5,
    show: Annotated[int, typer.Option("--show", min=0, help="Assigned pairs to list")] = 50,
    database: DatabaseOption = None,
) -> None:
    """Assign seekers (active, consented to matching) to openings maximising the total score under
    capacities on both sides (OR-Tools min-cost flow); reports unfilled openings and unassigned seekers."""
    from rich.table import Table
    from sqlalchemy.orm import Session

    from pasarkerja.match import MatchInputError
    from pasarkerja.match.assign import AssignmentInputError, assign
    from pasarkerja.store.matching import NotFound, assignment_problem, match_service

    if (vacancies is None) == (job_fair is None):
        fail("give exactly one of --vacancies ID,… or --job-fair ID")
    vacancy_ids: list[int] | None = None
    if vacancies is not None:
        try:
            vacancy_ids = [int(v) for v in vacancies.split(",") if v.strip()]
        except ValueError:
            fail(f"--vacancies must be comma-separated ids, not {vacancies!r}")
        if not vacancy_ids:
            fail("--vacancies is empty")
    engine = open_database(database)
    service = match_service()
    with Session(engine) as session:
        try:
            problem = assignment_problem(
                session,
                vacancy_ids=vacancy_ids,
                job_fair_id=job_fair,
                max_offers=max_offers,
                settings=service.settings,
                relatedness=service.relatedness,
            )
            outcome = assign(
                problem.candidates,
                seeker_capacity=max_offers,
                slot_capacity=problem.slot_capacity,
                min_score=min_score,
                seekers=problem.seekers,
            )
        except NotFound as exc:
            fail(str(exc))
            return
        except (ValueError, MatchInputError, AssignmentInputError) as exc:
            fail(str(exc))
            return
    slots = Table(title=f"assignment ({outcome.solver}, {outcome.status})")
    for column in ("slot", "name"):
        slots.add_column(column)
    for column in ("capacity", "filled", "unfilled", "eligible"):
        slots.add_column(column, justify="right")
    for fill in outcome.slots:
        slots.add_row(
            fill.slot_id,
            problem.slot_labels.get(fill.slot_id, ""),
            str(fill.capacity),
            str(fill.filled),
            str(fill.unfilled),
            str(fill.eligible),
        )
    console.print(slots)
    pairs = Table(title=f"assigned pairs (first {show})")
    pairs.add_column("seeker")
    pairs.add_column("slot")
    pairs.add_column("score", justify="right")
    for pair in sorted(outcome.pairs, key=lambda p: (-p.score, p.seeker_id))[:show]:
        pairs.add_row(pair.seeker_id, pair.slot_id, f"{pair.score:.3f}")
    if show:
        console.print(pairs)
    console.print(
        f"{len(outcome.pairs)} offers, total score {outcome.total_score:.3f}; "
        f"unfilled openings {outcome.unfilled_openings} of {sum(problem.slot_capacity.values())}; "
        f"unassigned seekers {len(outcome.unassigned_seekers)} of {len(problem.seekers)} "
        f"({len(outcome.unassigned_with_options)} had an option ≥ {min_score:g}, "
        f"{len(outcome.unassigned_without_options)} none)",
        highlight=False,
    )
