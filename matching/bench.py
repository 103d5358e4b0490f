"""``python -m matching bench``: speed and memory on a synthetic corpus.

The corpus is generated from the capability vocabulary and sentence
templates in Korean, English and both mixed (deterministic seed), with
profile lengths like real ones (150–450 characters). At the largest size the
end-to-end job (read JSONL, fit, rank the needs, write top 10 with reasons)
is timed against the 20-line baseline: ``char_wb`` 2–4-gram TF-IDF plus a
sector bonus, chunked sparse product and top-k, in the same process.
"""

from __future__ import annotations

import gc
import json
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

import numpy as np

from matching.engine import MatchingEngine
from matching.glossary import load_glossary
from matching.records import NeedRecord, StartupRecord, read_jsonl
from matching.vocabulary import IOT_FIELDS, SECTORS, load_vocabulary

__all__ = ["make_corpus", "run_bench"]

_KO_SYL = "가나다라마바사아자차카타파하한성진우현민서준지예도윤태강신미래빛솔"
_KO_SUFFIX = (
    "테크",
    "랩",
    "솔루션",
    "시스템",
    "에이아이",
    "웍스",
    "센스",
    "로보틱스",
    "이노베이션",
    "링크",
)
_EN_PART = (
    "Sense",
    "Flow",
    "Volt",
    "Neo",
    "Data",
    "Edge",
    "Opti",
    "Fab",
    "Link",
    "Core",
    "Axis",
    "Vista",
)
_EN_SUFFIX = ("Labs", "AI", "Systems", "Works", "Tech", "IoT", "Robotics", "Analytics")
_EQUIP_KO = (
    "CNC 선반",
    "프레스",
    "사출기",
    "컨베이어",
    "공기압축기",
    "냉동 창고",
    "도장 부스",
    "조립 라인",
    "보일러",
    "용접 로봇",
    "지게차",
    "탱크",
    "폐수 처리 설비",
    "인쇄기",
    "미싱",
    "건조로",
    "펌프",
    "클린룸",
)
_EQUIP_EN = (
    "CNC lathes",
    "presses",
    "injection molding machines",
    "conveyors",
    "air compressors",
    "cold rooms",
    "paint booths",
    "assembly lines",
    "boilers",
    "welding robots",
    "forklifts",
    "storage tanks",
    "pumps",
    "printing presses",
    "sewing machines",
    "dryers",
    "cleanrooms",
)
_KO_STARTUP = (
    "{e}에 센서를 달아 {t1} 데이터를 실시간으로 수집하고 분석합니다.",
    "{s} 현장을 위한 {t1}·{t2} 솔루션을 구독형으로 제공합니다.",
    "{t2} 결과는 대시보드와 모바일 알림으로 확인할 수 있고 기존 MES·ERP와 연동됩니다.",
    "중소 제조 공장도 설치 하루 만에 {t1}을 시작할 수 있도록 저가형 키트를 만듭니다.",
    "{p} 같은 문제를 줄이기 위해 {t3} 기능을 함께 제공합니다.",
    "서울 {d} 소재 공장 {n}곳에 도입되어 {t1} 효과를 검증했습니다.",
)
_EN_STARTUP = (
    "We retrofit {e} with wireless sensors and stream {t1} data to the cloud in real time.",
    "Our {t1} and {t2} service is built for small {s} plants and sold as a subscription.",
    "Results appear on a dashboard and as mobile alerts; we integrate with MES and ERP systems.",
    "Installation takes one day, and the {t3} module works with legacy equipment.",
    "Deployed at {n} factories in Seoul, where customers saw fewer {p} incidents.",
)
_KO_NEED = (
    "저희 공장은 {e} {n}대를 운영합니다.",
    "{p} 문제가 자주 생겨 손실이 큽니다.",
    "지금은 사람이 직접 확인하고 종이에 적고 있어 {p} 원인을 모릅니다.",
    "{t1} 방법을 찾고 있으며 예산 안에서 시범 적용을 원합니다.",
    "데이터를 한 화면에서 보고 이상이 생기면 바로 알림을 받고 싶습니다.",
)
_EN_NEED = (
    "We run {n} {e} on two shifts.",
    "{p} keeps costing us money and we cannot see it coming.",
    "Today an operator checks everything by hand and writes it on paper.",
    "We are looking for {t1} that works with our existing equipment, starting with a pilot.",
    "We want the data on one screen and an alert when something goes wrong.",
)


