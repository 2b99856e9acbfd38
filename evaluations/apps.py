from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    name = "evaluations"
    verbose_name = "Đánh giá, thẩm định, kiểm tra, tuyên dương"
