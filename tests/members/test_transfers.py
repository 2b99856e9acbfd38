"""Chuyển sinh hoạt đoàn: start, accept with a chi đoàn, decline, cancel; letters for transfers out of the portal."""

import pytest
from django.urls import reverse

from members import services
from members.models import MemberStatus, MemberTransfer, TransferStatus
from tests.pdf import pdf_text


def start(client, member, **data):
    return client.post(reverse("members:transfer_create", args=[member.pk]), data)


@pytest.fixture
def to_tanloi(world, roll, login):
    start(login(world.secretary), roll.an, to_unit=world.units.tanloi.pk, remark="Hoàn thành tốt nhiệm vụ")
    return MemberTransfer.objects.get(member=roll.an)


def test_secretary_starts_a_transfer_to_another_district(world, roll, to_tanloi):
    assert to_tanloi.status == TransferStatus.PENDING
    assert to_tanloi.from_unit == world.units.eaphe_t1 and to_tanloi.created_by == world.secretary
    roll.an.refresh_from_db()
    assert roll.an.status == MemberStatus.ACTIVE and roll.an.unit == world.units.eaphe_t1


def test_receiving_officer_sees_the_pending_transfer(world, to_tanloi, login):
    client = login(world.outsider)
    response = client.get(reverse("members:transfer_list"))
    assert response.context["incoming_pending"] == [to_tanloi]
    detail = client.get(to_tanloi.get_absolute_url())
    assert detail.status_code == 200 and detail.context["can_receive"]


def test_accepting_moves_the_member_and_their_history(world, roll, to_tanloi, login):
    client = login(world.bmt_secretary)
    url = reverse("members:transfer_accept", args=[to_tanloi.pk])
    response = client.post(url, {"assigned_unit": world.units.tanloi_c1.pk})
    assert response.status_code == 302
    roll.an.refresh_from_db()
    assert roll.an.unit == world.units.tanloi_c1 and roll.an.status == MemberStatus.ACTIVE
    to_tanloi.refresh_from_db()
    assert to_tanloi.status == TransferStatus.ACCEPTED and to_tanloi.decided_by == world.bmt_secretary
    # The record, with its whole history, now belongs to Tân Lợi and is gone from Ea Phê's scope.
    history = client.get(reverse("members:member_history", args=[roll.an.pk])).content.decode()
    assert "Chuyển sinh hoạt từ Chi đoàn thôn 1" in history and "Tạo hồ sơ" in history
    assert "<del>Chi đoàn thôn 1</del> → <strong>Chi đoàn tổ dân phố 1</strong>" in history
    assert login(world.secretary).get(roll.an.get_absolute_url()).status_code == 404


def test_accept_refuses_a_chi_doan_outside_the_receiving_unit(world, roll, to_tanloi, login):
    url = reverse("members:transfer_accept", args=[to_tanloi.pk])
    login(world.outsider).post(url, {"assigned_unit": world.units.eakenh_t1.pk})
    roll.an.refresh_from_db()
    assert roll.an.unit == world.units.eaphe_t1


def test_the_sending_unit_cannot_accept_its_own_transfer(world, to_tanloi, login):
    url = reverse("members:transfer_accept", args=[to_tanloi.pk])
    assert login(world.secretary).post(url, {"assigned_unit": world.units.tanloi_c1.pk}).status_code == 403


@pytest.mark.parametrize("name", ["transfer_accept", "transfer_decline", "transfer_cancel"])
def test_answers_are_post_only(world, to_tanloi, login, name):
    assert login(world.outsider).get(reverse(f"members:{name}", args=[to_tanloi.pk])).status_code == 405
    to_tanloi.refresh_from_db()
    assert to_tanloi.status == TransferStatus.PENDING


def test_declining_needs_a_reason_and_leaves_the_member(world, roll, to_tanloi, login):
    client = login(world.outsider)
    url = reverse("members:transfer_decline", args=[to_tanloi.pk])
    client.post(url, {"reason": ""})
    to_tanloi.refresh_from_db()
    assert to_tanloi.status == TransferStatus.PENDING
    client.post(url, {"reason": "Đoàn viên không cư trú tại phường"})
    to_tanloi.refresh_from_db()
    assert to_tanloi.status == TransferStatus.DECLINED and "không cư trú" in to_tanloi.decline_reason
    roll.an.refresh_from_db()
    assert roll.an.unit == world.units.eaphe_t1