def _terms(cap: Any, lang: str, kind: str) -> list[str]:
    src = cap.synonyms_ko if lang == "ko" else cap.synonyms_en
    plain = cap.plain_ko if lang == "ko" else cap.plain_en
    pool = [t.lstrip("^") for t in (plain if kind == "plain" and plain else src)]
    return pool or [cap.ko if lang == "ko" else cap.en]


def _name(rng: random.Random, lang: str) -> str:
    if lang == "ko":
        return "".join(rng.choice(_KO_SYL) for _ in range(2)) + rng.choice(_KO_SUFFIX)
    return rng.choice(_EN_PART) + rng.choice(_EN_PART).lower() + " " + rng.choice(_EN_SUFFIX)


_DISTRICTS = ("금천구", "구로구", "영등포구", "성동구", "강서구", "마포구", "성북구", "중구")
_FIELD_WEIGHTS = (811, 253, 177, 55)  # Seoul IoT survey shares of the four fields


class _Writer:
    """Sentences from templates and the vocabulary's terms (one seeded generator)."""

    def __init__(self, rng: random.Random, caps: Sequence[Any]) -> None:
        self.rng = rng
        self.caps = caps

    def fill(self, template: str, lang: str, chosen: Sequence[Any], sector: str, kind: str) -> str:
        rng = self.rng
        t = [rng.choice(_terms(c, lang, kind)) for c in chosen]
        t += [rng.choice(_terms(rng.choice(self.caps), lang, "syn"))] * 3
        return template.format(
            t1=t[0],
            t2=t[1 % len(chosen)],
            t3=t[-1],
            e=rng.choice(_EQUIP_KO if lang == "ko" else _EQUIP_EN),
            s=SECTORS[sector].ko if lang == "ko" else SECTORS[sector].en,
            p=rng.choice(_terms(chosen[0], lang, "plain")),
            d=rng.choice(_DISTRICTS),
            n=rng.randint(2, 40),
        )

    def text(
        self,
        templates: tuple[Sequence[str], Sequence[str]],
        lang: str,
        chosen: Sequence[Any],
        sector: str,
        kind: str,
        k: int,
    ) -> str:
        parts = []
        for i in range(k):
            sent_lang = lang if lang != "mixed" else ("ko" if i % 2 == 0 else "en")
            pool = templates[0] if sent_lang == "ko" else templates[1]
            parts.append(self.fill(self.rng.choice(pool), sent_lang, chosen, sector, kind))
        return " ".join(parts)

    def startup(self, i: int) -> dict[str, Any]:
        rng = self.rng
        lang = rng.choices(("ko", "en", "mixed"), (0.5, 0.25, 0.25))[0]
        chosen = rng.sample(list(self.caps), rng.randint(2, 4))
        secs = rng.sample(list(SECTORS), rng.randint(1, 3))
        if rng.random() < 0.4 and "automotive_transport" not in secs:
            secs[0] = "automotive_transport"
        templates = (_KO_STARTUP, _EN_STARTUP)
        return {
            "id": f"s-{i:06d}",
            "name": _name(rng, "ko" if lang == "ko" else rng.choice(("ko", "en"))),
            "iot_field": rng.choices(list(IOT_FIELDS), _FIELD_WEIGHTS)[0],
            "sectors": secs,
            "description": self.text(templates, lang, chosen, secs[0], "syn", rng.randint(2, 4)),
            "capabilities": [
                rng.choice(_terms(c, "ko" if lang == "ko" else rng.choice(("ko", "en")), "syn"))
                for c in chosen
            ],
            "district": rng.choice(_DISTRICTS),
        }

    def need(self, i: int) -> dict[str, Any]:
        rng = self.rng
        lang = rng.choices(("ko", "en", "mixed"), (0.5, 0.3, 0.2))[0]
        chosen = rng.sample(list(self.caps), rng.randint(1, 2))
        sector = rng.choice(list(SECTORS))
        first = rng.choice(_terms(chosen[0], "ko" if lang != "en" else "en", "syn"))
        templates = (_KO_NEED, _EN_NEED)
        return {
            "id": f"n-{i:05d}",
            "manufacturer": _name(rng, "ko"),
            "sector": sector,
            "title": f"{first} 도입" if lang != "en" else f"Looking for {first}",
            "description": self.text(templates, lang, chosen, sector, "plain", rng.randint(3, 5)),
            "required_capabilities": [first] if rng.random() < 0.6 else [],
            "district": rng.choice(_DISTRICTS),
        }


