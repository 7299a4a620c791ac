"""A demo commune: a year (2026) of a fictional Nghi Dương carrying out its program, recorded
through the real application so that every view has something to show.

Everything it records says it is demo data: unit codes start with "demo-", names of units and
people end in "(demo)", every command's reason starts with "[DEMO] " and its idempotency key with
"demo:". The keys are fixed, so a second load records nothing and a load cut short resumes where
it stopped. It refuses a store that holds units of a real commune unless forced.

The content is written as small text tables (a record is a line of words, then indented lines of
fields separated by " | "), so that a reader sees the commune's year rather than Python."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

from domain.application import Ledger
from domain.authority import SYSTEM, Actor, Role
from domain.candidacy import candidacy_id_for
from domain.ledger import Done, Request
from domain.unit import unit_id_for
from projections.units import list_units

PREFIX = "demo-"
MARK = "[DEMO] "

OFFICE = Actor("demo:office", Role.OFFICE)
COMMITTEE = Actor("demo:committee", Role.COMMITTEE)
INSPECTOR = Actor("demo:inspector", Role.INSPECTOR)

RECOGNIZED_UNTIL = date(2028, 12, 31)
MERGED, MERGED_INTO, MERGED_ON = "xom-trai", "thon-doai", "2026-11-25"


class NotADemoStore(Exception):
    """The store holds records of a real commune; loading the demo would mix the two."""


def code(alias: str) -> str:
    """The tables name units without the common prefix."""
    return PREFIX + alias


def unit(alias: str) -> UUID:
    return unit_id_for(code(alias))


def reporter(alias: str) -> Actor:
    """A unit's own reporter: progress, remediation plans and proposals for that unit only."""
    return Actor(f"demo:reporter@{code(alias)}", Role.REPORTER, unit(alias))


# --- The commune ------------------------------------------------------------------------
# code, kind, parent ("-" for none), name. Parents come first.
UNITS = """
ubnd           government         -     Ủy ban nhân dân xã Nghi Dương
vpdu           office             -     Văn phòng Đảng ủy xã
bxdd           office             -     Ban Xây dựng Đảng Đảng ủy xã
ubkt           office             -     Ủy ban Kiểm tra Đảng ủy xã
phong-kt       office             ubnd  Phòng Kinh tế xã
phong-vhxh     office             ubnd  Phòng Văn hóa - Xã hội xã
tthcc          office             ubnd  Trung tâm Phục vụ hành chính công xã
cong-an        office             ubnd  Công an xã Nghi Dương
mttq           mass_organization  -     Ủy ban Mặt trận Tổ quốc Việt Nam xã
doan-tn        mass_organization  mttq  Đoàn Thanh niên Cộng sản Hồ Chí Minh xã
hoi-pn         mass_organization  mttq  Hội Liên hiệp Phụ nữ xã
hoi-nd         mass_organization  mttq  Hội Nông dân xã
hoi-ccb        mass_organization  mttq  Hội Cựu chiến binh xã
thcs           school             ubnd  Trường THCS Nghi Dương
htx-ngu-phuc   business           -     Hợp tác xã Nông nghiệp Ngũ Phúc
may-nd         business           -     Công ty TNHH May mặc Nghi Dương
co-khi         business           -     Công ty CP Cơ khí chính xác Ngũ Phúc
sen-que        business           -     Nhà hàng Sen Quê
minh-an        business           -     Cơ sở chế biến nông sản Minh An
dong-que       business           -     Trang trại trải nghiệm Đồng Quê
"""
# Each village "thon-<slug>" has a party cell "chi-bo-<slug>" whose parent is the village.
VILLAGES = """
dong         Đông
doai         Đoài
mo           Mỗ
kim-son      Kim Sơn
tien-hoi     Tiên Hội
du-le        Du Lễ
quang-trung  Quang Trung
trung-hanh   Trung Hành
phuc-loc     Phúc Lộc
xuan-duong   Xuân Dương
cam-hoan     Cẩm Hoàn
an-lac       An Lạc
"""
# A hamlet too small for a cell of its own (its members sit in Thôn Đoài's cell); it merges
# into Thôn Đoài at the end of the year, and its open tasks and shortcomings pass over.
HAMLET = "xom-trai  village  -  Xóm Trại"

