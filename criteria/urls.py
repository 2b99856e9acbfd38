from django.urls import path

from . import views

app_name = "criteria"

urlpatterns = [
    path("", views.set_list, name="set_list"),
    path("<int:pk>/", views.set_detail, name="set_detail"),
    path("<int:pk>/sua/", views.set_edit, name="set_edit"),
    path("<int:pk>/nhom/<int:number>/sua/", views.group_edit, name="group_edit"),
    path("<int:pk>/nhom/<int:number>/them-tieu-chi/", views.item_create, name="item_create"),
    path("<int:pk>/muc/them/", views.level_create, name="level_create"),
    path("<int:pk>/muc/<int:level_pk>/sua/", views.level_edit, name="level_edit"),
    path("<int:pk>/muc/<int:level_pk>/bo/", views.level_remove, name="level_remove"),
    path("<int:pk>/cong-bo/", views.set_publish, name="set_publish"),
    path("<int:pk>/sao-chep/", views.set_copy, name="set_copy"),
    path("<int:pk>/luu-tru/", views.set_archive, name="set_archive"),
    path("<int:pk>/pdf/", views.set_pdf, name="set_pdf"),
    path("<int:pk>/excel/", views.set_xlsx, name="set_xlsx"),
    path("muc-tieu-chi/<int:pk>/sua/", views.item_edit, name="item_edit"),
    path("muc-tieu-chi/<int:pk>/bo/", views.item_remove, name="item_remove"),
    path("muc-tieu-chi/<int:pk>/<str:direction>/", views.item_move, name="item_move"),
    path("don-vi/<int:unit_pk>/dia-phuong/", views.local_items, name="local_items"),
    path("don-vi/<int:unit_pk>/dia-phuong/them/", views.local_item_create, name="local_item_create"),
    path("dia-phuong/<int:pk>/sua/", views.local_item_edit, name="local_item_edit"),
    path("dia-phuong/<int:pk>/bo/", views.local_item_remove, name="local_item_remove"),
]