def make_corpus(
    n_startups: int, n_needs: int, seed: int = 20240601
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Synthetic startups and needs (FORMAT.md dicts); same seed, same corpus."""
    writer = _Writer(random.Random(seed), load_vocabulary().capabilities)  # noqa: S311 - reproducible, not a secret
    startups = [writer.startup(i) for i in range(n_startups)]
    needs = [writer.need(i) for i in range(n_needs)]
    return startups, needs


def _rss_mib() -> float:
    # ru_maxrss is KiB on Linux: the process's peak resident set so far.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _write_jsonl(path: Path, rows: Sequence[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")


def _engine_end_to_end(s_path: Path, n_path: Path, out_path: Path) -> tuple[float, float]:
    t0, c0 = time.perf_counter(), time.process_time()
    startups = read_jsonl(s_path, StartupRecord)
    needs = read_jsonl(n_path, NeedRecord)
    rankings = MatchingEngine().fit(startups).rank(needs, top_k=10)
    with out_path.open("w", encoding="utf-8") as f:
        f.writelines(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in rankings)
    return time.perf_counter() - t0, time.process_time() - c0


def _baseline_end_to_end(s_path: Path, n_path: Path, out_path: Path) -> tuple[float, float]:
    """What a competent engineer writes in 20 lines (the reference to beat)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    t0, c0 = time.perf_counter(), time.process_time()
    st = [json.loads(x) for x in s_path.read_text("utf-8").splitlines() if x.strip()]
    ne = [json.loads(x) for x in n_path.read_text("utf-8").splitlines() if x.strip()]
    vec = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, dtype=np.float32
    )
    x = vec.fit_transform(
        [f"{s['name']} {s['description']} {' '.join(s.get('capabilities', []))}" for s in st]
    )
    q = vec.transform(
        [
            f"{n['title']} {n['description']} {' '.join(n.get('required_capabilities', []))}"
            for n in ne
        ]
    )
    sec = {c: np.array([c in s["sectors"] for s in st], dtype=np.float32) for c in SECTORS}
    xt = x.T.tocsr()
    with out_path.open("w", encoding="utf-8") as f:
        for start in range(0, len(ne), 100):
            block = (q[start : start + 100] @ xt).toarray()
            for i, row in enumerate(block):
                n = ne[start + i]
                row += 0.1 * sec[n["sector"]]
                top = np.argpartition(-row, 10)[:10]
                top = top[np.argsort(-row[top])]
                matches = [
                    {"startup_id": st[j]["id"], "score": float(row[j]), "reasons": []} for j in top
                ]
                f.write(
                    json.dumps({"need_id": n["id"], "matches": matches}, ensure_ascii=False) + "\n"
                )
    return time.perf_counter() - t0, time.process_time() - c0