# --- Tasks ------------------------------------------------------------------------------
# ref, area, lead, coordinating (comma-separated), assigned on, due; then the title, then
# in date order: progress (date | percent | summary | evidence), "deadline | date | new due |
# why", "reassign | date | lead | coordinating | why", "complete | date", "cancel | date | why".
# Reports come from the lead's own reporter. Tasks due from 2027 belong to phase 2.
TASKS = """
t01 III.1 bxdd vpdu,mttq 2026-02-02 2026-03-31
  Quán triệt Chương trình hành động đến 100% chi bộ và đảng viên
  2026-03-10 | 60 | Đã tổ chức hội nghị quán triệt cho 8/12 chi bộ thôn | BC 05/BC-BXDĐ
  2026-03-27 | 100 | 12/12 chi bộ đã quán triệt, 96% đảng viên dự | BC 09/BC-BXDĐ
  complete | 2026-03-30
t02 III.1 vpdu bxdd 2026-03-02 2026-09-30
  Sinh hoạt chuyên đề “Xây dựng con người xã hội chủ nghĩa” tại chi bộ thôn
  2026-06-30 | 50 | 6/12 chi bộ đã sinh hoạt chuyên đề | BC 21/BC-VPĐU
  2026-09-25 | 85 | Còn 2 chi bộ chưa tổ chức, bổ sung trong quý IV | BC 33/BC-VPĐU
t03 III.1 tthcc ubnd 2026-02-10 2026-06-30
  Xây dựng mô hình “Chính quyền thân thiện” tại Bộ phận một cửa
  2026-04-15 | 40 | Niêm yết công khai 100% thủ tục hành chính | Ảnh niêm yết
  2026-05-30 | 80 | Lắp đặt máy đánh giá mức độ hài lòng | BB nghiệm thu 12/BB
  2026-06-25 | 100 | Khảo sát: 94% người dân hài lòng | BC 40/BC-TTHCC
  complete | 2026-06-28
t04 III.1 tthcc phong-kt 2026-02-10 2026-12-31
  Nâng tỷ lệ hồ sơ trực tuyến toàn trình lên 80%
  2026-06-30 | 35 | Tỷ lệ hồ sơ trực tuyến toàn trình đạt 52% | Số liệu Cổng DVC quý II
  2026-10-05 | 62 | Đạt 71%, tập huấn thêm cho trưởng thôn | Số liệu Cổng DVC quý III
t05 III.1 cong-an tthcc,thon-dong,thon-doai 2026-02-15 2026-08-31
  Làm sạch dữ liệu dân cư “đúng, đủ, sạch, sống”
  2026-05-20 | 70 | Rà soát xong 7/12 thôn | BC 18/BC-CAX
  2026-08-28 | 95 | Đã chuẩn hóa 98,6% bản ghi | BC 31/BC-CAX
  complete | 2026-09-05
t06 III.1 ubnd mttq 2026-02-20 2026-05-31
  Công khai quy chế dân chủ ở cơ sở tại nhà văn hóa các thôn
  2026-05-25 | 100 | 12/12 nhà văn hóa thôn đã niêm yết | Ảnh niêm yết
  complete | 2026-05-29
t07 III.1 mttq doan-tn,hoi-pn 2026-03-05 2026-10-31
  Phong trào “Dân vận khéo” gắn với chuyển đổi số
  2026-07-15 | 45 | Đăng ký 14 mô hình “Dân vận khéo” | BC 11/BC-MTTQ
t08 III.1 ubkt vpdu 2026-04-01 2026-11-15
  Kiểm tra việc thực hiện Chương trình hành động tại 06 chi bộ thôn
  2026-08-20 | 50 | Đã kiểm tra 3/6 chi bộ | KL 04-KL/UBKT
  2026-10-30 | 83 | Đã kiểm tra 5/6 chi bộ | KL 07-KL/UBKT
t09 III.1 vpdu bxdd,ubnd 2026-10-01 2026-12-20
  Sơ kết năm 2026 Chương trình hành động
  2026-11-20 | 20 | Đã gửi đề cương báo cáo sơ kết đến các đơn vị | CV 58-CV/VPĐU
t10 III.2 phong-kt ubnd,thon-phuc-loc,thon-an-lac 2026-02-05 2026-10-31
  Giải phóng mặt bằng giai đoạn 2 cụm công nghiệp Ngũ Phúc
  2026-06-15 | 40 | Đã kiểm đếm 86/120 hộ | BC 22/BC-PKT
  2026-10-10 | 65 | Đã chi trả bồi thường 78 hộ, còn vướng 14 hộ | BC 37/BC-PKT
  deadline | 2026-10-20 | 2027-03-31 | Còn 14 hộ chưa nhận bồi thường; UBND xã đề nghị gia hạn
t11 III.2 htx-ngu-phuc phong-kt,hoi-nd 2026-03-01 2026-09-30
  Gạo thơm Ngũ Phúc đạt chứng nhận OCOP 4 sao
  2026-06-10 | 50 | Hoàn thiện hồ sơ, bao bì, truy xuất nguồn gốc | Hồ sơ OCOP
  2026-09-20 | 100 | Hội đồng thành phố chấm đạt 4 sao | QĐ công nhận OCOP
  complete | 2026-09-25
t12 III.2 hoi-nd phong-kt,thon-kim-son 2026-03-10 2026-11-30
  Xây dựng 02 mô hình nông nghiệp công nghệ cao (nhà màng trồng dưa lưới)
  2026-06-30 | 30 | Hoàn thành 01 nhà màng 2.000 m² | BB nghiệm thu
  2026-10-15 | 70 | Thu hoạch vụ đầu, năng suất 3,2 tấn | BC 15/BC-HND
t13 III.2 phong-kt doan-tn,htx-ngu-phuc 2026-03-01 2026-08-31
  Đưa 100% sản phẩm OCOP của xã lên sàn thương mại điện tử
  2026-05-31 | 60 | 5/8 sản phẩm đã có gian hàng | Danh sách gian hàng
  2026-08-25 | 100 | 8/8 sản phẩm đã lên sàn | BC 29/BC-PKT
  complete | 2026-08-28
t14 III.2 doan-tn phong-kt,hoi-pn 2026-03-15 2026-07-31
  Thanh toán không tiền mặt tại chợ Nghi Dương
  2026-05-15 | 40 | 62/150 tiểu thương dùng mã QR | BC 08/BC-ĐTN
  2026-07-20 | 75 | 112/150 tiểu thương dùng mã QR | BC 12/BC-ĐTN
t15 III.2 phong-kt may-nd,co-khi,doan-tn 2026-04-01 2027-06-30
  Đào tạo nghề cho 300 lao động vào làm tại cụm công nghiệp Ngũ Phúc
  2026-10-20 | 25 | Khai giảng 3 lớp may công nghiệp, 76 học viên | BC 38/BC-PKT
t16 III.2 ubnd phong-kt,thon-trung-hanh,thon-xuan-duong 2026-04-10 2027-12-31
  Nâng cấp đường trục thôn kết nối cụm công nghiệp Ngũ Phúc
  2026-11-10 | 15 | Phê duyệt chủ trương đầu tư; dân hiến 1.200 m² đất | NQ 19/NQ-HĐND
t17 III.2 hoi-nd phong-kt 2026-03-20 2026-12-31
  Thành lập hợp tác xã dịch vụ môi trường kiểu mới
  2026-05-30 | 10 | Khảo sát nhu cầu tại 4 thôn | Phiếu khảo sát
  cancel | 2026-07-15 | Nội dung được lồng ghép vào phương án sản xuất của HTX Ngũ Phúc
t18 III.2 thon-kim-son phong-kt,phong-vhxh 2026-02-25 2026-12-31
  Thôn Kim Sơn đạt chuẩn nông thôn mới kiểu mẫu
  2026-06-20 | 55 | Đạt 11/16 tiêu chí | BC 03/BC-TKS
  2026-10-25 | 80 | Đạt 14/16 tiêu chí | BC 07/BC-TKS
t19 III.3 phong-vhxh thon-mo,mttq 2026-03-01 2027-04-30
  Tu bổ, tôn tạo khu di tích lịch sử Đền Mỗ
  2026-07-10 | 30 | Phê duyệt hồ sơ tu bổ; xã hội hóa 1,2 tỷ đồng | QĐ 122/QĐ-UBND
  2026-11-05 | 45 | Hoàn thành tường bao, sân hành lễ | BB nghiệm thu
t20 III.3 phong-vhxh thon-dong,thon-doai 2026-03-01 2026-09-30
  Lập hồ sơ bảo tồn Miếu Đông, Miếu Đoài
  2026-06-05 | 40 | Khảo sát, đo vẽ hiện trạng hai di tích | Bản vẽ hiện trạng
  2026-09-15 | 70 | Hoàn thiện lý lịch di tích Miếu Đông | Lý lịch di tích
t21 III.3 thon-mo phong-vhxh,doan-tn,cong-an 2026-01-20 2026-03-15
  Tổ chức lễ hội Vật cầu xuân Bính Ngọ 2026
  2026-03-06 | 100 | Lễ hội diễn ra an toàn, hơn 3.000 lượt khách | BC 02/BC-TM
  complete | 2026-03-08
t22 III.3 thon-doai phong-vhxh,cong-an 2026-01-20 2026-03-20
  Tổ chức lễ rước lợn thôn Đoài
  2026-03-12 | 100 | Lễ rước lợn tổ chức trang trọng, đúng nghi thức | BC 01/BC-TĐ
  complete | 2026-03-14
t23 III.3 phong-vhxh thcs 2026-03-15 2026-12-15
  Số hóa tư liệu di tích, xây dựng bản đồ di sản số
  2026-05-20 | 30 | Số hóa 120 hiện vật, sắc phong | BC 17/BC-VHXH
  reassign | 2026-06-15 | doan-tn | thcs,phong-vhxh | Giao Đoàn Thanh niên chủ trì phần số hóa
  2026-09-10 | 55 | Bản đồ di sản số chạy thử, mã QR tại 3 di tích | BC 14/BC-ĐTN
t24 III.3 mttq hoi-pn,hoi-ccb,ubnd 2026-03-10 2026-10-17
  “Ngày vì người nghèo”: hỗ trợ xây 05 nhà đại đoàn kết
  2026-07-30 | 60 | Khởi công 5 nhà, bàn giao 2 nhà | BC 13/BC-MTTQ
  2026-10-15 | 100 | Bàn giao đủ 5 nhà đại đoàn kết | BB bàn giao
  complete | 2026-10-17
t25 III.3 hoi-ccb phong-vhxh,doan-tn 2026-06-01 2026-07-27
  “Đền ơn đáp nghĩa”: thăm, tặng quà người có công dịp 27/7
  2026-07-26 | 100 | Thăm, tặng 312 suất quà | BC 06/BC-CCB
  complete | 2026-07-27
t26 III.3 doan-tn tthcc,thon-quang-trung,thon-cam-hoan 2026-04-01 2026-11-20
  Xây dựng “Cộng đồng công dân số” tại các thôn
  2026-07-01 | 40 | Tổ công nghệ số cộng đồng ra mắt tại 12 thôn | BC 10/BC-ĐTN
  2026-10-01 | 60 | 68% người trưởng thành có định danh điện tử mức 2 | BC 16/BC-ĐTN
t27 III.3 phong-vhxh hoi-pn,mttq 2026-02-20 2026-06-30
  Thành lập câu lạc bộ văn hóa, văn nghệ tại 100% thôn
  2026-04-30 | 50 | 6/12 thôn đã ra mắt câu lạc bộ | BC 14/BC-VHXH
  2026-06-28 | 92 | 11/12 thôn đã ra mắt câu lạc bộ | BC 24/BC-VHXH
t28 III.4 cong-an thon-xuan-duong,thon-an-lac,xom-trai 2026-03-01 2026-09-30
  Lắp đặt “Camera an ninh” tại các trục đường chính
  2026-06-10 | 50 | Lắp 46/92 camera | BC 20/BC-CAX
  2026-09-20 | 70 | Lắp 64/92 camera, thiếu kinh phí xã hội hóa | BC 34/BC-CAX
t29 III.4 xom-trai cong-an 2026-04-15 2026-12-31
  Xây dựng mô hình “Tổ tự quản” an ninh trật tự tại Xóm Trại
  2026-08-15 | 20 | Họp dân, dự kiến thành viên tổ tự quản | BB họp xóm
t30 III.4 cong-an doan-tn,mttq,thon-quang-trung 2026-02-15 2026-12-31
  Xây dựng xã “không ma túy”: rà soát, quản lý người sử dụng trái phép
  2026-06-30 | 40 | Lập hồ sơ quản lý 9 trường hợp | BC 25/BC-CAX
  2026-10-31 | 70 | 7/9 trường hợp đã cai nghiện hoặc được quản lý | BC 39/BC-CAX
t31 III.4 thon-tien-hoi cong-an 2026-02-15 2026-10-31
  Thôn Tiên Hội đạt chuẩn “Khu dân cư an toàn về an ninh trật tự”
  2026-10-20 | 100 | Đạt 5/5 tiêu chí, không phát sinh tội phạm | BC 04/BC-TTH
  complete | 2026-10-28
t32 III.4 ubnd doan-tn,cong-an 2026-01-20 2026-03-15
  Hoàn thành chỉ tiêu giao quân năm 2026
  2026-03-05 | 100 | Giao đủ 18 thanh niên lên đường nhập ngũ | BC 07/BC-UBND
  complete | 2026-03-06
t33 III.4 mttq cong-an,hoi-ccb 2026-03-20 2026-11-30
  “Toàn dân bảo vệ an ninh Tổ quốc”: xây dựng “dòng họ bình yên”
  2026-09-30 | 65 | 22 dòng họ ký cam kết “dòng họ bình yên” | BC 15/BC-MTTQ
t34 III.4 thcs cong-an,doan-tn 2026-02-20 2026-05-31
  Tuyên truyền phòng, chống ma túy trong trường học
  2026-05-25 | 100 | 6 buổi ngoại khóa, 100% học sinh tham gia | BC 09/BC-THCS
  complete | 2026-05-28
t35 III.5 doan-tn hoi-ccb,thcs 2026-03-01 2026-08-31
  Giáo dục truyền thống cách mạng cho thanh thiếu niên
  2026-05-19 | 60 | Hành trình về nguồn nhân dịp 19/5 | BC 09/BC-ĐTN
  2026-08-20 | 100 | 4 chuyên đề, 520 đoàn viên tham gia | BC 13/BC-ĐTN
  complete | 2026-08-25
t36 III.5 mttq bxdd,hoi-pn 2026-04-01 2026-12-31
  Bình chọn, biểu dương “người tốt, việc tốt” năm 2026
  2026-09-15 | 50 | Các thôn giới thiệu 37 gương điển hình | BC 14/BC-MTTQ
t37 III.5 doan-tn thcs 2026-04-15 2026-10-31
  Lớp tin học, ngoại ngữ, kỹ năng sống cho thanh niên
  2026-07-10 | 30 | Mở 2 lớp tin học văn phòng | BC 11/BC-ĐTN
  2026-10-10 | 60 | Lớp tiếng Anh giao tiếp chưa đủ giáo viên | BC 15/BC-ĐTN
t38 III.5 thcs phong-vhxh,doan-tn 2026-02-20 2026-11-15
  Xây dựng mô hình “Trường học xã hội chủ nghĩa” tại Trường THCS
  2026-06-05 | 60 | Ban hành quy tắc ứng xử, xây dựng thư viện xanh | BC 20/BC-THCS
  2026-11-05 | 100 | Tự đánh giá đạt các tiêu chí, đề nghị công nhận | TTr 31/TTr-THCS
  complete | 2026-11-10
t39 III.5 hoi-pn phong-kt 2026-03-08 2026-12-31
  Hỗ trợ phụ nữ khởi nghiệp, phát triển kinh tế hộ
  2026-06-30 | 45 | Giải ngân vốn vay cho 26 hội viên | BC 12/BC-HPN
  2026-10-20 | 70 | Ra mắt 3 tổ hợp tác của phụ nữ | BC 18/BC-HPN
t40 III.5 bxdd vpdu,chi-bo-dong 2026-06-01 2027-12-31
  Nhân rộng gương cán bộ, đảng viên nêu gương đạo đức
  2026-11-15 | 10 | Chọn 12 gương điển hình để tuyên truyền | CV 41-CV/BXDĐ
t41 III.5 chi-bo-dong bxdd 2026-04-01 2026-07-31
  Chi bộ thôn Đông: sinh hoạt chuyên đề “nói thật, làm thật”
  2026-07-20 | 100 | Sinh hoạt chuyên đề, 31/33 đảng viên dự | Biên bản sinh hoạt
  complete | 2026-07-25
t42 III.5 hoi-nd hoi-ccb 2026-03-15 2026-09-30
  Vận động hội viên “tự lực, tự cường” thoát nghèo bền vững
  2026-07-30 | 35 | Hỗ trợ giống, kỹ thuật cho 14 hộ cận nghèo | BC 12/BC-HND
"""

