from django.urls import path

from .views import lists, roster, transfers

app_name = "members"

urlpatterns = [
    path("", roster.member_list, name="member_list"),
    path("them/", roster.member_create, name="member_create"),
    path("them/tim-chi-doan/", roster.roll_unit_picker, name="roll_unit_picker"),
    path("<int:pk>/", roster.member_detail, name="member_detail"),
    path("<int:pk>/sua/", roster.member_edit, name="member_edit"),
    path("<int:pk>/trang-thai/", roster.member_status, name="member_status"),
    path("<int:pk>/lich-su/", roster.member_history, name="member_history"),
    path("<int:pk>/chuyen-sinh-hoat/", transfers.transfer_create, name="transfer_create"),
    path("<int:pk>/gioi-thieu-dang/", lists.party_introduction_create, name="party_introduction_create"),
    path("gioi-thieu-dang/<int:pk>/ket-qua/", lists.party_outcome, name="party_outcome"),
    path("chuyen-sinh-hoat/", transfers.transfer_list, name="transfer_list"),
    path("chuyen-sinh-hoat/tim-don-vi/", transfers.transfer_destination_picker, name="transfer_destination_picker"),
    path("chuyen-sinh-hoat/<int:pk>/", transfers.transfer_detail, name="transfer_detail"),
    path("chuyen-sinh-hoat/<int:pk>/tiep-nhan/", transfers.transfer_accept, name="transfer_accept"),
    path("chuyen-sinh-hoat/<int:pk>/tu-choi/", transfers.transfer_decline, name="transfer_decline"),
    path("chuyen-sinh-hoat/<int:pk>/huy/", transfers.transfer_cancel, name="transfer_cancel"),
    path("chuyen-sinh-hoat/<int:pk>/giay-gioi-thieu.pdf", transfers.transfer_letter, name="transfer_letter"),
    path("don-vi/<int:pk>/xep-loai/", lists.rating_sheet, name="rating_sheet"),
    path("don-vi/<int:pk>/thong-ke/", lists.unit_stats, name="unit_stats"),
    path("don-vi/<int:pk>/gioi-thieu-dang/", lists.party_list, name="party_list"),
    path("don-vi/<int:pk>/thanh-nien/", lists.youth_list, name="youth_list"),
    path("don-vi/<int:pk>/tim-doan-vien/", roster.member_picker, name="member_picker"),
    path("don-vi/<int:pk>/thanh-nien/them/", lists.youth_create, name="youth_create"),
    path("thanh-nien/<int:pk>/sua/", lists.youth_edit, name="youth_edit"),
]
