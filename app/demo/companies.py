"""Demo companies: fictional firms in Seoul's real industrial clusters.

Each company is a dict; ``key`` names it inside the demo data only. ``contact`` is
(name, e-mail local part); the e-mail domain and website are ``<key>.example``.
``status`` is the verification status (verified when absent).
"""

from typing import Any

DEMO_STARTUP_KEY = "edgesense"
DEMO_MANUFACTURER_KEY = "hangang_auto"

STARTUPS: list[dict[str, Any]] = [
    {
        "key": "edgesense",
        "name": "엣지센스",
        "iot_field": "device",
        "sectors": ["automotive_transport", "machinery_robotics", "metal_processing"],
        "description": (
            "CNC 스핀들과 프레스에 붙이는 무선 진동·온도 센서와 엣지 게이트웨이를 만듭니다. "
            "베어링 마모와 공구 파손 징후를 실시간으로 감지해 예지보전 알림을 보냅니다. "
            "금천구와 시화 공단의 자동차 부품 공장 12곳에서 운영 중입니다."
        ),
        "capabilities": [
            "vibration sensing",
            "예지보전",
            "predictive maintenance",
            "edge gateway",
            "OPC UA",
        ],
        "district": "금천구",
        "employees": 14,
        "founded": 2021,
        "contact": ("김도윤", "doyun.kim"),
    },
    {
        "key": "seamvision",
        "name": "SeamVision",
        "iot_field": "service",
        "sectors": ["textile_fashion"],
        "description": (
            "AI vision inspection for sewing lines. A camera over the needle plate checks "
            "stitch pitch, skipped stitches and puckering while the operator works. "
            "Built for small 창신동 workshops: one camera, one tablet, no IT staff needed."
        ),
        "capabilities": ["vision inspection", "비전 검사", "defect detection", "edge AI"],
        "district": "종로구",
        "employees": 7,
        "founded": 2022,
        "contact": ("이서연", "seoyeon.lee"),
    },
    {
        "key": "wattcheck",
        "name": "와트체크",
        "iot_field": "service",
        "sectors": ["energy_environment", "metal_processing", "food_consumer"],
        "description": (
            "분전반에 클램프형 전력 센서를 달아 설비별 전력 사용량을 15분 단위로 보여줍니다. "
            "피크 전력 경보와 한전 요금제 시뮬레이션으로 전기요금을 줄이는 방법을 제안합니다. "
            "Dashboard in Korean and English."
        ),
        "capabilities": ["energy monitoring", "전력 모니터링", "피크 관리", "power metering"],
        "district": "구로구",
        "employees": 11,
        "founded": 2019,
        "contact": ("박지훈", "jihoon.park"),
    },
    {
        "key": "gongdanlink",
        "name": "공단링크",
        "iot_field": "network",
        "sectors": ["metal_processing", "machinery_robotics", "construction_smartcity"],
        "description": (
            "LoRaWAN 게이트웨이 한 대로 공단 블록 전체의 센서를 연결합니다. "
            "배선 공사 없이 배터리 센서를 붙이고, 월 정액으로 망을 운영해 드립니다. "
            "Our private LoRaWAN network server is hosted in Seoul."
        ),
        "capabilities": ["LoRaWAN", "저전력 무선", "network operation", "battery sensors"],
        "district": "금천구",
        "employees": 9,
        "founded": 2020,
        "contact": ("최민서", "minseo.choi"),
    },
    {
        "key": "private5",
        "name": "Private5",
        "iot_field": "network",
        "sectors": [
            "automotive_transport",
            "electronics_semiconductor",
            "logistics_distribution",
        ],
        "description": (
            "We design, build and run 이음5G private networks for factories and warehouses. "
            "Latency-sensitive equipment such as AMRs and high-resolution inspection cameras "
            "gets its own network inside the plant. 주파수 지정 신청도 대신 준비해 드립니다."
        ),
        "capabilities": ["private 5G", "이음5G", "network design", "low latency"],
        "district": "영등포구",
        "employees": 23,
        "founded": 2018,
        "contact": ("정하준", "hajun.jung"),
    },
    {
        "key": "safewear",
        "name": "세이프웨어",
        "iot_field": "device",
        "sectors": ["construction_smartcity", "logistics_distribution", "automotive_transport"],
        "description": (
            "작업자 안전모와 조끼에 붙이는 웨어러블 태그로 쓰러짐, 고온 노출, "
            "지게차 접근을 감지합니다. 위험할 때는 관리자 휴대폰으로 바로 알림이 갑니다. "
            "중대재해처벌법 대응에 필요한 안전 점검 기록도 자동으로 남습니다."
        ),
        "capabilities": ["worker safety", "wearable", "작업자 안전", "UWB positioning"],
        "district": "성동구",
        "employees": 18,
        "founded": 2020,
        "contact": ("강지우", "jiwoo.kang"),
    },
    {
        "key": "coldtrace",
        "name": "ColdTrace",
        "iot_field": "device",
        "sectors": ["food_consumer", "logistics_distribution", "healthcare_bio"],
        "description": (
            "Bluetooth and LTE-M temperature loggers for cold chain shipments and cold rooms. "
            "Each box reports temperature and door openings, and the web app produces "
            "HACCP-ready records. 마장동 육가공 업체와 함께 개발했습니다."
        ),
        "capabilities": ["cold chain", "temperature logging", "HACCP 기록", "LTE-M"],
        "district": "성동구",
        "employees": 8,
        "founded": 2022,
        "contact": ("조서준", "seojun.cho"),
    },
    {
        "key": "opcbridge",
        "name": "오피씨브릿지",
        "iot_field": "platform",
        "sectors": [
            "machinery_robotics",
            "automotive_transport",
            "electronics_semiconductor",
        ],
        "description": (
            "오래된 PLC와 CNC의 데이터를 OPC UA와 MQTT로 꺼내는 게이트웨이 소프트웨어입니다. "
            "Mitsubishi, Siemens, LS ELECTRIC PLC와 Fanuc 컨트롤러를 지원합니다. "
            "설치는 하루면 되고, 기존 설비 프로그램은 건드리지 않습니다."
        ),
        "capabilities": [
            "OPC UA",
            "PLC integration",
            "MQTT",
            "data collection",
            "설비 데이터 수집",
        ],
        "district": "구로구",
        "employees": 16,
        "founded": 2017,
        "contact": ("윤하은", "haeun.yoon"),
    },
    {
        "key": "movers",
        "name": "무버스로보틱스",
        "iot_field": "device",
        "sectors": [
            "logistics_distribution",
            "electronics_semiconductor",
            "automotive_transport",
        ],
        "description": (
            "도심의 작은 공장과 물류센터를 위한 자율주행 운반로봇(AMR)을 만듭니다. "
            "좁은 통로와 경사로가 많은 현장에 맞춰 폭 60cm로 설계했습니다. "
            "공정 사이 반제품 운반을 자동화해 작업자가 걷는 시간을 줄입니다."
        ),
        "capabilities": ["AMR", "자율주행 운반", "물류 자동화", "fleet management"],
        "district": "금천구",
        "employees": 27,
        "founded": 2019,
        "contact": ("장민준", "minjun.jang"),
    },
    {
        "key": "twinfactory",
        "name": "TwinFactory",
        "iot_field": "platform",
        "sectors": ["machinery_robotics", "automotive_transport", "electronics_semiconductor"],
        "description": (
            "A digital twin platform for small factories: import a floor plan, connect machine "
            "data and see cycle times, bottlenecks and WIP on a 3D model. "
            "Try a new line layout in simulation before moving a single machine."
        ),
        "capabilities": [
            "digital twin",
            "디지털 트윈",
            "process simulation",
            "3D visualization",
        ],
        "district": "강남구",
        "employees": 21,
        "founded": 2020,
        "contact": ("임수아", "sua.lim"),
    },
    {
        "key": "otguard",
        "name": "오티가드",
        "iot_field": "service",
        "sectors": ["electronics_semiconductor", "automotive_transport", "energy_environment"],
        "description": (
            "공장 제어망(OT)의 보안 점검과 이상 트래픽 탐지 서비스를 제공합니다. "
            "PLC와 HMI가 외부와 어떻게 연결되어 있는지 먼저 지도로 그려 드리고, "
            "망 분리와 원격 접속 관리를 돕습니다. Security is the top barrier to IIoT; "
            "we start there."
        ),
        "capabilities": [
            "OT security",
            "제어망 보안",
            "network monitoring",
            "security assessment",
        ],
        "district": "송파구",
        "employees": 19,
        "founded": 2018,
        "contact": ("한예준", "yejun.han"),
    },
    {
        "key": "tagon",
        "name": "태그온",
        "iot_field": "device",
        "sectors": ["textile_fashion", "logistics_distribution", "metal_processing"],
        "description": (
            "UHF RFID 태그와 리더로 원단 롤, 금형, 공구의 위치와 입출고를 자동으로 기록합니다. "
            "몇 시간 걸리던 재고 실사를 몇 분으로 줄입니다."
        ),
        "capabilities": ["RFID", "재고 관리", "asset tracking", "금형 관리"],
        "district": "중구",
        "employees": 10,
        "founded": 2016,
        "contact": ("오지민", "jimin.oh"),
    },
    {
        "key": "airfit",
        "name": "에어핏",
        "iot_field": "device",
        "sectors": ["printing_publishing", "chemicals_materials", "energy_environment"],
        "description": (
            "작업장 안의 미세먼지, VOC, 이산화탄소를 재는 실내 공기질 센서와 환기 제어기입니다. "
            "인쇄소와 도장 공정처럼 유기용제를 쓰는 현장에 맞췄습니다. "
            "기준을 넘으면 환기팬을 자동으로 돌립니다."
        ),
        "capabilities": ["air quality", "VOC 측정", "환기 제어", "environmental sensing"],
        "district": "중구",
        "employees": 6,
        "founded": 2021,
        "contact": ("서도현", "dohyun.seo"),
    },
    {
        "key": "layerlog",
        "name": "LayerLog",
        "iot_field": "service",
        "sectors": ["machinery_robotics", "healthcare_bio", "electronics_semiconductor"],
        "description": (
            "3D printer farm monitoring: a camera and sensor kit detects spaghetti failures, "
            "nozzle clogs and bed adhesion problems, and pauses the job. "
            "시제품 제작소와 금형 업체의 야간 출력 실패를 줄입니다."
        ),
        "capabilities": [
            "3D printing monitoring",
            "적층 제조",
            "failure detection",
            "computer vision",
        ],
        "district": "구로구",
        "employees": 5,
        "founded": 2023,
        "contact": ("신채원", "chaewon.shin"),
    },
    {
        "key": "onboardmes",
        "name": "온보드MES",
        "iot_field": "service",
        "sectors": ["textile_fashion", "printing_publishing", "food_consumer"],
        "description": (
            "종이 작업지시서를 태블릿으로 바꾸는 소규모 공장용 MES입니다. "
            "작업자가 시작·종료 버튼만 누르면 생산량과 비가동 시간이 자동으로 집계됩니다. "
            "봉제, 수제화, 인쇄 공방에서 많이 씁니다."
        ),
        "capabilities": ["MES", "생산 관리", "작업 실적 집계", "tablet app"],
        "district": "성동구",
        "employees": 12,
        "founded": 2019,
        "contact": ("권시우", "siwoo.kwon"),
    },
    {
        "key": "presseye",
        "name": "프레스아이",
        "iot_field": "service",
        "sectors": ["automotive_transport", "metal_processing"],
        "description": (
            "프레스 금형의 하중 파형을 분석해 이중 타발, 소재 미송, 금형 파손을 잡아냅니다. "
            "자동차 부품 프레스 라인에 맞춘 AI 모델을 제공합니다."
        ),
        "capabilities": [
            "press monitoring",
            "하중 분석",
            "predictive maintenance",
            "anomaly detection",
        ],
        "district": "강서구",
        "employees": 13,
        "founded": 2020,
        "contact": ("황유진", "yujin.hwang"),
    },
    {
        "key": "datamill",
        "name": "Datamill",
        "iot_field": "platform",
        "sectors": ["machinery_robotics", "energy_environment", "food_consumer"],
        "description": (
            "A cloud data platform that keeps machine, quality and energy data in one place, "
            "with open APIs and ready-made dashboards. It works with any gateway that speaks "
            "MQTT or OPC UA. 공공데이터 연계 API 예제도 공개하고 있습니다."
        ),
        "capabilities": ["data platform", "open API", "dashboards", "MQTT", "데이터 분석"],
        "district": "마포구",
        "employees": 24,
        "founded": 2017,
        "contact": ("안주원", "juwon.ahn"),
    },
    {
        "key": "qclab",
        "name": "큐씨랩",
        "iot_field": "service",
        "sectors": ["automotive_transport", "electronics_semiconductor", "metal_processing"],
        "description": (
            "측정기 데이터를 자동으로 모아 SPC 관리도와 공정능력지수(Cpk)를 계산합니다. "
            "품질 이상이 생기면 어느 설비, 어느 시간대에서 시작됐는지 추적할 수 있습니다. "
            "원청 품질 감사용 보고서도 바로 뽑을 수 있습니다."
        ),
        "capabilities": ["SPC", "품질 분석", "quality analytics", "measurement data"],
        "district": "금천구",
        "employees": 9,
        "founded": 2018,
        "contact": ("송다은", "daeun.song"),
    },
    {
        "key": "nurisensor",
        "name": "누리센서",
        "iot_field": "device",
        "sectors": ["energy_environment", "metal_processing", "food_consumer"],
        "description": (
            "초음파 센서로 압축공기 누설 지점을 찾고 컴프레서 전력을 분석합니다. "
            "공장 전기요금의 20~30%를 차지하는 압축공기 낭비를 줄여 드립니다."
        ),
        "capabilities": ["compressed air", "초음파 누설 감지", "energy saving", "에너지 절감"],
        "district": "영등포구",
        "employees": 7,
        "founded": 2021,
        "contact": ("전건우", "geonwoo.jeon"),
    },
    {
        "key": "printflow",
        "name": "PrintFlow",
        "iot_field": "service",
        "sectors": ["printing_publishing"],
        "description": (
            "Job tracking and press monitoring for offset and digital printers. It counts "
            "sheets, tracks make-ready time and paper waste, and sends a daily report. "
            "을지로 인쇄골목의 작은 인쇄소를 위한 월 구독형 서비스입니다."
        ),
        "capabilities": [
            "press monitoring",
            "생산 실적",
            "waste tracking",
            "production reporting",
        ],
        "district": "중구",
        "employees": 4,
        "founded": 2022,
        "contact": ("홍서윤", "seoyun.hong"),
    },
    {
        "key": "foodsafe365",
        "name": "푸드세이프365",
        "iot_field": "service",
        "sectors": ["food_consumer"],
        "description": (
            "냉장·냉동 창고와 가열 공정의 온도를 자동으로 기록해 HACCP 일지를 대신 써 줍니다. "
            "기준을 벗어나면 카카오 알림톡으로 바로 알려 드립니다."
        ),
        "capabilities": ["HACCP", "온도 모니터링", "food safety", "alerting"],
        "district": "성동구",
        "employees": 8,
        "founded": 2020,
        "contact": ("유현우", "hyunwoo.yoo"),
    },
    {
        "key": "logiview",
        "name": "로지뷰",
        "iot_field": "platform",
        "sectors": ["logistics_distribution", "food_consumer"],
        "description": (
            "창고와 배송 차량의 위치, 온도, 적재율을 한 화면에서 보여주는 물류 가시성 "
            "플랫폼입니다. WMS와 연동되는 API를 제공하고 출고 지연을 미리 예측합니다."
        ),
        "capabilities": [
            "warehouse visibility",
            "물류 가시성",
            "fleet tracking",
            "WMS integration",
        ],
        "district": "송파구",
        "employees": 31,
        "founded": 2016,
        "contact": ("고은서", "eunseo.ko"),
    },
    {
        "key": "makerscloud",
        "name": "메이커스클라우드",
        "iot_field": "platform",
        "sectors": [
            "electronics_semiconductor",
            "construction_smartcity",
            "energy_environment",
        ],
        "description": (
            "센서와 게이트웨이 수백 대를 원격으로 등록, 업데이트, 모니터링하는 IoT 기기 관리 "
            "플랫폼입니다. OTA 업데이트와 기기 인증서 관리를 제공합니다. "
            "Works with ESP32, Raspberry Pi and most Linux gateways."
        ),
        "capabilities": ["device management", "OTA update", "인증서 관리", "IoT platform"],
        "district": "구로구",
        "employees": 15,
        "founded": 2019,
        "contact": ("문지호", "jiho.moon"),
    },
    {
        "key": "visioncheck",
        "name": "비전체크",
        "iot_field": "service",
        "sectors": ["electronics_semiconductor"],
        "description": (
            "SMT 라인의 납땜 불량과 부품 누락을 AI 비전으로 검사합니다. "
            "기존 AOI가 놓치는 불량은 잡고, 양품을 불량으로 보는 과검출은 줄입니다."
        ),
        "capabilities": ["vision inspection", "AOI", "defect detection", "딥러닝 검사"],
        "district": "금천구",
        "employees": 17,
        "founded": 2019,
        "contact": ("양소율", "soyul.yang"),
    },
    {
        "key": "greenfactory",
        "name": "그린팩토리랩",
        "iot_field": "service",
        "sectors": ["metal_processing", "energy_environment", "chemicals_materials"],
        "description": (
            "전력과 가스 사용량으로 제품별 탄소배출량을 계산하고, 원청사와 수출용 탄소 보고서를 "
            "만들어 드립니다. CBAM 대응이 필요한 금속가공 업체에 알맞습니다. "
            "Reports in Korean and English."
        ),
        "capabilities": [
            "carbon accounting",
            "탄소 배출 산정",
            "energy monitoring",
            "ESG reporting",
        ],
        "district": "서초구",
        "employees": 12,
        "founded": 2022,
        "contact": ("손태윤", "taeyun.son"),
    },
    {
        "key": "cobotworks",
        "name": "코봇웍스",
        "iot_field": "service",
        "sectors": ["machinery_robotics", "metal_processing", "food_consumer"],
        "description": (
            "협동로봇으로 머신텐딩, 포장, 검사 공정을 자동화합니다. "
            "로봇 가동 데이터와 알람을 원격으로 지켜보는 관리 서비스까지 함께 제공합니다."
        ),
        "capabilities": ["cobot integration", "협동로봇", "machine tending", "remote monitoring"],
        "district": "구로구",
        "employees": 20,
        "founded": 2018,
        "contact": ("배나연", "nayeon.bae"),
    },
    {
        "key": "meshwave",
        "name": "Meshwave",
        "iot_field": "network",
        "sectors": ["logistics_distribution", "printing_publishing", "construction_smartcity"],
        "description": (
            "Industrial Wi-Fi 6 and wireless mesh networks for sites with thick concrete walls "
            "and metal racks. Site survey, design and 24/7 network monitoring. "
            "지하 작업장과 냉동창고 안쪽까지 연결합니다."
        ),
        "capabilities": [
            "industrial Wi-Fi",
            "wireless mesh",
            "site survey",
            "network monitoring",
        ],
        "district": "광진구",
        "employees": 11,
        "founded": 2017,
        "contact": ("백승현", "seunghyun.baek"),
    },
    {
        "key": "chainmate",
        "name": "체인메이트",
        "iot_field": "service",
        "sectors": ["textile_fashion", "logistics_distribution"],
        "description": (
            "원청과 봉제 공장 사이의 작업 진행 상황을 실시간으로 공유합니다. "
            "재단, 봉제, 마무리 단계마다 QR을 찍으면 납기 위험을 미리 알려 줍니다. "
            "스마트폰만 있으면 됩니다."
        ),
        "capabilities": ["QR tracking", "공정 진행 공유", "납기 관리", "supply chain visibility"],
        "district": "동대문구",
        "employees": 6,
        "founded": 2021,
        "contact": ("허윤아", "yuna.heo"),
    },
    {
        "key": "sounddoctor",
        "name": "사운드닥터",
        "iot_field": "service",
        "sectors": ["machinery_robotics", "food_consumer", "automotive_transport"],
        "description": (
            "마이크 센서로 모터, 펌프, 컨베이어의 평소 소리를 학습하고 다른 소리가 나면 "
            "알려 줍니다. 숙련공의 귀를 대신하는 소리 기반 예지보전입니다. "
            "Also used for end-of-line noise testing of gearboxes."
        ),
        "capabilities": [
            "acoustic monitoring",
            "소리 기반 이상 감지",
            "predictive maintenance",
            "anomaly detection",
        ],
        "district": "노원구",
        "employees": 8,
        "founded": 2020,
        "contact": ("노지안", "jian.noh"),
    },
    {
        "key": "openfactory",
        "name": "오픈팩토리",
        "iot_field": "platform",
        "sectors": ["energy_environment", "logistics_distribution", "food_consumer"],
        "description": (
            "공공데이터와 공장 데이터를 잇는 API 플랫폼입니다. 기상, 전력 수요, 교통 데이터와 "
            "생산 데이터를 결합한 수요 예측 예제를 공개합니다. "
            "Open API documentation in Korean and English."
        ),
        "capabilities": ["open API", "공공데이터 연계", "demand forecasting", "data integration"],
        "district": "마포구",
        "employees": 10,
        "founded": 2021,
        "contact": ("심재원", "jaewon.shim"),
    },
    {
        "key": "toolwatch",
        "name": "ToolWatch",
        "iot_field": "service",
        "sectors": ["metal_processing", "automotive_transport", "machinery_robotics"],
        "description": (
            "CNC tool life management: we read spindle load from the controller and predict "
            "when each tool needs changing. Works with Fanuc and Siemens controllers, with no "
            "extra sensor on most machines. 야간 무인 가공의 공구 파손 불량을 줄입니다."
        ),
        "capabilities": [
            "tool wear prediction",
            "CNC monitoring",
            "공구 수명 관리",
            "spindle load",
        ],
        "district": "영등포구",
        "employees": 9,
        "founded": 2020,
        "contact": ("하윤서", "yunseo.ha"),
    },
    {
        "key": "biolog",
        "name": "바이오로그",
        "iot_field": "platform",
        "sectors": ["healthcare_bio", "chemicals_materials"],
        "description": (
            "제약·바이오 클린룸의 차압, 온습도, 파티클을 연속으로 모니터링하고 GMP 기록을 "
            "남기는 플랫폼입니다. 데이터 무결성(ALCOA+) 요건에 맞춰 감사 추적을 제공합니다."
        ),
        "capabilities": [
            "cleanroom monitoring",
            "GMP 기록",
            "environmental sensing",
            "data integrity",
        ],
        "district": "강서구",
        "employees": 14,
        "founded": 2019,
        "contact": ("곽동현", "donghyun.kwak"),
    },
    {
        "key": "motioncatcher",
        "name": "모션캐처",
        "iot_field": "service",
        "sectors": ["textile_fashion", "food_consumer", "logistics_distribution"],
        "description": (
            "카메라로 작업자의 동작을 분석해 근골격계 부담이 큰 자세와 불필요한 동작을 "
            "찾아냅니다. 영상은 현장에서 바로 익명화되어 얼굴이 저장되지 않습니다."
        ),
        "capabilities": [
            "motion analysis",
            "작업 분석",
            "ergonomics",
            "privacy-preserving vision",
        ],
        "district": "관악구",
        "employees": 5,
        "founded": 2024,
        "contact": ("성하린", "harin.sung"),
        "status": "pending",
    },
    {
        "key": "hanbitgate",
        "name": "한빛게이트",
        "iot_field": "device",
        "sectors": ["automotive_transport", "machinery_robotics", "energy_environment"],
        "description": (
            "산업용 엣지 게이트웨이 하드웨어를 만듭니다. RS-485, Modbus, CAN 포트와 LTE 모뎀을 "
            "내장했고 영하 20도에서 영상 60도까지 동작합니다. KC 인증을 받았습니다."
        ),
        "capabilities": ["edge gateway", "Modbus", "CAN bus", "LTE modem", "산업용 하드웨어"],
        "district": "outside_seoul",
        "employees": 22,
        "founded": 2015,
        "contact": ("차준영", "junyoung.cha"),
        "status": "pending",
    },
    {
        "key": "nextiot",
        "name": "넥스트IoT솔루션",
        "iot_field": "service",
        "sectors": ["construction_smartcity"],
        "description": "IoT 솔루션 전문 기업입니다. 다양한 분야의 스마트 솔루션을 제공합니다.",
        "capabilities": ["IoT", "smart solution", "컨설팅"],
        "district": "강남구",
        "employees": 3,
        "founded": 2025,
        "contact": ("주예린", "yerin.joo"),
        "status": "rejected",
        "reason": "incomplete_information",
        "note": (
            "사업자등록증 사본과 주요 제품·고객 사례를 보완해 다시 신청해 주세요. "
            "설명만으로는 어떤 현장 문제를 해결하는지 알기 어렵습니다."
        ),
    },
]

