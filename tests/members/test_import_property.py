"""No import makes one member out of two people: a property test over random rosters and registries.

People are drawn from a few names and birth dates, so namesakes are common; each record of a person shows its CCCD
and card number or leaves them out (a registry kept by hand, a file typed again), rows repeat and near-repeat, and
the same file is imported twice. Each person carries a phone number of their own that nobody else has: whatever the
import decides, every person of the file that it imported must end up in exactly one member (the one holding their
phone number), and importing the same file again must find them all instead of creating anyone twice.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from members.importing.matching import plan_import
from members.importing.workbook import read_table
from members.importing.writing import write_import
from members.models import Member
from tests.members.data.workbooks import member_row, workbook_bytes

NAMES = ["Nguyễn Ngọc Giang", "Trần Thị Mai", "H'Linh Niê"]
BIRTHS = [datetime.date(2002, 10, 8), datetime.date(2001, 1, 2)]


@dataclass(frozen=True)
class Person:
    number: int
    name: str
    birth: datetime.date

    @property
    def cccd(self) -> str:
        return f"0662{self.number:08d}"

    @property
    def card(self) -> str:
        return f"TĐV-{self.number:05d}"

    @property
    def phone(self) -> str:
        return f"09{self.number:08d}"


people = st.lists(st.tuples(st.sampled_from(NAMES), st.sampled_from(BIRTHS)), min_size=1, max_size=6).map(
    lambda pairs: [Person(n + 1, name, birth) for n, (name, birth) in enumerate(pairs)]
)
# (index of the person, CCCD shown, card number shown)
record = st.tuples(st.integers(0, 5), st.booleans(), st.booleans())


@st.composite
def rosters(draw):
    everyone = draw(people)
    registry = draw(st.lists(record, max_size=6, unique_by=lambda r: r[0] % len(everyone)))
    rows = draw(st.lists(record, min_size=1, max_size=8))
    pick = lambda entries: [(everyone[i % len(everyone)], cccd, card) for i, cccd, card in entries]  # noqa: E731
    return pick(registry), pick(rows)


def _register(unit, registry) -> None:
    for person, cccd, card in registry:
        Member.objects.create(
            unit=unit,
            full_name=person.name,
            birth_date=person.birth,
            gender="nu",
            id_number=person.cccd if cccd else None,
            card_number=person.card if card else "",
            phone=person.phone,
        )


def _file(rows) -> bytes:
    return workbook_bytes(
        [
            member_row(
                n,
                name=person.name,
                birth=f"{person.birth:%d/%m/%Y}",
                gender="Nữ",
                id_number=person.cccd if cccd else None,
                card_number=person.card if card else None,
                phone=person.phone,
            )
            for n, (person, cccd, card) in enumerate(rows, start=1)
        ]
    )


def _import(content: bytes, unit):
    plan = plan_import(table=read_table(content), unit=unit)
    write_import(plan=plan, by=None, source_name="danh-sach.xlsx", skip_invalid=True)
    return plan


@settings(
    max_examples=120, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(roster=rosters())
def test_every_person_imported_is_exactly_one_member_and_a_second_import_creates_nobody(world, roster):
    registry, rows = roster
    unit = world.units.eaphe
    with transaction.atomic():
        _register(world.units.eaphe_t1, registry)
        content = _file(rows)
        first = _import(content, unit)
        # Excel row numbers (the header is row 1); a row skipped as an exact copy shares the fate of the row it repeats.
        original = dict(first.duplicates)
        imported = {
            person for n, (person, _, _) in enumerate(rows, start=2) if original.get(n, n) not in first.problem_rows
        }
        for person in imported:
            holders = list(Member.objects.filter(phone=person.phone).values_list("full_name", "birth_date"))
            assert holders == [(person.name, person.birth)], f"{person} is in {len(holders)} members"
        second = plan_import(table=read_table(content), unit=unit)
        created_again = {rows[p.row - 2][0] for p in second.creates}
        assert not created_again & imported
        transaction.set_rollback(True)


def test_the_generator_makes_the_hard_cases(world):
    """A positive control: two namesakes with different CCCDs against a namesake without one are both refused."""
    giang, other = Person(1, NAMES[0], BIRTHS[0]), Person(2, NAMES[0], BIRTHS[0])
    with transaction.atomic():
        _register(world.units.eaphe_t1, [(giang, False, False)])
        plan = _import(_file([(giang, True, True), (other, True, True)]), world.units.eaphe)
        assert plan.problem_rows == {2, 3}
        assert Member.objects.filter(full_name=NAMES[0]).count() == 1
        transaction.set_rollback(True)