# --- Models -----------------------------------------------------------------------------
# model type; then its criteria ("criterion | text"), then in date order:
# "date | enrol | units", "date | assess | units | pass or fail <criteria not met> | note",
# "date | recognize | units | decision number", "date | revoke | unit | decision number | why".
MODELS = """
friendly-government
  criterion | Công khai, minh bạch thủ tục hành chính
  criterion | Tỷ lệ hồ sơ giải quyết đúng hạn từ 98% trở lên
  criterion | Mức độ hài lòng của người dân từ 90% trở lên
  criterion | Cán bộ văn minh, lịch sự, tận tụy
  2026-03-02 | enrol | ubnd tthcc vpdu phong-kt
  2026-07-10 | assess | ubnd tthcc | pass | Khảo sát 94% người dân hài lòng
  2026-07-12 | assess | phong-kt | fail 2 | Hồ sơ đất đai trễ hạn 6%
  2026-07-30 | recognize | ubnd tthcc | QĐ 140/QĐ-UBND
model-cultural-village
  criterion | Đời sống kinh tế ổn định và từng bước phát triển
  criterion | Đời sống văn hóa, tinh thần lành mạnh, phong phú
  criterion | Môi trường, cảnh quan sạch, đẹp
  criterion | Chấp hành chủ trương, pháp luật; an ninh trật tự được giữ vững
  criterion | Đoàn kết, tương trợ trong cộng đồng
  2026-03-02 | enrol | thon-dong thon-doai thon-mo thon-kim-son thon-tien-hoi thon-du-le
  2026-03-02 | enrol | thon-quang-trung thon-trung-hanh thon-phuc-loc thon-xuan-duong
  2026-03-02 | enrol | thon-cam-hoan thon-an-lac xom-trai
  2026-09-28 | assess | thon-dong thon-doai thon-mo thon-kim-son | pass | Đạt cả 5 tiêu chí
  2026-09-28 | assess | thon-tien-hoi thon-trung-hanh thon-phuc-loc | pass | Đạt cả 5 tiêu chí
  2026-09-29 | assess | thon-du-le | fail 3 | Còn đổ rác thải sai nơi quy định dọc đê
  2026-09-29 | assess | thon-quang-trung | fail 4 | Còn người sử dụng ma túy chưa được quản lý
  2026-10-20 | recognize | thon-dong thon-doai thon-mo thon-kim-son | QĐ 215/QĐ-UBND
  2026-10-20 | recognize | thon-tien-hoi thon-trung-hanh | QĐ 215/QĐ-UBND
socialist-school
  criterion | Môi trường giáo dục an toàn, thân thiện
  criterion | Giáo dục đạo đức, lối sống, kỹ năng sống
  criterion | Chuyển đổi số trong dạy và học
  criterion | Đạt chuẩn quốc gia mức độ 2
  2026-03-05 | enrol | thcs
  2026-11-12 | assess | thcs | pass | Đạt cả 4 tiêu chí
  2026-11-20 | recognize | thcs | QĐ 248/QĐ-UBND
green-business
  criterion | Nước thải, khí thải được xử lý đạt quy chuẩn
  criterion | Phân loại rác thải tại nguồn
  criterion | Sử dụng năng lượng tiết kiệm, hiệu quả
  criterion | Không sử dụng túi ni lông khó phân hủy
  criterion | Cảnh quan xanh, sạch, đẹp
  2026-04-10 | enrol | htx-ngu-phuc may-nd co-khi sen-que dong-que
  2026-05-15 | assess | co-khi | pass | Hệ thống xử lý nước thải mới lắp đặt
  2026-05-30 | recognize | co-khi | QĐ 98/QĐ-UBND
  2026-07-25 | assess | htx-ngu-phuc may-nd | pass | Đạt; có tưới tiết kiệm, điện mặt trời
  2026-07-28 | assess | dong-que | pass | Đạt cả 5 tiêu chí
  2026-07-28 | assess | sen-que | fail 2 4 | Chưa phân loại rác, còn dùng túi ni lông
  2026-08-15 | recognize | htx-ngu-phuc may-nd dong-que | QĐ 156/QĐ-UBND
  2026-09-01 | enrol | minh-an
  2026-09-10 | revoke | co-khi | QĐ 172/QĐ-UBND | Kiểm tra ngày 02/9/2026: xả nước thải chưa xử lý
culture-club
  criterion | Có quy chế hoạt động được thôn thông qua
  criterion | Sinh hoạt định kỳ ít nhất 01 lần/tháng
  criterion | Có từ 20 hội viên trở lên
  criterion | Tham gia lễ hội truyền thống, hội diễn của xã
  2026-04-01 | enrol | thon-dong thon-doai thon-mo thon-kim-son thon-tien-hoi thon-du-le
  2026-04-01 | enrol | thon-quang-trung thon-trung-hanh thon-phuc-loc thon-xuan-duong
  2026-04-01 | enrol | thon-cam-hoan thon-an-lac
  2026-10-22 | assess | thon-dong thon-doai thon-mo thon-tien-hoi | pass | Sinh hoạt đều
  2026-10-22 | assess | thon-xuan-duong thon-an-lac | pass | Sinh hoạt đều, dự hội diễn
  2026-10-22 | assess | thon-cam-hoan | fail 2 3 | Sinh hoạt không đều, 14 hội viên
  2026-11-05 | recognize | thon-dong thon-doai thon-mo thon-tien-hoi | QĐ 231/QĐ-UBND
  2026-11-05 | recognize | thon-xuan-duong | QĐ 231/QĐ-UBND
"""

