"""JSON API of the skills-gap, training-pathway and regional training-needs, mounted under ``/api``."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
