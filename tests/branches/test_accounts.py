from django.contrib.auth import get_user_model
from django.urls import reverse

from branches.models import Role, RoleAssignment

NEW_PASSWORD = "Mk-MoiRatDai-2026"


def accounts_url(unit):
    return reverse("branches:unit_accounts", args=[unit.pk])


def _account(**extra):
    data = {
        "username": "BiThu.EaKenh",
        "full_name": "Y Sao Byă",
        "email": "",
        "role": Role.GRASSROOTS_SECRETARY,
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    }
    data.update(extra)
    return data


def test_district_officer_creates_an_account_for_a_grassroots_unit(world, login):
    response = login(world.kp_officer).post(accounts_url(world.units.eakenh), _account())
    assert response.status_code == 302
    user = get_user_model().objects.get(username="bithu.eakenh")
    assert user.check_password(NEW_PASSWORD) and user.first_name == "Byă" and user.last_name == "Y Sao"
    assignment = RoleAssignment.objects.get(user=user)
    assert assignment.unit == world.units.eakenh and assignment.created_by == world.kp_officer


def test_new_account_logs_in_and_lands_on_its_unit(world, login, client):
    login(world.kp_officer).post(accounts_url(world.units.eakenh), _account())
    client.logout()
    client.post(reverse("login"), {"username": "bithu.eakenh", "password": NEW_PASSWORD})
    assert client.get("/").url == world.units.eakenh.get_absolute_url()


def test_role_must_fit_the_unit_type(world, login):
    response = login(world.kp_officer).post(accounts_url(world.units.eakenh), _account(role=Role.SUPERIOR_OFFICER))
    assert response.status_code == 200
    assert not get_user_model().objects.filter(username="bithu.eakenh").exists()


def test_weak_or_mismatched_password_is_refused_with_message(world, login):
    client = login(world.kp_officer)
    weak = client.post(accounts_url(world.units.eakenh), _account(password1="123", password2="123"))
    assert weak.status_code == 200 and not get_user_model().objects.filter(username="bithu.eakenh").exists()
    mismatch = client.post(accounts_url(world.units.eakenh), _account(password2="khac-han-nhe-2026"))
    assert "Hai mật khẩu không khớp" in mismatch.content.decode()


def test_duplicate_username_is_a_form_error(world, login):
    response = login(world.kp_officer).post(accounts_url(world.units.eakenh), _account(username="bithu.eaphe"))
    assert "Tên đăng nhập đã có người dùng" in response.content.decode()


def test_secretary_cannot_manage_accounts_and_outsider_gets_404(world, login):
    assert login(world.secretary).get(accounts_url(world.units.eaphe)).status_code == 403
    assert login(world.outsider).get(accounts_url(world.units.eaphe)).status_code == 404


def test_officer_resets_a_password_below_them(world, login):
    url = reverse("branches:account_reset_password", args=[world.units.eaphe.pk, world.secretary.pk])
    response = login(world.kp_officer).post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    world.secretary.refresh_from_db()
    assert world.secretary.check_password(NEW_PASSWORD)


def test_officer_cannot_reset_a_password_of_their_own_level(world, login):
    url = reverse("branches:account_reset_password", args=[world.units.kp.pk, world.kp_officer.pk])
    assert login(world.kp_officer).get(url).status_code == 403


def test_outsider_cannot_reset_a_password_in_the_sibling_district(world, login):
    url = reverse("branches:account_reset_password", args=[world.units.eaphe.pk, world.secretary.pk])
    assert login(world.outsider).post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}).status_code == 404
    world.secretary.refresh_from_db()
    assert not world.secretary.check_password(NEW_PASSWORD)


def test_revoke_keeps_the_record_and_needs_post(world, login):
    client = login(world.kp_officer)
    assignment = RoleAssignment.objects.get(user=world.secretary)
    url = reverse("branches:account_revoke", args=[world.units.eaphe.pk, assignment.pk])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assignment.refresh_from_db()
    assert assignment.is_active is False
    assert assignment.history.count() == 2


def test_user_changes_own_password(world, login):
    from tests.conftest import PASSWORD

    client = login(world.secretary)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    world.secretary.refresh_from_db()
    assert world.secretary.check_password(NEW_PASSWORD)