MANUFACTURERS: list[dict[str, Any]] = [
    {
        "key": "hangang_auto",
        "name": "한강오토부품",
        "sector": "automotive_transport",
        "district": "금천구",
        "description": (
            "1994년 문을 연 자동차 시트 프레임·브래킷 프레스 부품 회사입니다. "
            "가산동 프레스 공장과 강서 가공동을 운영하며 완성차 1차 협력사에 납품합니다."
        ),
        "employees": 86,
        "founded": 1994,
        "contact": ("우성민", "sungmin.woo"),
        "sites": [
            ("가산 프레스 공장", "금천구", "프레스 성형(200톤·400톤), 로봇 용접, 조립"),
            ("강서 가공동", "강서구", "CNC 선반·머시닝센터 가공, 세척, 출하 검사"),
        ],
    },
    {
        "key": "mullae_precision",
        "name": "문래정밀",
        "sector": "metal_processing",
        "district": "영등포구",
        "description": (
            "문래동 철공소 골목의 정밀 가공 업체입니다. 선반과 밀링으로 장비 부품을 "
            "소량 다품종으로 깎습니다."
        ),
        "employees": 14,
        "founded": 1988,
        "contact": ("구나은", "naeun.gu"),
        "sites": [("문래동2가 공장", "영등포구", "CNC 선반 12대, 범용 밀링, 연마")],
    },
    {
        "key": "dorim_metal",
        "name": "도림금속",
        "sector": "metal_processing",
        "district": "영등포구",
        "description": "판금, 절곡, 레이저 절단과 용접을 하는 문래동 판금 공장입니다.",
        "employees": 9,
        "founded": 2003,
        "contact": ("민재현", "jaehyun.min"),
        "sites": [("문래동3가 작업장", "영등포구", "레이저 절단, 절곡, CO2 용접, 분체도장 외주")],
    },
    {
        "key": "changsin_sewing",
        "name": "창신봉제",
        "sector": "textile_fashion",
        "district": "종로구",
        "description": (
            "창신동 언덕의 봉제 공장입니다. 동대문 도매 브랜드의 원피스와 셔츠를 "
            "재단부터 마무리까지 만듭니다."
        ),
        "employees": 17,
        "founded": 1998,
        "contact": ("류지성", "jisung.ryu"),
        "sites": [("창신동 본사 작업장", "종로구", "재단, 본봉·오버록 봉제, 다림질, 검품")],
    },
    {
        "key": "sungin_apparel",
        "name": "Sungin Apparel",
        "sector": "textile_fashion",
        "district": "종로구",
        "description": (
            "Knitwear sewing for Seoul fashion brands, near Dongdaemun market. "
            "원단 창고와 봉제 작업장을 함께 운영합니다."
        ),
        "employees": 24,
        "founded": 2009,
        "contact": ("나현준", "hyunjun.na"),
        "sites": [
            ("숭인동 작업장", "종로구", "니트 봉제, 검품, 포장"),
            ("신당동 원단 창고", "중구", "원단 롤 보관, 입출고"),
        ],
    },
    {
        "key": "euljiro_print",
        "name": "을지인쇄",
        "sector": "printing_publishing",
        "district": "중구",
        "description": "을지로3가 인쇄골목에서 40년 넘게 오프셋 인쇄와 제본을 해 온 인쇄소입니다.",
        "employees": 12,
        "founded": 1983,
        "contact": ("진수빈", "subin.jin"),
        "sites": [("을지로3가 인쇄소", "중구", "4도 오프셋 인쇄, 재단, 중철·무선 제본")],
    },
    {
        "key": "chungmuro_graphics",
        "name": "충무로그래픽스",
        "sector": "printing_publishing",
        "district": "중구",
        "description": (
            "충무로의 디지털 인쇄·후가공 업체입니다. Short-run catalogues and packaging "
            "for design studios."
        ),
        "employees": 8,
        "founded": 2011,
        "contact": ("엄태오", "taeo.eom"),
        "sites": [("충무로 디지털 인쇄실", "중구", "디지털 인쇄 4대, 코팅·박 후가공")],
    },
    {
        "key": "seongsu_shoes",
        "name": "성수슈즈",
        "sector": "textile_fashion",
        "district": "성동구",
        "description": "성수동 수제화 거리의 공방입니다. 장인 여섯 명이 구두와 로퍼를 만듭니다.",
        "employees": 7,
        "founded": 1996,
        "contact": ("채다인", "dain.chae"),
        "sites": [("성수동 수제화 공방", "성동구", "재단, 갑피 재봉, 저부 접착, 건조, 마감")],
    },
    {
        "key": "majang_foods",
        "name": "마장푸드",
        "sector": "food_consumer",
        "district": "성동구",
        "description": (
            "마장동 축산물시장의 육가공 업체입니다. 식당과 정육점에 냉장육을 매일 배송합니다."
        ),
        "employees": 32,
        "founded": 2001,
        "contact": ("원준혁", "junhyuk.won"),
        "sites": [("마장동 육가공장", "성동구", "발골, 정형, 진공포장, 냉장·냉동 보관, 배송")],
    },
    {
        "key": "seongsu_bakery",
        "name": "성수제과",
        "sector": "food_consumer",
        "district": "성동구",
        "description": "카페와 편의점에 냉동 생지와 구움과자를 공급하는 제과 공장입니다.",
        "employees": 41,
        "founded": 2012,
        "contact": ("천서아", "seoa.cheon"),
        "sites": [("성수동 제과 공장", "성동구", "반죽, 발효, 오븐 소성, 급속 냉동, 포장")],
    },
    {
        "key": "gvalley_electronics",
        "name": "G-Valley Electronics",
        "sector": "electronics_semiconductor",
        "district": "구로구",
        "description": (
            "구로디지털단지의 전자 부품 실장(EMS) 업체입니다. "
            "PCB assembly for medical and industrial devices."
        ),
        "employees": 58,
        "founded": 2005,
        "contact": ("방민혁", "minhyuk.bang"),
        "sites": [("구로디지털단지 SMT 라인", "구로구", "SMT 실장 3개 라인, 리플로우, AOI, 조립")],
    },
    {
        "key": "gasan_sensortech",
        "name": "가산센서텍",
        "sector": "electronics_semiconductor",
        "district": "금천구",
        "description": "가산디지털단지에서 압력·온도 센서 모듈을 조립하고 교정합니다.",
        "employees": 35,
        "founded": 2010,
        "contact": ("공하람", "haram.gong"),
        "sites": [("가산동 조립동", "금천구", "센서 모듈 조립, 교정, 출하 검사")],
    },
    {
        "key": "seoul_mobility",
        "name": "서울모빌리티부품",
        "sector": "automotive_transport",
        "district": "강서구",
        "description": (
            "전기차 모터 하우징 같은 알루미늄 다이캐스팅 부품을 후가공합니다. "
            "세척과 검사까지 한 라인에서 합니다."
        ),
        "employees": 64,
        "founded": 2007,
        "contact": ("현우진", "woojin.hyun"),
        "sites": [
            ("강서 가공 공장", "강서구", "다이캐스팅 후가공, 세척, 누설 검사"),
            ("오류동 출하장", "구로구", "포장, 출하, 지게차 상하차"),
        ],
    },
    {
        "key": "songpa_logistics",
        "name": "송파물류",
        "sector": "logistics_distribution",
        "district": "송파구",
        "description": (
            "문정동 물류센터에서 생활용품과 식품의 보관·피킹·출고를 대행합니다. "
            "Same-day delivery for Seoul online shops."
        ),
        "employees": 120,
        "founded": 2013,
        "contact": ("석지유", "jiyu.seok"),
        "sites": [("문정동 물류센터", "송파구", "입고, 상온·냉장 보관, 피킹, 출고")],
    },
    {
        "key": "magok_coldchain",
        "name": "마곡콜드체인",
        "sector": "logistics_distribution",
        "district": "강서구",
        "description": "냉동·냉장 창고와 냉장 배송 차량을 운영하는 콜드체인 물류 회사입니다.",
        "employees": 47,
        "founded": 2015,
        "contact": ("표민아", "mina.pyo"),
        "sites": [("마곡 냉동창고", "강서구", "냉동·냉장 보관, 냉동기 8대, 배송 차량 20대")],
    },
    {
        "key": "daerim_machinery",
        "name": "대림기계",
        "sector": "machinery_robotics",
        "district": "구로구",
        "description": "산업용 감속기와 전동기 구동 장치를 만드는 구로 공장입니다.",
        "employees": 53,
        "founded": 1991,
        "contact": ("변상훈", "sanghoon.byun"),
        "sites": [("구로 조립 공장", "구로구", "감속기 가공, 조립, 시운전 검사")],
    },
    {
        "key": "hongneung_bio",
        "name": "홍릉바이오",
        "sector": "healthcare_bio",
        "district": "동대문구",
        "description": (
            "홍릉 바이오 클러스터의 체외진단 키트 제조사입니다. "
            "GMP 클린룸에서 조립과 포장을 합니다."
        ),
        "employees": 29,
        "founded": 2016,
        "contact": ("탁예은", "yeeun.tak"),
        "sites": [("홍릉 제조소", "동대문구", "클린룸 조립, 충전, 포장")],
    },
    {
        "key": "seongsu_coating",
        "name": "성수도장",
        "sector": "chemicals_materials",
        "district": "성동구",
        "description": "금속 부품 분체도장 전문 공장입니다.",
        "employees": 11,
        "founded": 2000,
        "contact": ("여동훈", "donghoon.yeo"),
        "sites": [("성수동 도장 공장", "성동구", "전처리, 분체도장, 건조로")],
        "status": "pending",
    },
]
