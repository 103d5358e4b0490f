"""Fixtures of the engine tests (no Flask, no database)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = REPO_ROOT.parent / "shared" / "data"
DEV_DIR = DATA_DIR / "dev"
DEV2_DIR = DATA_DIR / "dev2"


def _startup(id_: str, **kw: object) -> dict:
    base = {
        "id": id_,
        "name": id_,
        "iot_field": "service",
        "sectors": ["metal_processing"],
        "description": "x",
    }
    return {**base, **kw}


def _need(id_: str, **kw: object) -> dict:
    base = {
        "id": id_,
        "manufacturer": "m",
        "sector": "metal_processing",
        "title": "t",
        "description": "d",
    }
    return {**base, **kw}


@pytest.fixture
def make_startup():
    return _startup


@pytest.fixture
def make_need():
    return _need


@pytest.fixture
def small_corpus() -> tuple[list[dict], list[dict]]:
    """A dozen startups and a few needs, Korean, English and mixed."""
    startups = [
        _startup(
            "s-pm-ko",
            name="고장예측랩",
            sectors=["machinery_robotics", "automotive_transport"],
            description=(
                "모터와 감속기의 진동을 분석해 설비 고장을 미리 예측하는 예지보전 서비스입니다."
            ),
            capabilities=["예지보전", "진동 분석"],
        ),
        _startup(
            "s-pm-en",
            name="RotorWatch",
            sectors=["logistics_distribution"],
            description=(
                "Failure prediction for pumps, fans and gearboxes using wireless vibration sensors."
            ),
            capabilities=["predictive maintenance", "vibration analytics"],
        ),
        _startup(
            "s-vision",
            name="SeeDefect",
            sectors=["automotive_transport", "electronics_semiconductor"],
            description=(
                "Deep learning visual inspection that finds scratches, cracks and dents on parts."
            ),
            capabilities=["machine vision", "defect detection"],
        ),
        _startup(
            "s-energy",
            name="와트미터",
            iot_field="device",
            sectors=["metal_processing", "energy_environment"],
            description="설비별 전력 사용량을 CT 센서로 계측하고 피크 전력을 넘기 전에 경보합니다.",
            capabilities=["전력 모니터링", "최대수요 관리"],
        ),
        _startup(
            "s-leak",
            name="HissFinder",
            iot_field="device",
            sectors=["electronics_semiconductor"],
            description=(
                "Ultrasonic camera that locates compressed air leaks and "
                "estimates their yearly cost."
            ),
            capabilities=["leak detection", "compressed air audit"],
        ),
        _startup(
            "s-rfid",
            name="태그로지스",
            sectors=["logistics_distribution"],
            description="UHF RFID 게이트로 창고 입출고와 재고를 자동으로 집계합니다.",
            capabilities=["RFID", "재고 관리"],
        ),
        _startup(
            "s-lora",
            name="LongWave",
            iot_field="network",
            sectors=["construction_smartcity"],
            description=(
                "We design and run LoRaWAN and private 5G networks for large outdoor yards."
            ),
            capabilities=["LoRaWAN", "private 5G", "coverage survey"],
        ),
        _startup(
            "s-safety",
            name="세이프밴드",
            iot_field="device",
            sectors=["construction_smartcity"],
            description=(
                "작업자가 착용하는 웨어러블 밴드로 쓰러짐과 심박 이상을 감지해 SOS를 보냅니다."
            ),
            capabilities=["작업자 안전 웨어러블", "낙상 감지"],
        ),
        _startup(
            "s-oee",
            name="가동보드",
            iot_field="platform",
            sectors=["automotive_transport", "metal_processing"],
            description=(
                "설비 가동·정지 신호를 수집해 실시간 OEE와 비가동 사유를 보여주는 대시보드입니다."
            ),
            capabilities=["OEE", "가동률 모니터링"],
        ),
        _startup(
            "s-cold",
            name="ChillTrack",
            sectors=["food_consumer", "logistics_distribution"],
            description=(
                "Temperature loggers for refrigerated trucks and cold rooms with excursion alerts."
            ),
            capabilities=["cold chain monitoring", "temperature logging"],
        ),
        _startup(
            "s-generic",
            name="IoT허브",
            iot_field="platform",
            sectors=["food_consumer"],
            description=(
                "디바이스 등록, OTA 업데이트, 대시보드와 open API를 제공하는 IoT 클라우드 플랫폼."
            ),
            capabilities=["IoT 플랫폼", "OTA"],
        ),
        _startup(
            "s-weld",
            name="ArcSense",
            sectors=["metal_processing", "automotive_transport"],
            description="Current and voltage waveform monitoring of arc welding to flag porosity.",
            capabilities=["welding monitoring"],
        ),
    ]
    needs = [
        _need(
            "n-pm",
            sector="machinery_robotics",
            title="감속기가 갑자기 고장 나서 라인이 멈춥니다",
            description=(
                "로봇 감속기가 갑자기 고장 나면 라인 전체가 "
                "멈춥니다. 미리 알 수 있는 방법이 필요합니다."
            ),
        ),
        _need(
            "n-leak",
            sector="electronics_semiconductor",
            title="공장 배관에서 공기가 새는 곳 찾기",
            description=(
                "주말에도 컴프레서가 계속 돌아갑니다. 공기가 "
                "새는 곳을 찾아 전기요금을 줄이고 싶습니다."
            ),
        ),
        _need(
            "n-vision",
            sector="automotive_transport",
            title="Parts checked by eye",
            description=(
                "Six inspectors check machined housings by eye and still miss hairline cracks."
            ),
        ),
        _need(
            "n-net",
            sector="construction_smartcity",
            title="현장 전체 무선망",
            description=(
                "야적장과 창고에 와이파이가 닿지 않아 센서를 "
                "달 수 없습니다. 저전력 무선망이 필요합니다."
            ),
        ),
    ]
    return startups, needs


@pytest.fixture
def dev_set() -> tuple[list[dict], list[dict], Path]:
    if not DEV_DIR.is_dir():
        pytest.skip(
            f"dev set not found at {DEV_DIR} (expected ../shared/data/dev from the repo root)"
        )

    def read(name: str) -> list[dict]:
        text = (DEV_DIR / name).read_text("utf-8")
        return [json.loads(x) for x in text.splitlines() if x.strip()]

    return read("startups.jsonl"), read("needs.jsonl"), DEV_DIR


def read_set(folder: Path) -> tuple[list[dict], list[dict], Path]:
    """startups, needs and the folder of one evaluation set (skips the test if absent)."""
    if not (folder / "qrels.jsonl").is_file():
        pytest.skip(f"evaluation set not found at {folder} (../shared/data/ from the repo root)")

    def read(name: str) -> list[dict]:
        text = (folder / name).read_text("utf-8")
        return [json.loads(x) for x in text.splitlines() if x.strip()]

    return read("startups.jsonl"), read("needs.jsonl"), folder


@pytest.fixture(params=["dev", "dev2"])
def eval_set(request: pytest.FixtureRequest) -> tuple[list[dict], list[dict], Path]:
    return read_set(DATA_DIR / request.param)


@pytest.fixture
def set_reader():
    """``read_set(name)`` for a set folder under ../shared/data/."""
    return lambda name: read_set(DATA_DIR / name)
