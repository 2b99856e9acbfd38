"""The status event log shared by every workflow (see common/workflow.py)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class StatusEvent(models.Model):
    """One status change of one object: who, when, from → to, why. Written only by common.workflow.transition."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    workflow = models.CharField("quy trình", max_length=40)
    from_status = models.CharField("từ trạng thái", max_length=30)
    to_status = models.CharField("sang trạng thái", max_length=30)
    reason = models.TextField("lý do", blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thực hiện",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="status_events",
    )
    created_at = models.DateTimeField("lúc", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "sự kiện trạng thái"
        verbose_name_plural = "sự kiện trạng thái"
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="status_event_object")]

    def __str__(self):
        return f"{self.workflow}: {self.from_status} → {self.to_status}"

    def _label(self, value) -> str:
        model = ContentType.objects.get_for_id(self.content_type_id).model_class()
        choices = dict(model._meta.get_field("status").choices or ()) if model else {}
        return str(choices.get(value, value))

    @property
    def from_status_label(self) -> str:
        return self._label(self.from_status)

    @property
    def to_status_label(self) -> str:
        return self._label(self.to_status)