# --- Commendations ----------------------------------------------------------------------
# ref, recipient kind, unit (the recipient, or the one it belongs to), proposed on, proposed
# by ("office", or "reporter": the unit's own), then the recipient's name for a person, family
# or residential area; then "form | achievement" (the form's key in FORMS), "proposer | who",
# "issue | date | decision | authority (key in AUTHORITIES)", "revoke | date | decision | why".
GK_UBND = "Giấy khen của Chủ tịch UBND xã"
GK_DANG_UY = "Giấy khen của Ban Chấp hành Đảng bộ xã"
AUTHORITIES = {"chair": "Chủ tịch UBND xã Nghi Dương", "standing": "Ban Thường vụ Đảng ủy xã"}
FORMS = {"gk-ubnd": GK_UBND, "gk-dang-uy": GK_DANG_UY}
COMMENDATIONS = """
c01 unit thon-mo 2026-03-10 office
  gk-ubnd | Tổ chức thành công lễ hội Vật cầu xuân Bính Ngọ 2026
  proposer | Phòng Văn hóa - Xã hội
  issue | 2026-03-20 | QĐ 45/QĐ-UBND | chair
c02 person thon-du-le 2026-03-25 reporter Ông Trần Văn Bảo
  gk-ubnd | Vận động các hộ hiến đất làm đường liên thôn
  proposer | Thôn Du Lễ
  issue | 2026-04-10 | QĐ 62/QĐ-UBND | chair
  revoke | 2026-08-05 | QĐ 150/QĐ-UBND | Phát hiện xây dựng trái phép trên đất nông nghiệp
c03 person thcs 2026-05-20 reporter Em Vũ Minh Anh
  gk-ubnd | Giải Nhất cuộc thi “Tìm hiểu lịch sử quê hương Nghi Dương”
  proposer | Trường THCS Nghi Dương
  issue | 2026-05-30 | QĐ 85/QĐ-UBND | chair
c04 person thon-trung-hanh 2026-06-10 reporter Ông Nguyễn Văn Thịnh
  gk-ubnd | Tự nguyện hiến 120 m² đất mở rộng đường trục thôn
  proposer | Thôn Trung Hành
  issue | 2026-06-25 | QĐ 118/QĐ-UBND | chair
c05 person thon-doai 2026-07-05 office Anh Phạm Đức Long
  gk-ubnd | Dũng cảm cứu hai cháu nhỏ đuối nước tại kênh tiêu
  proposer | Công an xã
  issue | 2026-07-12 | QĐ 131/QĐ-UBND | chair
c06 unit doan-tn 2026-08-20 office
  gk-dang-uy | Tuổi trẻ xung kích xây dựng xã “không ma túy”, “Cộng đồng công dân số”
  proposer | Ban Xây dựng Đảng
  issue | 2026-09-02 | QĐ 112-QĐ/ĐU | standing
c07 person hoi-pn 2026-08-28 office Bà Lê Thị Hồng
  gk-ubnd | “Người tốt, việc tốt”: vận động 40 hội viên vay vốn khởi nghiệp
  proposer | Ủy ban MTTQ xã
  issue | 2026-09-10 | QĐ 165/QĐ-UBND | chair
c08 unit htx-ngu-phuc 2026-10-05 office
  gk-ubnd | Sản phẩm gạo thơm Ngũ Phúc đạt OCOP 4 sao
  proposer | Phòng Kinh tế
  issue | 2026-10-15 | QĐ 201/QĐ-UBND | chair
c09 family thon-mo 2026-11-02 reporter Gia đình ông Đỗ Văn Khải
  gk-ubnd | Gia đình văn hóa tiêu biểu, ba thế hệ hiếu học
  proposer | Thôn Mỗ
  issue | 2026-11-16 | QĐ 259/QĐ-UBND | chair
c10 residential_area thon-tien-hoi 2026-11-03 office Khu dân cư thôn Tiên Hội
  gk-ubnd | Đạt chuẩn “Khu dân cư an toàn về an ninh trật tự” năm 2026
  proposer | Công an xã
  issue | 2026-11-16 | QĐ 260/QĐ-UBND | chair
c11 unit chi-bo-dong 2026-11-18 office
  gk-dang-uy | Chi bộ tiêu biểu trong sinh hoạt chuyên đề con người xã hội chủ nghĩa
  proposer | Ban Xây dựng Đảng
c12 unit tthcc 2026-11-20 office
  gk-ubnd | Tiêu biểu trong xây dựng “Chính quyền thân thiện”
  proposer | Văn phòng HĐND và UBND xã
"""

