"""Server-rendered skills-gap, training-pathway and regional training-needs pages."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
