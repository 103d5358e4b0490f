"""Phrase pools for synthetic city-scale data: names, profiles and needs in Korean,
English or both, combined at random (with a seeded ``random.Random``)."""

from __future__ import annotations

import random
from typing import Any

# Seoul IoT businesses by field (Seoul Institute survey): the scale data follows it.
IOT_FIELD_WEIGHTS = {"service": 811, "platform": 253, "device": 177, "network": 55}

# Automotive/transport leads the sectors named for growth (34.0%); the rest share the remainder.
SECTOR_WEIGHTS = {
    "automotive_transport": 34,
    "machinery_robotics": 10,
    "electronics_semiconductor": 9,
    "metal_processing": 9,
    "textile_fashion": 6,
    "printing_publishing": 3,
    "food_consumer": 7,
    "chemicals_materials": 4,
    "energy_environment": 7,
    "healthcare_bio": 4,
    "logistics_distribution": 5,
    "construction_smartcity": 2,
}

# sector -> (site ko, site en, machine ko, machine en, maker name suffix, processes, districts)
SECTORS: dict[str, tuple[str, str, str, str, str, str, tuple[str, ...]]] = {
    "automotive_transport": (
        "자동차 부품 공장", "auto parts plants", "프레스", "press", "오토텍",
        "프레스 성형, 로봇 용접, 조립", ("금천구", "강서구", "구로구"),
    ),
    "machinery_robotics": (
        "기계 조립 공장", "machinery plants", "CNC 선반", "CNC lathe", "기계",
        "가공, 조립, 시운전", ("구로구", "금천구", "성동구"),
    ),
    "electronics_semiconductor": (
        "전자 부품 실장 라인", "electronics assembly lines", "SMT 라인", "SMT line", "전자",
        "SMT 실장, 리플로우, 검사", ("구로구", "금천구"),
    ),
    "metal_processing": (
        "금속 가공 공장", "metalworking shops", "머시닝센터", "machining centre", "정밀",
        "CNC 가공, 절곡, 용접", ("영등포구", "구로구", "금천구"),
    ),
    "textile_fashion": (
        "봉제 공장", "sewing workshops", "재봉틀", "sewing machine", "어패럴",
        "재단, 봉제, 검품", ("종로구", "중구", "동대문구", "성동구"),
    ),
    "printing_publishing": (
        "인쇄소", "print shops", "오프셋 인쇄기", "offset press", "인쇄",
        "오프셋 인쇄, 재단, 제본", ("중구", "마포구"),
    ),
    "food_consumer": (
        "식품 공장", "food plants", "냉동기", "freezer", "푸드",
        "가공, 포장, 냉장·냉동 보관", ("성동구", "송파구", "강서구"),
    ),
    "chemicals_materials": (
        "화학·소재 공장", "chemical plants", "교반기", "mixer", "화학",
        "배합, 코팅, 건조", ("성동구", "outside_seoul"),
    ),
    "energy_environment": (
        "에너지 설비", "energy facilities", "보일러", "boiler", "에너지",
        "열 공급, 설비 운전, 점검", ("마포구", "강서구", "노원구"),
    ),
    "healthcare_bio": (
        "바이오 클린룸", "bio cleanrooms", "충전기", "filling machine", "바이오",
        "클린룸 조립, 충전, 포장", ("동대문구", "강서구"),
    ),
    "logistics_distribution": (
        "물류센터", "warehouses", "컨베이어", "conveyor", "물류",
        "입고, 보관, 피킹, 출고", ("송파구", "강서구", "구로구"),
    ),
    "construction_smartcity": (
        "건설 현장", "construction sites", "타워크레인", "tower crane", "건설",
        "자재 반입, 양중, 안전 관리", ("강남구", "서초구", "송파구"),
    ),
}  # fmt: skip

