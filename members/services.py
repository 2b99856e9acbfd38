"""Changes to the registry. Each is one transaction, checks the user's rights itself and leaves history rows."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from branches.models import INNER_TYPES, Unit
from common.locking import check_fresh
from common.text import search_key
from common.workflow import set_fields, transition

from . import permissions
from .conflicts import guards_id_numbers
from .errors import IdNumberTaken, MemberError, StaleError
from .models import (
    Member,
    MemberRating,
    MemberStatus,
    MemberTransfer,
    PartyIntroduction,
    PartyOutcome,
    TransferStatus,
    YouthRecord,
    rating_levels_for_year,
)
from .workflow import manual_targets

STALE_MESSAGE = (
    "Hồ sơ vừa được người khác sửa trong lúc bạn nhập. Dữ liệu bạn nhập vẫn còn trên màn hình: hãy xem lại "
    "bản mới (mở lịch sử hồ sơ ở thẻ khác); bấm Lưu lần nữa sẽ ghi đè bằng dữ liệu trên màn hình."
)
DUPLICATE_ID_MESSAGE = "Số CCCD này đã thuộc một đoàn viên đang sinh hoạt khác."
STALE_SHEET_MESSAGE = (
    "Xếp loại của chi đoàn vừa được người khác lưu trong lúc bạn nhập. Lựa chọn của bạn vẫn còn trên màn "
    "hình: hãy mở bảng ở thẻ khác để xem bản mới; bấm Lưu lần nữa sẽ ghi đè bằng lựa chọn trên màn hình."
)


def is_roll_unit(unit: Unit) -> bool:
    """Members belong to a chi đoàn, or directly to a grassroots unit (chi đoàn cơ sở, small units)."""
    return unit.unit_type in INNER_TYPES or unit.is_grassroots


def _locked(member: Member) -> Member:
    return Member.objects.select_for_update().select_related("unit").get(pk=member.pk)


def _check_id_number_free(id_number, *, exclude_pk=None) -> None:
    if not id_number:
        return
    holder = Member.objects.active().filter(id_number=id_number).exclude(pk=exclude_pk).values_list("pk").first()
    if holder is not None:
        raise IdNumberTaken(DUPLICATE_ID_MESSAGE, holder_id=holder[0])


def _save(member: Member, reason: str) -> None:
    member._change_reason = reason
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError:
        raise MemberError(DUPLICATE_ID_MESSAGE) from None


@guards_id_numbers
@transaction.atomic
def create_member(*, unit: Unit, by, **fields) -> Member:
    """Add a member to a chi đoàn (or an admission: the same with decision and introducer filled in)."""
    if not permissions.can_edit_members(by, unit):
        raise MemberError("Bạn không có quyền thêm đoàn viên vào đơn vị này.")
    if not is_roll_unit(unit):
        raise MemberError("Đoàn viên sinh hoạt ở chi đoàn hoặc đoàn cơ sở; hãy chọn chi đoàn.")
    _check_introducer(fields.get("introducer"), unit)
    _check_id_number_free(fields.get("id_number"))
    _check_not_just_added(unit, fields)
    member = Member(unit=unit, **fields)
    _save(member, "Kết nạp đoàn viên" if fields.get("admission_decision_number") else "Thêm đoàn viên")
    return member


def _check_not_just_added(unit: Unit, fields: dict) -> None:
    """The same name and birth date in the same chi đoàn is the same person: usually a form sent twice."""
    if fields.get("birth_date") is None:
        return
    twin = Member.objects.filter(
        unit=unit, name_search=search_key(fields.get("full_name")), birth_date=fields["birth_date"]
    ).first()
    if twin is not None:
        raise MemberError(
            f"Chi đoàn đã có đoàn viên {twin.full_name}, sinh ngày {twin.birth_date:%d/%m/%Y} (có thể bạn vừa gửi "
            "biểu mẫu hai lần). Hãy mở hồ sơ đó thay vì thêm mới."
        )


def _check_introducer(introducer, unit) -> None:
    if introducer is None:
        return
    grassroots = grassroots_of(unit)
    if not introducer.is_active_member or not introducer.unit.path.startswith(grassroots.path):
        raise MemberError("Người giới thiệu phải là đoàn viên đang sinh hoạt trong cùng đoàn cơ sở.")


def grassroots_of(unit: Unit) -> Unit:
    """The grassroots unit holding `unit` (itself for a grassroots or superior unit)."""
    if unit.is_grassroots or unit.unit_type not in INNER_TYPES:
        return unit
    for ancestor in reversed(unit.ancestors()):
        if ancestor.is_grassroots or ancestor.unit_type not in INNER_TYPES:
            return ancestor
    return unit


@guards_id_numbers
@transaction.atomic
def update_member(*, member: Member, by, expected_version=None, **fields) -> Member:
    """Change a member's record; refused when someone else saved it after the form was opened."""
    member = _locked(member)
    if not permissions.can_edit_member(by, member):
        raise MemberError("Bạn không có quyền sửa hồ sơ đoàn viên này.")
    check_fresh(member, expected_version, StaleError, STALE_MESSAGE)
    if "unit" in fields:
        raise MemberError("Đổi chi đoàn bằng chức năng chuyển sinh hoạt đoàn.")
    introducer = fields.get("introducer")
    if introducer is not None and introducer.pk != member.introducer_id:
        if introducer.pk == member.pk:
            raise MemberError("Đoàn viên không thể tự giới thiệu mình.")
        _check_introducer(introducer, member.unit)
    if member.is_active_member:
        _check_id_number_free(fields.get("id_number"), exclude_pk=member.pk)
    set_fields(member, fields)
    _save(member, "Sửa hồ sơ")
    return member


