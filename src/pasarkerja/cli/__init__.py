"""The ``pasarkerja`` command line: the outer layer that composes store, ingest, core and web.

Each command group lives in one section below, or in its own module (``match``, ``gap``, ``lmi``);
the work itself is done by the layer named in it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from pasarkerja.cli.common import DatabaseOption, console, err_console, fail, resolve_settings

if TYPE_CHECKING:
    from rich.table import Table

    from pasarkerja.settings import Settings
    from pasarkerja.taxonomy import Taxonomy

app = typer.Typer(
    help="pasarkerja: link and match for Indonesia's labour market (seekers, vacancies, training, LMI).",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)

# ---------------------------------------------------------------------------------------------- db
db_app = typer.Typer(help="Create and migrate the database schema.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("init")
def db_init(
    database: DatabaseOption = None,
    with_reference: Annotated[
        bool, typer.Option(help="Also load the reference classifications shipped in the package")
    ] = True,
) -> None:
    """Create every table (Alembic upgrade to head) and load the reference classifications."""
    from pasarkerja.store.db import current_revision, make_engine, upgrade

    settings = resolve_settings(database)
    engine = make_engine(settings.database_url)
    upgrade(engine)
    console.print(f"schema at revision [bold]{current_revision(engine)}[/]")
    if with_reference:
        from pasarkerja.store.reference import load_reference

        counts = load_reference(engine)
        console.print("reference data: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


@db_app.command("upgrade")
def db_upgrade(
    database: DatabaseOption = None,
    revision: Annotated[str, typer.Option(help="Target revision")] = "head",
) -> None:
    """Apply pending schema migrations."""
    from pasarkerja.store.db import current_revision, make_engine, upgrade

    engine = make_engine(resolve_settings(database).database_url)
    upgrade(engine, revision)
    console.print(f"schema at revision [bold]{current_revision(engine)}[/]")


# ---------------------------------------------------------------------------------------- taxonomy
taxonomy_app = typer.Typer(help="Occupations (ISCO-08/KBJI, ESCO), skills, regions, education levels.")
app.add_typer(taxonomy_app, name="taxonomy")


@taxonomy_app.command("import-esco")
def taxonomy_import_esco(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="The ESCO v1.1.x CSV zip files as the EU distributes them (classification + relations), "
            "a directory holding them, or the extracted CSV files.",
            metavar="PATH...",
            show_default=False,
        ),
    ],
    database: DatabaseOption = None,
) -> None:
    """Import ESCO occupations, skills, skill groups and their relations (idempotent, one transaction)."""
    import time
    from pathlib import Path

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
    from rich.table import Table
    from sqlalchemy import inspect
    from sqlalchemy.exc import SQLAlchemyError

    from pasarkerja.ingest.esco import EscoImportError, import_esco
    from pasarkerja.store.db import make_engine
    from pasarkerja.taxonomy.esco import EscoFormatError

    files = [Path(path) for path in paths]
    for path in files:
        if not path.exists():
            fail(f"{path}: no such file or directory")
    settings = resolve_settings(database)
    engine = make_engine(settings.database_url)
    try:
        if not inspect(engine).has_table("occupation"):
            fail("the database has no schema yet: run `pasarkerja db init` first")
    except SQLAlchemyError as exc:
        fail(f"cannot open the database: {type(exc).__name__}: {exc}")
    tasks: dict[str, TaskID] = {}
    started = time.perf_counter()
    with Progress(
        TextColumn("{task.description:<20}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    ) as bar:

        def report(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        try:
            counts = import_esco(engine, files, report)
        except (EscoFormatError, EscoImportError) as exc:
            fail(str(exc))
        except SQLAlchemyError as exc:
            # The first line only: SQLAlchemy appends the statement and its parameters after it.
            fail(f"database error, nothing was imported: {type(exc).__name__}: {str(exc).splitlines()[0]}")
    labels = {
        "isco_groups": "ISCO-08 groups in the release",
        "isco_groups_added": "ISCO-08 groups added (missing before)",
        "occupations": "ESCO occupations",
        "skill_broader": "skill broader links",
        "skill_relations": "skill-skill relations",
        "occupation_skills": "occupation-skill relations",
    }
    summary = Table(title=f"ESCO import ({time.perf_counter() - started:.1f} s)")
    summary.add_column("what")
    summary.add_column("rows", justify="right")
    for key, value in counts.items():
        if value or not key.startswith("skipped_"):
            label = labels.get(key, key.replace("_", " "))
            if key.startswith("skipped_"):  # relation rows naming a concept the release does not define
                label = label.replace("skipped ", "skipped (unknown concept): ")
            summary.add_row(label, f"{value:,}")
    console.print(summary)


def _shipped_taxonomy() -> Taxonomy:
    """ISCO-08 groups with KBJI titles plus the shipped skill catalogue (no database needed)."""
    import dataclasses
    from collections import defaultdict

    from pasarkerja.taxonomy import Taxonomy, isco_groups
    from pasarkerja.taxonomy.vocab import occupation_titles, skill_catalogue

    # Indonesian job titles as people write them ("tukang las") are alternative labels of their unit group.
    titles: dict[str, list[str]] = defaultdict(list)
    for title in occupation_titles():
        if title.source != "esco":
            titles[title.isco_code].append(title.title)
    groups = [
        dataclasses.replace(group, alt_labels=(*group.alt_labels, *titles.get(code, ())))
        for code, group in isco_groups().items()
    ]
    return Taxonomy(groups, skill_catalogue())


@taxonomy_app.command("show")
def taxonomy_show(
    code: Annotated[str, typer.Argument(help="ISCO-08 code (1–4 digits) or a skill id")],
) -> None:
    """Show an occupation group (with its parents and children) or a skill from the shipped taxonomy."""
    from rich.table import Table

    from pasarkerja.taxonomy import isco_ancestors

    taxonomy = _shipped_taxonomy()
    occupation = taxonomy.occupation(code)
    if occupation is not None:
        table = Table(title=f"ISCO-08 {occupation.code}", show_header=False)
        table.add_row("English", occupation.title_en)
        title_id = occupation.title_id or ""
        table.add_row(
            "Indonesian (KBJI 2014)",
            title_id + (" (our translation)" if occupation.title_id_is_translation else ""),
        )
        table.add_row("level", str(occupation.level))
        for ancestor in isco_ancestors(code):
            parent = taxonomy.occupation(ancestor)
            table.add_row("under", f"{ancestor} {parent.title_en if parent else ''}")
        for child in taxonomy.children(code):
            table.add_row("contains", f"{child.code} {child.title_en}")
        console.print(table)
        return
    skill = taxonomy.skill(code)
    if skill is None:
        fail(f"{code!r} is neither an ISCO-08 code nor a skill id; try `pasarkerja taxonomy search`")
        return
    table = Table(title=f"skill {skill.id}", show_header=False)
    table.add_row("Indonesian", skill.label_id or "")
    table.add_row("English", skill.label_en)
    table.add_row("type", skill.type)
    table.add_row("group", skill.group_id or "")
    table.add_row("variants", ", ".join(skill.alt_labels))
    table.add_row("typical ISCO-08", ", ".join(skill.isco_codes))
    table.add_row("ESCO", skill.esco_uri or "")
    console.print(table)


@taxonomy_app.command("search")
def taxonomy_search(
    query: Annotated[str, typer.Argument(help="Words of an occupation or skill, Indonesian or English")],
    what: Annotated[str, typer.Option("--what", help="occupations | skills")] = "occupations",
    limit: Annotated[int, typer.Option(min=1, max=100)] = 10,
) -> None:
    """Fuzzy search over occupation titles or skill labels (both languages, alternative labels included)."""
    from rich.table import Table

    if what not in ("occupations", "skills"):
        fail(f"--what must be occupations or skills, not {what!r}")
    taxonomy = _shipped_taxonomy()
    table = Table(title=f"{what} matching {query!r}")
    table.add_column("code / id")
    table.add_column("label")
    table.add_column("score", justify="right")
    if what == "occupations":
        for record, score in taxonomy.search_occupations(query, limit=limit):
            table.add_row(record.code, f"{record.title_id or ''} / {record.title_en}", f"{score:.0f}")
    else:
        for skill, score in taxonomy.search_skills(query, limit=limit):
            table.add_row(skill.id, f"{skill.label_id or ''} / {skill.label_en}", f"{score:.0f}")
    console.print(table)


@taxonomy_app.command("region")
def taxonomy_region(
    text: Annotated[str, typer.Argument(help='A place as people write it, e.g. "Jakpus"')],
) -> None:
    """Resolve a place name to its Kemendagri province/regency code (aliases, districts, remote work)."""
    from pasarkerja.taxonomy import resolve_region

    match = resolve_region(text)
    if match is None:
        fail(f"no region recognised in {text!r}")
        return
    place = f"{match.code} {match.name}" if match.code else "no single region"
    remote = " (remote work)" if match.remote else ""
    console.print(f"{place}{remote} — level {match.level or '–'}, confidence {match.confidence:.2f}")


# ------------------------------------------------------------------------------------------ import
import_app = typer.Typer(
    help="Validated imports of vacancies, seekers, programmes and employers (CSV, XLSX, JSON, JSON Lines). "
    "Column names are listed in docs/IMPORTS.md.",
    no_args_is_help=True,
)
app.add_typer(import_app, name="import")

ImportFileArg = Annotated[str, typer.Argument(help="CSV (, ; or tab), .xlsx, .json (array) or .jsonl file")]
StrictOption = Annotated[
    bool, typer.Option("--strict", help="Import nothing if any row is bad; unknown columns are errors")
]
SourceOption = Annotated[
    str, typer.Option("--source", help="Source system name; re-imports update by (source, external_id)")
]
BatchOption = Annotated[
    int | None, typer.Option("--batch-size", min=1, help="Rows per transaction (default: settings, 500)")
]
SheetOption = Annotated[str | None, typer.Option("--sheet", help="Excel sheet name (default: the first)")]
EncodingOption = Annotated[str, typer.Option("--encoding", help="Text encoding of CSV/JSON files")]


def _run_import(
    kind: str,
    file: str,
    strict: bool,
    source: str,
    database: str | None,
    batch_size: int | None,
    sheet: str | None,
    encoding: str,
) -> None:
    """Run one import with a progress bar and print its report. Exit 0 when rows went in, 1 when rows were
    rejected under --strict (or every row was rejected), 2 when the file itself cannot be imported."""
    from pathlib import Path

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table
    from sqlalchemy import inspect
    from sqlalchemy.exc import OperationalError

    from pasarkerja.ingest.importer import ImportFileError, import_file
    from pasarkerja.store.crypto import PersonalDataCipher
    from pasarkerja.store.db import make_engine

    settings = resolve_settings(database)
    try:
        engine = make_engine(settings.database_url)
        if "import_run" not in inspect(engine).get_table_names():
            fail("the database has no schema yet: run `pasarkerja db init` first", 2)
    except OperationalError as exc:
        fail(f"cannot open the database: {str(exc.orig).splitlines()[0]}", 2)
    cipher = PersonalDataCipher(settings.secret()) if kind == "seekers" else None
    progress = Progress(
        TextColumn(f"importing {kind}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err_console, transient=True,
    )  # fmt: skip
    task = progress.add_task("rows", total=None)

    def advance(done: int, total: int | None) -> None:
        progress.update(task, completed=done, total=total)

    try:
        with progress:
            report = import_file(
                engine, kind, Path(file), source=source, strict=strict,
                batch_size=batch_size or settings.import_batch_size, progress=advance, cipher=cipher,
                sheet=sheet, encoding=encoding,
            )  # fmt: skip
    except ImportFileError as exc:
        fail(str(exc), 2)
    except ValueError as exc:
        fail(str(exc), 2)

    for note in report.notes:
        console.print(f"[dim]{note}[/]")
    for warning in report.warnings:
        console.print(f"[yellow]warning:[/] {warning}")
    summary = Table(title=f"import {kind} from {Path(file).name} (source {source!r}, run {report.run_id})")
    for column in ("rows read", "imported", "updated", "unchanged", "rejected"):
        summary.add_column(column, justify="right")
    summary.add_row(*(str(n) for n in (report.rows_read, report.imported, report.updated, report.unchanged,
                                       report.rejected)))  # fmt: skip
    console.print(summary)
    if report.rejections:
        rejected = Table(title="rejected rows")
        rejected.add_column("row", justify="right")
        rejected.add_column("field")
        rejected.add_column("reason")
        for rejection in report.rejections:
            rejected.add_row(str(rejection.row), rejection.field, rejection.reason)
        console.print(rejected)
    if report.rejected_csv is not None:
        console.print(f"rejected rows written to [bold]{report.rejected_csv}[/] (personal data masked)")
    if report.aborted:
        err_console.print("[bold red]--strict:[/] nothing was imported because some rows are bad")
        raise typer.Exit(1)
    if report.rejected and report.written == 0:
        raise typer.Exit(1)


@import_app.command("vacancies")
def import_vacancies(
    file: ImportFileArg,
    strict: StrictOption = False,
    source: SourceOption = "file",
    database: DatabaseOption = None,
    batch_size: BatchOption = None,
    sheet: SheetOption = None,
    encoding: EncodingOption = "utf-8",
) -> None:
    """Import vacancies (lowongan) with their skills; employers are linked or created by name."""
    _run_import("vacancies", file, strict, source, database, batch_size, sheet, encoding)


@import_app.command("seekers")
def import_seekers(
    file: ImportFileArg,
    strict: StrictOption = False,
    source: SourceOption = "file",
    database: DatabaseOption = None,
    batch_size: BatchOption = None,
    sheet: SheetOption = None,
    encoding: EncodingOption = "utf-8",
) -> None:
    """Import job seekers (pencari kerja): profile, skills, work history, preferences, consents and
    personal data (NIK hashed and encrypted, other personal fields encrypted)."""
    _run_import("seekers", file, strict, source, database, batch_size, sheet, encoding)


@import_app.command("programmes")
def import_programmes(
    file: ImportFileArg,
    strict: StrictOption = False,
    source: SourceOption = "file",
    database: DatabaseOption = None,
    batch_size: BatchOption = None,
    sheet: SheetOption = None,
    encoding: EncodingOption = "utf-8",
) -> None:
    """Import training programmes (pelatihan) with their skills; providers are linked or created by name."""
    _run_import("programmes", file, strict, source, database, batch_size, sheet, encoding)


@import_app.command("employers")
def import_employers(
    file: ImportFileArg,
    strict: StrictOption = False,
    source: SourceOption = "file",
    database: DatabaseOption = None,
    batch_size: BatchOption = None,
    sheet: SheetOption = None,
    encoding: EncodingOption = "utf-8",
) -> None:
    """Import employers (pemberi kerja)."""
    _run_import("employers", file, strict, source, database, batch_size, sheet, encoding)


# -------------------------------------------------------------------------------------- extract
# --------------------------------------------------------------------------------------------- extract

EXTRACT_KINDS = ("vacancy", "profile", "programme")
EXTRACT_FORMATS = ("json", "jsonl", "table")


def _extract_one(
    kind: str, text: str, title: str | None, location: str | None, *, bulk: bool = False
) -> dict[str, Any]:
    from pasarkerja import extract

    extractor = extract.bulk_extractor() if bulk else extract.default_extractor()
    if kind == "vacancy":
        return extractor.vacancy(text, title=title, location=location).to_dict()
    if kind == "programme":
        return extractor.programme(text, title=title).to_dict()
    return extractor.profile(text).to_dict()


def _facts_table(record_id: str | None, facts: dict[str, Any]) -> Table:
    from rich.table import Table

    table = Table(title=f"{facts.get('kind', '')} {record_id or ''}".strip(), show_lines=False)
    table.add_column("field")
    table.add_column("value")
    table.add_column("confidence", justify="right")
    occupation = facts.get("occupation") or {}
    if occupation.get("code"):
        table.add_row(
            "occupation", f"{occupation['code']} {occupation.get('label') or ''}", _conf(occupation)
        )
    for skill in facts.get("skills", []):
        table.add_row(f"skill ({skill['required']})", f"{skill['label']} [{skill['type']}]", _conf(skill))
    for name in ("education", "experience", "pay", "region", "employment_type", "working_time"):
        value = facts.get(name)
        if value:
            shown = {k: v for k, v in value.items() if k not in ("span", "confidence", "source") and v}
            table.add_row(name, ", ".join(f"{k}={v}" for k, v in shown.items()), _conf(value))
    for flag in facts.get("flags", []):
        table.add_row(f"flag: {flag['kind']}", flag.get("text") or "", _conf(flag))
    return table


def _conf(value: dict[str, Any]) -> str:
    confidence = value.get("confidence")
    return f"{confidence:.2f}" if isinstance(confidence, int | float) else ""


@app.command("extract")
def extract_command(
    file: Annotated[
        str,
        typer.Argument(
            help="A text file, '-' for standard input, or a .jsonl file of {id, title, text, location}"
        ),
    ] = "-",
    kind: Annotated[str, typer.Option("--kind", "-k", help="vacancy | profile | programme")] = "vacancy",
    output_format: Annotated[str, typer.Option("--format", "-f", help="json | jsonl | table")] = "json",
    title: Annotated[str | None, typer.Option(help="Job or programme title (single text input)")] = None,
    location: Annotated[
        str | None, typer.Option(help="Location as the ad states it (single text input)")
    ] = None,
) -> None:
    """Turn a job ad, CV or training syllabus into structured facts (occupation, skills, pay, region, ...)."""
    import json
    import sys
    from pathlib import Path

    from pasarkerja.extract import ExtractionError

    if kind not in EXTRACT_KINDS:
        fail(f"--kind must be one of {', '.join(EXTRACT_KINDS)}, not {kind!r}")
    if output_format not in EXTRACT_FORMATS:
        fail(f"--format must be one of {', '.join(EXTRACT_FORMATS)}, not {output_format!r}")
    if file != "-" and not Path(file).is_file():
        fail(f"{file}: no such file")
    try:
        raw = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        fail(f"{file}: not UTF-8 text (byte {exc.start})")
    records: list[tuple[str | None, str, str | None, str | None]] = []
    if file.endswith(".jsonl"):
        for number, line in enumerate(raw.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                fail(f"{file} line {number}: not valid JSON ({exc.msg})")
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                fail(f"{file} line {number}: field 'text' is missing or not a string")
            record_id = record.get("id")
            records.append(
                (
                    None if record_id is None else str(record_id),
                    record["text"],
                    record.get("title") if isinstance(record.get("title"), str) else None,
                    record.get("location") if isinstance(record.get("location"), str) else None,
                )
            )
    else:
        records.append((None, raw, title, location))
    for record_id, text, record_title, record_location in records:
        try:
            facts = _extract_one(kind, text, record_title, record_location, bulk=len(records) > 1)
        except ExtractionError as exc:
            fail(f"record {record_id or file}: {exc}")
        if record_id is not None:
            facts = {"id": record_id, **facts}
        if output_format == "table":
            console.print(_facts_table(record_id, facts))
        elif output_format == "jsonl" or len(records) > 1:
            typer.echo(json.dumps(facts, ensure_ascii=False))
        else:
            typer.echo(json.dumps(facts, ensure_ascii=False, indent=2))


# ------------------------------------------------------------------------------------ demo, serve


def _serve_web(settings: Settings) -> None:
    """Serve the web application (the web layer's ``serve`` when it offers one, else uvicorn directly)."""
    from pasarkerja.web import app as web_app

    serve = getattr(web_app, "serve", None)
    if callable(serve):
        serve(settings)
        return
    import uvicorn

    uvicorn.run(web_app.create_app(settings), host=settings.host, port=settings.port)


@app.command("demo")
def demo(
    seekers: Annotated[int, typer.Option(min=0, help="Demo job seekers to generate")] = 5000,
    vacancies: Annotated[int, typer.Option(min=0, help="Demo vacancies to generate")] = 1500,
    programmes: Annotated[int, typer.Option(min=0, help="Demo training programmes to generate")] = 200,
    seed: Annotated[int, typer.Option(help="Random seed: the same seed gives the same data")] = 42,
    database: DatabaseOption = None,
    port: Annotated[
        int | None, typer.Option(min=1, max=65535, help="Port of the web app (default: settings, 8000)")
    ] = None,
    serve: Annotated[bool, typer.Option("--serve/--no-serve", help="Serve the web app after loading")] = True,
    match: Annotated[
        bool,
        typer.Option("--match/--no-match", help="Run the nightly matching batch (top 10 for every seeker)"),
    ] = True,
) -> None:
    """Create the schema, load reference and demo data (idempotent), run the matching batch, then serve the
    web app."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

    from pasarkerja.ingest.demo.load import DEMO_PASSWORD, DemoLoadError, load_demo
    from pasarkerja.store.crypto import PersonalDataCipher
    from pasarkerja.store.db import make_engine, upgrade
    from pasarkerja.store.reference import load_reference

    settings = resolve_settings(database)
    if port is not None:
        settings = settings.model_copy(update={"port": port})
    engine = make_engine(settings.database_url)
    upgrade(engine)
    reference = load_reference(engine)
    console.print("reference data: " + ", ".join(f"{k} {v}" for k, v in reference.items()))
    cipher = PersonalDataCipher(settings.secret())
    with Progress(
        TextColumn("{task.description:<16}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=max(total, 1))
            bar.update(tasks[stage], completed=done, total=max(total, 1))

        try:
            counts = load_demo(
                engine,
                cipher=cipher,
                seekers=seekers,
                vacancies=vacancies,
                programmes=programmes,
                seed=seed,
                progress=progress,
            )
        except DemoLoadError as error:
            fail(str(error))
            return
    console.print("demo data: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    if match:
        # The main job of a job centre's night: every active seeker's top 10 open vacancies, stored so the
        # seekers' pages and counsellors see them (the same command as `pasarkerja match batch`).
        from pathlib import Path

        from pasarkerja.cli.match import match_batch

        out = Path(".pasarkerja") / "demo-recommendations.parquet"
        out.parent.mkdir(exist_ok=True)
        match_batch(
            top=10,
            out=str(out),
            engine_name="local",
            scheduler=None,
            chunk_size=4096,
            workers=2,
            load_chunk=50_000,
            save=True,
            database=settings.database_url,
        )
    url = f"http://{settings.host}:{settings.port}"
    console.print(f"Open {url} — demo login: konselor / {DEMO_PASSWORD}", highlight=False)
    console.print(
        "other demo accounts (same password): admin, analis, pemberi-kerja, pencari-kerja", highlight=False
    )
    if serve:
        _serve_web(settings)


@app.command("serve")
def serve_command(
    host: Annotated[str | None, typer.Option(help="Address to listen on (default: settings, 127.0.0.1)")] = (
        None
    ),
    port: Annotated[
        int | None, typer.Option(min=1, max=65535, help="Port to listen on (default: settings, 8000)")
    ] = None,
    database: DatabaseOption = None,
) -> None:
    """Serve the web pages and the JSON API (/api, reference at /docs) with uvicorn."""
    from pasarkerja.web.app import serve as serve_web

    settings = resolve_settings(database)
    serve_web(
        settings,
        host=host,
        port=port,
        announce=lambda url: console.print(f"pasarkerja serving at {url} (Ctrl+C stops)", highlight=False),
    )


def main() -> None:  # pragma: no cover - console entry
    app()


# ------------------------------------------------------------------- groups kept in their own modules
def _add_domain_groups() -> None:
    from pasarkerja.cli import gap, lmi, match

    app.add_typer(match.app, name="match")
    app.add_typer(gap.app, name="gap")
    app.add_typer(lmi.app, name="lmi")


_add_domain_groups()