NAME_HEADS_KO = (
    "한빛", "누리", "다온", "새롬", "가람", "미르", "이음", "해솔", "온새", "라온",
    "도담", "빛채", "하람", "푸른", "단비", "나래", "바름", "한결", "새벽", "아라",
)  # fmt: skip
NAME_TAILS_KO = ("센스", "랩", "웍스", "테크", "로직스", "브릿지", "링크", "솔루션즈", "시스템즈")
NAME_HEADS_EN = (
    "Bright", "Nuri", "Haneul", "Iron", "Clear", "Swift", "Blue", "Urban", "Deep", "True",
    "Open", "River", "Core", "Pulse", "Signal", "Metro", "Gear", "Spark", "Hangang", "Namsan",
)  # fmt: skip
NAME_TAILS_EN = ("Sense", "Labs", "Works", "Tech", "Logic", "Bridge", "Link", "Systems", "Data")

SURNAMES = "김이박최정강조윤장임한오서신권황안송전홍"
GIVEN_NAMES = (
    "민준", "서연", "도윤", "하은", "지호", "수아", "예준", "지우", "시우", "서윤",
    "주원", "하준", "지민", "유진", "현우", "채원", "건우", "다은", "우진", "소율",
)  # fmt: skip

# field -> (offering ko, offering en, capabilities); Korean offerings end in a Hangul
# syllable so the object particle can be chosen.
OFFERINGS: dict[str, list[tuple[str, str, list[str]]]] = {
    "device": [
        ("무선 진동·온도 센서와 엣지 게이트웨이", "wireless vibration and temperature sensors",
         ["vibration sensing", "edge gateway", "예지보전"]),
        ("클램프형 전력 센서", "clamp-on power meters",
         ["power metering", "energy monitoring", "전력 모니터링"]),
        ("UHF RFID 태그와 리더", "UHF RFID tags and readers",
         ["RFID", "asset tracking", "재고 관리"]),
        ("실내 공기질 센서", "indoor air-quality sensors",
         ["air quality", "VOC 측정", "environmental sensing"]),
        ("작업자 안전 웨어러블", "worker-safety wearables",
         ["worker safety", "wearable", "UWB positioning"]),
        ("LTE-M 온도 로거", "LTE-M temperature loggers",
         ["temperature logging", "cold chain", "LTE-M"]),
        ("소형 자율주행 운반로봇", "compact autonomous mobile robots",
         ["AMR", "물류 자동화", "fleet management"]),
    ],
    "service": [
        ("AI 예지보전 서비스", "AI predictive maintenance",
         ["predictive maintenance", "예지보전", "anomaly detection"]),
        ("AI 비전 검사", "AI vision inspection",
         ["vision inspection", "비전 검사", "defect detection"]),
        ("에너지 모니터링과 절감 컨설팅", "energy monitoring and saving advice",
         ["energy monitoring", "피크 관리", "energy saving"]),
        ("소규모 공장용 MES", "a lightweight MES for small plants",
         ["MES", "생산 관리", "작업 실적 집계"]),
        ("SPC 품질 분석", "SPC quality analytics", ["SPC", "품질 분석", "quality analytics"]),
        ("OT 보안 점검", "OT security assessments",
         ["OT security", "제어망 보안", "security assessment"]),
        ("HACCP 온도 기록 자동화", "automated HACCP temperature records",
         ["HACCP", "온도 모니터링", "alerting"]),
        ("협동로봇 자동화", "cobot automation",
         ["cobot integration", "협동로봇", "machine tending"]),
        ("소리 기반 설비 진단", "acoustic machine diagnostics",
         ["acoustic monitoring", "소리 기반 이상 감지", "predictive maintenance"]),
    ],
    "platform": [
        ("제조 데이터 플랫폼", "a manufacturing data platform",
         ["data platform", "open API", "dashboards"]),
        ("디지털 트윈 플랫폼", "a digital twin platform",
         ["digital twin", "디지털 트윈", "process simulation"]),
        ("IoT 기기 관리 플랫폼", "an IoT device management platform",
         ["device management", "OTA update", "IoT platform"]),
        ("설비 데이터 수집 소프트웨어", "machine data collection software",
         ["OPC UA", "MQTT", "PLC integration", "data collection"]),
        ("물류 가시성 플랫폼", "a logistics visibility platform",
         ["warehouse visibility", "fleet tracking", "물류 가시성"]),
    ],
    "network": [
        ("공단용 LoRaWAN 망", "LoRaWAN networks for industrial complexes",
         ["LoRaWAN", "저전력 무선", "network operation"]),
        ("이음5G 특화망", "private 5G (이음5G) networks", ["private 5G", "이음5G", "low latency"]),
        ("산업용 와이파이와 메시망", "industrial Wi-Fi and mesh networks",
         ["industrial Wi-Fi", "wireless mesh", "site survey"]),
    ],
}  # fmt: skip