def test_accounts_page_writes_names_family_name_first(world, login):
    client = login(world.kp_officer)
    client.post(accounts_url(world.units.eakenh), _account())
    assert "Y Sao Byă" in client.get(accounts_url(world.units.eakenh)).content.decode()


def test_province_committee_cannot_reset_a_system_admin_password(world, login):
    world.admin.is_superuser = False  # a system administrator by role only
    world.admin.save()
    url = reverse("branches:account_reset_password", args=[world.units.province.pk, world.admin.pk])
    response = login(world.province).post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 403
    world.admin.refresh_from_db()
    assert not world.admin.check_password(NEW_PASSWORD)


def test_province_committee_cannot_reset_a_peer_or_revoke_a_system_admin(world, login):
    peer = get_user_model().objects.create_user("tinhdoan.khac", password="x")
    RoleAssignment.objects.create(user=peer, unit=world.units.province, role=Role.PROVINCE_COMMITTEE)
    client = login(world.province)
    reset = reverse("branches:account_reset_password", args=[world.units.province.pk, peer.pk])
    assert client.post(reset, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}).status_code == 403
    admin_role = RoleAssignment.objects.get(user=world.admin)
    revoke = reverse("branches:account_revoke", args=[world.units.province.pk, admin_role.pk])
    assert client.post(revoke).status_code == 403
    admin_role.refresh_from_db()
    assert admin_role.is_active


def test_system_admin_resets_a_province_committee_password(world, login):
    url = reverse("branches:account_reset_password", args=[world.units.province.pk, world.province.pk])
    assert login(world.admin).post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}).status_code == 302
    world.province.refresh_from_db()
    assert world.province.check_password(NEW_PASSWORD)


def test_province_committee_cannot_create_province_wide_accounts(world, login):
    response = login(world.province).post(
        accounts_url(world.units.province), _account(username="tinhdoan.moi", role=Role.PROVINCE_COMMITTEE)
    )
    assert response.status_code == 403
    assert not get_user_model().objects.filter(username="tinhdoan.moi").exists()


def test_read_only_user_gets_403_on_revoke(world, login):
    assignment = RoleAssignment.objects.get(user=world.secretary)
    url = reverse("branches:account_revoke", args=[world.units.eaphe.pk, assignment.pk])
    assert login(world.secretary).post(url).status_code == 403


def test_a_reset_for_a_user_with_two_roles_is_completed_and_the_new_password_logs_in(world, login):
    from django.test import Client

    from tests.conftest import PASSWORD

    RoleAssignment.objects.create(user=world.secretary, unit=world.units.eaphe, role=Role.GRASSROOTS_OFFICER)
    url = reverse("branches:account_reset_password", args=[world.units.eaphe.pk, world.secretary.pk])
    officer = login(world.kp_officer)
    assert officer.get(url).status_code == 200
    response = officer.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}, follow=True)
    assert response.redirect_chain == [(accounts_url(world.units.eaphe), 302)]
    assert "Đã đặt lại mật khẩu cho “bithu.eaphe”." in response.content.decode()
    # The secretary signs in at the login page with the new password; the old one no longer opens the portal.
    old = Client().post(reverse("login"), {"username": "bithu.eaphe", "password": PASSWORD})
    assert old.status_code == 200 and "_auth_user_id" not in old.client.session
    signed_in = Client()
    response = signed_in.post(reverse("login"), {"username": "bithu.eaphe", "password": NEW_PASSWORD})
    assert response.status_code == 302 and signed_in.session["_auth_user_id"] == str(world.secretary.pk)


def test_password_reset_is_in_the_account_history_with_who(world, login):
    url = reverse("branches:account_reset_password", args=[world.units.eaphe.pk, world.secretary.pk])
    login(world.kp_officer).post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    record = world.secretary.history.order_by("-history_id").first()
    assert record.history_user == world.kp_officer
    assert record.history_change_reason == "Đặt lại mật khẩu (bởi canbo.krongpac)"
    assert not hasattr(record, "password")  # hashes never go into the history


