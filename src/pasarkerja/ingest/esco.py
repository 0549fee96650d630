"""Load an ESCO release into the database: ISCO-08 groups, occupations, skills, skill groups and their links.

One transaction for the whole release, so a failure leaves the database as it was. Rows are upserted
(``INSERT … ON CONFLICT``, SQLite and PostgreSQL), so importing the same release twice changes nothing and
importing a newer one updates labels, descriptions and links in place. Columns that ESCO does not provide
(the Indonesian ``title_id``/``label_id``) are never touched by an upsert, and ISCO-08 groups already in the
database (loaded with their KBJI Indonesian titles by the reference loader) are left exactly as they are:
only the missing ones are added.

Tables are written in foreign-key order: ISCO groups, ESCO occupations (broader before narrower), skill
groups (parents first), skills, then the three kinds of links. Inserts go out in batches through
SQLAlchemy Core ``executemany``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError

from pasarkerja.store.models import Base
from pasarkerja.taxonomy.esco import EscoRelease, read_esco
from pasarkerja.taxonomy.records import OccupationRecord

Progress = Callable[[str, int, int], None]

DEFAULT_BATCH_SIZE = 5_000

# Skipped rows in the release, by the file they come from → the key they are counted under in the result.
_SKIPPED_KEYS = {
    "occupationskillrelations.csv": "skipped_occupation_skills",
    "skillskillrelations.csv": "skipped_skill_relations",
    "broaderrelationsskillpillar.csv": "skipped_skill_broader",
    "broaderrelationsoccpillar.csv": "skipped_occupation_broader",
}


class EscoImportError(RuntimeError):
    """The release could not be written; nothing was changed."""


def import_esco(
    engine: Engine,
    paths: Sequence[Path],
    progress: Progress | None = None,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> dict[str, int]:
    """Read the ESCO release at ``paths`` (zips, directories or CSVs) and load it; returns counts.

    ``progress(stage, done, total)`` is called as files are read and after each batch written.
    Raises :class:`~pasarkerja.taxonomy.esco.EscoFormatError` for unreadable input and
    :class:`EscoImportError` when the database refuses the data (the transaction is then rolled back).
    """
    release = read_esco(paths, progress)
    return load_esco_release(engine, release, progress, batch_size=batch_size)


def load_esco_release(
    engine: Engine,
    release: EscoRelease,
    progress: Progress | None = None,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> dict[str, int]:
    """Write an already-read release in one transaction; returns what was written and what was skipped.

    Counts: ``isco_groups`` (in the release), ``isco_groups_added`` (the ones the database lacked),
    ``occupations``, ``skill_groups``, ``skills``, ``skill_broader``, ``skill_relations``,
    ``occupation_skills`` (rows upserted), and ``skipped_*`` for relation rows naming unknown concepts.
    """
    if engine.dialect.name not in ("sqlite", "postgresql"):
        raise EscoImportError(f"unsupported database backend {engine.dialect.name!r}")
    writer = _Writer(engine.dialect.name, progress, batch_size)
    counts: dict[str, int] = {}
    try:
        with engine.begin() as connection:
            counts["isco_groups"] = len(release.isco_groups)
            counts["isco_groups_added"] = writer.add_missing_isco_groups(connection, release.isco_groups)
            counts["occupations"] = writer.upsert_occupations(connection, release.occupations)
            counts["skill_groups"] = writer.upsert_skill_groups(connection, release)
            counts["skills"] = writer.upsert_skills(connection, release)
            links, skipped_links = writer.upsert_links(connection, release)
            counts.update(links)
    except DBAPIError as exc:
        raise EscoImportError(
            f"the database refused the ESCO {writer.stage}; nothing was imported: {exc.orig or exc}"
        ) from exc
    skipped = dict.fromkeys(_SKIPPED_KEYS.values(), 0)
    for row in release.skipped:
        key = _SKIPPED_KEYS.get(row.file.lower(), "skipped_other")
        skipped[key] = skipped.get(key, 0) + 1
    for key, value in skipped_links.items():
        skipped[key] += value
    return counts | skipped


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _depth_order(parents: dict[str, str | None]) -> list[str]:
    """Keys ordered so that every key comes after its parent (parents outside ``parents`` are roots)."""
    depth: dict[str, int] = {}

    def depth_of(key: str) -> int:
        chain = []
        node: str | None = key
        while node is not None and node in parents and node not in depth:
            chain.append(node)
            node = parents[node]
            if len(chain) > len(parents):
                raise EscoImportError(f"broader relations form a cycle through {key}")
        base = depth.get(node, -1) if node is not None else -1
        for offset, item in enumerate(reversed(chain), start=1):
            depth[item] = base + offset
        return depth[key]

    return sorted(parents, key=depth_of)


class _Writer:
    def __init__(self, dialect: str, progress: Progress | None, batch_size: int) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        self.progress = progress
        self.batch_size = batch_size
        self.stage = "data"  # what is being written, for error messages

    def _upsert(
        self,
        connection: Connection,
        stage: str,
        table: Table,
        rows: Sequence[dict[str, Any]],
        keys: Sequence[str],
        update: Iterable[str],
    ) -> int:
        self.stage = stage
        statement = self.insert(table)
        columns = list(update)
        if columns:
            statement = statement.on_conflict_do_update(
                index_elements=list(keys), set_={column: statement.excluded[column] for column in columns}
            )
        else:
            statement = statement.on_conflict_do_nothing(index_elements=list(keys))
        total = len(rows)
        if self.progress is not None:
            self.progress(stage, 0, total)
        for start in range(0, total, self.batch_size):
            batch = rows[start : start + self.batch_size]
            connection.execute(statement, list(batch))
            if self.progress is not None:
                self.progress(stage, start + len(batch), total)
        return total

    def add_missing_isco_groups(self, connection: Connection, groups: Sequence[OccupationRecord]) -> int:
        table = _table("occupation")
        codes = [group.code for group in groups]
        existing = set(connection.scalars(select(table.c.code).where(table.c.code.in_(codes))))
        missing = sorted((group for group in groups if group.code not in existing), key=lambda g: g.level)
        self._upsert(connection, "ISCO-08 groups", table, [_occupation_row(g) for g in missing], ["code"], [])
        return len(missing)

    def upsert_occupations(self, connection: Connection, occupations: Sequence[OccupationRecord]) -> int:
        table = _table("occupation")
        by_code = {occupation.code: occupation for occupation in occupations}
        # A local (non-ESCO) occupation under the same code must not be silently overwritten.
        taken = sorted(
            code
            for code, source in connection.execute(
                select(table.c.code, table.c.source).where(table.c.level == 5, table.c.source != "esco")
            )
            if code in by_code
        )
        if taken:
            raise EscoImportError(
                f"{len(taken)} ESCO occupation code(s) are already used by non-ESCO occupations, "
                f"e.g. {', '.join(taken[:5])}; nothing was imported"
            )
        order = _depth_order({code: o.parent_code for code, o in by_code.items()})
        rows = [_occupation_row(by_code[code]) for code in order]
        update = ("level", "isco_code", "parent_code", "title_en", "description", "alt_labels", "esco_uri")
        return self._upsert(connection, "occupations", table, rows, ["code"], (*update, "source"))

    def upsert_skill_groups(self, connection: Connection, release: EscoRelease) -> int:
        by_id = {group.id: group for group in release.skill_groups}
        order = _depth_order({group_id: group.parent_id for group_id, group in by_id.items()})
        rows = [
            {
                "id": group.id,
                "code": group.code,
                "label_en": group.label_en,
                "label_id": group.label_id,
                "parent_id": group.parent_id,
                "esco_uri": group.esco_uri,
            }
            for group in (by_id[group_id] for group_id in order)
        ]
        update = ("code", "label_en", "parent_id", "esco_uri")
        return self._upsert(connection, "skill groups", _table("skill_group"), rows, ["id"], update)

    def upsert_skills(self, connection: Connection, release: EscoRelease) -> int:
        rows = [
            {
                "id": skill.id,
                "label_id": skill.label_id,
                "label_en": skill.label_en,
                "alt_labels": list(skill.alt_labels),
                "type": skill.type,
                "group_id": skill.group_id,
                "esco_uri": skill.esco_uri,
                "description": skill.description,
                "source": skill.source,
            }
            for skill in release.skills
        ]
        update = ("label_en", "alt_labels", "type", "group_id", "esco_uri", "description", "source")
        return self._upsert(connection, "skills", _table("skill"), rows, ["id"], update)

    def upsert_links(
        self, connection: Connection, release: EscoRelease
    ) -> tuple[dict[str, int], dict[str, int]]:
        """The three link tables. Links whose ends the release does not define (possible only in a release
        built by hand: :func:`read_esco` already leaves them out) are counted as skipped, not written."""
        skill_ids = {skill.id for skill in release.skills}
        broader_ids = skill_ids | {group.id for group in release.skill_groups}
        occupation_codes = {occupation.code for occupation in release.occupations}
        counts: dict[str, int] = {}
        skipped: dict[str, int] = {}

        broader = [
            {"skill_id": link.skill_id, "broader_id": link.broader_id}
            for link in release.skill_broader
            if link.skill_id in skill_ids and link.broader_id in broader_ids
        ]
        skipped["skipped_skill_broader"] = len(release.skill_broader) - len(broader)
        counts["skill_broader"] = self._upsert(
            connection,
            "skill broader links",
            _table("skill_broader"),
            broader,
            ["skill_id", "broader_id"],
            [],
        )

        related = [
            {"skill_id": r.skill_id, "related_skill_id": r.related_skill_id, "relation": r.relation}
            for r in release.skill_relations
            if r.skill_id in skill_ids and r.related_skill_id in skill_ids
        ]
        skipped["skipped_skill_relations"] = len(release.skill_relations) - len(related)
        counts["skill_relations"] = self._upsert(
            connection,
            "skill relations",
            _table("skill_relation"),
            related,
            ["skill_id", "related_skill_id"],
            ["relation"],
        )

        required = [
            {"occupation_code": r.occupation_code, "skill_id": r.skill_id, "relation": r.relation}
            for r in release.occupation_skills
            if r.occupation_code in occupation_codes and r.skill_id in skill_ids
        ]
        skipped["skipped_occupation_skills"] = len(release.occupation_skills) - len(required)
        counts["occupation_skills"] = self._upsert(
            connection,
            "occupation skills",
            _table("occupation_skill"),
            required,
            ["occupation_code", "skill_id"],
            ["relation"],
        )
        return counts, skipped


def _occupation_row(occupation: OccupationRecord) -> dict[str, Any]:
    return {
        "code": occupation.code,
        "level": occupation.level,
        "isco_code": occupation.isco_code,
        "parent_code": occupation.parent_code,
        "title_en": occupation.title_en,
        "title_id": occupation.title_id,
        "title_id_is_translation": occupation.title_id_is_translation,
        "description": occupation.description,
        "alt_labels": list(occupation.alt_labels),
        "esco_uri": occupation.esco_uri,
        "source": occupation.source,
    }
