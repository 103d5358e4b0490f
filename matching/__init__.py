"""Matching engine: ranks startups for manufacturers' needs and needs for startups.

A library that stands alone (Python, numpy, scipy, scikit-learn; never Flask,
SQLAlchemy or ``app``). Records in and out are the plain dicts of
``data/FORMAT.md`` (or :class:`StartupRecord` / :class:`NeedRecord`).

Public API::

    from matching import MatchingEngine, Policy, Match, Reason, load_vocabulary

    engine = MatchingEngine(policy=Policy()).fit(startups)      # list[dict]
    engine.rank(needs, top_k=10)            -> list[NeedRanking]     (.need_id, .matches)
    engine.rank_needs(None, needs, top_k)   -> list[StartupRanking]  (for every indexed startup)
    engine.rank_needs(startups, needs, k)   -> the same for the given startup records
    engine.add_or_update_startup(record)    # no refit; ranking equals a refit's
    engine.remove_startup(startup_id)       # KeyError if unknown
    engine.set_policy(policy)               # new weights/boost take effect at once, no refit
    Match(need_id, startup_id, score, reasons: tuple[Reason, ...], parts: ScoreParts)
    Reason(kind, ko, en, code, terms, need_terms, startup_terms)   kind: sector | capability
                                            | terms | priority | iot_field; .text("ko"|"en"|"both")
    NeedRanking.to_dict(locale) / StartupRanking.to_dict(locale)  -> a matches.jsonl line

    Policy(weight_text=.35, weight_capability=.45, weight_sector=.15, weight_iot_field=.05,
           # sector and IoT field scale the text+capability fit (see README "Score")
           priority_sectors=("automotive_transport",), priority_boost=.1, min_score=0)
    Policy.from_dict / to_dict / from_json / to_json / load(path)

    map_capabilities(text) -> list[str]            capability ids in free text (ko, en, mixed)
    capability_names(ids, locale="ko")              display names of capability ids
    load_vocabulary(path=None, extra=None)          the validated folder data/vocabulary/ (+ staff
                                                    additions); .get(id).ko / .en; VocabularyError
    load_glossary()                                 data/glossary/*.tsv; GlossaryError
    SECTORS, IOT_FIELDS: code → Label
    suggest_capabilities(prefix, locale="ko")       for tag suggestions

Scoring, the update rule and measured figures: ``matching/README.md``.
Command line: ``python -m matching rank|evaluate|bench --help``.
"""

from matching.engine import Match, MatchingEngine, NeedRanking, Reason, ScoreParts, StartupRanking
from matching.glossary import GlossaryError, load_glossary
from matching.policy import Policy
from matching.records import InputError, NeedRecord, RecordError, StartupRecord, read_jsonl
from matching.vocabulary import (
    IOT_FIELDS,
    SECTORS,
    Capability,
    CapabilityHit,
    Label,
    Vocabulary,
    capability_names,
    load_vocabulary,
    map_capabilities,
    suggest_capabilities,
)
from matching.vocabulary_files import VocabularyError

__all__ = [
    "IOT_FIELDS",
    "SECTORS",
    "Capability",
    "CapabilityHit",
    "GlossaryError",
    "InputError",
    "Label",
    "Match",
    "MatchingEngine",
    "NeedRanking",
    "NeedRecord",
    "Policy",
    "Reason",
    "RecordError",
    "ScoreParts",
    "StartupRanking",
    "StartupRecord",
    "Vocabulary",
    "VocabularyError",
    "capability_names",
    "load_glossary",
    "load_vocabulary",
    "map_capabilities",
    "read_jsonl",
    "suggest_capabilities",
]
