"""The "Analisis lowongan" page: an officer pastes a job ad and sees what the system reads in it, with the
text spans of every extracted value highlighted. Nothing pasted is stored or logged."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse

from pasarkerja.api.deps import CurrentUser, check_csrf, require_roles
from pasarkerja.api.routes import analyse_text
from pasarkerja.store.models import ROLES
from pasarkerja.web.pages import render

router = APIRouter()

MAX_TEXT = 200_000
AnyUser = Annotated[CurrentUser, Depends(require_roles(*ROLES))]


@dataclass(frozen=True)
class Segment:
    """A piece of the pasted text; ``kind`` is None for plain text, else what the highlighted span is."""

    text: str
    kind: str | None = None
    label: str | None = None


def _marks(facts: dict[str, Any]) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, label) of every value that came from the pasted text itself."""
    marks: list[tuple[int, int, str, str]] = []

    def add(value: dict[str, Any] | None, kind: str, label: str) -> None:
        if value and value.get("span") and value.get("source", "text") == "text":
            start, end = value["span"]
            if 0 <= start < end:
                marks.append((start, end, kind, label))

    for skill in facts.get("skills", []):
        add(skill, f"skill {skill.get('required', 'essential')}", skill.get("label", ""))
    for flag in facts.get("flags", []):
        add(flag, "flag", flag.get("kind", ""))
    for name in ("education", "experience", "pay", "region", "employment_type", "working_time", "occupation"):
        add(facts.get(name), "fact", name)
    return sorted(marks)


def highlight(text: str, facts: dict[str, Any]) -> list[Segment]:
    """Split ``text`` into plain and highlighted segments; where spans overlap, the earlier one wins."""
    segments: list[Segment] = []
    position = 0
    for start, end, kind, label in _marks(facts):
        if start < position or end > len(text):
            continue
        if start > position:
            segments.append(Segment(text[position:start]))
        segments.append(Segment(text[start:end], kind, label))
        position = end
    if position < len(text):
        segments.append(Segment(text[position:]))
    return segments


@router.get("/analisis-lowongan", response_class=HTMLResponse)
def analysis_form(request: Request, user: AnyUser) -> HTMLResponse:
    return render(request, "analysis.html", {"form": {"text": "", "title": "", "location": ""}}, user=user)


@router.post("/analisis-lowongan", response_class=HTMLResponse)
def analysis_result(
    request: Request,
    user: AnyUser,
    text: Annotated[str, Form(max_length=MAX_TEXT)] = "",
    title: Annotated[str, Form(max_length=300)] = "",
    location: Annotated[str, Form(max_length=300)] = "",
    csrf_token: Annotated[str | None, Form()] = None,
) -> HTMLResponse:
    from pasarkerja.extract import ExtractionError

    check_csrf(request, csrf_token)
    form = {"text": text, "title": title, "location": location}
    context: dict[str, Any] = {"form": form}
    if not text.strip():
        context["error_key"] = "analysis.empty"
        return render(request, "analysis.html", context, user=user, status_code=422)
    try:
        facts = analyse_text("vacancy", text, title or None, location or None)
    except ExtractionError as exc:
        context["error_detail"] = str(exc)
        return render(request, "analysis.html", context, user=user, status_code=422)
    context.update({"facts": facts, "segments": highlight(text, facts)})
    return render(request, "analysis.html", context, user=user)
