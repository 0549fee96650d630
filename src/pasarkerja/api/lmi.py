"""JSON API of the labour-market-information dashboard, mounted under ``/api``."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