def test_admin_cannot_hard_delete_units_or_roles(world, login):
    client = login(world.admin)
    assert client.get(f"/quan-tri/branches/unit/{world.units.eakenh.pk}/delete/").status_code == 403
    assignment = RoleAssignment.objects.get(user=world.secretary)
    assert client.get(f"/quan-tri/branches/roleassignment/{assignment.pk}/delete/").status_code == 403


def test_a_revoked_role_can_be_restored(world, login):
    client = login(world.kp_officer)
    assignment = RoleAssignment.objects.get(user=world.secretary)
    client.post(reverse("branches:account_revoke", args=[world.units.eaphe.pk, assignment.pk]))
    restore = reverse("branches:account_restore", args=[world.units.eaphe.pk, assignment.pk])
    assert client.get(restore).status_code == 405
    assert client.post(restore).status_code == 302
    assignment.refresh_from_db()
    assert assignment.is_active
    assert login(world.secretary).post(restore).status_code == 403


def test_the_role_has_no_default_and_must_be_chosen(world, login):
    client = login(world.kp_officer)
    form = client.get(accounts_url(world.units.eakenh)).context["form"]
    assert form["role"].value() is None and form.fields["role"].choices[0] == ("", "— Chọn vai trò —")
    response = client.post(accounts_url(world.units.eakenh), _account(role=""))
    assert "Chọn vai trò của tài khoản." in response.content.decode()
    assert not get_user_model().objects.filter(username="bithu.eakenh").exists()


def test_a_second_secretary_needs_an_answer_about_the_first(world, login):
    client = login(world.kp_officer)
    page = client.get(accounts_url(world.units.eaphe)).content.decode()
    assert "Đơn vị đang có Bí thư: H&#x27; Linh" in page
    response = client.post(accounts_url(world.units.eaphe), _account(username="bithu2.eaphe"))
    assert "Đơn vị đã có Bí thư: chọn kết thúc nhiệm kỳ của người đó hoặc giữ cả hai." in response.content.decode()
    assert not get_user_model().objects.filter(username="bithu2.eaphe").exists()


def test_ending_the_first_secretarys_term_revokes_their_role(world, login):
    data = _account(username="bithu2.eaphe", current_secretary="ket_thuc_nhiem_ky")
    assert login(world.kp_officer).post(accounts_url(world.units.eaphe), data).status_code == 302
    secretaries = RoleAssignment.objects.filter(unit=world.units.eaphe, role=Role.GRASSROOTS_SECRETARY)
    assert dict(secretaries.values_list("user__username", "is_active")) == {"bithu.eaphe": False, "bithu2.eaphe": True}


def test_keeping_both_secretaries_is_a_confirmed_choice(world, login):
    data = _account(username="bithu2.eaphe", current_secretary="giu_ca_hai")
    assert login(world.kp_officer).post(accounts_url(world.units.eaphe), data).status_code == 302
    secretaries = RoleAssignment.objects.filter(unit=world.units.eaphe, role=Role.GRASSROOTS_SECRETARY, is_active=True)
    assert secretaries.count() == 2


def test_an_officer_account_does_not_ask_about_the_secretary(world, login):
    data = _account(username="canbo.eaphe", role=Role.GRASSROOTS_OFFICER)
    assert login(world.kp_officer).post(accounts_url(world.units.eaphe), data).status_code == 302
    assert RoleAssignment.objects.get(user=world.secretary).is_active


def test_accounts_page_offers_the_actions_the_officer_may_take(world, login):
    html = login(world.kp_officer).get(accounts_url(world.units.eaphe)).content.decode()
    reset = reverse("branches:account_reset_password", args=[world.units.eaphe.pk, world.secretary.pk])
    assignment = RoleAssignment.objects.get(user=world.secretary)
    assert reset in html
    assert reverse("branches:account_revoke", args=[world.units.eaphe.pk, assignment.pk]) in html


def test_accounts_page_offers_no_action_on_roles_the_viewer_cannot_give(world, login):
    html = login(world.province).get(accounts_url(world.units.province)).content.decode()
    admin_role = RoleAssignment.objects.get(user=world.admin)
    assert reverse("branches:account_revoke", args=[world.units.province.pk, admin_role.pk]) not in html
    own = reverse("branches:account_reset_password", args=[world.units.province.pk, world.province.pk])
    assert own not in html