# Offerings that belong to a few sectors: a startup offering one serves one of these first.
OFFERING_SECTORS: dict[str, tuple[str, ...]] = {
    "UHF RFID 태그와 리더": ("textile_fashion", "logistics_distribution", "metal_processing"),
    "실내 공기질 센서": ("printing_publishing", "chemicals_materials", "metal_processing"),
    "LTE-M 온도 로거": ("food_consumer", "logistics_distribution", "healthcare_bio"),
    "소형 자율주행 운반로봇": ("logistics_distribution", "electronics_semiconductor"),
    "작업자 안전 웨어러블": (
        "construction_smartcity",
        "logistics_distribution",
        "metal_processing",
    ),
    "HACCP 온도 기록 자동화": ("food_consumer",),
    "AI 비전 검사": ("electronics_semiconductor", "textile_fashion", "automotive_transport"),
    "물류 가시성 플랫폼": ("logistics_distribution", "food_consumer"),
    "공단용 LoRaWAN 망": ("metal_processing", "machinery_robotics", "construction_smartcity"),
}

EXTRA_CAPABILITIES = ["MQTT", "dashboards", "alerting", "데이터 분석", "모바일 알림", "edge AI"]

VERB_KO = {"device": "만듭니다", "service": "제공합니다", "platform": "개발합니다",
           "network": "구축하고 운영합니다"}  # fmt: skip
VERB_EN = {"device": "We make", "service": "We provide", "platform": "We develop",
           "network": "We build and run"}  # fmt: skip

PROOF_KO = (
    "{machine} 같은 설비의 데이터를 실시간으로 모아 이상을 일찍 알려 줍니다.",
    "설치는 하루면 되고 기존 설비 프로그램은 건드리지 않습니다.",
    "전산 담당자가 없는 작은 공장도 쓸 수 있도록 한국어 화면과 모바일 알림을 제공합니다.",
    "월 구독형이라 초기 비용이 적습니다.",
    "서울과 수도권 {count}개 현장에서 운영 중입니다.",
)
PROOF_EN = (
    "Data from machines such as the {machine} is collected in real time, with early alerts.",
    "Installation takes a day and leaves existing machine programs untouched.",
    "Built for small plants with no IT staff: Korean and English screens, mobile alerts.",
    "A monthly subscription keeps the upfront cost low.",
    "Running at {count} sites in Seoul and the capital region.",
)

