"""Server-rendered labour-market-information dashboard and reports."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