# --- Shortcomings -----------------------------------------------------------------------
# ref, unit, severity, flagged on (by the Inspection Committee); then the finding, "source |
# where it was found", "plan | date | plan | due on | responsible" (by the unit's reporter),
# "resolve | date | resolution | evidence | by (inspector or office)".
SHORTCOMINGS = """
s01 thcs minor 2026-03-10
  Chưa có kế hoạch giáo dục kỹ năng sống cho học sinh khối 6
  source | Giám sát chuyên đề của Ủy ban Kiểm tra
  plan | 2026-03-20 | Ban hành kế hoạch trong tháng 4 | 2026-04-30 | Hiệu trưởng
  resolve | 2026-04-20 | Đã ban hành kế hoạch, triển khai từ tuần 32 | KH 14/KH-THCS | inspector
s02 chi-bo-tien-hoi minor 2026-04-10
  Chưa tổ chức sinh hoạt chuyên đề quý I/2026
  source | Kế hoạch kiểm tra 03-KH/UBKT
  plan | 2026-04-20 | Tổ chức bù sinh hoạt chuyên đề trong tháng 5 | 2026-05-31 | Bí thư chi bộ
  resolve | 2026-05-28 | Đã sinh hoạt chuyên đề ngày 25/5/2026 | Biên bản sinh hoạt | inspector
s03 tthcc minor 2026-04-15
  Tỷ lệ hồ sơ trực tuyến toàn trình quý I đạt 28%, thấp hơn chỉ tiêu
  source | Giám sát chuyên đề của Ủy ban Kiểm tra
  plan | 2026-04-25 | Bố trí tổ hỗ trợ tại Bộ phận một cửa | 2026-07-31 | Giám đốc Trung tâm
  resolve | 2026-08-10 | Tỷ lệ quý II đạt 52%, tăng đều | Số liệu Cổng DVC | inspector
s04 hoi-nd minor 2026-07-10
  Chậm gửi báo cáo 6 tháng về Văn phòng Đảng ủy
  source | Văn phòng Đảng ủy
  resolve | 2026-07-25 | Đã gửi báo cáo, chấn chỉnh khâu tổng hợp | BC 11/BC-HND | office
s05 xom-trai moderate 2026-06-12
  Tổ tự quản chưa hoạt động; ngõ xóm chưa có camera an ninh
  source | Kiểm tra của Công an xã
  plan | 2026-06-30 | Kiện toàn tổ tự quản, vận động lắp 4 camera | 2026-12-31 | Trưởng xóm
s06 thon-du-le moderate 2026-07-22
  Còn đổ rác thải sai nơi quy định dọc đê
  source | Phản ánh của Nhân dân qua Ủy ban MTTQ
s07 thon-quang-trung serious 2026-08-18
  02 trường hợp sử dụng trái phép chất ma túy chưa được lập hồ sơ quản lý
  source | Báo cáo của Công an xã
  plan | 2026-08-30 | Lập hồ sơ, phân công đảng viên giúp đỡ | 2026-10-31 | Trưởng thôn
s08 co-khi serious 2026-09-05
  Xả nước thải sản xuất chưa qua xử lý ra kênh tiêu
  source | Kiểm tra liên ngành ngày 02/9/2026
  plan | 2026-09-20 | Cải tạo hệ thống xử lý nước thải | 2026-12-15 | Giám đốc công ty
s09 phong-kt moderate 2026-10-15
  Chậm tiến độ giải phóng mặt bằng cụm công nghiệp Ngũ Phúc
  source | Kết luận giám sát 07-KL/UBKT
  plan | 2026-10-25 | Đối thoại với 14 hộ, hoàn thành chi trả | 2027-03-31 | Trưởng phòng
s10 chi-bo-cam-hoan moderate 2026-10-28
  Tỷ lệ đảng viên dự sinh hoạt chi bộ thấp (72%)
  source | Kế hoạch kiểm tra 05-KH/UBKT
"""


