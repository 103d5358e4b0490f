"""The matching estimator: startups for a need, needs for a startup, with reasons.

Score of a (need, startup) pair, every component in [0, 1]::

    base  = (w_t·text + w_c·capability + w_s·sector + w_i·iot_field) / (w_t + w_c + w_s + w_i)
    score = min(1, base · (1 + priority_boost))  if the need's sector is a priority
                                                 sector the startup also serves
    text       cosine of sublinear TF-IDF vectors (hashed features of text.analyze;
               IDF from the fitted startups, kept exact under updates)
    capability share of the need's capability strength the startup also has,
               times a gentle penalty for profiles claiming many capabilities
    sector     1 if the startup serves the need's sector
    iot_field  how well the startup's iot_field suits the need's capabilities

Incremental updates: features are hashed (no vocabulary to drift) and document
frequencies are counted exactly, so after any add/update/remove the ranking
equals that of a refit on the same startups. New profiles go into a small delta
segment, removed ones become tombstones; when changes since the last rebuild
exceed ``max(merge_min, merge_fraction × fitted docs)`` both are merged into the
main matrices (the equivalent of a refit, without re-tokenising).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction import FeatureHasher
from sklearn.utils import murmurhash3_32

from matching.evidence import (
    Caps,
    NameStripper,
    Reason,
    capability_reason,
    linked_reason,
    need_text,
    startup_text,
    terms_reason,
)
from matching.features import Analyzer
from matching.glossary import load_glossary
from matching.policy import Policy
from matching.records import NeedRecord, StartupRecord
from matching.text import shared_terms, surface_terms
from matching.vocabulary import (
    IOT_FIELDS,
    SECTORS,
    Vocabulary,
    build_vocabulary,
    load_vocabulary,
)

__all__ = ["Match", "MatchingEngine", "NeedRanking", "Reason", "ScoreParts", "StartupRanking"]

Locale = Literal["ko", "en", "both"]
_SECTOR_CODES: tuple[str, ...] = tuple(SECTORS)
_IOT_CODES: tuple[str, ...] = tuple(IOT_FIELDS)
_INFO_CACHE_SIZE = 50_000  # per-startup words for reasons, kept between calls
_ROUND = 6  # scores are compared at this precision, then ties go to the smaller id
_BLOCK = 256  # columns per block for the top-k lower bound

# Where a capability was found weighs how much it counts. A company's own name
# is never evidence: it is stripped from the text before anything is matched.
_NEED_SOURCES = {"title": 1.0, "required": 1.0, "description": 0.85}
_STARTUP_SOURCES = {"capabilities": 1.0, "description": 0.85}
# Below this text score (the square root of a cosine of 0.0225), a pair with no
# shared capability has no evidence and is not listed.
_TEXT_FLOOR = 0.15
_MAX_REASONS = 3
_CAP_EVIDENCE_FLOOR = 1.0
_BROADER_CREDIT = 0.3  # a need's share passed to the broader/narrower concept
_RELATED_CREDIT = (
    0.2  # ... and to a related one  # need-side capability strengths are divided by max(sum, this)
)
_CAP_BUDGET = 4.0  # a profile with more capability strength than this is penalised ...
_CAP_PENALTY_EXP = (
    0.5  # ... by (budget / total) ** exp: generalists should not win by listing everything
)


@dataclass(frozen=True, slots=True)
class ScoreParts:
    """The components of a score, each in [0, 1] (``priority``: boost applied)."""

    text: float
    capability: float
    sector: float
    iot_field: float
    priority: bool


@dataclass(frozen=True, slots=True)
class Match:
    """One ranked pair."""

    need_id: str
    startup_id: str
    score: float
    reasons: tuple[Reason, ...]
    parts: ScoreParts

    def to_dict(
        self, side: Literal["startup", "need"] = "startup", locale: Locale = "both"
    ) -> dict[str, Any]:
        """The FORMAT.md match object (``side`` says which id it carries)."""
        key, value = (
            ("startup_id", self.startup_id) if side == "startup" else ("need_id", self.need_id)
        )
        return {
            key: value,
            "score": round(self.score, 4),
            "reasons": [r.text(locale) for r in self.reasons],
        }


@dataclass(frozen=True, slots=True)
class NeedRanking:
    """Startups for one need, best first."""

    need_id: str
    matches: list[Match]

    def to_dict(self, locale: Locale = "both") -> dict[str, Any]:
        return {
            "need_id": self.need_id,
            "matches": [m.to_dict("startup", locale) for m in self.matches],
        }


@dataclass(frozen=True, slots=True)
class StartupRanking:
    """Needs for one startup, best first."""

    startup_id: str
    matches: list[Match]

    def to_dict(self, locale: Locale = "both") -> dict[str, Any]:
        return {
            "startup_id": self.startup_id,
            "matches": [m.to_dict("need", locale) for m in self.matches],
        }


@dataclass(slots=True)
class _Docs:
    """Startup-side matrices of one segment (main or delta); columns are startups."""

    ids: np.ndarray
    records: list[StartupRecord]
    tf_t: sp.csr_matrix  # features × docs, sublinear term frequency
    sq_t: sp.csr_matrix  # same structure, squared values (for norms)
    cap: sp.csr_matrix  # capabilities × docs, strengths (sparse: a profile has a handful)
    cap_rows: sp.csr_matrix  # docs × capabilities, the same (one row per startup)
    cap_pen: np.ndarray
    side: np.ndarray  # (sectors + iot fields) × docs, 0/1: served sectors, then one-hot iot field
    norms: np.ndarray = field(default_factory=lambda: np.zeros(0))

    @property
    def size(self) -> int:
        return len(self.records)


@dataclass(slots=True)
class _Queries:
    """Need-side matrices; rows are needs."""

    ids: np.ndarray
    records: list[NeedRecord]
    text: sp.csr_matrix  # idf²-weighted, divided by the query norm
    cap: np.ndarray  # strengths divided by their sum
    caps: list[Caps]
    side: np.ndarray  # needs × (sectors + iot fields): weighted sector one-hot, then iot preference
    boost: np.ndarray  # needs × sectors: priority boost at the need's sector if it is a priority
    iot_pref: np.ndarray  # needs × iot fields
    priority: np.ndarray
    terms: list[dict[str, str]]


class MatchingEngine:
    """Ranks startups for needs and needs for startups (a scikit-learn-style estimator).

    ``fit(startups)`` validates the startup records (dicts of FORMAT.md or
    :class:`StartupRecord`) and learns the text statistics; ``rank(needs)``
    returns the best startups for each need, ``rank_needs(startups, needs)``
    the best needs for each startup. ``add_or_update_startup`` and
    ``remove_startup`` change one profile without refitting. Not thread-safe
    for concurrent updates; ranking does not modify the engine.

    Raises ``RecordError`` for an invalid record, ``ValueError`` for repeated
    ids and ``RuntimeError`` when used before ``fit``.
    """

    def __init__(
        self,
        policy: Policy | None = None,
        *,
        vocabulary_path: str | None = None,
        glossary_path: str | None = None,
        use_vocabulary: bool = True,
        use_glossary: bool = True,
        use_loanwords: bool = True,
        n_features: int = 2**20,
        merge_fraction: float = 0.05,
        merge_min: int = 256,
        batch_size: int = 64,
    ) -> None:
        self.policy = policy
        self.vocabulary_path = vocabulary_path
        self.glossary_path = glossary_path
        self.use_vocabulary = use_vocabulary
        self.use_glossary = use_glossary
        self.use_loanwords = use_loanwords
        self.n_features = n_features
        self.merge_fraction = merge_fraction
        self.merge_min = merge_min
        self.batch_size = batch_size

    # ------------------------------------------------------------------ fitting

    def fit(self, startups: Iterable[StartupRecord | Mapping[str, Any]]) -> MatchingEngine:
        """Learn from all ``startups``; returns ``self``."""
        records = [StartupRecord.coerce(r) for r in startups]
        _check_unique(r.id for r in records)
        self.policy_ = self.policy or Policy()
        self.vocabulary_: Vocabulary = (
            load_vocabulary(self.vocabulary_path, loanwords=self.use_loanwords)
            if self.use_vocabulary
            else build_vocabulary((), {}, {})
        )
        glossary = load_glossary(self.glossary_path) if self.use_glossary else None
        self.analyzer_ = Analyzer(glossary, loanwords=self.use_loanwords)
        known = self.vocabulary_.is_term
        self.links_ = self._links()
        self.link_arrays_ = (
            np.array([i for i, _j, _w in self.links_], dtype=np.int64),
            np.array([j for _i, j, _w in self.links_], dtype=np.int64),
            np.array([w for _i, _j, w in self.links_], dtype=np.float64),
        )
        self.links_in_: dict[int, list[tuple[int, float]]] = {}
        for i, j, w in self.links_:
            self.links_in_.setdefault(j, []).append((i, w))
        self.names_ = NameStripper(
            (lambda w: known(w) or glossary.has_term(w)) if glossary is not None else known
        )
        self.vectorizer_ = FeatureHasher(
            n_features=self.n_features,
            input_type="pair",
            alternate_sign=False,
            dtype=np.float32,
        )
        tf = self._tf(records)
        self.main_ = self._docs(records, tf)
        self.alive_ = np.ones(len(records), dtype=bool)
        self.df_ = np.bincount(tf.indices, minlength=self.n_features).astype(np.int64)
        self._log_df = np.log1p(self.df_.astype(np.float64))
        # Startups having each capability, kept exact under updates like df_.
        self.cap_df_ = self._present(self.main_.cap_rows)
        self.n_docs_ = len(records)
        self.delta_ = self._docs([], self._tf([]))
        self.location_: dict[str, tuple[int, int]] = {r.id: (0, i) for i, r in enumerate(records)}
        self.changes_since_merge_ = 0
        self._info_cache: dict[str, tuple[Caps, dict[str, str]]] = {}
        self._refresh_weights()
        return self

    def _tf(self, records: Sequence[StartupRecord]) -> sp.csr_matrix:
        if not records:
            return sp.csr_matrix((0, self.n_features), dtype=np.float32)
        return self._features([startup_text(r, self.names_) for r in records])

    def _features(self, texts: Sequence[str]) -> sp.csr_matrix:
        """Sublinear term frequencies: 1 + ln(tf) from one written word on, tf below it."""
        tf = self.vectorizer_.transform(self.analyzer_(t) for t in texts).tocsr()
        tf.sum_duplicates()
        big = tf.data >= 1.0
        tf.data[big] = 1.0 + np.log(tf.data[big])
        return tf

    def _cap_rows(self, records: Sequence[StartupRecord]) -> sp.csr_matrix:
        indptr: list[int] = [0]
        indices: list[int] = []
        data: list[float] = []
        for r in records:
            hits = sorted(self._startup_caps(r).hits.items())
            indices.extend(i for i, _h in hits)
            data.extend(h[0] for _i, h in hits)
            indptr.append(len(indices))
        shape = (len(records), len(self.vocabulary_))
        return sp.csr_matrix((np.array(data, np.float32), indices, indptr), shape=shape)

    def _docs(
        self, records: list[StartupRecord], tf: sp.csr_matrix, cap: sp.csr_matrix | None = None
    ) -> _Docs:
        if cap is None:
            cap = self._cap_rows(records)
        cap = sp.csr_matrix(cap, shape=(len(records), len(self.vocabulary_)), dtype=np.float32)
        side = np.zeros((len(_SECTOR_CODES) + len(_IOT_CODES), len(records)), dtype=np.float32)
        for j, r in enumerate(records):
            for s in r.sectors:
                side[_SECTOR_CODES.index(s), j] = 1.0
            side[len(_SECTOR_CODES) + _IOT_CODES.index(r.iot_field), j] = 1.0
        total = np.asarray(cap.sum(axis=1)).ravel()
        pen = np.minimum(1.0, _CAP_BUDGET / np.maximum(total, 1e-9)) ** _CAP_PENALTY_EXP
        tf_t = tf.T.tocsr()
        sq_t = sp.csr_matrix((tf_t.data**2, tf_t.indices, tf_t.indptr), shape=tf_t.shape)
        return _Docs(
            ids=np.array([r.id for r in records], dtype=str),
            records=records,
            tf_t=tf_t,
            sq_t=sq_t,
            cap=cap.T.tocsr(),
            cap_rows=cap,
            cap_pen=pen.astype(np.float32),
            side=side,
        )

    def _caps(self, parts: Sequence[tuple[float, str]]) -> Caps:
        return Caps.find(self.vocabulary_, parts)

    def _startup_caps(self, r: StartupRecord) -> Caps:
        s, strip = _STARTUP_SOURCES, self.names_
        return self._caps(
            (
                (s["capabilities"], strip(" . ".join(r.capabilities), r.name)),
                (s["description"], strip(r.description, r.name)),
            )
        )

    def _need_caps(self, r: NeedRecord) -> Caps:
        s, strip = _NEED_SOURCES, self.names_
        return self._caps(
            (
                (s["title"], strip(r.title, r.manufacturer)),
                (s["required"], strip(" . ".join(r.required_capabilities), r.manufacturer)),
                (s["description"], strip(r.description, r.manufacturer)),
            )
        )

    def _refresh_weights(self) -> None:
        """Recompute IDF and document norms after the document set changed."""
        n = int(self.alive_.sum()) + self.delta_.size
        # Smooth IDF, ln((1 + n) / (1 + df)) + 1, with ln(1 + df) kept per feature
        # so an update touches only its own features (bit-identical to a refit).
        self.idf_ = (np.log1p(float(n)) + 1.0) - self._log_df
        self._idf2 = self.idf_**2
        for docs in (self.main_, self.delta_):
            docs.norms = np.sqrt(docs.sq_t.T @ self._idf2) if docs.size else np.zeros(0)

    def _count(self, features: np.ndarray, change: int) -> None:
        self.df_[features] += change
        self._log_df[features] = np.log1p(self.df_[features].astype(np.float64))

    def _links(self) -> list[tuple[int, int, float]]:
        """(from, to, weight) of the vocabulary's broader/narrower and related links."""
        vocab = self.vocabulary_
        out: list[tuple[int, int, float]] = []
        for i, c in enumerate(vocab.capabilities):
            if c.broader is not None:
                j = vocab.index(c.broader)
                out += [(i, j, _BROADER_CREDIT), (j, i, _BROADER_CREDIT)]
            for other in c.related:
                j = vocab.index(other)
                out += [(i, j, _RELATED_CREDIT), (j, i, _RELATED_CREDIT)]
        return out

    def _expand(self, cap: np.ndarray) -> np.ndarray:
        """Need shares spread to linked capabilities at a discount (the larger share wins).

        A need for bearing fault detection is partly met by a startup offering its
        broader concept (vibration monitoring) or a related one.
        """
        out = cap.copy()
        src, dst, weight = self.link_arrays_
        used = cap[:, src].any(axis=0)  # a need has a few capabilities: few links apply
        for i, j, w in zip(src[used], dst[used], weight[used], strict=True):
            np.maximum(out[:, j], cap[:, i] * w, out=out[:, j])
        return out

    def _capability_rarity(self) -> np.ndarray:
        """Per capability, in (0, 1]: 1 for one no startup has, lower the more have it.

        A capability most profiles claim (alerts, dashboards) tells little about who
        fits; the need's share of it is scaled by this IDF-like factor.
        """
        n = float(int(self.alive_.sum()) + self.delta_.size)
        idf = 1.0 + np.log((1.0 + n) / (1.0 + self.cap_df_.astype(np.float64)))
        rarity: np.ndarray = np.sqrt(idf / (1.0 + np.log1p(n)))
        return rarity

    def _check_fitted(self) -> None:
        if not hasattr(self, "main_"):
            raise RuntimeError("MatchingEngine is not fitted: call fit(startups) first")

    # -------------------------------------------------------------- incremental

    def add_or_update_startup(self, record: StartupRecord | Mapping[str, Any]) -> None:
        """Add a startup, or replace the one with the same id, without a refit."""
        self._check_fitted()
        r = StartupRecord.coerce(record)
        self._info_cache.pop(r.id, None)
        if r.id in self.location_:
            self._remove(r.id)
        tf = self._tf([r])
        self._count(tf.indices, +1)
        row = self._cap_rows([r])
        self.cap_df_ += self._present(row)
        cap = sp.vstack([self.delta_.cap_rows, row]).tocsr()
        self._set_delta([*self.delta_.records, r], sp.vstack([self.delta_.tf_t.T, tf]).tocsr(), cap)
        self.location_[r.id] = (1, self.delta_.size - 1)
        self.changes_since_merge_ += 1
        self._after_change()

    def remove_startup(self, startup_id: str) -> None:
        """Remove a startup; raises ``KeyError`` if the id is unknown."""
        self._check_fitted()
        if startup_id not in self.location_:
            raise KeyError(startup_id)
        self._remove(startup_id)
        self._info_cache.pop(startup_id, None)
        self.changes_since_merge_ += 1
        self._after_change()

    def _remove(self, startup_id: str) -> None:
        segment, pos = self.location_.pop(startup_id)
        docs = self.main_ if segment == 0 else self.delta_
        self.cap_df_ -= self._present(docs.cap_rows[pos])
        if segment == 0:
            self.alive_[pos] = False
            self._count(self._tf([self.main_.records[pos]]).indices, -1)
            return
        records = self.delta_.records
        tf = self.delta_.tf_t.T.tocsr()
        self._count(tf[pos].indices, -1)
        keep = [i for i in range(len(records)) if i != pos]
        cap = self.delta_.cap_rows[keep]
        self._set_delta([records[i] for i in keep], tf[keep], cap)
        for i, rec in enumerate(self.delta_.records):
            self.location_[rec.id] = (1, i)

    def _set_delta(
        self, records: list[StartupRecord], tf: sp.csr_matrix, cap: sp.csr_matrix
    ) -> None:
        tf = sp.csr_matrix(tf, shape=(len(records), self.n_features))
        self.delta_ = self._docs(records, tf, cap)

    def _present(self, rows: sp.csr_matrix) -> np.ndarray:
        """Per capability, how many of ``rows`` have it."""
        counts = np.bincount(rows.indices[rows.data > 0], minlength=len(self.vocabulary_))
        return counts.astype(np.int64)

    def _after_change(self) -> None:
        limit = max(self.merge_min, self.merge_fraction * self.n_docs_)
        if self.changes_since_merge_ > limit:
            self._merge()
        self._refresh_weights()

    def _merge(self) -> None:
        """Fold the delta into the main segment and drop tombstones (equals a refit)."""
        keep = np.flatnonzero(self.alive_)
        records = [self.main_.records[i] for i in keep] + self.delta_.records
        tf = sp.vstack([self.main_.tf_t.T.tocsr()[keep], self.delta_.tf_t.T]).tocsr()
        cap = sp.vstack([self.main_.cap_rows[keep], self.delta_.cap_rows]).tocsr()
        self.main_ = self._docs(records, tf, cap)
        self.alive_ = np.ones(len(records), dtype=bool)
        self.delta_ = self._docs([], self._tf([]))
        self.location_ = {r.id: (0, i) for i, r in enumerate(records)}
        self.n_docs_ = len(records)
        self.changes_since_merge_ = 0

    def set_policy(self, policy: Policy) -> None:
        """Use ``policy`` from now on; it only affects ranking, so nothing is refitted."""
        self.policy = policy
        self.policy_ = policy

    @property
    def startup_ids(self) -> list[str]:
        """Ids of the startups currently indexed (fitted or added), sorted."""
        self._check_fitted()
        return sorted(self.location_)

    # ------------------------------------------------------------------ queries

    def _queries(self, needs: Sequence[NeedRecord]) -> _Queries:
        m, k = len(needs), len(self.vocabulary_)
        tf = self._features([need_text(r, self.names_) for r in needs])
        # Scale the non-zeros directly: multiplying by a dense 2^20 row costs O(features).
        idf = self.idf_[tf.indices]
        row = np.repeat(np.arange(m), np.diff(tf.indptr))
        qnorm = np.sqrt(np.bincount(row, weights=(tf.data * idf) ** 2, minlength=m))
        qnorm[qnorm == 0] = 1.0
        data = (tf.data * idf * idf / qnorm[row]).astype(np.float32)
        text = sp.csr_matrix((data, tf.indices, tf.indptr), shape=tf.shape)
        caps = [self._need_caps(r) for r in needs]
        cap = np.zeros((m, k), dtype=np.float64)
        iot_pref = np.zeros((m, len(_IOT_CODES)), dtype=np.float32)
        for n_i, c in enumerate(caps):
            for i, (strength, _terms) in c.hits.items():
                cap[n_i, i] = strength
                fields = self.vocabulary_.capabilities[i].fields
                for rank, f in enumerate(fields):
                    fit = strength * (1.0 if rank == 0 else 0.7)
                    j = _IOT_CODES.index(f)
                    iot_pref[n_i, j] = max(iot_pref[n_i, j], fit)
        top = iot_pref.max(axis=1, keepdims=True)
        iot_pref = np.divide(iot_pref, top, out=np.zeros_like(iot_pref), where=top > 0)
        cap *= self._capability_rarity()
        # Shares of the need's capability evidence; a need whose only evidence is one
        # weak concept (strength < 1 in all) keeps that weakness instead of being
        # scaled up to a full match of whoever has the concept.
        total = np.maximum(cap.sum(axis=1, keepdims=True), _CAP_EVIDENCE_FLOOR)
        cap = self._expand(cap / total)
        p = self.policy_
        wsum = sum(p.weights) or 1.0
        sector = np.array([_SECTOR_CODES.index(r.sector) for r in needs], dtype=np.int64)
        prio = np.array([r.sector in p.priority_sectors for r in needs], dtype=bool)
        n_sec = len(_SECTOR_CODES)
        side = np.zeros((m, n_sec + len(_IOT_CODES)), dtype=np.float32)
        side[np.arange(m), sector] = p.weight_sector / wsum
        side[:, n_sec:] = iot_pref * (p.weight_iot_field / wsum)
        boost = np.zeros((m, n_sec), dtype=np.float32)
        boost[np.arange(m)[prio], sector[prio]] = p.priority_boost
        return _Queries(
            ids=np.array([r.id for r in needs], dtype=str),
            records=list(needs),
            text=text,
            cap=cap.astype(np.float32),
            caps=caps,
            side=side,
            boost=boost,
            iot_pref=iot_pref,
            priority=prio,
            terms=[surface_terms(need_text(r, self.names_)) for r in needs],
        )

    def _score(
        self,
        q: _Queries,
        rows: slice | np.ndarray,
        docs: _Docs,
        cols: slice | np.ndarray = slice(None),
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(total, text, capability) for needs ``rows`` × startups ``cols``."""
        p = self.policy_
        every = isinstance(cols, slice) and cols == slice(None)
        tf_t = docs.tf_t if every else docs.tf_t[:, cols]
        norms = docs.norms[cols]
        text = (q.text[rows] @ tf_t).toarray()
        np.divide(text, norms, out=text, where=norms > 0)
        np.minimum(text, 1.0, out=text)  # float rounding may exceed 1 by an ulp
        # The square root of the cosine: word overlap between a short need and a
        # profile is small even when it is telling, and would otherwise only break
        # ties next to capability evidence.
        np.sqrt(text, out=text)
        # Only the capabilities (and sector/field rows) these needs use: a need
        # has a handful, so one query reads a few rows instead of all of them.
        q_cap = q.cap[rows]
        used = np.flatnonzero(q_cap.any(axis=0))
        sub = docs.cap[used] if every else docs.cap[used][:, cols]
        cap = np.asarray((sub.T @ q_cap[:, used].T).T, dtype=np.float32)
        cap *= docs.cap_pen[cols]
        np.minimum(cap, 1.0, out=cap)  # linked capabilities may add up past a full match
        wsum = sum(p.weights)
        if wsum <= 0:
            return np.zeros_like(text), text, cap
        total = self._fit(text, cap)
        # Sector and IoT-field fit scale the fit instead of adding to it, so they can
        # reorder startups that fit alike but never lift one that does not fit.
        q_side = q.side[rows]
        used = np.flatnonzero(q_side.any(axis=0))
        total *= q_side[:, used] @ docs.side[used][:, cols] + np.float32(
            (p.weight_text + p.weight_capability) / wsum
        )
        q_boost = q.boost[rows]
        used = np.flatnonzero(q_boost.any(axis=0))
        if p.priority_boost > 0 and len(used):
            factor = q_boost[:, used] @ docs.side[used][:, cols]
            factor += 1.0
            total *= factor
            np.minimum(total, 1.0, out=total)
        return total, text, cap

    def _fit(self, text: np.ndarray, cap: np.ndarray) -> np.ndarray:
        """How well the content fits, in [0, 1]: the text and capability components.

        1 when the policy weighs neither (ranking by sector alone). A pair with no
        shared capability and a text similarity under ``_TEXT_FLOOR`` has no
        evidence and scores 0.
        """
        p = self.policy_
        content = p.weight_text + p.weight_capability
        if content <= 0:
            return np.ones_like(text)
        fit = text * np.float32(p.weight_text / content)
        fit += cap * np.float32(p.weight_capability / content)
        evidence = text >= _TEXT_FLOOR if p.weight_text > 0 else np.zeros(text.shape, bool)
        if p.weight_capability > 0:
            evidence |= cap > 0
        fit[~evidence] = 0.0
        return fit

    def rank(
        self, needs: Iterable[NeedRecord | Mapping[str, Any]], top_k: int = 10
    ) -> list[NeedRanking]:
        """The ``top_k`` startups for each need, best first (ties by startup id).

        Scores are comparable across needs. Pairs scoring 0 or below the
        policy's ``min_score`` are left out.
        """
        self._check_fitted()
        records = [NeedRecord.coerce(r) for r in needs]
        if top_k < 1 or not records:
            return [NeedRanking(r.id, []) for r in records]
        q = self._queries(records)
        picks: list[list[tuple[float, str, int, int, float, float]]] = [[] for _ in records]
        segments = [(0, self.main_, self.alive_), (1, self.delta_, None)]
        for start in range(0, len(records), self.batch_size):
            rows = np.arange(start, min(start + self.batch_size, len(records)))
            for seg, docs, alive in segments:
                if docs.size == 0:
                    continue
                total, text, cap = self._score(q, rows, docs)
                if alive is not None and not alive.all():
                    total[:, ~alive] = -1.0
                tops = self._top_rows(total, docs.ids, top_k)
                for r_i, at in enumerate(rows):
                    for j in tops[r_i]:
                        picks[int(at)].append(
                            (float(total[r_i, j]), docs.ids[j], seg, j, text[r_i, j], cap[r_i, j])
                        )
        result = []
        cache = self._info_cache
        for row, r in enumerate(records):
            best = sorted(picks[row], key=lambda t: (-round(t[0], _ROUND), t[1]))[:top_k]
            matches = []
            for score, _sid, seg, j, text_s, cap_s in best:
                docs = self.main_ if seg == 0 else self.delta_
                m = self._match(q, row, docs.records[j], score, text_s, cap_s, cache)
                if m is not None:
                    matches.append(m)
            result.append(NeedRanking(r.id, matches))
        return result

    def rank_needs(
        self,
        startups: Iterable[StartupRecord | Mapping[str, Any]] | None,
        needs: Iterable[NeedRecord | Mapping[str, Any]],
        top_k: int = 10,
    ) -> list[StartupRanking]:
        """The ``top_k`` needs for each startup, best first (ties by need id).

        ``startups=None`` means every indexed startup (in id order); other
        records are scored with the fitted statistics without being added.
        A pair scores the same in both directions.
        """
        self._check_fitted()
        need_records = [NeedRecord.coerce(r) for r in needs]
        if startups is None:
            segments = [
                (self.main_, np.flatnonzero(self.alive_)),
                (self.delta_, np.arange(self.delta_.size)),
            ]
        else:
            recs = [StartupRecord.coerce(r) for r in startups]
            _check_unique(r.id for r in recs)
            docs = self._docs(recs, self._tf(recs))
            docs.norms = np.sqrt(docs.sq_t.T @ self._idf2) if docs.size else np.zeros(0)
            segments = [(docs, np.arange(docs.size))]
        out: list[StartupRanking] = []
        if not need_records or top_k < 1:
            for docs, cols in segments:
                out.extend(StartupRanking(docs.ids[j], []) for j in cols)
            return sorted(out, key=lambda s: s.startup_id) if startups is None else out
        q = self._queries(need_records)
        rows = np.arange(len(need_records))
        cache = self._info_cache if startups is None else {}
        chunk = max(1, 4_000_000 // max(1, len(need_records)))
        for docs, cols in segments:
            for start in range(0, len(cols), chunk):
                part = cols[start : start + chunk]
                total, text, cap = self._score(q, rows, docs, part)
                tops = self._top_rows(np.ascontiguousarray(total.T), q.ids, top_k)
                for c_i, j in enumerate(part):
                    found = (
                        self._match(
                            q,
                            int(i),
                            docs.records[j],
                            float(total[i, c_i]),
                            text[i, c_i],
                            cap[i, c_i],
                            cache,
                        )
                        for i in tops[c_i]
                    )
                    matches = [m for m in found if m is not None]
                    out.append(StartupRanking(str(docs.ids[j]), matches))
        return sorted(out, key=lambda s: s.startup_id) if startups is None else out

    def _top_rows(self, scores: np.ndarray, ids: np.ndarray, k: int) -> list[list[int]]:
        """Per row, indices of the best ``k`` scores that round above 0 and to ≥ min_score.

        Ties (at 6 decimals) go to the smaller id. The k-th largest of the block
        maxima is a lower bound of the k-th largest score, so only the few
        columns above it are sorted.
        """
        c, n = scores.shape
        floor = max(self.policy_.min_score - 1e-6, 4e-7)
        nb = n // _BLOCK
        if nb > k:
            block_max = scores[:, : nb * _BLOCK].reshape(c, nb, _BLOCK).max(axis=2)
            bound = np.partition(block_max, nb - k, axis=1)[:, nb - k] - 1e-6
        else:
            bound = np.full(c, -np.inf)
        out = []
        for r in range(c):
            cand = np.flatnonzero(scores[r] >= max(float(bound[r]), floor))
            rounded = np.round(scores[r, cand].astype(np.float64), _ROUND)
            keep = (rounded > 0) & (rounded >= self.policy_.min_score)
            cand, rounded = cand[keep], rounded[keep]
            if len(cand) > k:
                kth = np.partition(rounded, len(cand) - k)[len(cand) - k]
                sel = rounded >= kth
                cand, rounded = cand[sel], rounded[sel]
            order = np.lexsort((ids[cand], -rounded))[:k]
            out.append([int(i) for i in cand[order]])
        return out

    # ------------------------------------------------------------------ reasons

    def _startup_info(
        self, r: StartupRecord, cache: dict[str, tuple[Caps, dict[str, str]]]
    ) -> tuple[Caps, dict[str, str]]:
        info = cache.get(r.id)
        if info is None:
            info = (self._startup_caps(r), surface_terms(startup_text(r, self.names_)))
            if len(cache) >= _INFO_CACHE_SIZE:
                cache.pop(next(iter(cache)))  # oldest first: a small FIFO is enough here
            cache[r.id] = info
        return info

    def _match(
        self,
        q: _Queries,
        row: int,
        s: StartupRecord,
        score: float,
        text: float,
        cap: float,
        cache: dict[str, tuple[Caps, dict[str, str]]],
    ) -> Match | None:
        """The pair with its reasons, or None when nothing but context speaks for it."""
        need = q.records[row]
        s_caps, s_terms = self._startup_info(s, cache)
        shares_sector = need.sector in s.sectors
        priority = shares_sector and bool(q.priority[row]) and self.policy_.priority_boost > 0
        iot = float(q.iot_pref[row, _IOT_CODES.index(s.iot_field)])
        p = self.policy_
        content = p.weight_text + p.weight_capability
        evidence: list[tuple[float, Reason]] = []
        if p.weight_capability > 0:
            share = p.weight_capability / content
            evidence.extend(self._capability_reasons(q, row, s_caps, share))
        if p.weight_text > 0:
            reason = terms_reason(self._strongest_terms(q.terms[row], s_terms))
            if reason is not None:
                evidence.append((text * p.weight_text / content, reason))
        if content > 0 and not evidence:
            return None
        fit = (p.weight_text * text + p.weight_capability * cap) / content if content else 1.0
        reasons = evidence + self._context_reasons(need, s, fit, score, iot, priority)
        reasons.sort(key=lambda t: -t[0])  # stable: evidence before context on a tie
        parts = ScoreParts(
            text=round(float(text), 4),
            capability=round(float(cap), 4),
            sector=1.0 if shares_sector else 0.0,
            iot_field=round(iot, 4),
            priority=priority,
        )
        return Match(
            need.id,
            s.id,
            round(max(0.0, min(1.0, score)), _ROUND),
            tuple(r for _w, r in reasons[:_MAX_REASONS]),
            parts,
        )

    def _context_reasons(
        self, need: NeedRecord, s: StartupRecord, fit: float, score: float, iot: float, prio: bool
    ) -> list[tuple[float, Reason]]:
        """Sector, priority and IoT-field reasons, each with its share of the score."""
        p = self.policy_
        wsum = sum(p.weights) or 1.0
        out: list[tuple[float, Reason]] = []
        label = SECTORS[need.sector]
        if need.sector in s.sectors and p.weight_sector > 0:
            reason = Reason(
                "sector", f"같은 업종: {label.ko}", f"Same sector: {label.en}", code=need.sector
            )
            out.append((fit * p.weight_sector / wsum, reason))
        if prio:
            reason = Reason(
                "priority",
                f"우선 지원 업종: {label.ko}",
                f"Priority sector: {label.en}",
                code=need.sector,
            )
            out.append((score * p.priority_boost / (1 + p.priority_boost), reason))
        if iot >= 0.99 and p.weight_iot_field > 0:
            field_label = IOT_FIELDS[s.iot_field]
            reason = Reason(
                "iot_field",
                f"적합한 IoT 분야: {field_label.ko}",
                f"Suited IoT field: {field_label.en}",
                code=s.iot_field,
            )
            out.append((fit * p.weight_iot_field / wsum, reason))
        return out

    def _capability_reasons(
        self, q: _Queries, row: int, startup: Caps, share: float
    ) -> list[tuple[float, Reason]]:
        """Shared capabilities, each with its part of the fit (strongest first)."""
        need = q.caps[row]
        total = sum(h[0] for h in startup.hits.values())
        pen = min(1.0, _CAP_BUDGET / max(total, 1e-9)) ** _CAP_PENALTY_EXP
        caps = self.vocabulary_.capabilities
        out = []
        for j, (strength, evidence) in startup.hits.items():
            weight = share * float(q.cap[row, j]) * strength * pen
            if weight <= 0:
                continue
            if j in need.hits:
                out.append((weight, capability_reason(caps[j], need.hits[j][1], evidence)))
                continue
            source = max(
                (i for i, _w in self.links_in_.get(j, ()) if i in need.hits),
                key=lambda i: need.hits[i][0],
                default=None,
            )
            if source is not None:
                out.append((weight, linked_reason(caps[source], caps[j])))
        out.sort(key=lambda t: (-t[0], t[1].code or ""))
        return out[:_MAX_REASONS]

    def _strongest_terms(
        self, need: dict[str, str], startup: dict[str, str], limit: int = 3
    ) -> list[str]:
        keys = shared_terms(need, startup)
        if not keys:
            return []
        feats = [k if not k.startswith("k:") or len(k) == 4 else "w:" + k[2:] for k in keys]
        # The same index FeatureHasher gives the feature (alternate_sign=False).
        idx = [abs(murmurhash3_32(f, seed=0)) % self.n_features for f in feats]
        weight = self.idf_[idx]
        order = sorted(range(len(keys)), key=lambda i: (-weight[i], keys[i]))
        seen: list[str] = []
        for i in order:
            word = need[keys[i]]
            if word not in seen:
                seen.append(word)
            if len(seen) == limit:
                break
        return seen


def _check_unique(ids: Iterable[str]) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise ValueError(f"startup id {i!r} appears more than once")
        seen.add(i)
