import datetime

from branches.models import Unit
from common.history import history_rows


def test_rows_show_names_labels_and_dates(world):
    unit = world.units.eakenh
    unit.name = "Đoàn xã Ea Kuăng"
    unit.unit_type = "chi_doan_co_so"
    unit.valid_from = datetime.date(2025, 7, 1)
    unit.successor = world.units.eaphe
    unit.save()
    records = unit.history.order_by("-history_date", "-history_id")
    rows = history_rows(records, Unit, names={"successor": {world.units.eaphe.pk: "Đoàn xã Ea Phê"}})
    newest, oldest = rows
    changes = {c.field: (c.old, c.new) for c in newest.changes}
    assert changes["tên đơn vị"] == ("Đoàn xã Ea Kênh", "Đoàn xã Ea Kuăng")
    assert changes["loại đơn vị"] == ("Đoàn cơ sở", "Chi đoàn cơ sở")
    assert changes["hiệu lực từ ngày"] == (None, "01/07/2025")
    assert changes["đơn vị kế thừa"] == (None, "Đoàn xã Ea Phê")
    assert oldest.changes == []  # the creation row has nothing to compare with
