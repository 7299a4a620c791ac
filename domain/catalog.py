"""Program catalog: the fixed content of the Nghi Dương 2026–2030 action program.

All Vietnamese text is copied from ``seeds/000_dee05cfcc3742284.txt`` (NFC), with the
seed's markdown emphasis (``*``) removed and words split across page breaks rejoined.
Each Vietnamese string carries an English gloss.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

PROGRAM_ID_TEXT = "nghi-duong-2026-2030"  # stable code


@dataclass(frozen=True)
class Goal:
    """A goal of II.1: the general goal (1.1) or one of the six specific goals (1.2)."""

    code: str  # "general", "specific-1" .. "specific-6"
    name_vi: str
    name_en: str


@dataclass(frozen=True)
class Criterion:
    """A numbered criterion: commune criteria of socialism (II.2) or of the socialist person (II.3)."""

    code: str  # "commune-1".."commune-8"; "person-1".."person-5"
    group: str  # "commune" or "person"
    number: int
    text_vi: str
    text_en: str


@dataclass(frozen=True)
class ModelType:
    """A model to build (II.4), with who may enrol and its target."""

    code: str
    number: int
    name_vi: str
    name_en: str
    unit_kinds: tuple[str, ...]
    target_kind: str  # "all_units_of_kind" or "count"
    target_count: int | None
    target_text_vi: str
    target_text_en: str


@dataclass(frozen=True)
class Phase:
    """An implementation phase (IV.1) with its main points."""

    code: str
    number: int
    name_vi: str
    name_en: str
    starts_on: date
    ends_on: date
    focus_vi: tuple[str, ...]
    focus_en: tuple[str, ...]


@dataclass(frozen=True)
class TaskArea:
    """A key task area (III.1–III.5) with short named items from its text."""

    code: str
    number: int
    name_vi: str
    name_en: str
    highlights_vi: tuple[str, ...]
    highlights_en: tuple[str, ...]


@dataclass(frozen=True)
class ResponsibleBody:
    """A body assigned duties in IV.3 (3.1–3.6)."""

    code: str
    role_code: str
    name_vi: str
    name_en: str
    duties_vi: tuple[str, ...]
    duties_en: tuple[str, ...]


UNIT_KINDS: tuple[str, ...] = (
    "village",
    "party_cell",
    "office",
    "mass_organization",
    "school",
    "business",
    "government",
)

PROGRAM_NAME_VI: str = (
    "CHƯƠNG TRÌNH HÀNH ĐỘNG CỦA BAN THƯỜNG VỤ ĐẢNG ỦY thực hiện Nghị quyết của Ban Chấp hành "
    "Đảng bộ Thành phố về xây dựng và triển khai thực hiện một số mô hình Chủ nghĩa xã hội gắn "
    "với con người Xã hội chủ nghĩa tại thành phố Hải Phòng, giai đoạn 2026 - 2030 và những năm "
    "tiếp theo"
)
PROGRAM_NAME_EN: str = (
    "ACTION PROGRAM OF THE STANDING BOARD OF THE PARTY COMMITTEE implementing the Resolution of "
    "the City Party Executive Committee on building and implementing a number of models of "
    "socialism tied to socialist people in Hải Phòng city, 2026 - 2030 and the following years"
)
RESOLUTION_REF: str = "05-NQ/ĐU, 14/01/2026"

PERIOD_START: date = date(2025, 1, 1)
PERIOD_END: date = date(2030, 12, 31)

# --- II.1 Goals -------------------------------------------------------------------------

GOALS: tuple[Goal, ...] = (
    Goal(
        code="general",
        name_vi="Xây dựng xã thành xã văn minh, hạnh phúc.",
        name_en="Make the commune a civilized, happy commune.",
    ),
    Goal(
        code="specific-1",
        name_vi=(
            "Bộ máy, chính quyền xã: Xây dựng bộ máy tinh gọn, hiệu lực, hiệu quả; thực hiện "
            "công khai, minh bạch, gần dân, trọng dân; đẩy mạnh cải cách hành chính, chuyển đổi "
            "số, phục vụ Nhân dân hướng tới mục tiêu “Chính quyền vì hạnh phúc của người dân”."
        ),
        name_en=(
            "Commune apparatus and government: a lean, effective, efficient apparatus; open, "
            "transparent, close to and respectful of the people; push administrative reform and "
            "digital transformation, serving the people toward the goal of “a government for "
            "the people's happiness”."
        ),
    ),
    Goal(
        code="specific-2",
        name_vi=(
            "Kinh tế: Xây dựng nền kinh tế năng động, phát triển nhanh, bền vững, dựa trên nông "
            "nghiệp công nghệ cao, thương mại - dịch vụ - công nghiệp nông thôn; phát triển các "
            "khu, cụm công nghiệp theo hướng xanh, thông minh, hiệu quả; gắn với chuyển đổi số và "
            "hội nhập sâu rộng, góp phần nâng cao đời sống Nhân dân."
        ),
        name_en=(
            "Economy: a dynamic, fast-growing, sustainable economy based on high-tech "
            "agriculture, trade - services - rural industry; develop industrial zones and "
            "clusters in a green, smart, efficient way; tied to digital transformation and deep "
            "integration, helping raise people's living standards."
        ),
    ),
    Goal(
        code="specific-3",
        name_vi=(
            "Văn hóa - xã hội được bảo tồn và phát triển: Giữ gìn, lan tỏa giá trị văn hóa "
            "truyền thống và lịch sử hào hùng của quê hương; tôn vinh di tích, lễ hội; bồi đắp "
            "tinh thần nhân ái, đoàn kết. Thực hiện tốt chính sách an sinh xã hội; chăm lo việc "
            "làm, thu nhập, y tế, giáo dục, nhà ở và văn hóa; mọi người dân được thụ hưởng thành "
            "quả phát triển, sống ấm no, tự do, hạnh phúc."
        ),
        name_en=(
            "Culture and society preserved and developed: keep and spread the traditional "
            "cultural values and heroic history of the homeland; honour relics and festivals; "
            "nurture compassion and solidarity. Implement social-welfare policy well; care for "
            "jobs, income, health, education, housing and culture; every resident shares in the "
            "fruits of development and lives in comfort, freedom and happiness."
        ),
    ),
    Goal(
        code="specific-4",
        name_vi=(
            "Môi trường sinh thái trong lành, phát triển xanh và bền vững: Bảo vệ tài nguyên, gìn "
            "giữ môi trường, thích ứng biến đổi khí hậu; xử lý rác thải hiệu quả, giảm thiểu ô "
            "nhiễm, phát triển không gian xanh, sạch, đẹp; xây dựng Nghi Dương xanh - thân thiện "
            "- đáng sống, hướng tới hạnh phúc bền vững."
        ),
        name_en=(
            "A clean ecological environment, green and sustainable development: protect "
            "resources, preserve the environment, adapt to climate change; treat waste "
            "effectively, reduce pollution, develop green, clean, beautiful spaces; build a "
            "green - friendly - liveable Nghi Dương, toward lasting happiness."
        ),
    ),
    Goal(
        code="specific-5",
        name_vi=(
            "Quốc phòng - an ninh: Giữ vững ổn định chính trị, trật tự an toàn xã hội, nâng cao "
            "vị thế của xã trong liên kết vùng."
        ),
        name_en=(
            "Defence and security: maintain political stability and social order and safety; "
            "raise the commune's standing in regional linkage."
        ),
    ),
    Goal(
        code="specific-6",
        name_vi=(
            "Con người xã hội chủ nghĩa: Xây dựng công dân Nghi Dương có tri thức - đạo đức - ý "
            "thức công dân - tinh thần cống hiến; có điều kiện phát triển toàn diện."
        ),
        name_en=(
            "The socialist person: build Nghi Dương citizens with knowledge - ethics - civic "
            "awareness - a spirit of dedication, with the conditions for all-round development."
        ),
    ),
)

# --- II.2 Commune criteria of socialism -------------------------------------------------

COMMUNE_CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        code="commune-1",
        group="commune",
        number=1,
        text_vi="Dân giàu, xã vững mạnh, dân chủ, công bằng, văn minh.",
        text_en="Prosperous people; a strong, democratic, equitable, civilized commune.",
    ),
    Criterion(
        code="commune-2",
        group="commune",
        number=2,
        text_vi="Văn hóa - lịch sử được bảo tồn và phát huy.",
        text_en="Culture and history preserved and promoted.",
    ),
    Criterion(
        code="commune-3",
        group="commune",
        number=3,
        text_vi="Nhân dân làm chủ, đồng hành, thụ hưởng.",
        text_en="The people are masters, take part, and benefit.",
    ),
    Criterion(
        code="commune-4",
        group="commune",
        number=4,
        text_vi="Nền kinh tế phát triển nhanh và bền vững.",
        text_en="The economy develops fast and sustainably.",
    ),
    Criterion(
        code="commune-5",
        group="commune",
        number=5,
        text_vi="Chính quyền kiến tạo, liêm chính, hành động, phục vụ Nhân dân.",
        text_en="A government that is enabling, honest, action-oriented and serves the people.",
    ),
    Criterion(
        code="commune-6",
        group="commune",
        number=6,
        text_vi="Xã hội dân chủ, kỷ cương, công bằng, nhân ái.",
        text_en="A democratic, disciplined, equitable, compassionate society.",
    ),
    Criterion(
        code="commune-7",
        group="commune",
        number=7,
        text_vi="Quốc phòng, an ninh được giữ vững, ổn định.",
        text_en="Defence and security firmly maintained and stable.",
    ),
    Criterion(
        code="commune-8",
        group="commune",
        number=8,
        text_vi="Môi trường sinh thái trong lành, phát triển xanh và bền vững.",
        text_en="A clean ecological environment; green and sustainable development.",
    ),
)

# --- II.3 Criteria of the socialist person ----------------------------------------------

PERSON_CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        code="person-1",
        group="person",
        number=1,
        text_vi=(
            "Yêu nước, yêu quê hương, tự hào truyền thống cách mạng, trung thành với Tổ quốc và "
            "mục tiêu xã hội chủ nghĩa."
        ),
        text_en=(
            "Loves the country and the homeland, is proud of the revolutionary tradition, loyal "
            "to the Fatherland and to the socialist goal."
        ),
    ),
    Criterion(
        code="person-2",
        group="person",
        number=2,
        text_vi=(
            "Trung thực, thẳng thắn, nghĩa tình; có khát vọng cống hiến, dám hy sinh vì lợi ích "
            "chung."
        ),
        text_en=(
            "Honest, straightforward, caring; aspires to contribute and dares to sacrifice for "
            "the common good."
        ),
    ),
    Criterion(
        code="person-3",
        group="person",
        number=3,
        text_vi=(
            "Bản lĩnh, tư duy đổi mới sáng tạo và hội nhập; có tri thức khoa học, tư duy độc lập, "
            "khả năng phản biện"
        ),
        text_en=(
            "Steadfast, with innovative, creative and outward-looking thinking; has scientific "
            "knowledge, independent thinking, critical ability"
        ),
    ),
    Criterion(
        code="person-4",
        group="person",
        number=4,
        text_vi=(
            "Đoàn kết, trách nhiệm, kỷ cương, giỏi chuyên môn, nghiệp vụ, thành thạo công nghệ "
            "thông tin và ngoại ngữ"
        ),
        text_en=(
            "United, responsible, disciplined, professionally skilled, proficient in information "
            "technology and foreign languages"
        ),
    ),
    Criterion(
        code="person-5",
        group="person",
        number=5,
        text_vi="Tự chủ, tự tin, tự lực, tự cường, văn minh, nhân ái.",
        text_en="Autonomous, self-confident, self-reliant, self-strengthening, civilized, compassionate.",
    ),
)

# --- II.4 Models to build ---------------------------------------------------------------

MODEL_TYPES: tuple[ModelType, ...] = (
    ModelType(
        code="friendly-government",
        number=1,
        name_vi="Chính quyền thân thiện, Công sở thân thiện",
        name_en="Friendly government, friendly office",
        unit_kinds=("government", "office"),
        target_kind="all_units_of_kind",
        target_count=None,
        target_text_vi="Mô hình “Chính quyền thân thiện”, “Công sở thân thiện”",
        target_text_en=(
            "The “Friendly government”, “Friendly office” model (the seed states no number: "
            "it applies to the commune government and its offices)"
        ),
    ),
    ModelType(
        code="model-cultural-village",
        number=2,
        name_vi="Thôn văn hóa kiểu mẫu",
        name_en="Model cultural village",
        unit_kinds=("village",),
        target_kind="all_units_of_kind",
        target_count=None,
        target_text_vi="Mô hình “Thôn văn hóa kiểu mẫu” tại 100% thôn dân cư",
        target_text_en="The “Model cultural village” model in 100% of residential villages",
    ),
    ModelType(
        code="socialist-school",
        number=3,
        name_vi="Trường học xã hội chủ nghĩa",
        name_en="Socialist school",
        unit_kinds=("school",),
        target_kind="count",
        target_count=1,
        target_text_vi="Mô hình “Trường học xã hội chủ nghĩa”, 01 Trường",
        target_text_en="The “Socialist school” model, 1 school",
    ),
    ModelType(
        code="green-business",
        number=4,
        name_vi="Cơ sở kinh doanh dịch vụ thân thiện với môi trường",
        name_en="Environment-friendly business and service establishment",
        unit_kinds=("business",),
        target_kind="count",
        target_count=5,
        target_text_vi="Mô hình “Cơ sở kinh doanh dịch vụ thân thiện với môi trường” tại 05 Cơ sở",
        target_text_en="The “Environment-friendly business and service establishment” model at 5 establishments",
    ),
    ModelType(
        code="culture-club",
        number=5,
        name_vi="Câu lạc bộ văn hóa, văn nghệ",
        name_en="Culture and arts club",
        unit_kinds=("village",),
        target_kind="all_units_of_kind",
        target_count=None,
        target_text_vi="Mô hình “Câu lạc bộ văn hóa, văn nghệ” tại 100% thôn dân cư",
        target_text_en="The “Culture and arts club” model in 100% of residential villages",
    ),
)

# --- IV.1 Phases ------------------------------------------------------------------------

PHASES: tuple[Phase, ...] = (
    Phase(
        code="phase-1",
        number=1,
        name_vi="Giai đoạn 2025 - 2026: Tuyên truyền, nâng cao nhận thức và tạo nền tảng thực hiện",
        name_en="Phase 2025 - 2026: Propagation, raising awareness and laying the foundation for implementation",
        starts_on=date(2025, 1, 1),
        ends_on=date(2026, 12, 31),
        focus_vi=(
            "Tổ chức hội nghị quán triệt, học tập, tuyên truyền sâu rộng Kế hoạch trong cán bộ, "
            "đảng viên, đoàn viên, hội viên và Nhân dân; làm cho mọi người hiểu rõ con người xã "
            "hội chủ nghĩa là trung tâm, là động lực của phát triển.",
            "Lồng ghép nội dung kế hoạch vào các phong trào thi đua, các cuộc vận động và nhiệm "
            "vụ chính trị ở từng cơ quan, đơn vị và địa bàn dân cư.",
            "Thực hiện một số mô hình điểm như: “Chi bộ, thôn, tổ dân cư kiểu mẫu”, “cán bộ, "
            "đảng viên nêu gương đạo đức”.",
            "Sơ kết cuối năm 2026 để đánh giá kết quả, rút kinh nghiệm và hoàn thiện các tiêu "
            "chí, phương pháp triển khai.",
        ),
        focus_en=(
            "Hold conferences to disseminate, study and widely propagate the Plan among cadres, "
            "party members, union and association members and the people; make everyone "
            "understand that the socialist person is the centre and driving force of development.",
            "Integrate the plan's content into emulation movements, campaigns and the political "
            "tasks of each agency, unit and residential area.",
            "Pilot some models such as “Model party cell, village, residential group” and "
            "“cadres and party members setting an ethical example”.",
            "Preliminary review at the end of 2026 to assess results, draw lessons and refine "
            "the criteria and methods of implementation.",
        ),
    ),
    Phase(
        code="phase-2",
        number=2,
        name_vi="Giai đoạn 2027 - 2028: Đẩy mạnh, nhân rộng và đi vào chiều sâu",
        name_en="Phase 2027 - 2028: Intensify, replicate and go in depth",
        starts_on=date(2027, 1, 1),
        ends_on=date(2028, 12, 31),
        focus_vi=(
            "Tổ chức tổng kết, đánh giá giữa kỳ, rà soát, bổ sung và hoàn thiện hệ thống tiêu "
            "chí, chuẩn mực về đạo đức, lối sống, tác phong, trách nhiệm công dân.",
            "Nhân rộng các mô hình điểm, điển hình tiên tiến, lan tỏa các giá trị tốt đẹp trong "
            "đời sống cộng đồng; đẩy mạnh tuyên truyền, cổ vũ tinh thần “người tốt, việc tốt”, "
            "“làm việc tốt mỗi ngày”.",
            "Đưa nội dung xây dựng con người xã hội chủ nghĩa vào sinh hoạt chi bộ, sinh hoạt "
            "đoàn thể định kỳ; coi đây là tiêu chí đánh giá đảng viên, đoàn viên, hội viên cuối "
            "năm.",
            "Tăng cường giáo dục đạo đức, lối sống, ý thức pháp luật cho thế hệ trẻ, học sinh, "
            "thanh niên; phát huy vai trò của nhà trường, gia đình, xã hội trong giáo dục toàn "
            "diện con người.",
        ),
        focus_en=(
            "Hold a mid-term review and assessment; review, supplement and refine the system of "
            "criteria and standards of ethics, lifestyle, conduct and civic responsibility.",
            "Replicate pilot models and advanced examples, spread good values in community life; "
            "step up propaganda encouraging “good people, good deeds” and “a good deed every "
            "day”.",
            "Bring the building of the socialist person into regular party-cell and mass-"
            "organization meetings; make it a criterion in the year-end evaluation of party, "
            "union and association members.",
            "Strengthen education in ethics, lifestyle and legal awareness for the young "
            "generation, pupils and youth; promote the role of school, family and society in "
            "all-round human education.",
        ),
    ),
    Phase(
        code="phase-3",
        number=3,
        name_vi=(
            "Giai đoạn 2029 - 2030: Tổng kết đánh giá việc triển khai thực hiện kế hoạch và đề "
            "xuất các nhiệm vụ, giải pháp ở giai đoạn tiếp theo"
        ),
        name_en=(
            "Phase 2029 - 2030: Final review of the plan's implementation and proposal of tasks "
            "and solutions for the next period"
        ),
        starts_on=date(2029, 1, 1),
        ends_on=date(2030, 12, 31),
        focus_vi=(
            "Tổng kết việc triển khai thực hiện Chương trình hành động giai đoạn 2026 - 2030, "
            "đánh giá kết quả đạt được, hạn chế, nguyên nhân và bài học kinh nghiệm.",
            "Biểu dương, khen thưởng, tôn vinh các tập thể, cá nhân, gia đình, khu dân cư tiêu "
            "biểu.",
            "Đề xuất nhiệm vụ, giải pháp giai đoạn 2031 - 2035 để tiếp tục duy trì và phát triển "
            "mô hình xây dựng con người xã hội chủ nghĩa theo hướng bền vững, sáng tạo.",
        ),
        focus_en=(
            "Final review of the implementation of the 2026 - 2030 Action Program: results "
            "achieved, limitations, causes and lessons learned.",
            "Praise, reward and honour exemplary collectives, individuals, families and "
            "residential areas.",
            "Propose tasks and solutions for 2031 - 2035 to keep and develop the model of "
            "building the socialist person in a sustainable, creative way.",
        ),
    ),
)

# --- III Task areas ---------------------------------------------------------------------

TASK_AREAS: tuple[TaskArea, ...] = (
    TaskArea(
        code="III.1",
        number=1,
        name_vi=(
            "Về nhiệm vụ xây dựng Đảng trong sạch vững mạnh toàn diện; chính quyền kiến tạo, liêm "
            "chính, hành động, phục vụ nhân dân"
        ),
        name_en=(
            "Building a clean and comprehensively strong Party; an enabling, honest, "
            "action-oriented government serving the people"
        ),
        highlights_vi=(
            "sinh hoạt chi bộ",
            "phòng chống tham nhũng, tiêu cực",
            "Chính quyền thân thiện",
            "quy chế dân chủ ở cơ sở",
            "Dân vận khéo",
            "Xã thượng tôn pháp luật",
            "đúng, đủ, sạch, sống",
        ),
        highlights_en=(
            "party-cell meetings",
            "preventing corruption and negative practices",
            "Friendly government",
            "grassroots democracy regulations",
            "Skilful mass mobilization",
            "A commune that upholds the law",
            "correct, complete, clean, live (citizen personal data)",
        ),
    ),
    TaskArea(
        code="III.2",
        number=2,
        name_vi=(
            "Giải pháp về phát triển kinh tế xã Nghi Dương nhanh, bền vững trở thành cực tăng "
            "trưởng khu kinh tế phía Nam thành phố, hướng tới mục tiêu dân giàu, xã mạnh, công "
            "bằng, dân chủ, văn minh"
        ),
        name_en=(
            "Developing Nghi Dương's economy fast and sustainably into a growth pole of the "
            "city's southern economic zone, toward prosperous people, a strong, equitable, "
            "democratic, civilized commune"
        ),
        highlights_vi=(
            "khu, cụm công nghiệp Ngũ Phúc",
            "nông nghiệp công nghệ cao",
            "sản phẩm OCOP",
            "nông thôn mới kiểu mẫu",
            "hợp tác xã kiểu mới",
            "sàn thương mại điện tử",
            "thanh toán không tiền mặt",
            "giàu đẹp, văn minh, đáng sống",
        ),
        highlights_en=(
            "Ngũ Phúc industrial zone and cluster",
            "high-tech agriculture",
            "OCOP products",
            "model new countryside",
            "new-type cooperatives",
            "e-commerce platforms",
            "cashless payment",
            "rich, beautiful, civilized, liveable",
        ),
    ),
    TaskArea(
        code="III.3",
        number=3,
        name_vi=(
            "Phát huy, bảo tồn giá trị truyền thống văn hóa - lịch sử xã Nghi Dương đảm bảo cuộc "
            "sống ấm no, tự do, hạnh phúc cho người dân"
        ),
        name_en=(
            "Promoting and preserving Nghi Dương's traditional cultural and historical values, "
            "ensuring a life of comfort, freedom and happiness for the people"
        ),
        highlights_vi=(
            "Đền Mỗ",
            "Miếu Đông",
            "Miếu Đoài",
            "Vật cầu",
            "rước lợn",
            "Đền ơn đáp nghĩa",
            "Ngày vì người nghèo",
            "Cộng đồng công dân số",
        ),
        highlights_en=(
            "Mỗ Temple (historical relic site)",
            "Miếu Đông (East Shrine)",
            "Miếu Đoài (West Shrine)",
            "Vật cầu (ball-wrestling festival)",
            "rước lợn (pig procession festival)",
            "Repaying gratitude",
            "Day for the Poor",
            "Digital citizen community",
        ),
    ),
    TaskArea(
        code="III.4",
        number=4,
        name_vi="Đảm bảo quốc phòng, an ninh, trật tự an toàn xã hội; xây dựng xã không ma túy",
        name_en=(
            "Ensuring defence, security, social order and safety; building a drug-free commune"
        ),
        highlights_vi=(
            "xã không ma túy",
            "Camera an ninh",
            "Tổ tự quản",
            "Khu dân cư an toàn",
            "Toàn dân bảo vệ an ninh Tổ quốc",
            "dòng họ bình yên",
        ),
        highlights_en=(
            "drug-free commune",
            "Security cameras",
            "Self-management groups",
            "Safe residential areas",
            "All people protect national security",
            "peaceful clans",
        ),
    ),
    TaskArea(
        code="III.5",
        number=5,
        name_vi=(
            "Phát huy phẩm chất, năng lực con người xã Nghi Dương, tạo điều kiện để con người xã "
            "Nghi Dương phát triển toàn diện"
        ),
        name_en=(
            "Developing the qualities and abilities of Nghi Dương's people, creating conditions "
            "for their all-round development"
        ),
        highlights_vi=(
            "truyền thống cách mạng",
            "nói thật, làm thật",
            "dám nghĩ, dám làm, dám chịu trách nhiệm",
            "người tốt, việc tốt",
            "tin học, ngoại ngữ, kỹ năng sống",
            "khởi nghiệp",
            "tự lực, tự cường",
        ),
        highlights_en=(
            "revolutionary tradition",
            "speak truthfully, act truthfully",
            "dare to think, dare to act, dare to take responsibility",
            "good people, good deeds",
            "IT, foreign languages, life skills",
            "start-ups",
            "self-reliance, self-strengthening",
        ),
    ),
)

# --- IV.3 Responsible bodies ------------------------------------------------------------

RESPONSIBLE_BODIES: tuple[ResponsibleBody, ...] = (
    ResponsibleBody(
        code="IV.3.1",
        role_code="government",
        name_vi="Ủy ban nhân dân xã",
        name_en="Commune People's Committee",
        duties_vi=(
            "Xây dựng các kế hoạch cụ thể trên từng lĩnh vực: Phát triển kinh tế - xã hội, an "
            "ninh - quốc phòng, nhằm gắn kết chặt chẽ giữa phát triển vật chất với phát triển con "
            "người.",
            "Chỉ đạo các cơ quan, đơn vị chuyên môn, các thôn đưa nội dung và tiêu chí xây dựng "
            "con người xã hội chủ nghĩa vào chương trình công tác hằng năm, lồng ghép trong các "
            "phong trào thi đua yêu nước, các hoạt động văn hóa - xã hội.",
            "Phối hợp với Mặt trận Tổ quốc và các tổ chức chính trị - xã hội xã đẩy mạnh tuyên "
            "truyền, vận động Nhân dân tích cực tham gia rèn luyện, thực hiện các chuẩn mực đạo "
            "đức, lối sống tốt đẹp; phát huy tinh thần tương thân tương ái, đoàn kết, trách nhiệm "
            "với cộng đồng.",
            "Bố trí nguồn lực, kinh phí hợp lý; huy động xã hội hóa từ các tổ chức, doanh nghiệp, "
            "cá nhân để triển khai hiệu quả các hoạt động, mô hình về xây dựng con người xã hội "
            "chủ nghĩa.",
            "Định kỳ sơ kết, tổng kết, báo cáo kết quả thực hiện với Đảng ủy xã; kịp thời đề xuất "
            "biểu dương, khen thưởng tập thể, cá nhân có thành tích tiêu biểu.",
        ),
        duties_en=(
            "Draw up specific plans for each field: socio-economic development, security and "
            "defence, closely linking material development with human development.",
            "Direct specialized agencies and units and the villages to put the content and "
            "criteria of building the socialist person into their yearly work programs, within "
            "patriotic emulation movements and cultural-social activities.",
            "Coordinate with the Fatherland Front and the commune's socio-political "
            "organizations to step up propaganda and mobilize the people to practise good ethical "
            "and lifestyle standards; foster mutual help, solidarity and community "
            "responsibility.",
            "Allocate resources and funds reasonably; mobilize socialized contributions from "
            "organizations, businesses and individuals to carry out activities and models of "
            "building the socialist person.",
            "Periodically hold preliminary and final reviews and report results to the commune "
            "Party Committee; promptly propose praise and rewards for outstanding collectives and "
            "individuals.",
        ),
    ),
    ResponsibleBody(
        code="IV.3.2",
        role_code="front",
        name_vi="Ủy ban Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội xã",
        name_en="Vietnam Fatherland Front Committee and the commune's socio-political organizations",
        duties_vi=(
            "Tăng cường công tác tuyên truyền, vận động đoàn viên, hội viên và Nhân dân tích cực "
            "hưởng ứng thực hiện các nội dung, mục tiêu của Chương trình hành động; phát huy tinh "
            "thần đoàn kết, tương trợ, giúp đỡ nhau trong phát triển kinh tế, xây dựng đời sống "
            "văn hóa mới.",
            "Đưa nội dung xây dựng con người xã hội chủ nghĩa vào các phong trào thi đua và các "
            "cuộc vận động.",
            "Thường xuyên phát hiện, bồi dưỡng, tuyên truyền, nhân rộng các điển hình tiên tiến; "
            "nắm bắt tâm tư, phản ánh kịp thời nguyện vọng của Nhân dân để tham mưu, kiến nghị "
            "với Đảng ủy, chính quyền.",
            "Đưa tiêu chí rèn luyện, tu dưỡng đạo đức, lối sống, tinh thần trách nhiệm với cộng "
            "đồng vào đánh giá đoàn viên, hội viên hằng năm.",
        ),
        duties_en=(
            "Step up propaganda and mobilize union and association members and the people to "
            "actively carry out the content and goals of the Action Program; foster solidarity "
            "and mutual help in economic development and building a new cultural life.",
            "Bring the building of the socialist person into emulation movements and campaigns.",
            "Regularly find, nurture, publicize and replicate advanced examples; grasp people's "
            "thoughts and promptly relay their wishes to advise and recommend to the Party "
            "Committee and the government.",
            "Put criteria of ethical and lifestyle self-improvement and community responsibility "
            "into the yearly evaluation of union and association members.",
        ),
    ),
    ResponsibleBody(
        code="IV.3.3",
        role_code="party_building_board",
        name_vi="Ban Xây dựng Đảng Đảng ủy xã",
        name_en="Party Building Board of the commune Party Committee",
        duties_vi=(
            "Là cơ quan tham mưu trực tiếp cho Đảng ủy xã trong công tác lãnh đạo, chỉ đạo, hướng "
            "dẫn triển khai thực hiện Chương trình hành động xây dựng Chủ nghĩa xã hội gắn với con "
            "người Xã hội chủ nghĩa xã Nghi Dương, giai đoạn 2026 - 2030.",
            "Chủ trì phối hợp với các chi, đảng bộ trực thuộc, các tổ chức chính trị - xã hội "
            "trong việc cụ thể hóa nội dung, tiêu chí xây dựng con người xã hội chủ nghĩa phù hợp "
            "đặc điểm từng lĩnh vực, địa bàn.",
            "Đẩy mạnh công tác tuyên truyền, giáo dục chính trị tư tưởng, nâng cao nhận thức của "
            "cán bộ, đảng viên và Nhân dân về mục tiêu, giá trị con người xã hội chủ nghĩa; gắn "
            "với việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
            "Tham mưu Đảng ủy ban hành các văn bản hướng dẫn thực hiện; chủ động đôn đốc các chi "
            "bộ, cơ quan, đơn vị triển khai thực hiện.",
            "Tham mưu Đảng ủy biểu dương, nhân rộng điển hình tiên tiến tại các hội nghị sơ kết, "
            "tổng kết, đồng thời chỉ đạo khắc phục hạn chế, yếu kém.",
        ),
        duties_en=(
            "Directly advise the commune Party Committee in leading, directing and guiding the "
            "implementation of the Action Program for building socialism tied to socialist people "
            "in Nghi Dương commune, 2026 - 2030.",
            "Lead and coordinate with subordinate party cells and committees and socio-political "
            "organizations in concretizing the content and criteria of building the socialist "
            "person to suit each field and area.",
            "Step up propaganda and political-ideological education, raising the awareness of "
            "cadres, party members and the people of the goals and values of the socialist "
            "person; tied to studying and following Hồ Chí Minh's thought, ethics and style.",
            "Advise the Party Committee on issuing implementing guidance; actively urge party "
            "cells, agencies and units to carry it out.",
            "Advise the Party Committee on praising and replicating advanced examples at "
            "preliminary and final reviews, and direct the remedy of limitations and weaknesses.",
        ),
    ),
    ResponsibleBody(
        code="IV.3.4",
        role_code="office",
        name_vi="Văn phòng Đảng ủy xã",
        name_en="Office of the commune Party Committee",
        duties_vi=(
            "Là cơ quan thường trực, chịu trách nhiệm giúp Đảng ủy theo dõi, đôn đốc, hướng dẫn, "
            "tổng hợp tình hình triển khai thực hiện Chương trình hành động trên toàn địa bàn xã.",
            "Chủ động tham mưu cho Thường trực Đảng ủy tổ chức các hội nghị giao ban, sơ kết, tổng "
            "kết, hội thảo, tọa đàm, sinh hoạt chuyên đề nhằm trao đổi kinh nghiệm, phát hiện các "
            "mô hình hay, cách làm sáng tạo.",
            "Thực hiện công tác thông tin, báo cáo định kỳ và đột xuất về tiến độ, kết quả thực "
            "hiện Kế hoạch; tham mưu đề xuất khen thưởng, kỷ luật, điều chỉnh nội dung khi cần "
            "thiết.",
            "Phối hợp với các ban, ngành, đoàn thể và thôn, tổ dân cư trong công tác thống kê, lưu "
            "trữ, tổng hợp số liệu, đảm bảo thông tin đầy đủ, kịp thời, chính xác phục vụ công tác "
            "lãnh đạo, chỉ đạo của Đảng ủy.",
        ),
        duties_en=(
            "Act as the standing body, helping the Party Committee follow, urge, guide and "
            "compile the implementation of the Action Program across the commune.",
            "Actively advise the Party Committee's standing members on organizing briefings, "
            "preliminary and final reviews, workshops, discussions and thematic meetings to "
            "share experience and discover good models and creative practices.",
            "Provide periodic and ad-hoc information and reports on the progress and results of "
            "the Plan; advise on proposing rewards, discipline and content adjustments when "
            "needed.",
            "Coordinate with boards, sectors, mass organizations, villages and residential groups "
            "on statistics, archiving and data compilation, ensuring complete, timely, accurate "
            "information for the Party Committee's leadership and direction.",
        ),
    ),
    ResponsibleBody(
        code="IV.3.5",
        role_code="inspection_committee",
        name_vi="Ủy ban Kiểm tra Đảng ủy xã",
        name_en="Inspection Committee of the commune Party Committee",
        duties_vi=(
            "Xây dựng kế hoạch kiểm tra, giám sát việc thực hiện Chương trình hành động tại các "
            "chi, đảng bộ trực thuộc, các ban, ngành, đoàn thể; tập trung vào việc chấp hành chủ "
            "trương, quy định, tiến độ và hiệu quả thực hiện.",
            "Kịp thời phát hiện, chấn chỉnh những hạn chế, yếu kém; tham mưu cho Đảng ủy xã chỉ "
            "đạo khắc phục thiếu sót, ngăn ngừa vi phạm.",
            "Thực hiện sơ kết, tổng kết công tác kiểm tra, giám sát gắn với đánh giá, xếp loại tổ "
            "chức đảng, đảng viên hằng năm.",
            "Đề xuất hình thức khen thưởng, kỷ luật đối với tập thể, cá nhân trong việc thực hiện "
            "Kế hoạch; đảm bảo tính công khai, minh bạch, dân chủ trong công tác kiểm tra, giám "
            "sát.",
        ),
        duties_en=(
            "Plan inspection and supervision of the Action Program's implementation in "
            "subordinate party cells and committees, boards, sectors and mass organizations; "
            "focus on compliance with policies and rules, progress and effectiveness.",
            "Promptly detect and correct limitations and weaknesses; advise the commune Party "
            "Committee on directing the remedy of shortcomings and preventing violations.",
            "Hold preliminary and final reviews of inspection and supervision, tied to the "
            "yearly evaluation and rating of party organizations and members.",
            "Propose forms of reward and discipline for collectives and individuals in carrying "
            "out the Plan; ensure openness, transparency and democracy in inspection and "
            "supervision.",
        ),
    ),
    ResponsibleBody(
        code="IV.3.6",
        role_code="party_cells",
        name_vi="Các chi bộ, đảng bộ trực thuộc Đảng ủy xã",
        name_en="Party cells and party committees under the commune Party Committee",
        duties_vi=(
            "Cụ thể hóa nội dung, tiêu chí, mục tiêu của Kế hoạch phù hợp với chức năng, nhiệm vụ "
            "và đặc điểm của từng chi, đảng bộ; tổ chức quán triệt sâu rộng đến toàn thể đảng "
            "viên, đoàn viên, hội viên và Nhân dân.",
            "Xây dựng chương trình hành động, kế hoạch thực hiện gắn với nhiệm vụ chính trị, phát "
            "triển kinh tế - xã hội, công tác xây dựng Đảng, xây dựng chính quyền, đoàn thể tại "
            "cơ sở.",
            "Tổ chức sinh hoạt chuyên đề về xây dựng con người xã hội chủ nghĩa, gắn với việc học "
            "tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; đưa nội dung rèn luyện "
            "đạo đức, lối sống, tinh thần trách nhiệm vào tiêu chí đánh giá đảng viên cuối năm.",
            "Chủ động phối hợp với các tổ chức đoàn thể trong tuyên truyền, vận động, phát hiện, "
            "bồi dưỡng, giới thiệu nhân tố tích cực, gương “người tốt, việc tốt” tại địa phương.",
            "Định kỳ báo cáo kết quả thực hiện về Đảng ủy xã (qua Văn phòng Đảng ủy) để tổng hợp, "
            "đánh giá, kịp thời biểu dương và rút kinh nghiệm.",
        ),
        duties_en=(
            "Concretize the Plan's content, criteria and goals to suit the functions, tasks and "
            "features of each party cell or committee; disseminate it widely to all party "
            "members, union and association members and the people.",
            "Draw up action programs and implementation plans tied to political tasks, "
            "socio-economic development, Party building, and building the government and mass "
            "organizations at the grassroots.",
            "Hold thematic meetings on building the socialist person, tied to studying and "
            "following Hồ Chí Minh's thought, ethics and style; put ethical and lifestyle "
            "self-improvement and responsibility into the year-end evaluation criteria for party "
            "members.",
            "Actively coordinate with mass organizations in propaganda and mobilization, finding, "
            "nurturing and introducing positive individuals and “good people, good deeds” "
            "examples locally.",
            "Periodically report results to the commune Party Committee (through the Party "
            "Committee Office) for compilation, assessment, timely praise and lessons learned.",
        ),
    ),
)