@transaction.atomic
def change_member_status(*, member: Member, by, status: str, reason: str = "") -> Member:
    """Trưởng thành Đoàn, ra khỏi Đoàn, đã mất, or back to đang sinh hoạt: the record is kept, never deleted."""
    member = _locked(member)
    if not permissions.can_edit_member(by, member):
        raise MemberError("Bạn không có quyền thay đổi trạng thái đoàn viên này.")
    if status not in manual_targets(member.status):
        raise MemberError(f"Không thể chuyển từ “{member.get_status_display()}” sang “{MemberStatus(status).label}”.")
    if status == MemberStatus.ACTIVE:
        _check_id_number_free(member.id_number, exclude_pk=member.pk)
    if MemberTransfer.objects.filter(member=member, status=TransferStatus.PENDING).exists():
        raise MemberError("Đoàn viên đang có hồ sơ chuyển sinh hoạt chờ tiếp nhận; hãy hủy hồ sơ đó trước.")
    label = MemberStatus(status).label
    return transition(obj=member, to=status, by=by, reason=f"{label}: {reason}"[:100] if reason else label)


def rating_sheet_version(ratings) -> str:
    """A token that changes whenever a rating of the sheet is added or changed (optimistic concurrency)."""
    ratings = list(ratings)
    latest = max((r.updated_at for r in ratings), default=None)
    return f"{len(ratings)}:{latest.isoformat() if latest else ''}"


@transaction.atomic
def rate_members(*, unit: Unit, year: int, levels: dict[int, str], by, expected_version: str | None = None) -> int:
    """Record the year's rating of the members of one chi đoàn (member id → level; "" leaves it unrated)."""
    if not permissions.can_edit_members(by, unit):
        raise MemberError("Bạn không có quyền xếp loại đoàn viên của đơn vị này.")
    allowed = {level.value for level in rating_levels_for_year(year)}
    if any(level and level not in allowed for level in levels.values()):
        raise MemberError(f"Mức xếp loại không áp dụng cho năm {year}.")
    members = {m.pk: m for m in Member.objects.filter(unit=unit, pk__in=levels.keys())}
    if set(members) != set(levels):
        raise MemberError("Danh sách có đoàn viên không thuộc chi đoàn này.")
    existing = {r.member_id: r for r in MemberRating.objects.select_for_update().filter(member__in=members, year=year)}
    if expected_version is not None and rating_sheet_version(existing.values()) != expected_version:
        raise StaleError(STALE_SHEET_MESSAGE)
    changed = 0
    for member_id, level in levels.items():
        rating = existing.get(member_id)
        if rating is not None and not level:
            raise MemberError("Không xóa được xếp loại đã ghi; hãy chọn mức xếp loại khác nếu nhập nhầm.")
        if not level or (rating is not None and rating.level == level):
            continue
        if rating is None:
            rating = MemberRating(member_id=member_id, year=year, unit=unit)
        rating.level, rating.rated_by = level, by
        rating._change_reason = f"Xếp loại năm {year}"
        try:
            # A savepoint: the lock above cannot hold a row that does not exist yet, so another first save of the
            # year may insert it in between; the whole sheet is then refused like a stale one.
            with transaction.atomic():
                rating.save()
        except IntegrityError:
            raise StaleError(STALE_SHEET_MESSAGE) from None
        changed += 1
    return changed


