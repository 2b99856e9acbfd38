"""Transfers (chuyển sinh hoạt đoàn): started by the sending unit, accepted, declined or cancelled, the
introduction letter as a PDF, and the picker of receiving units."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from branches.models import Unit
from branches.permissions import can_view_unit, get_unit_for_user
from common.downloads import inline_pdf
from common.pickers import picker_response
from members import permissions, services
from members.errors import MemberError
from members.forms import AcceptTransferForm, DeclineTransferForm, TransferForm, transfer_destinations, unit_label
from members.letters import letter_context, render_letter
from members.models import MemberTransfer, TransferStatus
from members.services import is_roll_unit


@require_GET
def transfer_destination_picker(request):
    """A picker's answers: active grassroots units of the whole portal (any of them may receive a member)
    whose name, short name or code holds every typed word, diacritics or not; at most 20."""
    query = request.GET.get("q", "").strip()[:100]
    units = transfer_destinations().search(query) if query else Unit.objects.none()
    return picker_response(units, unit_label)


def transfer_create(request, pk):
    member = permissions.get_member_for_user(request.user, pk, write=True)
    form = TransferForm(
        request.POST or None, member=member, destination_url=reverse("members:transfer_destination_picker")
    )
    if request.method == "POST" and form.is_valid():
        try:
            transfer = services.start_transfer(member=member, by=request.user, **form.cleaned_data)
        except MemberError as error:
            form.add_error(None, str(error))
        else:
            if transfer.to_unit_id:
                messages.success(request, f"Đã gửi hồ sơ chuyển sinh hoạt tới {transfer.to_unit.name}.")
            else:
                messages.success(request, "Đã ghi nhận chuyển sinh hoạt ra ngoài cổng; hãy in giấy giới thiệu.")
            return redirect(transfer)
    return render(request, "members/membertransfer_form.html", {"form": form, "member": member})


def transfer_list(request):
    """Transfers into and out of the user's units: the incoming ones wait for an answer."""
    scope = Unit.objects.visible_to(request.user).values("pk")
    unit = get_unit_for_user(request.user, request.GET["don_vi"]) if request.GET.get("don_vi") else None
    base = MemberTransfer.objects.select_related("member", "from_unit", "to_unit", "assigned_unit")
    waiting = base.waiting_for(request.user, unit).order_by("-created_at")
    incoming = base.filter(to_unit__in=scope).exclude(from_unit__in=scope).exclude(status=TransferStatus.PENDING)
    outgoing = base.filter(from_unit__in=scope).order_by("status", "-created_at")
    context = {
        "unit": unit,
        "incoming_pending": list(waiting[:200]),
        "incoming_done": incoming.order_by("-created_at")[:50],
        "outgoing": outgoing[:100],
    }
    return render(request, "members/membertransfer_list.html", context)


def transfer_detail(request, pk):
    transfer = permissions.get_transfer_for_user(request.user, pk)
    can_receive = transfer.is_pending and permissions.can_receive_transfer(request.user, transfer)
    context = {
        "transfer": transfer,
        "member": transfer.member,
        "can_see_member": permissions.can_see_transferred_member(request.user, transfer),
        "can_open_member": can_view_unit(request.user, transfer.member.unit),
        "can_print_letter": permissions.can_print_transfer_letter(request.user, transfer),
        "can_receive": can_receive,
        "can_cancel": transfer.is_pending and permissions.can_cancel_transfer(request.user, transfer),
        "accept_form": AcceptTransferForm(units=_receiving_units(transfer)) if can_receive else None,
        "decline_form": DeclineTransferForm() if can_receive else None,
        "history": transfer.history.select_related("history_user").order_by("history_date", "history_id"),
    }
    return render(request, "members/membertransfer_detail.html", context)


def _receiving_units(transfer):
    units = Unit.objects.descendants_of(transfer.to_unit, include_self=True).active().order_by("path")
    return units.filter(pk__in=[u.pk for u in units if is_roll_unit(u)])


@require_POST
def transfer_accept(request, pk):
    transfer = permissions.get_transfer_for_user(request.user, pk)
    if not permissions.can_receive_transfer(request.user, transfer):
        raise PermissionDenied("Bạn không có quyền tiếp nhận hồ sơ này.")
    form = AcceptTransferForm(request.POST, units=_receiving_units(transfer))
    if not form.is_valid():
        messages.error(request, "Hãy chọn chi đoàn tiếp nhận.")
        return redirect(transfer)
    try:
        services.accept_transfer(transfer=transfer, by=request.user, **form.cleaned_data)
    except MemberError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Đã tiếp nhận {transfer.member.full_name} vào {form.cleaned_data['assigned_unit']}.")
    return redirect(transfer)


@require_POST
def transfer_decline(request, pk):
    transfer = permissions.get_transfer_for_user(request.user, pk)
    if not permissions.can_receive_transfer(request.user, transfer):
        raise PermissionDenied("Bạn không có quyền xử lý hồ sơ này.")
    form = DeclineTransferForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Hãy ghi lý do từ chối.")
        return redirect(transfer)
    try:
        services.decline_transfer(transfer=transfer, by=request.user, **form.cleaned_data)
    except MemberError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Đã từ chối tiếp nhận; đơn vị chuyển đi sẽ thấy lý do.")
    return redirect(transfer)


@require_POST
def transfer_cancel(request, pk):
    transfer = permissions.get_transfer_for_user(request.user, pk)
    if not permissions.can_cancel_transfer(request.user, transfer):
        raise PermissionDenied("Bạn không có quyền hủy hồ sơ này.")
    try:
        services.cancel_transfer(transfer=transfer, by=request.user)
    except MemberError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Đã hủy hồ sơ chuyển sinh hoạt.")
    return redirect(transfer)


def transfer_letter(request, pk):
    """The introduction letter (giấy giới thiệu chuyển sinh hoạt đoàn) as a PDF, for the sending unit."""
    transfer = permissions.get_transfer_for_user(request.user, pk)
    if not permissions.can_print_transfer_letter(request.user, transfer):
        raise Http404("Hồ sơ này không có giấy giới thiệu.")
    pdf = render_letter(letter_context(transfer, today=datetime.date.today()))
    return inline_pdf(pdf, f"giay-gioi-thieu-{transfer.pk}.pdf")
