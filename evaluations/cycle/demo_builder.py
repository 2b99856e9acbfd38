"""The demo's bulk builder of closed years: registrations and sheets taken through their steps, written in bulk
with the StatusEvent and history rows the services would have written (also builds the bench's province)."""

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from branches.models import Role, RoleAssignment, Unit
from common.models import StatusEvent
from criteria.models import ItemKind
from criteria.scoring import HALF, ZERO, score_set
from criteria.specs import load_set, spec_for_unit

from .models import Answer, Assessment, Campaign, FormStatus, Registration, RegistrationEntry

YEARS = (2023, 2024, 2025)  # the demo's closed years; a unit's quality grows a little each year from the first


@dataclass(frozen=True)
class ReviewStyle:
    cut_chance: float  # per item: the reviewer lowers the unit's score by half a point up to `max_cut`
    raise_chance: float  # per item: the reviewer finds half a point more
    max_cut: Decimal = Decimal(2)


STYLES = {
    "lenient": ReviewStyle(cut_chance=0.0, raise_chance=0.12),
    "normal": ReviewStyle(cut_chance=0.15, raise_chance=0.02),
    # many small cuts: a clearly lower mean with a narrow spread, so the calibration view tells these districts apart
    "strict": ReviewStyle(cut_chance=0.55, raise_chance=0.0, max_cut=Decimal(1)),
}


@dataclass
class Cast:
    """Who takes the steps: the province's officer, each unit's own user, each reviewing superior's officer.

    A unit or a superior without a demo account acts as None (the history shows no name rather than a wrong one).
    """

    province: object = None
    unit_users: dict = field(default_factory=dict)  # grassroots unit pk → user
    reviewers: dict = field(default_factory=dict)  # superior unit pk → user

    @classmethod
    def from_roles(cls, root: Unit) -> "Cast":
        cast = cls()
        rows = RoleAssignment.objects.active().in_subtree(root).select_related("user", "unit")
        for row in rows.order_by("pk"):
            if row.role in (Role.GRASSROOTS_SECRETARY, Role.GRASSROOTS_OFFICER):
                cast.unit_users.setdefault(row.unit_id, row.user)
            elif row.role == Role.SUPERIOR_OFFICER:
                cast.reviewers.setdefault(row.unit_id, row.user)
            elif row.role == Role.PROVINCE_COMMITTEE and cast.province is None:
                cast.province = row.user
        return cast


def at(day: datetime.date, rng: random.Random) -> datetime.datetime:
    """A moment of office hours on `day`, in the portal's time zone."""
    moment = datetime.datetime.combine(day, datetime.time(rng.randint(7, 16), rng.randint(0, 59)))
    return timezone.make_aware(moment)


def later(moment: datetime.datetime, rng: random.Random, low: int, high: int) -> datetime.datetime:
    """An office-hours moment `low`–`high` days after `moment` (never before it)."""
    candidate = at(timezone.localdate(moment) + datetime.timedelta(days=rng.randint(low, high)), rng)
    return max(candidate, moment + datetime.timedelta(minutes=rng.randint(5, 90)))


def stamp(obj, moment: datetime.datetime):
    """Remember when `obj` was made: Rows.create gives the row this created_at (auto_now_add would say now)."""
    obj._seed_created_at = moment
    return obj


class Rows:
    """Rows waiting to be written: status events and history rows (unless history=False), written by `flush`."""

    def __init__(self, *, history: bool = True):
        self.keep_history = history
        self.events: list[StatusEvent] = []
        self.history: dict[type, list] = {}
        self._types: dict[type, ContentType] = {}
        self._tracked: dict[type, tuple] = {}

    def event(self, obj, source, target, by, moment, reason=""):
        model = type(obj)
        if model not in self._types:
            self._types[model] = ContentType.objects.get_for_model(model)
        row = StatusEvent(
            content_type=self._types[model],
            object_id=obj.pk,
            workflow=model.workflow.name,
            from_status=source,
            to_status=target,
            reason=reason,
            by=by,
        )
        self.events.append(stamp(row, moment))

    def snapshot(self, obj, *, moment, by, reason, kind="~", **state):
        """A history row of `obj` as it was at `moment` (its current fields overridden by `state`, attnames)."""
        if not self.keep_history:
            return
        model = type(obj)
        if model not in self._tracked:  # the history manager is rebuilt on every access: look it up once
            history_model = model.history.model
            self._tracked[model] = (history_model, [f.attname for f in history_model.tracked_fields])
        history_model, attnames = self._tracked[model]
        values = {name: getattr(obj, name) for name in attnames}
        values.update(state)
        row = history_model(
            history_date=moment, history_user=by, history_change_reason=reason[:100], history_type=kind, **values
        )
        self.history.setdefault(history_model, []).append(row)

    @staticmethod
    def create(model, objs, *, stamped=True):
        """bulk_create, then give the rows their intended created_at (auto_now_add sets it to now on insert)."""
        model.objects.bulk_create(objs, batch_size=1000)
        if stamped:
            for obj in objs:
                obj.created_at = obj._seed_created_at
            model.objects.bulk_update(objs, ["created_at"], batch_size=500)
        return objs

    def flush(self):
        Rows.create(StatusEvent, self.events)
        if self.keep_history:
            for history_model, rows in self.history.items():
                history_model.objects.bulk_create(rows, batch_size=1000)
        self.events, self.history = [], {}