# (title ko, description ko, title en, description en, capabilities)
PROBLEMS: tuple[tuple[str, str, str, str, list[str]], ...] = (
    ("{machine_iga} 자주 멈춰요",
     "{machine_iga} 한 달에 몇 번씩 갑자기 섭니다. 멈추고 나서야 원인을 알게 돼 납기가 밀립니다. "
     "미리 알 수 있는 방법을 찾습니다.",
     "Our {machine_en} keeps stopping",
     "The {machine_en} stops without warning a few times a month and we only find the cause "
     "afterwards. We want a warning before it breaks.",
     ["predictive maintenance", "vibration sensing", "예지보전"]),
    ("전기요금이 너무 많이 나와요",
     "작년보다 전기요금이 크게 올랐는데 어떤 설비가 전기를 많이 쓰는지 모릅니다. "
     "설비별 사용량과 피크 시간을 알고 싶습니다.",
     "Our electricity bill is too high",
     "The power bill rose sharply this year and we don't know which machines use the most. "
     "We need per-machine metering and peak alerts.",
     ["energy monitoring", "피크 관리", "power metering"]),
    ("불량이 마지막 검사에서야 나와요",
     "불량이 출하 검사에서야 발견돼 재작업이 많습니다. 공정 중에 카메라로 바로 잡고 싶습니다.",
     "Defects are found too late",
     "Defects only show up at final inspection, so we rework a lot. We'd like camera "
     "inspection during the process.",
     ["vision inspection", "defect detection", "비전 검사"]),
    ("{machine} 가동 현황을 한눈에 보고 싶어요",
     "{machine_iga} 실제로 몇 시간 도는지 작업일지로만 압니다. 가동 시간을 자동으로 모으고 "
     "싶습니다.",
     "We can't see how much the {machine_en} runs",
     "We only know how long the {machine_en} runs from handwritten logs. We want running time "
     "collected automatically.",
     ["data collection", "OPC UA", "dashboards"]),
    ("자재가 어디 있는지 매일 찾아요",
     "자재와 공구를 찾는 데 매일 한 시간 넘게 씁니다. 입출고를 자동으로 기록하고 싶습니다.",
     "We lose time looking for stock",
     "Staff spend over an hour a day looking for materials and tools. We want check-in and "
     "check-out recorded automatically.",
     ["RFID", "asset tracking", "재고 관리"]),
    ("작업자 안전사고가 걱정돼요",
     "지게차와 작업자 동선이 겹치고 혼자 일하는 시간이 많습니다. 위험할 때 바로 알려 주는 "
     "장치가 필요합니다.",
     "Worker safety on the floor",
     "Forklifts and people share the same aisles and many work alone. We need alerts when "
     "someone is in danger.",
     ["worker safety", "wearable", "UWB positioning"]),
    ("보관 온도를 아직 손으로 적어요",
     "냉장·냉동 온도를 하루 몇 번 손으로 적습니다. 밤사이 온도가 올라가도 아침에야 압니다.",
     "Temperature logs are still on paper",
     "Cold-room temperatures are written down by hand a few times a day; a problem at night "
     "is found in the morning.",
     ["temperature monitoring", "HACCP", "alerting"]),
    ("현장 안쪽에서 무선이 안 터져요",
     "철골과 콘크리트 벽 때문에 안쪽에서 와이파이가 끊깁니다. 센서를 달려고 해도 망이 "
     "없습니다.",
     "No wireless coverage inside the site",
     "Steel frames and concrete walls block Wi-Fi inside, so there is no network for sensors.",
     ["industrial Wi-Fi", "LoRaWAN", "site survey"]),
    ("작업장 공기가 나빠요",
     "여름에 문을 닫으면 냄새와 분진이 빠지지 않아 작업자들이 힘들어합니다. 공기질을 재서 "
     "환기를 자동으로 하고 싶습니다.",
     "Poor air in the workshop",
     "With the doors shut in summer, fumes and dust stay inside. We want to measure air "
     "quality and run ventilation automatically.",
     ["air quality", "환기 제어", "environmental sensing"]),
    ("운반하느라 하루 종일 걸어요",
     "공정 사이 반제품 운반에 사람이 하루 종일 걸어 다닙니다. 운반 로봇을 시범 도입하고 "
     "싶습니다.",
     "Too much walking to move parts",
     "People walk all day carrying parts between processes. We want to pilot a transport robot.",
     ["AMR", "물류 자동화", "fleet management"]),
    ("원격 접속 보안이 걱정돼요",
     "장비 업체들이 원격으로 설비에 접속하는데 관리가 안 됩니다. 원청 보안 감사에 대비해야 "
     "합니다.",
     "Remote access to our machines is not controlled",
     "Equipment vendors connect remotely and nobody tracks it. We must prepare for our "
     "customer's security audit.",
     ["OT security", "security assessment", "network monitoring"]),
)  # fmt: skip