# --- Reading the tables -----------------------------------------------------------------


@dataclass
class Record:
    head: list[str]
    lines: list[list[str]] = field(default_factory=list)

    def tagged(self, tag: str) -> list[list[str]]:
        return [line[1:] for line in self.lines if line[0] == tag]


def records(table: str, head_words: int = 0) -> list[Record]:
    """Unindented lines start records, split into words (at most `head_words`, the last one
    keeping the rest of the line); indented lines belong to the record above, split at "|"."""
    found: list[Record] = []
    for line in table.splitlines():
        if not line.strip():
            continue
        if line[0].isspace():
            found[-1].lines.append([part.strip() for part in line.split("|")])
        else:
            found.append(
                Record(line.split(maxsplit=head_words - 1) if head_words else line.split())
            )
    return found


def marked(text: str) -> str:
    return text if text.endswith("(demo)") else f"{text} (demo)"


# --- Acts -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ref:
    """The id of a record an earlier act created (tasks, commendations, shortcomings)."""

    name: str


@dataclass(frozen=True)
class Lookup:
    """A value read from the views when its act runs: an id an earlier act created inside
    another record (the shortcoming an inspection's finding flagged)."""

    find: Callable[[Ledger, Mapping[str, UUID]], Any]


@dataclass(frozen=True)
class Act:
    """One command of the demo: when it takes effect, its key, who, why, which method, input."""

    on: str
    step: str
    actor: Actor
    reason: str
    command: str
    args: Mapping[str, Any]
    creates: str | None = None