@transaction.atomic
def start_transfer(*, member: Member, by, to_unit: Unit | None = None, destination_text: str = "", remark: str = ""):
    """The sending unit starts a transfer: to a unit in the portal, or to a place outside it (then at once)."""
    member = _locked(member)
    if not permissions.can_edit_member(by, member):
        raise MemberError("Bạn không có quyền chuyển sinh hoạt cho đoàn viên này.")
    if not member.is_active_member:
        raise MemberError("Chỉ chuyển sinh hoạt cho đoàn viên đang sinh hoạt.")
    if MemberTransfer.objects.filter(member=member, status=TransferStatus.PENDING).exists():
        raise MemberError("Đoàn viên đã có hồ sơ chuyển sinh hoạt đang chờ tiếp nhận.")
    if (to_unit is None) == (not destination_text.strip()):
        raise MemberError("Chọn đơn vị tiếp nhận trong cổng, hoặc ghi nơi chuyển đến nếu ngoài cổng (chỉ một).")
    if to_unit is not None:
        if to_unit.is_dissolved() or not (to_unit.is_grassroots or to_unit.unit_type in INNER_TYPES):
            raise MemberError("Đơn vị tiếp nhận phải là đoàn cơ sở hoặc chi đoàn đang hoạt động.")
        if member.unit.path.startswith(to_unit.path) or to_unit.pk == member.unit_id:
            raise MemberError("Đoàn viên đang sinh hoạt ở đơn vị này.")
    transfer = MemberTransfer.objects.create(
        member=member,
        from_unit=member.unit,
        to_unit=to_unit,
        destination_text=destination_text.strip(),
        remark=remark.strip(),
        created_by=by,
        status=TransferStatus.PENDING if to_unit else TransferStatus.LEFT_PORTAL,
    )
    if to_unit is None:
        transition(
            obj=member,
            to=MemberStatus.TRANSFERRED,
            by=by,
            reason=f"Chuyển sinh hoạt đến {transfer.destination_text}"[:100],
        )
    return transfer


def _locked_transfer(transfer: MemberTransfer) -> MemberTransfer:
    return (
        # Lock the transfer row only: PostgreSQL refuses FOR UPDATE on the nullable side of the to_unit join.
        MemberTransfer.objects.select_for_update(of=("self",))
        .select_related("member", "from_unit", "to_unit")
        .get(pk=transfer.pk)
    )


@transaction.atomic
def accept_transfer(*, transfer: MemberTransfer, by, assigned_unit: Unit) -> MemberTransfer:
    """The receiving unit accepts and assigns a chi đoàn; the member's record moves with its history."""
    transfer = _locked_transfer(transfer)
    if not permissions.can_receive_transfer(by, transfer):
        raise MemberError("Bạn không có quyền tiếp nhận đoàn viên vào đơn vị này.")
    if not transfer.is_pending:
        raise MemberError("Hồ sơ chuyển sinh hoạt này đã được xử lý.")
    in_destination = assigned_unit.pk == transfer.to_unit_id or assigned_unit.path.startswith(transfer.to_unit.path)
    if not in_destination or not is_roll_unit(assigned_unit) or assigned_unit.is_dissolved():
        raise MemberError(f"Chọn một chi đoàn đang hoạt động của {transfer.to_unit.name}.")
    member = _locked(transfer.member)
    _check_id_number_free(member.id_number, exclude_pk=member.pk)
    # A member in a pending transfer stays active (change_member_status refuses meanwhile): only the unit moves.
    member.unit = assigned_unit
    _save(member, f"Chuyển sinh hoạt từ {transfer.from_unit.name}"[:100])
    return transition(
        obj=transfer,
        to=TransferStatus.ACCEPTED,
        by=by,
        fields={"assigned_unit": assigned_unit, "decided_by": by, "decided_at": timezone.now()},
    )


