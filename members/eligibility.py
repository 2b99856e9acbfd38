"""Who may be admitted to the Union by age (Điều lệ Đoàn: thanh niên từ đủ 16 đến 30 tuổi). Pure: no ORM, no clock."""

import datetime

ADMISSION_MIN_AGE = 16
ADMISSION_MAX_AGE = 30


def age_on(birth: datetime.date, day: datetime.date) -> int:
    """Age in whole years on `day`."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def admission_age_error(birth: datetime.date, admitted_on: datetime.date) -> str | None:
    """Why someone born on `birth` cannot have been admitted on `admitted_on`, or None when they could."""
    age = age_on(birth, admitted_on)
    if ADMISSION_MIN_AGE <= age <= ADMISSION_MAX_AGE:
        return None
    when = admitted_on.strftime("%d/%m/%Y")
    if age < ADMISSION_MIN_AGE:
        why = f"ngày {when} người này mới {max(age, 0)} tuổi"
    else:
        why = f"ngày {when} người này đã {age} tuổi"
    return f"Người được kết nạp vào Đoàn phải từ đủ {ADMISSION_MIN_AGE} đến {ADMISSION_MAX_AGE} tuổi: {why}."
