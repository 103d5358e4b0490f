"""Demo needs, written the way factory managers describe their problems.

``maker`` is a manufacturer key, ``site`` an index into its sites, ``budget`` is in
만원 (10,000 KRW), ``age`` is how many days ago the need was written and ``deadline``
how many days from today it closes (``closed_age``: days since a closed need was
closed). ``status`` is open when absent.
"""

from typing import Any

NEEDS: list[dict[str, Any]] = [
    {
        "key": "hangang_press",
        "maker": "hangang_auto",
        "site": 0,
        "title": "프레스 기계가 자주 서 버려요",
        "description": (
            "가산 공장 200톤 프레스 세 대가 한 달에 두세 번씩 갑자기 멈춥니다. "
            "멈추고 나서야 베어링이나 클러치 문제인 걸 알게 돼서 납기가 밀립니다. "
            "진동이나 온도로 미리 알 수 있으면 좋겠습니다. 설비 담당은 두 명이고 전산 인력은 "
            "없습니다."
        ),
        "capabilities": ["vibration sensing", "predictive maintenance", "예지보전"],
        "budget": (3000, 5000),
        "age": 180,
        "deadline": 45,
    },
    {
        "key": "hangang_cnc",
        "maker": "hangang_auto",
        "site": 1,
        "title": "야간 무인 가공 중 공구 파손 — 교체 시점 알림",
        "description": (
            "강서 가공동 머시닝센터 여덟 대를 밤에 무인으로 돌리는데, 공구가 부러지면 아침까지 "
            "불량이 계속 나옵니다. 스핀들 부하나 진동으로 공구 바꿀 때를 알려 주는 방법을 "
            "찾습니다."
        ),
        "capabilities": ["tool wear prediction", "CNC monitoring", "vibration sensing"],
        "budget": (2000, 4000),
        "age": 40,
        "deadline": 30,
    },
    {
        "key": "hangang_weld",
        "maker": "hangang_auto",
        "site": 0,
        "title": "용접 품질 데이터 자동 기록",
        "description": (
            "Welding current and voltage are checked by hand once per shift, and our OEM "
            "customer now asks for per-part weld records. 용접 로봇에서 데이터를 자동으로 모아 "
            "부품 로트별로 남기고 싶습니다."
        ),
        "capabilities": ["data collection", "welding monitoring", "traceability"],
        "budget": (3000, 6000),
        "age": 3,
        "deadline": 60,
        "status": "under_review",
    },
    {
        "key": "hangang_power",
        "maker": "hangang_auto",
        "site": 0,
        "title": "전기요금이 너무 많이 나와요",
        "description": (
            "여름 피크 때 전기요금이 작년보다 30% 올랐습니다. "
            "어떤 설비가 전기를 많이 먹는지부터 알고 싶습니다. (작성 중)"
        ),
        "capabilities": ["energy monitoring", "피크 관리"],
        "budget": (1000, 2000),
        "age": 1,
        "deadline": 90,
        "status": "draft",
    },
    {
        "key": "mullae_spindle",
        "maker": "mullae_precision",
        "site": 0,
        "title": "CNC 선반 스핀들 베어링 이상을 미리 알고 싶습니다",
        "description": (
            "선반 스핀들 베어링이 나가면 수리에 2주가 걸립니다. 소리가 달라지는 건 30년 된 "
            "반장님만 알아챕니다. 센서를 달아서 미리 알 수 있을까요?"
        ),
        "capabilities": ["vibration sensing", "predictive maintenance", "acoustic monitoring"],
        "budget": (1500, 3000),
        "age": 60,
        "deadline": 40,
    },
    {
        "key": "mullae_fanuc",
        "maker": "mullae_precision",
        "site": 0,
        "title": "Machine data from old Fanuc controllers",
        "description": (
            "We run twelve CNC lathes, some from the 1990s. We want to see which machines are "
            "idle and why, without replacing the controllers. A gateway that reads Fanuc FOCAS, "
            "or just counts cycles from the signal tower, would do."
        ),
        "capabilities": ["data collection", "OPC UA", "CNC monitoring", "PLC integration"],
        "budget": (2000, 3500),
        "age": 300,
        "deadline": 50,
    },
    {
        "key": "dorim_laser",
        "maker": "dorim_metal",
        "site": 0,
        "title": "레이저 절단기가 하루에 실제로 몇 시간 도는지 모릅니다",
        "description": (
            "레이저 절단기 두 대의 작업일지를 손으로 쓰는데 실제와 맞지 않습니다. "
            "견적 낼 때 기준이 없어 손해 보는 일이 많습니다. 가동 시간만이라도 자동으로 "
            "알고 싶어요."
        ),
        "capabilities": ["data collection", "생산 실적", "MES"],
        "budget": (800, 1500),
        "age": 20,
        "deadline": 35,
    },
    {
        "key": "dorim_fume",
        "maker": "dorim_metal",
        "site": 0,
        "title": "용접 흄이 안 빠져요 — 환기 자동화",
        "description": (
            "여름엔 문을 닫고 일하는데 용접 흄이 작업장에 그대로 남습니다. "
            "공기질을 재서 환기팬을 자동으로 돌리고 싶습니다."
        ),
        "capabilities": ["air quality", "환기 제어"],
        "budget": (500, 1200),
        "age": 15,
        "deadline": 25,
    },
    {
        "key": "changsin_seam",
        "maker": "changsin_sewing",
        "site": 0,
        "title": "봉제 불량을 검품 전에 잡고 싶어요",
        "description": (
            "땀 뜀, 주름 불량이 검품 단계에서야 발견돼 다시 뜯고 박습니다. 재봉틀 위에 "
            "카메라를 달아서 바로 잡을 수 있는지 궁금합니다. 미싱 15대, 작업자 대부분이 "
            "60대라 쓰기 쉬워야 합니다."
        ),
        "capabilities": ["vision inspection", "defect detection", "비전 검사"],
        "budget": (1000, 2500),
        "age": 230,
        "deadline": 40,
    },
    {
        "key": "changsin_progress",
        "maker": "changsin_sewing",
        "site": 0,
        "title": "원청이 진행 상황을 계속 전화로 물어봐요",
        "description": (
            "재단, 봉제, 마무리 단계별로 어디까지 됐는지 원청에 쉽게 보여줄 방법이 필요합니다. "
            "스마트폰 말고는 쓸 줄 아는 장비가 없습니다."
        ),
        "capabilities": ["QR tracking", "공정 진행 공유", "납기 관리"],
        "budget": (300, 800),
        "age": 30,
        "deadline": 30,
    },
    {
        "key": "sungin_rolls",
        "maker": "sungin_apparel",
        "site": 1,
        "title": "원단 롤 재고가 안 맞아요",
        "description": (
            "창고에 원단 롤이 300개 넘는데 어디에 뭐가 있는지 찾는 데 매일 한 시간씩 씁니다. "
            "입출고를 자동으로 기록하고 싶습니다."
        ),
        "capabilities": ["RFID", "재고 관리", "asset tracking"],
        "budget": (800, 1500),
        "age": 4,
        "deadline": 45,
        "status": "under_review",
    },
    {
        "key": "euljiro_waste",
        "maker": "euljiro_print",
        "site": 0,
        "title": "인쇄기 파지를 줄이고 싶습니다",
        "description": (
            "오프셋 인쇄기 준비 작업에서 나오는 파지가 너무 많습니다. "
            "작업별로 준비 시간과 파지 매수를 자동으로 세서 기장님들과 같이 보고 싶어요."
        ),
        "capabilities": ["press monitoring", "waste tracking", "생산 실적"],
        "budget": (500, 1000),
        "age": 250,
        "deadline": 30,
    },
    {
        "key": "euljiro_air",
        "maker": "euljiro_print",
        "site": 0,
        "title": "잉크 냄새 때문에 머리가 아프대요",
        "description": (
            "여름에 환기가 안 돼 작업자들이 두통을 호소합니다. VOC 농도를 재고 기준을 넘으면 "
            "알려 주는 장치가 필요합니다. 지하 작업장입니다."
        ),
        "capabilities": ["air quality", "VOC 측정"],
        "budget": (300, 700),
        "age": 12,
        "deadline": 20,
    },
    {
        "key": "chungmuro_dashboard",
        "maker": "chungmuro_graphics",
        "site": 0,
        "title": "Digital press 가동 현황 대시보드",
        "description": (
            "디지털 인쇄기 네 대의 작업 대기열과 가동 상태를 사무실에서 보고 싶습니다. "
            "Each press has a network port, but we don't know what data it gives."
        ),
        "capabilities": ["data collection", "dashboards", "production reporting"],
        "budget": (500, 1000),
        "age": 25,
        "deadline": 40,
    },
    {
        "key": "seongsu_shoes_time",
        "maker": "seongsu_shoes",
        "site": 0,
        "title": "구두 한 켤레 만드는 시간을 정확히 알고 싶어요",
        "description": (
            "갑피 재봉부터 마감까지 한 켤레에 얼마나 걸리는지 정확히 모릅니다. "
            "장인들이 쓰기 쉬운 방식으로 작업 시간을 기록하고 싶어요. 종이는 자꾸 잃어버립니다."
        ),
        "capabilities": ["MES", "작업 실적 집계", "tablet app"],
        "budget": (300, 800),
        "age": 35,
        "deadline": 35,
    },
    {
        "key": "seongsu_shoes_dryer",
        "maker": "seongsu_shoes",
        "site": 0,
        "title": "건조실 온습도 관리",
        "description": (
            "저부 접착 후 건조실 온도와 습도가 맞지 않으면 밑창이 떨어집니다. "
            "온습도를 기록하고 범위를 벗어나면 휴대폰으로 알려 주세요."
        ),
        "capabilities": ["temperature monitoring", "humidity", "alerting"],
        "budget": (200, 500),
        "age": 10,
        "deadline": 25,
    },
    {
        "key": "majang_haccp",
        "maker": "majang_foods",
        "site": 0,
        "title": "냉동창고 온도 기록 자동화 (HACCP)",
        "description": (
            "냉동창고 온도를 하루 네 번 손으로 적고 있습니다. 밤에 문이 덜 닫혀 온도가 "
            "올라간 적이 있는데 아침에야 알았습니다. 자동 기록과 알림이 필요합니다."
        ),
        "capabilities": ["HACCP", "temperature monitoring", "alerting", "cold chain"],
        "budget": (500, 1200),
        "age": 50,
        "deadline": 30,
    },
    {
        "key": "majang_delivery",
        "maker": "majang_foods",
        "site": 0,
        "title": "배송 중 냉장 온도 증빙",
        "description": (
            "Our restaurant customers want proof that the meat stayed below 4°C during "
            "delivery. 배송 박스별 온도 기록과 증빙 리포트가 필요합니다."
        ),
        "capabilities": ["cold chain", "temperature logging", "LTE-M"],
        "budget": (800, 2000),
        "age": 70,
        "deadline": 50,
    },
    {
        "key": "bakery_energy",
        "maker": "seongsu_bakery",
        "site": 0,
        "title": "오븐·냉동고 전기요금이 너무 많이 나와요",
        "description": (
            "오븐과 급속 냉동고 때문에 전기요금이 매달 천만 원 가까이 나옵니다. "
            "어디서 새는지, 언제 돌리면 싼지 알고 싶습니다."
        ),
        "capabilities": ["energy monitoring", "피크 관리", "energy saving"],
        "budget": (1000, 2000),
        "age": 65,
        "deadline": 45,
    },
    {
        "key": "gvalley_aoi",
        "maker": "gvalley_electronics",
        "site": 0,
        "title": "SMT AOI 과검출 때문에 재검사 인력이 너무 많이 들어요",
        "description": (
            "AOI가 불량이라고 하는 것의 절반 이상이 실제로는 양품입니다. "
            "AI 검사로 과검출을 줄이고 진짜 불량은 놓치지 않고 싶습니다."
        ),
        "capabilities": ["vision inspection", "AOI", "딥러닝 검사"],
        "budget": (5000, 9000),
        "age": 160,
        "deadline": 60,
    },
    {
        "key": "gvalley_security",
        "maker": "gvalley_electronics",
        "site": 0,
        "title": "Factory network security check",
        "description": (
            "A customer audit found that our SMT line PCs connect to the internet for vendors' "
            "remote support. We need an OT security assessment and a safer way for vendors to "
            "connect."
        ),
        "capabilities": ["OT security", "security assessment", "network monitoring"],
        "budget": (2000, 4000),
        "age": 45,
        "deadline": 40,
    },
    {
        "key": "gasan_spc",
        "maker": "gasan_sensortech",
        "site": 0,
        "title": "교정 결과가 PC마다 엑셀로 흩어져 있어요",
        "description": (
            "센서 모듈 교정 결과가 장비마다 다른 PC에 엑셀로 저장됩니다. "
            "한곳에 모아 SPC로 관리하고, 원청 감사 때 바로 보여주고 싶습니다."
        ),
        "capabilities": ["SPC", "data collection", "quality analytics"],
        "budget": (1500, 3000),
        "age": 40,
        "deadline": 35,
    },
    {
        "key": "mobility_pumps",
        "maker": "seoul_mobility",
        "site": 0,
        "title": "세척기 펌프가 고장 나면 라인 전체가 섭니다",
        "description": (
            "세척기 펌프와 컨베이어 모터가 고장 나면 후가공 라인 전체가 멈춥니다. "
            "모터 상태를 원격으로 보고 고장 전에 정비하고 싶습니다."
        ),
        "capabilities": ["predictive maintenance", "vibration sensing", "remote monitoring"],
        "budget": (3000, 6000),
        "age": 30,
        "deadline": 55,
    },
    {
        "key": "mobility_forklift",
        "maker": "seoul_mobility",
        "site": 1,
        "title": "지게차와 작업자 충돌 경보",
        "description": (
            "출하장에서 지게차와 작업자 동선이 겹쳐 아찔한 순간이 많습니다. "
            "작업자가 가까이 있으면 지게차 기사에게 알려 주는 장치를 찾습니다."
        ),
        "capabilities": ["worker safety", "UWB positioning", "wearable"],
        "budget": (2000, 4000),
        "age": 290,
        "deadline": -120,
        "status": "closed",
        "closed_age": 168,
    },
    {
        "key": "songpa_amr",
        "maker": "songpa_logistics",
        "site": 0,
        "title": "피킹 카트를 밀고 하루 10km를 걸어요",
        "description": (
            "피킹 후 출고장까지 카트를 밀고 가는 거리가 한 사람당 하루 10km가 넘습니다. "
            "좁은 통로에서도 다니는 운반 로봇을 시범 도입하고 싶습니다."
        ),
        "capabilities": ["AMR", "물류 자동화", "fleet management"],
        "budget": (5000, 10000),
        "age": 130,
        "deadline": 60,
    },
    {
        "key": "songpa_wifi",
        "maker": "songpa_logistics",
        "site": 0,
        "title": "지하 랙에서 스캐너 와이파이가 끊겨요",
        "description": (
            "Handheld scanners lose Wi-Fi between the basement racks, so pickers walk back to "
            "scan again. 음영 구역 조사와 해결 방법이 필요합니다."
        ),
        "capabilities": ["industrial Wi-Fi", "site survey", "wireless mesh"],
        "budget": (1000, 2500),
        "age": 80,
        "deadline": 30,
    },
    {
        "key": "magok_peak",
        "maker": "magok_coldchain",
        "site": 0,
        "title": "냉동기가 한꺼번에 돌 때 피크 요금이 나와요",
        "description": (
            "냉동기 여러 대가 동시에 돌면 피크 요금이 붙습니다. 창고 온도는 지키면서 "
            "냉동기 운전을 나눌 방법을 찾습니다."
        ),
        "capabilities": ["energy monitoring", "피크 관리", "temperature monitoring"],
        "budget": (2000, 5000),
        "age": 90,
        "deadline": 50,
    },
    {
        "key": "daerim_twin",
        "maker": "daerim_machinery",
        "site": 0,
        "title": "감속기 조립 라인 배치를 바꾸기 전에 시뮬레이션",
        "description": (
            "라인 배치를 바꾸기 전에 효과를 미리 보고 싶습니다. "
            "공정별 사이클타임 데이터는 일부 엑셀로 있습니다."
        ),
        "capabilities": ["digital twin", "process simulation", "data collection"],
        "budget": (3000, 7000),
        "age": 2,
        "deadline": 75,
        "status": "under_review",
    },
    {
        "key": "daerim_noise",
        "maker": "daerim_machinery",
        "site": 0,
        "title": "시운전 소음 검사를 사람 귀로 해요",
        "description": (
            "감속기 출하 전 시운전에서 작업자가 귀로 소음을 듣고 합격을 판정합니다. "
            "사람마다 판정이 달라 고객 클레임이 생깁니다. 기준을 숫자로 만들고 싶어요."
        ),
        "capabilities": ["acoustic monitoring", "anomaly detection", "소리 기반 이상 감지"],
        "budget": (2000, 4000),
        "age": 35,
        "deadline": 40,
    },
    {
        "key": "hongneung_cleanroom",
        "maker": "hongneung_bio",
        "site": 0,
        "title": "클린룸 차압·파티클 연속 모니터링",
        "description": (
            "GMP 심사 때마다 클린룸 기록을 손으로 정리합니다. 차압과 파티클을 연속으로 기록하고 "
            "기준을 벗어나면 알림을 받고 싶습니다."
        ),
        "capabilities": ["cleanroom monitoring", "GMP 기록", "alerting"],
        "budget": (3000, 6000),
        "age": 20,
        "deadline": 60,
    },
    {
        "key": "coating_oven",
        "maker": "seongsu_coating",
        "site": 0,
        "title": "건조로 온도 편차",
        "description": "건조로 안쪽과 입구 온도가 달라 도막 두께가 고르지 않습니다.",
        "capabilities": ["temperature monitoring"],
        "budget": (500, 1000),
        "age": 2,
        "deadline": 60,
        "status": "draft",
    },
]