@dataclass(frozen=True)
class Step:
    source: str
    target: str
    by: object
    moment: datetime.datetime
    reason: str = ""


def build_year(
    *, campaign: Campaign, pairs, cast: Cast, styles: dict, until: str = FormStatus.APPROVED, history: bool = True
) -> list[Assessment]:
    """Accepted registrations and sheets taken to `until` (submitted or approved) for every (unit, superior) pair.

    `styles` maps a superior's pk to a key of STYLES. Each unit's figures come from its own seeded random
    generator, so a unit scores the same whatever else is built.
    """
    criteria_set = load_set(campaign.criteria_set_id)
    guidance = {item.code: item.evidence for group in criteria_set.groups.all() for item in group.items.all()}
    specs: dict[int, object] = {}
    rows = Rows(history=history)
    plans = []
    for unit, superior in pairs:
        if superior.pk not in specs:
            specs[superior.pk] = spec_for_unit(criteria_set, unit, campaign.year)
        plans.append(
            _plan(
                campaign,
                unit,
                specs[superior.pk],
                cast.unit_users.get(unit.pk),
                cast.reviewers.get(superior.pk),
                STYLES[styles.get(superior.pk, "normal")],
                guidance,
                until,
            )
        )
    rows.create(Registration, [p.registration for p in plans])
    rows.create(RegistrationEntry, [e for p in plans for e in p.entries], stamped=False)
    rows.create(Assessment, [p.assessment for p in plans])
    for plan in plans:
        for answer in plan.answers:
            answer.assessment_id = plan.assessment.pk
    rows.create(Answer, [a for p in plans for a in p.answers], stamped=False)
    for plan in plans:
        plan.record(rows)
    rows.flush()
    return [p.assessment for p in plans]


@dataclass
class _Plan:
    registration: Registration
    registration_steps: list
    registration_states: list
    entries: list
    assessment: Assessment
    assessment_steps: list
    assessment_states: list
    answers: list
    answer_history: list  # (answer, moment, by, reason, state) in order

    def record(self, rows: Rows) -> None:
        """The StatusEvent and history rows of the unit's year (after the rows have their pks)."""
        _replay(rows, self.registration, self.registration_steps, self.registration_states, "Lập bản đăng ký")
        for entry in self.entries:
            rows.snapshot(
                entry,
                moment=self.registration._seed_created_at,
                by=self.registration.created_by,
                reason="Lưu bản đăng ký",
                kind="+",
            )
        created_by = self.assessment_steps[0].by
        _replay(
            rows,
            self.assessment,
            self.assessment_steps,
            self.assessment_states,
            "Lập bản tự đánh giá",
            creator=created_by,
        )
        for answer, moment, by, reason, state in self.answer_history:
            rows.snapshot(answer, moment=moment, by=by, reason=reason, **state)


REGISTRATION_START = {"status": FormStatus.DRAFT, "submitted_at": None, "decided_at": None, "decided_by_id": None}


ASSESSMENT_START = {
    "status": FormStatus.DRAFT,
    "submitted_at": None,
    "self_total": None,
    "max_total": None,
    "review_total": None,
    "level_code": "",
    "level_name": "",
    "level_reasons": [],
    "recognised": False,
    "review_summary": "",
    "approved_at": None,
    "approved_by_id": None,
}


