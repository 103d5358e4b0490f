"""The collaboration policy: ranking weights, priority sectors and their boost."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from matching.vocabulary import SECTORS

__all__ = ["Policy"]


@dataclass(frozen=True, slots=True)
class Policy:
    """Weights of the score components and the priority-sector boost.

    fit = (w_text·text + w_cap·capability) / (w_text + w_cap) (1 when both are 0);
    score = min(1, fit · (w_text + w_cap + w_sector·sector + w_iot·iot_field) / Σw
    · (1 + priority_boost if the pair shares a priority sector)): sector and IoT
    field scale the fit, so they never lift a pair that does not fit. Matches
    scoring below ``min_score`` (or 0) are dropped.
    Weights are relative (only their ratios matter); all zero gives score 0.
    """

    weight_text: float = 0.35
    weight_capability: float = 0.45
    weight_sector: float = 0.15
    weight_iot_field: float = 0.05
    priority_sectors: tuple[str, ...] = ("automotive_transport",)
    priority_boost: float = 0.1
    min_score: float = 0.0

    def __post_init__(self) -> None:
        for f in (
            "weight_text",
            "weight_capability",
            "weight_sector",
            "weight_iot_field",
            "priority_boost",
            "min_score",
        ):
            value = getattr(self, f)
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                raise ValueError(f"{f} must be a number >= 0, got {value!r}")
        if self.min_score > 1:
            raise ValueError(f"min_score must be <= 1, got {self.min_score!r}")
        object.__setattr__(self, "priority_sectors", tuple(self.priority_sectors))
        for code in self.priority_sectors:
            if code not in SECTORS:
                raise ValueError(f"unknown priority sector {code!r}")

    @property
    def weights(self) -> tuple[float, float, float, float]:
        return (self.weight_text, self.weight_capability, self.weight_sector, self.weight_iot_field)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["priority_sectors"] = list(self.priority_sectors)
        return d

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Policy:
        """Build from a dict; unknown keys raise ``ValueError``, missing keys keep defaults."""
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown policy keys: {', '.join(sorted(unknown))}")
        return cls(**dict(data))

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Policy:
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("policy JSON must be an object")
        return cls.from_dict(data)

    @classmethod
    def load(cls, path: str | Path) -> Policy:
        return cls.from_json(Path(path).read_text("utf-8"))