def unit_acts() -> Iterator[Act]:
    rows = [r.head for r in records(UNITS, 4)]
    for slug, name in (r.head for r in records(VILLAGES, 2)):
        rows.append([f"thon-{slug}", "village", "-", f"Thôn {name}"])
    rows.append(HAMLET.split(maxsplit=3))
    for slug, name in (r.head for r in records(VILLAGES, 2)):
        rows.append([f"chi-bo-{slug}", "party_cell", f"thon-{slug}", f"Chi bộ thôn {name}"])
    for alias, kind, parent, name in rows:
        args = {
            "code": code(alias),
            "kind": kind,
            "name": marked(name),
            "parent_id": None if parent == "-" else unit(parent),
        }
        yield Act(
            "2026-01-16",
            f"unit:{alias}",
            OFFICE,
            "Đăng ký đơn vị của xã mẫu",
            "register_unit",
            args,
        )


def task_acts() -> Iterator[Act]:
    for record in records(TASKS):
        ref, area, lead, coordinating, assigned, due = record.head
        title = record.lines[0][0]
        yield Act(
            assigned,
            f"task:{ref}",
            OFFICE,
            "Giao nhiệm vụ theo Chương trình hành động",
            "assign_task",
            {
                "title": title,
                "description": f"Nhiệm vụ mẫu (demo) thuộc mục {area} của Chương trình.",
                "area": area,
                "phase": "phase-1" if due < "2027" else "phase-2",
                "lead_unit_id": unit(lead),
                "coordinating_unit_ids": [unit(c) for c in coordinating.split(",")],
                "due_date": date.fromisoformat(due),
            },
            creates=ref,
        )
        task = Ref(ref)
        for number, (on, *rest) in enumerate(record.lines[1:], 1):
            step = f"task:{ref}:{number}"
            if on == "complete":
                yield Act(
                    rest[0],
                    step,
                    OFFICE,
                    "Văn phòng Đảng ủy xác nhận hoàn thành",
                    "complete_task",
                    {"task_id": task},
                )
            elif on == "cancel":
                yield Act(rest[0], step, OFFICE, rest[1], "cancel_task", {"task_id": task})
            elif on == "deadline":
                yield Act(
                    rest[0],
                    step,
                    OFFICE,
                    rest[2],
                    "change_deadline",
                    {"task_id": task, "due_date": date.fromisoformat(rest[1])},
                )
            elif on == "reassign":
                lead = rest[1]
                yield Act(
                    rest[0],
                    step,
                    OFFICE,
                    rest[3],
                    "reassign_task",
                    {
                        "task_id": task,
                        "lead_unit_id": unit(lead),
                        "coordinating_unit_ids": [unit(c) for c in rest[2].split(",")],
                    },
                )
            else:
                percent, summary, evidence = rest
                yield Act(
                    on,
                    step,
                    reporter(lead),
                    "Báo cáo tiến độ định kỳ",
                    "report_progress",
                    {
                        "task_id": task,
                        "percent": int(percent),
                        "summary": summary,
                        "evidence": [marked(evidence)],
                    },
                )


def model_acts(table: str = MODELS) -> Iterator[Act]:
    for record in records(table):
        (model_type,) = record.head
        criteria = [text for (text,) in record.tagged("criterion")]
        for on, what, units, *rest in (line for line in record.lines if line[0] != "criterion"):
            for alias in units.split():
                step = f"model:{alias}:{model_type}:{what}"
                candidacy = candidacy_id_for(unit(alias), model_type)
                if what == "enrol":
                    yield Act(
                        on,
                        step,
                        OFFICE,
                        "Đăng ký xây dựng mô hình",
                        "enrol_model",
                        {"unit_id": unit(alias), "model_type": model_type},
                    )
                elif what == "assess":
                    verdict, *unmet = rest[0].split()
                    results = [
                        {"criterion": text, "met": str(n) not in unmet, "note": ""}
                        for n, text in enumerate(criteria, 1)
                    ]
                    yield Act(
                        on,
                        step,
                        INSPECTOR,
                        "Đoàn kiểm tra đánh giá theo bộ tiêu chí",
                        "assess_model",
                        {
                            "candidacy_id": candidacy,
                            "results": results,
                            "passed": verdict == "pass",
                            "note": rest[1],
                        },
                    )
                elif what == "recognize":
                    yield Act(
                        on,
                        step,
                        COMMITTEE,
                        f"Công nhận theo quyết định {rest[0]}",
                        "recognize_model",
                        {
                            "candidacy_id": candidacy,
                            "decision_number": rest[0],
                            "decision_date": date.fromisoformat(on),
                            "valid_until": RECOGNIZED_UNTIL,
                        },
                    )
                else:
                    yield Act(
                        on,
                        step,
                        COMMITTEE,
                        rest[1],
                        "revoke_recognition",
                        {"candidacy_id": candidacy, "decision_number": rest[0]},
                    )


def commendation_acts() -> Iterator[Act]:
    for record in records(COMMENDATIONS, 6):
        ref, kind, alias, proposed_on, by, *name = record.head
        form, achievement = record.lines[0]
        yield Act(
            proposed_on,
            f"commendation:{ref}",
            reporter(alias) if by == "reporter" else OFFICE,
            "Đề nghị khen thưởng",
            "propose_commendation",
            {
                "recipient_kind": kind,
                "recipient_unit_id": unit(alias),
                "recipient_name": marked(name[0]) if name else None,
                "form": FORMS[form],
                "achievement": achievement,
                "proposed_by": marked(record.tagged("proposer")[0][0]),
            },
            creates=ref,
        )
        for on, number, authority in record.tagged("issue"):
            yield Act(
                on,
                f"commendation:{ref}:issue",
                COMMITTEE,
                f"Khen thưởng theo quyết định {number}",
                "issue_commendation",
                {
                    "commendation_id": Ref(ref),
                    "decision_number": number,
                    "decision_date": date.fromisoformat(on),
                    "issued_by": AUTHORITIES[authority],
                },
            )
        for on, number, why in record.tagged("revoke"):
            yield Act(
                on,
                f"commendation:{ref}:revoke",
                COMMITTEE,
                why,
                "revoke_commendation",
                {"commendation_id": Ref(ref), "decision_number": number},
            )