def _states(start: dict, steps: list[Step], changes) -> list[dict]:
    """The fields after each step: `changes(step)` gives what a step sets besides the status."""
    states, state = [], dict(start)
    for step in steps:
        state = {**state, "status": step.target, **changes(step)}
        states.append(state)
    return states


def _replay(rows: Rows, obj, steps, states, create_reason, creator=None) -> None:
    start = REGISTRATION_START if isinstance(obj, Registration) else ASSESSMENT_START
    creator = creator if creator is not None else getattr(obj, "created_by", None)
    rows.snapshot(obj, moment=obj._seed_created_at, by=creator, reason=create_reason, kind="+", **start)
    for step, state in zip(steps, states, strict=True):
        allowed = obj.workflow.step(step.source, step.target)
        if allowed is None:
            raise ValueError(f"{obj.workflow.name}: {step.source} → {step.target} is not in the workflow")
        label = allowed.label
        rows.event(obj, step.source, step.target, step.by, step.moment, step.reason)
        rows.snapshot(obj, moment=step.moment, by=step.by, reason=step.reason or label, **state)


def _apply(obj, state: dict):
    """Give an unsaved row the state it is bulk-created in (its steps' StatusEvents are written beside it)."""
    if obj.pk is not None:
        raise ValueError("only an unsaved row takes its state here; a saved one changes status by transition")
    for name, value in state.items():
        setattr(obj, name, value)
    return obj


def _plan(campaign, unit, spec, user, reviewer, style, guidance, until) -> _Plan:
    rng = random.Random(f"{campaign.year}:{unit.code}")
    registration, entries, registration_steps = _registration(campaign, unit, user, reviewer, rng)

    def registration_changes(step):
        if step.target == FormStatus.SUBMITTED:
            return {"submitted_at": step.moment}
        return {"decided_at": step.moment, "decided_by_id": getattr(step.by, "pk", None)}

    registration_states = _states(REGISTRATION_START, registration_steps, registration_changes)
    _apply(registration, registration_states[-1])
    assessment = Assessment(campaign=campaign, unit=unit)
    opened = at(datetime.date(campaign.year, 10, 1) + datetime.timedelta(days=rng.randint(0, 30)), rng)
    answers, answer_history, steps = _sheet(assessment, spec, unit, user, reviewer, style, guidance, opened, rng, until)
    self_result = score_set(spec, {a.item_code: a.self_value for a in answers})
    reviewed = until == FormStatus.APPROVED
    review_result = score_set(spec, {a.item_code: a.review_value for a in answers}) if reviewed else None

    def assessment_changes(step):
        if step.target == FormStatus.SUBMITTED:
            return {"submitted_at": step.moment, "self_total": self_result.total, "max_total": self_result.max_total}
        if step.target == FormStatus.APPROVED:
            return _approval(review_result, step)
        return {}

    assessment_states = _states(ASSESSMENT_START, steps, assessment_changes)
    _apply(assessment, assessment_states[-1])
    return _Plan(
        registration,
        registration_steps,
        registration_states,
        entries,
        stamp(assessment, opened),
        steps,
        assessment_states,
        answers,
        answer_history,
    )


RETURN_CHANCE = 0.06  # a few forms go back to the unit once


REGISTRATION_RETURNS = [
    "Chưa ghi lộ trình thực hiện nhóm 2; đề nghị bổ sung theo từng quý.",
    "Chỉ tiêu kết nạp đoàn viên mới chưa phù hợp với số thanh niên trên địa bàn, đề nghị rà soát lại.",
    "Giải pháp nhóm 3 còn chung chung, chưa gắn với chi đoàn cụ thể.",
]


ASSESSMENT_RETURNS = [
    "Bổ sung biên bản sinh hoạt chi đoàn quý IV làm minh chứng tiêu chí 2.3.",
    "Điểm tự chấm tiêu chí 1.2 chưa khớp với danh sách đoàn viên trên cổng; đề nghị chấm lại.",
    "Thiếu báo cáo kết quả công trình thanh niên; đề nghị đính kèm.",
]