@transaction.atomic
def decline_transfer(*, transfer: MemberTransfer, by, reason: str) -> MemberTransfer:
    """The receiving unit declines with a reason; the member stays where they were."""
    transfer = _locked_transfer(transfer)
    if not permissions.can_receive_transfer(by, transfer):
        raise MemberError("Bạn không có quyền xử lý hồ sơ chuyển đến đơn vị này.")
    if not transfer.is_pending:
        raise MemberError("Hồ sơ chuyển sinh hoạt này đã được xử lý.")
    if not reason.strip():
        raise MemberError("Hãy ghi lý do từ chối.")
    return transition(
        obj=transfer,
        to=TransferStatus.DECLINED,
        by=by,
        reason=reason,
        fields={"decline_reason": reason.strip(), "decided_by": by, "decided_at": timezone.now()},
    )


@transaction.atomic
def cancel_transfer(*, transfer: MemberTransfer, by) -> MemberTransfer:
    """The sending unit withdraws a transfer that has not been answered yet."""
    transfer = _locked_transfer(transfer)
    if not permissions.can_cancel_transfer(by, transfer):
        raise MemberError("Bạn không có quyền hủy hồ sơ chuyển sinh hoạt này.")
    if not transfer.is_pending:
        raise MemberError("Hồ sơ chuyển sinh hoạt này đã được xử lý.")
    return transition(
        obj=transfer, to=TransferStatus.CANCELLED, by=by, fields={"decided_by": by, "decided_at": timezone.now()}
    )


@transaction.atomic
def record_party_introduction(
    *, member: Member, by, year: int, introduced_date=None, resolution: str = "", note: str = ""
) -> PartyIntroduction:
    """Introduce an outstanding member to the Party for `year`."""
    member = _locked(member)
    if not permissions.can_edit_member(by, member):
        raise MemberError("Bạn không có quyền giới thiệu đoàn viên này.")
    if not member.is_active_member:
        raise MemberError("Chỉ giới thiệu đoàn viên đang sinh hoạt.")
    if member.is_party_member:
        raise MemberError("Đoàn viên này đã là đảng viên.")
    if PartyIntroduction.objects.filter(member=member, year=year).exists():
        raise MemberError(f"Đoàn viên đã được giới thiệu trong năm {year}.")
    return PartyIntroduction.objects.create(
        member=member, year=year, introduced_date=introduced_date, resolution=resolution, note=note, created_by=by
    )


@transaction.atomic
def record_party_outcome(
    *, introduction: PartyIntroduction, by, outcome: str, admitted_date: datetime.date | None = None, note=None
) -> PartyIntroduction:
    """The result of an introduction; an admission also marks the member as a Party member."""
    introduction = PartyIntroduction.objects.select_for_update().get(pk=introduction.pk)
    member = _locked(introduction.member)
    if not permissions.can_edit_member(by, member):
        raise MemberError("Bạn không có quyền cập nhật kết quả này.")
    if outcome == PartyOutcome.ADMITTED and admitted_date is None:
        raise MemberError("Hãy ghi ngày kết nạp Đảng.")
    introduction.outcome = outcome
    introduction.party_admitted_date = admitted_date if outcome == PartyOutcome.ADMITTED else None
    if note is not None:
        introduction.note = note
    introduction._change_reason = "Cập nhật kết quả"
    introduction.save()
    if outcome == PartyOutcome.ADMITTED and not member.is_party_member:
        member.is_party_member, member.party_joined_date = True, admitted_date
        _save(member, "Kết nạp Đảng")
    return introduction


@transaction.atomic
def save_youth_record(*, unit: Unit, by, record: YouthRecord | None = None, expected_version=None, **fields):
    """Add or change an entry of a unit's youth lists (difficult circumstances, religious, vulnerable youth)."""
    if record is not None:
        record = YouthRecord.objects.select_for_update().get(pk=record.pk)
        unit = record.unit
    if not permissions.can_edit_members(by, unit):
        raise MemberError("Bạn không có quyền cập nhật danh sách của đơn vị này.")
    if record is None:
        record = YouthRecord(unit=unit, created_by=by)
        record._change_reason = "Thêm vào danh sách"
    else:
        check_fresh(record, expected_version, StaleError, STALE_MESSAGE)
        record._change_reason = "Cập nhật"
    member = fields.get("member")
    if member is not None and not member.unit.path.startswith(unit.path):
        raise MemberError("Đoàn viên được chọn không thuộc đơn vị này.")
    set_fields(record, fields)
    record.save()
    return record
