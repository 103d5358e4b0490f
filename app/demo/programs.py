"""The city's follow-on support programs, by the pairing stage they fit (fictional details)."""

from typing import Any

SUPPORT_PROGRAMS: list[dict[str, Any]] = [
    {
        "stage": "introduced",
        "name_ko": "서울 테스트베드",
        "name_en": "Testbed Seoul",
        "description_ko": (
            "서울시와 공공기관의 현장을 신기술 실증 무대로 열어 드립니다. "
            "소개받은 제조 현장과 함께 신청하면 가점이 있습니다."
        ),
        "description_en": (
            "Opens city and public-agency sites as a stage for trying new technology. "
            "Applying together with the manufacturer you were introduced to earns extra points."
        ),
    },
    {
        "stage": "introduced",
        "name_ko": "단계별 사업화 지원",
        "name_en": "Staged commercialisation support",
        "description_ko": (
            "첫 미팅부터 계약까지 단계마다 전문 멘토와 사업화 자금을 연결합니다. "
            "(Seoul Institute IIoT 연구의 정책 제안)"
        ),
        "description_en": (
            "Mentors and commercialisation funding at each step from the first meeting to "
            "a contract, as the Seoul Institute's IIoT study recommends."
        ),
    },
    {
        "stage": "pilot",
        "name_ko": "테스트베드 실증 지원",
        "name_en": "Testbed pilot support",
        "description_ko": (
            "제조 현장에서의 실증(PoC) 비용 일부를 지원합니다. "
            "센서 설치비와 현장 데이터 분석비를 포함합니다."
        ),
        "description_en": (
            "Covers part of the cost of a pilot on the shop floor, including sensor "
            "installation and the analysis of site data."
        ),
    },
    {
        "stage": "pilot",
        "name_ko": "시험 챔버 이용 지원",
        "name_en": "Test chamber access",
        "description_ko": (
            "온습도, 진동, 전자파(EMC) 시험 챔버를 할인된 비용으로 이용할 수 있습니다. "
            "G밸리 공동 장비실에서 예약합니다."
        ),
        "description_en": (
            "Temperature, humidity, vibration and EMC test chambers at a reduced rate, "
            "booked at the shared equipment room in G-Valley."
        ),
    },
    {
        "stage": "pilot",
        "name_ko": "인증 획득 지원",
        "name_en": "Certification help",
        "description_ko": (
            "KC, 전파 인증, IoT 보안 인증 준비를 컨설팅하고 시험 수수료 일부를 지원합니다."
        ),
        "description_en": (
            "Consulting for KC, radio and IoT security certification, and part of the testing fees."
        ),
    },
    {
        "stage": "commercialized",
        "name_ko": "공공구매 연계",
        "name_en": "Public procurement link",
        "description_ko": (
            "실증을 마친 제품을 서울시 혁신제품 구매 제도와 연결해 공공 판로를 엽니다."
        ),
        "description_en": (
            "Connects products proven in a pilot to the city's innovative-product "
            "procurement, opening public buyers."
        ),
    },
    {
        "stage": "commercialized",
        "name_ko": "해외 판로 지원",
        "name_en": "Overseas market support",
        "description_ko": "해외 전시회 참가와 바이어 상담, 영문 자료 제작을 지원합니다.",
        "description_en": (
            "Support for trade fairs abroad, buyer meetings and English sales material."
        ),
    },
]
