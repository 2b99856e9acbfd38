import pytest

from members.ethnicity import ETHNIC_GROUP_NAMES, ETHNIC_GROUPS, normalise_ethnicity


def test_there_are_54_groups_in_the_official_order():
    assert len(ETHNIC_GROUP_NAMES) == len(set(ETHNIC_GROUP_NAMES)) == 54
    assert ETHNIC_GROUP_NAMES[:3] == ["Kinh", "Tày", "Thái"]
    assert ETHNIC_GROUP_NAMES[-1] == "Ơ Đu"
    assert ETHNIC_GROUPS[10] == ("Ê Đê", "Ê Đê")


@pytest.mark.parametrize(
    ("typed", "official"),
    [
        ("Kinh", "Kinh"),
        ("KINH", "Kinh"),
        ("ede", "Ê Đê"),
        ("Ê-đê", "Ê Đê"),
        ("Êđê", "Ê Đê"),
        ("M'nông", "Mnông"),
        ("M'Nông", "Mnông"),
        ("mnong", "Mnông"),
        ("Khmer", "Khơ Me"),
        ("Khơ-me", "Khơ Me"),
        ("H'Mông", "Mông"),
        ("Hmông", "Mông"),
        ("Stiêng", "Xtiêng"),
        ("Khơ-mú", "Khơ Mú"),
        ("Bru-Vân Kiều", "Bru - Vân Kiều"),
        ("Giẻ-Triêng", "Giẻ Triêng"),
        ("Gia-rai", "Gia Rai"),
        ("Jrai", "Gia Rai"),
        ("Ba-na", "Ba Na"),
        ("Bahnar", "Ba Na"),
        ("  tày ", "Tày"),
        ("thai", "Thái"),
    ],
)
def test_normalise_ethnicity_maps_spellings_onto_official_names(typed, official):
    assert normalise_ethnicity(typed) == official


@pytest.mark.parametrize("typed", ["", "   ", None, "Việt Kiều", "abc"])
def test_normalise_ethnicity_refuses_unknown_names(typed):
    assert normalise_ethnicity(typed) is None


def test_every_official_name_normalises_to_itself():
    assert all(normalise_ethnicity(name) == name for name in ETHNIC_GROUP_NAMES)