COMMITMENTS = {
    1: [
        "Nắm chắc tình hình tư tưởng đoàn viên, thanh niên; cập nhật đầy đủ sổ đoàn viên trên cổng.",
        "Rà soát, lập danh sách thanh niên có hoàn cảnh khó khăn, thanh niên tôn giáo và có kế hoạch giúp đỡ.",
    ],
    2: [
        "Xây dựng kế hoạch công tác năm bám sát nghị quyết của cấp ủy và hướng dẫn của Đoàn cấp trên.",
        "Mỗi chi đoàn đăng ký ít nhất một công trình, phần việc thanh niên.",
    ],
    3: [
        "Duy trì sinh hoạt chi đoàn đều đặn hằng tháng; kiện toàn Ban Chấp hành đủ số lượng.",
        "Giới thiệu đoàn viên ưu tú cho Đảng xem xét kết nạp; tham mưu cấp ủy về công tác thanh niên.",
    ],
}


SOLUTIONS = [
    "Phân công ủy viên Ban Chấp hành phụ trách từng chi đoàn; kiểm tra định kỳ hằng quý.",
    "Phối hợp với Hội Liên hiệp Thanh niên, nhà trường và các đoàn thể trên địa bàn.",
    "Đưa nội dung vào chương trình sinh hoạt chi đoàn; biểu dương chi đoàn làm tốt.",
]


ROADMAPS = ["Quý I: xây dựng kế hoạch; quý II–III: triển khai; quý IV: sơ kết, đánh giá.", "Thực hiện cả năm."]


REVIEW_COMMENTS = [
    "Minh chứng chưa đầy đủ.",
    "Chưa có biên bản sinh hoạt chi đoàn kèm theo.",
    "Số liệu chưa khớp với sổ đoàn viên trên cổng.",
    "Kế hoạch chưa cụ thể, chưa có báo cáo kết quả.",
]


RAISE_COMMENT = "Đơn vị chấm thấp hơn kết quả thực tế."


def _registration(campaign, unit, user, reviewer, rng):
    """The unit's registration (unsaved), its three group entries and its steps to acceptance."""
    created = at(datetime.date(campaign.year, 2, 1) + datetime.timedelta(days=rng.randint(0, 35)), rng)
    registration = Registration(
        campaign=campaign,
        unit=unit,
        created_by=user,
        focus=f"Tiêu chí {rng.choice(['1.3', '1.5', '2.4'])} và {rng.choice(['3.2', '3.4', '3.5'])}",
        target_new_members=rng.randint(5, 30),
        target_one_plus_one=rng.randint(2, 12),
        target_party_introductions=rng.randint(1, 5),
        target_youth_works=rng.randint(1, 6),
        target_regular_branches=rng.randint(2, 5),
    )
    stamp(registration, created)
    entries = [
        RegistrationEntry(
            registration=registration,
            group_number=number,
            item_code="",
            commitment=rng.choice(COMMITMENTS[number]),
            solutions=rng.choice(SOLUTIONS),
            roadmap=rng.choice(ROADMAPS),
        )
        for number in (1, 2, 3)
    ]
    steps = [Step(FormStatus.DRAFT, FormStatus.SUBMITTED, user, later(created, rng, 1, 14))]
    if rng.random() < RETURN_CHANCE:
        returned = later(steps[-1].moment, rng, 1, 5)
        steps += [
            Step(FormStatus.SUBMITTED, FormStatus.RETURNED, reviewer, returned, rng.choice(REGISTRATION_RETURNS)),
            Step(FormStatus.RETURNED, FormStatus.SUBMITTED, user, later(returned, rng, 1, 4)),
        ]
    steps.append(Step(FormStatus.SUBMITTED, FormStatus.ACCEPTED, reviewer, later(steps[-1].moment, rng, 1, 5)))
    return registration, entries, steps


def unit_quality(unit: Unit, year: int) -> tuple[float, int | None]:
    """How well a unit works (share of the points it earns) in `year`, and the group it neglects, if any.

    Seeded by the unit's code: a unit keeps its character from year to year and improves a little.
    """
    character = random.Random(unit.code)
    quality = min(0.97, max(0.5, character.gauss(0.84, 0.08))) + 0.01 * (year - YEARS[0])
    weak_group = character.choice((1, 2, 3)) if character.random() < 0.08 else None
    return quality, weak_group