MIXED_ENDINGS_EN = (
    "Budget is flexible for a good pilot.",
    "English-speaking teams are welcome.",
    "We can share sample data before a visit.",
)


def _has_batchim(word: str) -> bool:
    code = ord(word[-1]) - 0xAC00
    return 0 <= code < 11172 and code % 28 != 0


def with_particle(word: str, after_consonant: str, after_vowel: str) -> str:
    """``word`` with the particle its last syllable takes (을/를, 이/가)."""
    return word + (after_consonant if _has_batchim(word) else after_vowel)


def pick_language(rng: random.Random) -> str:
    return rng.choices(("ko", "en", "mixed"), weights=(70, 15, 15))[0]


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES)


def startup_profile(rng: random.Random) -> dict[str, Any]:
    """Name, field, sectors, description and capabilities of one synthetic startup."""
    field = rng.choices(list(IOT_FIELD_WEIGHTS), weights=list(IOT_FIELD_WEIGHTS.values()))[0]
    offering_ko, offering_en, capabilities = rng.choice(OFFERINGS[field])
    drawn = rng.choices(list(SECTOR_WEIGHTS), weights=list(SECTOR_WEIGHTS.values()), k=3)
    if offering_ko in OFFERING_SECTORS:
        drawn[0] = rng.choice(OFFERING_SECTORS[offering_ko])
    sectors = list(dict.fromkeys(drawn[: rng.randint(1, 3)]))
    site_ko, site_en, machine_ko, machine_en, *_ = SECTORS[sectors[0]]
    count = rng.randint(3, 40)
    language = pick_language(rng)
    if language == "en":
        name = rng.choice(NAME_HEADS_EN) + rng.choice(NAME_TAILS_EN)
    else:
        name = rng.choice(NAME_HEADS_KO) + rng.choice(NAME_TAILS_KO)
    proofs = rng.sample(range(len(PROOF_KO)), k=rng.randint(1, 2))
    opening_ko = (
        f"{with_particle(site_ko, '을', '를')} 위한 {with_particle(offering_ko, '을', '를')} "
        f"{VERB_KO[field]}."
    )
    opening_en = f"{VERB_EN[field]} {offering_en} for {site_en}."
    proofs_ko = [PROOF_KO[i].format(machine=machine_ko, count=count) for i in proofs]
    proofs_en = [PROOF_EN[i].format(machine=machine_en, count=count) for i in proofs]
    sentences = {
        "ko": [opening_ko, *proofs_ko],
        "en": [opening_en, *proofs_en],
        "mixed": [opening_ko, *proofs_en],
    }[language]
    extra = rng.sample(EXTRA_CAPABILITIES, k=rng.randint(0, 2))
    return {
        "name": name,
        "iot_field": field,
        "sectors": sectors,
        "description": " ".join(sentences),
        "capabilities": list(dict.fromkeys(capabilities + extra))[:5],
    }


def need_text(rng: random.Random, sector: str) -> dict[str, Any]:
    """Title, description and required capabilities of one synthetic need in ``sector``."""
    title_ko, description_ko, title_en, description_en, capabilities = rng.choice(PROBLEMS)
    _, _, machine_ko, machine_en, *_ = SECTORS[sector]
    words = {
        "machine": machine_ko,
        "machine_iga": with_particle(machine_ko, "이", "가"),
        "machine_en": machine_en,
    }
    language = pick_language(rng)
    if language == "en":
        title, description = title_en.format(**words), description_en.format(**words)
    else:
        title, description = title_ko.format(**words), description_ko.format(**words)
        if language == "mixed":
            description += " " + rng.choice(MIXED_ENDINGS_EN)
    return {"title": title, "description": description, "required_capabilities": capabilities}
