from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("", views.member_list, name="member_list"),
    path("them/", views.member_create, name="member_create"),
    path("them/tim-chi-doan/", views.roll_unit_picker, name="roll_unit_picker"),
    path("<int:pk>/", views.member_detail, name="member_detail"),
    path("<int:pk>/sua/", views.member_edit, name="member_edit"),
    path("<int:pk>/trang-thai/", views.member_status, name="member_status"),
    path("<int:pk>/lich-su/", views.member_history, name="member_history"),
    path("<int:pk>/chuyen-sinh-hoat/", views.transfer_create, name="transfer_create"),
    path("<int:pk>/gioi-thieu-dang/", views.party_introduction_create, name="party_introduction_create"),
    path("gioi-thieu-dang/<int:pk>/ket-qua/", views.party_outcome, name="party_outcome"),
    path("chuyen-sinh-hoat/", views.transfer_list, name="transfer_list"),
    path("chuyen-sinh-hoat/tim-don-vi/", views.transfer_destination_picker, name="transfer_destination_picker"),
    path("chuyen-sinh-hoat/<int:pk>/", views.transfer_detail, name="transfer_detail"),
    path("chuyen-sinh-hoat/<int:pk>/tiep-nhan/", views.transfer_accept, name="transfer_accept"),
    path("chuyen-sinh-hoat/<int:pk>/tu-choi/", views.transfer_decline, name="transfer_decline"),
    path("chuyen-sinh-hoat/<int:pk>/huy/", views.transfer_cancel, name="transfer_cancel"),
    path("chuyen-sinh-hoat/<int:pk>/giay-gioi-thieu.pdf", views.transfer_letter, name="transfer_letter"),
    path("don-vi/<int:pk>/xep-loai/", views.rating_sheet, name="rating_sheet"),
    path("don-vi/<int:pk>/thong-ke/", views.unit_stats, name="unit_stats"),
    path("don-vi/<int:pk>/gioi-thieu-dang/", views.party_list, name="party_list"),
    path("don-vi/<int:pk>/thanh-nien/", views.youth_list, name="youth_list"),
    path("don-vi/<int:pk>/tim-doan-vien/", views.member_picker, name="member_picker"),
    path("don-vi/<int:pk>/thanh-nien/them/", views.youth_create, name="youth_create"),
    path("thanh-nien/<int:pk>/sua/", views.youth_edit, name="youth_edit"),
]