def shortcoming_acts() -> Iterator[Act]:
    for record in records(SHORTCOMINGS):
        ref, alias, severity, flagged_on = record.head
        ((finding,),) = [line for line in record.lines if len(line) == 1]
        yield Act(
            flagged_on,
            f"shortcoming:{ref}",
            INSPECTOR,
            "Phát hiện qua kiểm tra, giám sát",
            "flag_shortcoming",
            {
                "unit_id": unit(alias),
                "severity": severity,
                "finding": finding,
                "source": marked(record.tagged("source")[0][0]),
                "flagged_by": "Ủy ban Kiểm tra Đảng ủy xã (demo)",
            },
            creates=ref,
        )
        for on, plan, due, responsible in record.tagged("plan"):
            yield Act(
                on,
                f"shortcoming:{ref}:plan",
                reporter(alias),
                "Đơn vị đăng ký kế hoạch khắc phục",
                "plan_remediation",
                {
                    "shortcoming_id": Ref(ref),
                    "plan": plan,
                    "due_on": date.fromisoformat(due),
                    "responsible": marked(responsible),
                },
            )
        for on, resolution, evidence, by in record.tagged("resolve"):
            yield Act(
                on,
                f"shortcoming:{ref}:resolve",
                OFFICE if by == "office" else INSPECTOR,
                "Xác nhận đã khắc phục",
                "resolve_shortcoming",
                {
                    "shortcoming_id": Ref(ref),
                    "resolution": resolution,
                    "evidence": [marked(evidence)],
                },
            )


def merge_act() -> Act:
    return Act(
        MERGED_ON,
        f"merge:{MERGED}",
        OFFICE,
        "Sáp nhập Xóm Trại vào thôn Đoài theo Nghị quyết của HĐND xã",
        "merge_unit",
        {"unit_id": unit(MERGED), "into_unit_id": unit(MERGED_INTO)},
    )


def acts() -> list[Act]:
    """Every command of the demo, by the date it takes effect (same day: as written)."""
    from demo_program import program_acts

    written = [
        *unit_acts(),
        *task_acts(),
        *model_acts(),
        *commendation_acts(),
        *shortcoming_acts(),
        merge_act(),
        *program_acts(),
    ]
    return sorted(written, key=lambda act: act.on)


# --- Loading ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoSummary:
    counts: Mapping[str, int]  # records the demo holds, by kind
    commands: int
    events: int  # recorded by this load: 0 when the demo was already there
    elapsed: float

    def line(self) -> str:
        counts = ", ".join(f"{n} {kind}" for kind, n in self.counts.items())
        if not self.events:
            return (
                f"Demo commune already loaded ({counts}); nothing recorded in {self.elapsed:.1f} s"
            )
        return (
            f"Demo commune loaded: {counts} ({self.commands} commands, {self.events} events) "
            f"in {self.elapsed:.1f} s"
        )


def non_demo_units(ledger: Ledger) -> list[str]:
    codes: list[str] = []
    after: str | None = None
    with ledger.reading() as sql:
        while True:
            found = list_units(sql, after_code=after, first=500)
            codes += [r["code"] for r in found.rows if not str(r["code"]).startswith(PREFIX)]
            if not found.has_next:
                return codes
            after = found.rows[-1]["code"]


def _value(given: Any, ledger: Ledger, ids: Mapping[str, UUID]) -> Any:
    if isinstance(given, Ref):
        return ids[given.name]
    if isinstance(given, Lookup):
        return given.find(ledger, ids)
    return given


def load(ledger: Ledger, *, force: bool = False) -> DemoSummary:
    """Records the demo commune; raises NotADemoStore if the store holds other units."""
    started = time.perf_counter()
    foreign = non_demo_units(ledger)
    if foreign and not force:
        shown = ", ".join(foreign[:3]) + (", …" if len(foreign) > 3 else "")
        raise NotADemoStore(
            f"the store holds {len(foreign)} units that are not demo data ({shown}); the demo "
            "loads only into an empty store or one holding the demo (--force loads it anyway)"
        )
    before = ledger.recorder.max_notification_id() or 0
    ledger.adopt_program(
        Request(
            SYSTEM,
            "demo:adopt-program",
            correlation_id="demo:adopt-program",
            reason=MARK + "Thông qua Chương trình hành động để nạp xã mẫu",
        )
    )
    ids: dict[str, UUID] = {}
    script = acts()
    for act in script:
        request = Request(
            act.actor,
            f"demo:{act.step}",
            correlation_id=f"demo:{act.step}",
            reason=MARK + act.reason,
            effective_date=date.fromisoformat(act.on),
        )
        command: Callable[..., Done] = getattr(ledger, act.command)
        args = {k: _value(v, ledger, ids) for k, v in act.args.items()}
        done = command(request, **args)
        if act.creates:
            ids[act.creates] = done.id
    created = [a.command for a in script]
    return DemoSummary(
        counts={
            "units": created.count("register_unit"),
            "tasks": created.count("assign_task"),
            "progress reports": created.count("report_progress"),
            "model candidacies": created.count("enrol_model"),
            "recognitions": created.count("recognize_model"),
            "commendations": created.count("propose_commendation"),
            "shortcomings": created.count("flag_shortcoming"),
            "amendments": sum(
                created.count(c) for c in ("add_model_type", "revise_criterion", "revise_target")
            ),
            "reviews": created.count("hold_review"),
            "inspections": created.count("plan_inspection"),
            "findings": created.count("record_finding"),
            "feedback": created.count("submit_feedback"),
            "testimonies": created.count("give_testimony"),
            "money entries": sum(
                created.count(c)
                for c in ("allocate_budget", "receive_contribution", "record_expenditure")
            ),
            "ratings": created.count("record_rating"),
            "indicators": created.count("define_indicator"),
            "measurements": created.count("measure_indicator"),
        },
        commands=len(script) + 1,
        events=(ledger.recorder.max_notification_id() or 0) - before,
        elapsed=time.perf_counter() - started,
    )