def _sheet(assessment, spec, unit, user, reviewer, style, guidance, opened, rng, until):
    """The sheet's answers (unsaved), their history entries, and the sheet's steps up to `until`."""
    year = assessment.campaign.year
    quality, weak_group = unit_quality(unit, year)
    scored = later(opened, rng, 3, 20)
    steps = [Step(FormStatus.DRAFT, FormStatus.SUBMITTED, user, later(scored, rng, 1, 10))]
    if until == FormStatus.APPROVED and rng.random() < RETURN_CHANCE:
        returned = later(steps[-1].moment, rng, 2, 5)
        steps += [
            Step(FormStatus.SUBMITTED, FormStatus.RETURNED, reviewer, returned, rng.choice(ASSESSMENT_RETURNS)),
            Step(FormStatus.RETURNED, FormStatus.SUBMITTED, user, later(returned, rng, 1, 4)),
        ]
    answers, history = [], []
    not_reviewed = {"review_points": None, "review_check": None, "review_comment": ""}
    for position, (group, item) in enumerate(((g, i) for g in spec.groups for i in g.items), start=1):
        evidence = (guidance.get(item.code) or "Báo cáo kết quả thực hiện").split(";")[0].strip().rstrip(".")
        answer = Answer(
            assessment=assessment,
            position=position,
            group_number=group.number,
            item_code=item.code,
            is_local=item.is_local,
            kind=item.kind,
            max_points=item.max_points,
            evidence=f"{evidence} năm {year}.",
        )
        share = quality - (0.3 if group.number == weak_group else 0)
        answer.self_points, answer.self_check = _self_score(item, share, rng)
        answers.append(answer)
        moment = scored + datetime.timedelta(minutes=2 * position)
        history.append((answer, moment, user, "Tự chấm", not_reviewed))
    if until == FormStatus.APPROVED:
        reviewed = later(steps[-1].moment, rng, 2, 8)
        approved = reviewed + datetime.timedelta(minutes=rng.randint(20, 120))
        for answer in answers:
            _review(answer, style, rng)
            if answer.differs:
                history.append((answer, reviewed, reviewer, "Thẩm định", {}))
            else:
                history.append((answer, approved, reviewer, "Giữ điểm tự chấm khi duyệt", {}))
        steps.append(Step(FormStatus.SUBMITTED, FormStatus.APPROVED, reviewer, approved))
    return answers, history, steps


def _self_score(item, share: float, rng) -> tuple[Decimal | None, bool | None]:
    """(points, check) the unit gives itself: around `share` of the maximum, in half points."""
    if item.kind == ItemKind.CHECK:
        return None, rng.random() < share + 0.1
    share = min(1.0, max(0.0, share + rng.gauss(0, 0.08)))
    points = (item.max_points * Decimal(str(round(share, 3))) / HALF).to_integral_value() * HALF
    return min(points, item.max_points), None


def _review(answer: Answer, style: ReviewStyle, rng) -> None:
    """The reviewer's score: mostly the unit's own; lowered (or, rarely, raised) as the reviewer's style has it."""
    roll = rng.random()
    answer.review_points, answer.review_check = answer.self_points, answer.self_check
    if answer.is_check:
        if answer.self_check and roll < style.cut_chance / 3:
            answer.review_check, answer.review_comment = False, rng.choice(REVIEW_COMMENTS)
        return
    if roll < style.cut_chance and answer.self_points > ZERO:
        answer.review_points = max(ZERO, answer.self_points - HALF * rng.randint(1, int(style.max_cut / HALF)))
        answer.review_comment = rng.choice(REVIEW_COMMENTS)
    elif roll < style.cut_chance + style.raise_chance and answer.self_points < answer.max_points:
        answer.review_points = answer.self_points + HALF
        answer.review_comment = RAISE_COMMENT


def _approval(result, step: Step) -> dict:
    """What approving stores: the level computed from the review scores, with its reasons (as approve_assessment)."""
    if result.level is None:
        summary = f"Đơn vị chưa đạt; cần tập trung khắc phục: {result.reasons[0]}." if result.reasons else ""
    elif result.level.code == "xuat_sac":
        summary = "Đơn vị thực hiện tốt các nội dung đã đăng ký; minh chứng đầy đủ."
    else:
        summary = "Đơn vị cơ bản hoàn thành các nội dung đã đăng ký; cần bổ sung minh chứng ở một số tiêu chí."
    return {
        "approved_at": step.moment,
        "approved_by_id": getattr(step.by, "pk", None),
        "review_total": result.total,
        "max_total": result.max_total,
        "level_code": result.level.code if result.level else "",
        "level_name": result.level_name,
        "level_reasons": list(result.reasons),
        "recognised": result.level is not None,
        "review_summary": summary,
    }