def test_sender_cancels_a_pending_transfer(world, roll, to_tanloi, login):
    login(world.secretary).post(reverse("members:transfer_cancel", args=[to_tanloi.pk]))
    to_tanloi.refresh_from_db()
    assert to_tanloi.status == TransferStatus.CANCELLED
    # A new transfer may be started once the old one is closed.
    start(login(world.secretary), roll.an, to_unit=world.units.eakenh.pk)
    assert MemberTransfer.objects.filter(member=roll.an, status=TransferStatus.PENDING).count() == 1


def test_only_one_pending_transfer_at_a_time(world, roll, to_tanloi, login):
    response = start(login(world.secretary), roll.an, to_unit=world.units.eakenh.pk)
    assert "đang chờ tiếp nhận" in response.content.decode()
    assert MemberTransfer.objects.filter(member=roll.an).count() == 1


def test_destination_must_be_one_of_unit_or_text(world, roll, login):
    client = login(world.secretary)
    start(client, roll.an)
    start(client, roll.an, to_unit=world.units.tanloi.pk, destination_text="Đoàn phường Bến Nghé")
    assert not MemberTransfer.objects.exists()


def test_transfer_out_of_the_portal_marks_the_member_and_prints_a_letter(world, roll, login):
    client = login(world.secretary)
    start(client, roll.an, destination_text="Đoàn phường Bến Nghé, Quận 1, TP. Hồ Chí Minh", remark="Tốt")
    transfer = MemberTransfer.objects.get(member=roll.an)
    assert transfer.status == TransferStatus.LEFT_PORTAL
    roll.an.refresh_from_db()
    assert roll.an.status == MemberStatus.TRANSFERRED
    response = client.get(reverse("members:transfer_letter", args=[transfer.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content).split())
    assert "BCH ĐOÀN XÃ EA PHÊ" in text and "GIẤY GIỚI THIỆU" in text
    assert "Ban Chấp hành Đoàn xã Ea Phê trân trọng giới thiệu:" in text
    assert "Đồng chí: Nguyễn Văn An" in text and "Số CCCD: 066200000001" in text
    assert "Hiện sinh hoạt tại: Chi đoàn thôn 1, Đoàn xã Ea Phê" in text
    assert "Được chuyển sinh hoạt đoàn đến: Đoàn phường Bến Nghé, Quận 1, TP. Hồ Chí Minh" in text
    assert "Nhận xét của chi đoàn: Tốt" in text


def test_letter_context_follows_the_document_format(world, roll):
    import datetime

    from members.letters import letter_context

    transfer = services.start_transfer(member=roll.an, by=world.secretary, destination_text="Đoàn phường Bến Nghé")
    context = letter_context(transfer, today=datetime.date(2026, 2, 5))
    header = context["header"]
    assert header.issuer_line == "BCH ĐOÀN XÃ EA PHÊ" and header.superior_line == "HUYỆN ĐOÀN KRÔNG PẮC"
    assert header.place_date_line == "Ea Phê, ngày 05 tháng 02 năm 2026"
    assert header.number_line.endswith("-GGT/ĐTN")
    assert context["valid_until"] == datetime.date(2026, 3, 7)


def test_read_only_user_cannot_start_a_transfer(world, roll, login):
    assert start(login(world.province), roll.an, to_unit=world.units.tanloi.pk).status_code == 403
    assert not MemberTransfer.objects.exists()


def test_transfers_inside_one_district_are_404_for_the_sibling_district(world, roll, login):
    transfer = services.start_transfer(member=roll.an, by=world.secretary, to_unit=world.units.eakenh)
    client = login(world.outsider)
    assert client.get(transfer.get_absolute_url()).status_code == 404
    assert client.post(reverse("members:transfer_decline", args=[transfer.pk]), {"reason": "x"}).status_code == 404


# --- what each end sees once the transfer is answered ---------------------------------------------------------


def accept(world, login, transfer):
    url = reverse("members:transfer_accept", args=[transfer.pk])
    login(world.bmt_secretary).post(url, {"assigned_unit": world.units.tanloi_c1.pk})


def test_sending_unit_cannot_print_the_letter_once_the_member_belongs_to_the_receiving_unit(
    world, roll, to_tanloi, login
):
    accept(world, login, to_tanloi)
    # Data the new unit records later must not reach the old unit through the letter.
    services.update_member(member=roll.an, by=world.bmt_secretary, religion="Phật giáo", id_number="066299999999")
    client = login(world.secretary)
    assert client.get(reverse("members:transfer_letter", args=[to_tanloi.pk])).status_code == 404
    detail = client.get(to_tanloi.get_absolute_url())
    assert detail.status_code == 200
    assert reverse("members:transfer_letter", args=[to_tanloi.pk]) not in detail.content.decode()


def test_sending_unit_prints_the_letter_while_the_transfer_waits(world, to_tanloi, login):
    client = login(world.secretary)
    response = client.get(reverse("members:transfer_letter", args=[to_tanloi.pk]))
    assert response.status_code == 200
    text = " ".join(pdf_text(response.content).split())
    assert "Đồng chí: Nguyễn Văn An" in text and "Nhận xét của chi đoàn: Hoàn thành tốt nhiệm vụ" in text
    assert "Được chuyển sinh hoạt đoàn đến: Đoàn phường Tân Lợi" in text
    assert (
        reverse("members:transfer_letter", args=[to_tanloi.pk])
        in client.get(to_tanloi.get_absolute_url()).content.decode()
    )


def test_receiving_unit_sees_the_members_birth_date_and_ethnicity_while_deciding(world, roll, login):
    transfer = services.start_transfer(member=roll.binh, by=world.secretary, to_unit=world.units.tanloi)
    page = login(world.bmt_secretary).get(transfer.get_absolute_url()).content.decode()
    assert "Trần Thị Bình" in page and "17/05/2000" in page and "Ê Đê" in page


def test_declined_transfer_shows_the_receiving_unit_only_the_transfers_own_facts(world, roll, login):
    transfer = services.start_transfer(member=roll.binh, by=world.secretary, to_unit=world.units.tanloi)
    services.decline_transfer(transfer=transfer, by=world.bmt_secretary, reason="Không cư trú tại phường")
    response = login(world.bmt_secretary).get(transfer.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Trần Thị Bình" in page and "Chi đoàn thôn 1" in page and "Không cư trú tại phường" in page
    assert "17/05/2000" not in page and "Ê Đê" not in page and "26/03/2015" not in page
    # The sending unit, which still keeps the member, sees everything.
    own = login(world.secretary).get(transfer.get_absolute_url()).content.decode()
    assert "17/05/2000" in own and "Ê Đê" in own


def test_accepted_transfer_shows_the_sending_unit_only_the_transfers_own_facts(world, roll, login):
    transfer = services.start_transfer(member=roll.binh, by=world.secretary, to_unit=world.units.tanloi)
    accept(world, login, transfer)
    page = login(world.secretary).get(transfer.get_absolute_url()).content.decode()
    assert "Trần Thị Bình" in page and "Chi đoàn tổ dân phố 1" in page
    assert "17/05/2000" not in page and "Ê Đê" not in page
    assert roll.binh.get_absolute_url() not in page  # no link to a record the sender can no longer open
    own = login(world.bmt_secretary).get(transfer.get_absolute_url()).content.decode()
    assert "17/05/2000" in own and "Ê Đê" in own and roll.binh.get_absolute_url() in own


def test_a_transfer_inside_the_district_waits_on_the_panel_and_on_the_list_alike(world, roll, login):
    transfer = services.start_transfer(member=roll.an, by=world.secretary, to_unit=world.units.eakenh)
    client = login(world.kp_officer)
    panel = client.get(world.units.kp.get_absolute_url()).content.decode()
    link = reverse("members:transfer_list") + f"?don_vi={world.units.kp.pk}"
    assert f'<a href="{link}">1</a>' in panel
    assert client.get(link).context["incoming_pending"] == [transfer]
    assert client.get(reverse("members:transfer_list")).context["incoming_pending"] == [transfer]


def test_the_waiting_list_of_one_unit_keeps_to_its_subtree_and_scope(world, roll, login, to_tanloi):
    client = login(world.outsider)
    tanloi = reverse("members:transfer_list") + f"?don_vi={world.units.tanloi.pk}"
    assert client.get(tanloi).context["incoming_pending"] == [to_tanloi]
    other = reverse("members:transfer_list") + f"?don_vi={world.units.tanloi_c1.pk}"
    assert client.get(other).context["incoming_pending"] == []
    assert client.get(reverse("members:transfer_list") + f"?don_vi={world.units.eaphe.pk}").status_code == 404
