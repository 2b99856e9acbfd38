"""Workbooks made the way offices make them, generated with openpyxl (no binaries in the repository)."""

import datetime
import io

from openpyxl import Workbook

from members.columns import HEADERS

TITLE_LINES = [
    ["BAN CHẤP HÀNH ĐOÀN XÃ EA PHÊ", None, None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
    [],
    ["DANH SÁCH ĐOÀN VIÊN NĂM 2026"],
]


def member_row(number=1, name="Nguyễn Văn An", birth="05/09/2001", gender="Nam", **extra):
    """One row in template order; keyword arguments override columns by key."""
    row = {
        "stt": number,
        "full_name": name,
        "birth_date": birth,
        "gender": gender,
        "ethnicity": "Kinh",
        "religion": "Không",
        "id_number": f"0660{number:08d}",
        "card_number": f"TĐV-{number:05d}",
        "joined_date": "26/03/2017",
        "joined_place": "Chi đoàn thôn 1",
        "unit_code": "DL-KP-EAPHE-T1",
        "education": "12/12",
        "occupation": "Nông dân",
        "phone": "0912345678",
        "residence": "Thôn 1, xã Ea Phê",
        "is_party_member": "Không",
        "party_joined_date": None,
        "status": "Đang sinh hoạt",
    }
    row.update(extra)
    return list(row.values())


def workbook_bytes(rows, *, headers=HEADERS, title_lines=(), foot_lines=(), merge_title=False) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách"
    for line in title_lines:
        sheet.append(list(line))
    if merge_title and title_lines:
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=4)
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    for line in foot_lines:
        sheet.append(list(line))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def office_workbook() -> bytes:
    """Title lines with merged cells, header variants, real Excel dates, CCCD as a number, spaces, blank rows,
    a signature block at the foot."""
    headers = list(HEADERS)
    headers[1] = "HỌ TÊN"
    headers[2] = "Ngày tháng năm sinh"
    headers[3] = "Nam/Nữ"
    headers[6] = "CCCD"
    headers[7] = "Số thẻ ĐV"
    rows = [
        member_row(1, name="  Nguyễn   Văn An ", birth=datetime.datetime(2001, 9, 5), id_number=66201000001),
        member_row(2, name="H' Hen Niê", birth="7/3/2003", gender="nữ", ethnicity="Ê-đê", id_number="066303000002"),
        [],
        member_row(3, name="Trần Thị Bình", birth="15/11/1999", gender="Nữ", unit_code="DL-KP-EAPHE-T2"),
    ]
    foot = [
        [],
        [None, "Người lập biểu", None, None, None, "TM. BAN CHẤP HÀNH"],
        [None, None, None, None, None, "BÍ THƯ"],
    ]
    return workbook_bytes(rows, headers=headers, title_lines=TITLE_LINES, foot_lines=foot, merge_title=True)


def real_office_workbook() -> bytes:
    """A secretary's file as kept in the office: a title block, CCCDs typed as numbers, a member pasted twice, an
    impossible date, a CCCD with a letter, and the signature foot ("Người lập biểu … Bí thư chi đoàn" with the
    second phrase in the card-number column, a place and date, a confirmation, the names under the signatures).

    Rows (Excel numbers): 4 header; 5-10 members, 11 an exact copy of row 6; 12 a date that does not exist; 13 a
    CCCD with a letter; 14 blank; 15-20 the foot. Good rows: 5-10 (six members), row 11 skipped as a copy.
    """
    rows = [
        member_row(1, name="Nguyễn Văn An", id_number=66201000001),
        member_row(2, name="H' Hen Niê", gender="Nữ", ethnicity="Ê Đê", id_number=66303000002),
        member_row(3, name="Trần Thị Bình", gender="Nữ", birth=datetime.datetime(1999, 11, 15)),
        member_row(4, name="Y Sơn Mlô", ethnicity="Ê Đê", religion="Tin Lành", unit_code="DL-KP-EAPHE-T2"),
        member_row(5, name="Lê Văn Cường", id_number="0662 0100 0005"),
        member_row(6, name="Phạm Thị Dung", gender="nữ", id_number=66201000006),
        member_row(
            7, name="H' HEN  NIÊ", gender="Nữ", ethnicity="Ê Đê", id_number="066303000002", card_number="TĐV-00002"
        ),
        member_row(8, name="Võ Văn Em", birth="30/02/2002"),
        member_row(9, name="Đỗ Thị Giang", gender="Nữ", id_number="06620100000O"),
    ]
    rows[6][0] = 7  # the copy keeps its own running number
    foot = [
        [],
        [None, "Người lập biểu", None, None, None, None, None, "Bí thư chi đoàn"],
        [None, None, None, None, None, None, None, "Ea Phê, ngày 20 tháng 3 năm 2026"],
        [None, "(Ký, ghi rõ họ tên)", None, None, None, None, None, "Xác nhận của BCH Đoàn xã"],
        [],
        [],
        [None, "Nguyễn Thị Hoa", None, None, None, None, None, "H' Mai Niê"],
    ]
    return workbook_bytes(rows, title_lines=TITLE_LINES, foot_lines=foot, merge_title=True)