def _bench_size(size: int, n_needs: int, seed: int) -> str:
    """Fit, query latency, batch, update and remove times at one corpus size."""
    startups, needs = make_corpus(size, n_needs, seed)
    gc.collect()
    t0, c0 = time.perf_counter(), time.process_time()
    engine = MatchingEngine().fit(startups)
    fit_s, fit_cpu = time.perf_counter() - t0, time.process_time() - c0
    # Wall time, and CPU time of this process (the machine may be shared).
    lat, lat_cpu = _timed(lambda need: engine.rank([need], top_k=10), needs[:200])
    t0, c0 = time.perf_counter(), time.process_time()
    engine.rank(needs, top_k=10)
    batch_s, batch_cpu = time.perf_counter() - t0, time.process_time() - c0
    extra, _ = make_corpus(20, 0, seed + 1)
    records = [{**rec, "id": f"x-{i:04d}"} for i, rec in enumerate(extra)]
    upd, upd_cpu = _timed(engine.add_or_update_startup, records)
    t = time.perf_counter()
    engine.remove_startup(startups[0]["id"])
    rem_ms = (time.perf_counter() - t) * 1000
    pct = np.percentile
    return (
        f"n={size}: fit {fit_s:.2f} s (cpu {fit_cpu:.2f}) | peak RSS {_rss_mib():.0f} MiB"
        f" | query p50 {pct(lat, 50):.1f} ms p99 {pct(lat, 99):.1f} ms"
        f" (cpu {pct(lat_cpu, 50):.1f}/{pct(lat_cpu, 99):.1f})"
        f" | batch {n_needs} needs {batch_s:.2f} s (cpu {batch_cpu:.2f})"
        f" | update p50 {pct(upd, 50):.1f} ms max {max(upd):.1f} ms"
        f" (cpu {pct(upd_cpu, 50):.1f})"
        f" | remove {rem_ms:.1f} ms"
    )


def _timed(call: Callable[[Any], object], items: Sequence[Any]) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds of ``call`` on each item."""
    wall, cpu = [], []
    for item in items:
        t, c = time.perf_counter(), time.process_time()
        call(item)
        wall.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    return wall, cpu


def _bench_end_to_end(size: int, n_needs: int, seed: int) -> str:
    """The engine's whole job against the baseline's, same files, same process."""
    startups, needs = make_corpus(size, n_needs, seed)
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        _write_jsonl(d / "s.jsonl", startups)
        _write_jsonl(d / "n.jsonl", needs)
        del startups, needs
        gc.collect()
        ours, ours_cpu = _engine_end_to_end(d / "s.jsonl", d / "n.jsonl", d / "ours.jsonl")
        ours_rss = _rss_mib()
        gc.collect()
        base, base_cpu = _baseline_end_to_end(d / "s.jsonl", d / "n.jsonl", d / "base.jsonl")
    return (
        f"end-to-end n={size}, {n_needs} needs, top 10 with reasons:"
        f" engine {ours:.1f} s (cpu {ours_cpu:.1f} s, peak RSS {ours_rss:.0f} MiB)"
        f" | baseline char_wb 2-4 {base:.1f} s (cpu {base_cpu:.1f} s,"
        f" peak RSS {_rss_mib():.0f} MiB)"
        f" | ratio {ours / base:.2f}x (cpu {ours_cpu / base_cpu:.2f}x)"
    )


def run_bench(
    sizes: Sequence[int],
    n_needs: int = 1000,
    seed: int = 20240601,
    baseline: bool = True,
    out: TextIO = sys.stdout,
) -> int:
    """Print fit time, peak memory, query latency, batch and update times per size,
    then (``baseline``) the end-to-end comparison at the largest size."""

    def say(line: str) -> None:
        out.write(line + "\n")
        out.flush()

    vocab = load_vocabulary()
    say(
        f"bench: sizes={list(sizes)} needs={n_needs} seed={seed}"
        f" | vocabulary {len(vocab)} concepts, {vocab.term_count} terms"
        f" | glossary {len(load_glossary())} pairs"
    )
    for size in sizes:
        say(_bench_size(size, n_needs, seed))
    if baseline and sizes:
        say(_bench_end_to_end(max(sizes), n_needs, seed))
    return 0
