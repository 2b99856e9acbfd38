"""Load the two shipped criteria sets (2018–2022 and 2023–2027) as published sets.

The data below is a literal copy of criteria-2018-2022.toml and criteria-2023-2027.toml (the domain files are
not read at run time); tests/criteria/test_shipped_sets.py compares every text and number to those files.
Points and thresholds are defaults the provincial committee changes through a new version of a set.
"""

from decimal import Decimal

from django.db import migrations
from django.utils import timezone

SHORT_LEVEL_NAMES = {"xuat_sac": "Xuất sắc", "dat": "Đạt"}

SETS = [{'set': {'code': '3CD-2018-2022',
          'name': 'Đoàn cơ sở 3 chủ động giai đoạn 2018 – 2022',
          'first_year': 2018,
          'last_year': 2022,
          'central_document': '08-HD/TWĐTN-BTC, ngày 16/5/2018',
          'provincial_document': '78-HD/TĐTN-TCKT, ngày 09/7/2018',
          'max_total': 100},
  'levels': [{'code': 'xuat_sac',
              'name': 'Đạt “Đoàn cơ sở 3 chủ động” – Xuất sắc',
              'min_total': 90,
              'min_group_ratio': 0.8},
             {'code': 'dat', 'name': 'Đạt “Đoàn cơ sở 3 chủ động”', 'min_total': 70, 'min_group_ratio': 0.6}],
  'groups': [{'number': 1,
              'title': 'Chủ động thực hiện quản lý đoàn viên và chăm lo, nắm bắt tình hình thanh niên ở địa '
                       'phương, đơn vị',
              'max_points': 35,
              'items': [{'code': '1.1',
                         'max_points': 7,
                         'text': 'Chủ động nắm chắc tình hình tư tưởng, nhu cầu, tâm tư, nguyện vọng của từng đoàn '
                                 'viên, thanh thiếu niên, kể cả các thông tin trên mạng xã hội (Zalo, '
                                 'Facebook,...).',
                         'evidence': 'Báo cáo nắm tình hình tư tưởng định kỳ; biên bản sinh hoạt chi đoàn có nội '
                                     'dung nắm tình hình; danh sách nhóm/trang mạng xã hội đơn vị quản lý.'},
                        {'code': '1.2',
                         'max_points': 10,
                         'text': 'Chủ động trong công tác quản lý đoàn viên: quản lý danh sách đoàn viên và cập '
                                 'nhật thường xuyên; theo dõi, nhận xét, đánh giá định kỳ hằng năm vào hồ sơ đoàn '
                                 'viên; thực hiện đầy đủ, đúng quy trình phát triển đoàn viên mới, chương trình '
                                 'Rèn luyện đoàn viên; quy trình chuyển sinh hoạt đoàn.',
                         'evidence': 'Danh sách đoàn viên cập nhật (có thể lấy trực tiếp từ sổ đoàn viên trên '
                                     'cổng); kết quả đánh giá, xếp loại đoàn viên năm; hồ sơ kết nạp đoàn viên '
                                     'mới; sổ theo dõi chuyển sinh hoạt đoàn.'},
                        {'code': '1.3',
                         'max_points': 6,
                         'text': 'Chủ động rà soát, thống kê, lập danh sách những đoàn viên, thanh thiếu niên có '
                                 'hoàn cảnh khó khăn trên địa bàn, trong đơn vị, đặc biệt thanh niên tôn giáo, '
                                 'thanh niên yếu thế để có kế hoạch giúp đỡ.',
                         'evidence': 'Danh sách thanh thiếu niên có hoàn cảnh khó khăn, thanh niên tôn giáo, thanh '
                                     'niên yếu thế; kế hoạch và kết quả giúp đỡ.'},
                        {'code': '1.4',
                         'max_points': 6,
                         'text': 'Chủ động phổ biến tới từng đoàn viên và tuyên truyền trong thanh niên những vấn '
                                 'đề mới trong đường lối của Đảng, chính sách pháp luật của Nhà nước về chính trị, '
                                 'kinh tế, văn hóa, xã hội, quốc phòng, an ninh, đối ngoại, công tác dân tộc, tôn '
                                 'giáo; tình hình thế giới, trong nước, địa phương, đơn vị và những vấn đề thực '
                                 'tiễn đang đặt ra với công tác đoàn và phong trào thanh niên.',
                         'evidence': 'Kế hoạch, biên bản các buổi học tập, tuyên truyền, phổ biến; số lượt đoàn '
                                     'viên tham gia.'},
                        {'code': '1.5',
                         'max_points': 6,
                         'text': 'Chủ động chăm lo và bảo vệ quyền lợi và lợi ích hợp pháp, chính đáng của cán bộ '
                                 'đoàn, đoàn viên, thanh thiếu nhi của địa phương, đơn vị.',
                         'evidence': 'Các hoạt động chăm lo, hỗ trợ đã thực hiện; kiến nghị, đề xuất bảo vệ quyền '
                                     'lợi đoàn viên và kết quả giải quyết.'}]},
             {'number': 2,
              'title': 'Chủ động xây dựng và thực hiện kế hoạch công tác',
              'max_points': 35,
              'items': [{'code': '2.1',
                         'max_points': 6,
                         'text': 'Chủ động xây dựng chương trình hành động, kế hoạch công tác của đơn vị nhằm cụ '
                                 'thể hóa Nghị quyết của cấp ủy Đảng, lãnh đạo địa phương, đơn vị và của Đoàn cấp '
                                 'trên.',
                         'evidence': 'Chương trình hành động, kế hoạch công tác năm đã ban hành.'},
                        {'code': '2.2',
                         'max_points': 7,
                         'text': 'Chủ động triển khai thực hiện chương trình công tác hằng năm của đơn vị; tổ chức '
                                 'các hoạt động, tạo môi trường giáo dục, rèn luyện đoàn viên, thanh thiếu nhi góp '
                                 'phần thực hiện các nhiệm vụ chính trị, kinh tế, văn hóa, xã hội, quốc phòng, an '
                                 'ninh của địa phương, đơn vị.',
                         'evidence': 'Báo cáo kết quả thực hiện chương trình công tác; danh mục hoạt động đã tổ '
                                     'chức.'},
                        {'code': '2.3',
                         'max_points': 6,
                         'text': 'Triển khai thực hiện công trình, phần việc thanh niên.',
                         'evidence': 'Danh sách công trình, phần việc thanh niên; giá trị, kết quả, hình ảnh.'},
                        {'code': '2.4',
                         'max_points': 6,
                         'text': 'Chủ động chỉ đạo các chi đoàn tổ chức sinh hoạt chi đoàn định kỳ.',
                         'evidence': 'Tỷ lệ chi đoàn sinh hoạt định kỳ (01 tháng/lần; vùng sâu, vùng xa tối thiểu '
                                     '03 tháng/lần); biên bản sinh hoạt chi đoàn.'},
                        {'code': '2.5',
                         'max_points': 5,
                         'text': 'Chủ động xây dựng và phát triển tổ chức, đặc biệt trong việc thực hiện chủ '
                                 'trương 1+1 (01 đoàn viên vận động, tập hợp ít nhất 01 thanh niên vào tổ chức '
                                 'Đoàn, Hội).',
                         'evidence': 'Số đoàn viên mới kết nạp; số thanh niên được đoàn viên giới thiệu theo chủ '
                                     'trương 1+1.'},
                        {'code': '2.6',
                         'max_points': 5,
                         'text': 'Chủ động trong kiểm tra, đánh giá, tự phê bình và phê bình; trong phát hiện, '
                                 'nhân rộng các mô hình, gương điển hình tiên tiến.',
                         'evidence': 'Kế hoạch và kết quả kiểm tra; kiểm điểm, tự phê bình; mô hình, điển hình '
                                     'được phát hiện, nhân rộng.'}]},
             {'number': 3,
              'title': 'Chủ động tham mưu với cấp ủy, phối hợp với các tổ chức liên quan',
              'max_points': 30,
              'items': [{'code': '3.1',
                         'max_points': 6,
                         'text': 'Chủ động tham mưu cấp ủy Đảng về cơ chế, nội dung trong công tác Đoàn và phong '
                                 'trào thanh thiếu nhi; trong chỉ đạo các hoạt động phối hợp giữa các ban, ngành, '
                                 'đoàn thể để thực hiện tốt công tác thanh niên.',
                         'evidence': 'Văn bản tham mưu; nghị quyết, chỉ thị, kết luận của cấp ủy về công tác thanh '
                                     'niên.'},
                        {'code': '3.2',
                         'max_points': 6,
                         'text': 'Chủ động tham mưu cấp ủy Đảng thực hiện tốt công tác quy hoạch, đào tạo, bồi '
                                 'dưỡng, bố trí, sử dụng đội ngũ cán bộ Đoàn tại cơ sở.',
                         'evidence': 'Danh sách quy hoạch cán bộ Đoàn; cán bộ được cử đi đào tạo, bồi dưỡng.'},
                        {'code': '3.3',
                         'max_points': 6,
                         'text': 'Chủ động tham mưu cho cấp ủy trong công tác giới thiệu đoàn viên ưu tú cho Đảng.',
                         'evidence': 'Nghị quyết giới thiệu đoàn viên ưu tú; số đoàn viên ưu tú được giới thiệu và '
                                     'số được kết nạp Đảng.'},
                        {'code': '3.4',
                         'max_points': 6,
                         'text': 'Chủ động phối hợp với chính quyền, các ban, ngành, đoàn thể, chi ủy thôn, buôn, '
                                 'tổ dân phố trong thực hiện nhiệm vụ chính trị cấp ủy giao; trong tham mưu cơ '
                                 'chế, chính sách nhằm thực hiện tốt công tác Đoàn và phong trào thanh thiếu nhi '
                                 'của địa phương, đơn vị.',
                         'evidence': 'Chương trình, quy chế phối hợp đã ký; kết quả các hoạt động phối hợp.'},
                        {'code': '3.5',
                         'max_points': 6,
                         'text': 'Chủ động phối hợp với cơ quan, đơn vị, doanh nghiệp huy động các nguồn lực xã '
                                 'hội phục vụ công tác Đoàn và phong trào thanh thiếu nhi tại địa phương, đơn vị.',
                         'evidence': 'Nguồn lực xã hội đã huy động (tiền, hiện vật, ngày công) và đơn vị phối '
                                     'hợp.'}]}]},
 {'set': {'code': '3CD-2023-2027',
          'name': 'Đoàn cơ sở 3 chủ động giai đoạn 2023 – 2027',
          'first_year': 2023,
          'last_year': 2027,
          'central_document': '18-HD/TWĐTN-BTC, ngày 24/5/2023',
          'provincial_document': '',
          'max_total': 100},
  'levels': [{'code': 'xuat_sac',
              'name': 'Đạt “Đoàn cơ sở 3 chủ động” – Xuất sắc',
              'min_total': 90,
              'min_group_ratio': 0.8},
             {'code': 'dat', 'name': 'Đạt “Đoàn cơ sở 3 chủ động”', 'min_total': 70, 'min_group_ratio': 0.6}],
  'groups': [{'number': 1,
              'title': 'Chủ động thực hiện quản lý đoàn viên và chăm lo, nắm bắt tình hình thanh niên ở địa '
                       'phương, đơn vị',
              'max_points': 35,
              'items': [{'code': '1.1',
                         'max_points': 7,
                         'text': 'Chủ động nắm chắc tình hình tư tưởng, nhu cầu, tâm tư, nguyện vọng của từng đoàn '
                                 'viên, thanh thiếu niên, kể cả các thông tin trên mạng xã hội (Zalo, '
                                 'Facebook,...).',
                         'evidence': 'Báo cáo nắm tình hình tư tưởng định kỳ; biên bản sinh hoạt chi đoàn có nội '
                                     'dung nắm tình hình; danh sách nhóm/trang mạng xã hội đơn vị quản lý.'},
                        {'code': '1.2',
                         'max_points': 10,
                         'text': 'Chủ động trong công tác quản lý đoàn viên: quản lý danh sách đoàn viên và cập '
                                 'nhật thường xuyên; theo dõi, nhận xét, đánh giá định kỳ hằng năm vào hồ sơ đoàn '
                                 'viên; thực hiện đầy đủ, đúng quy trình phát triển đoàn viên mới, chương trình '
                                 'Rèn luyện đoàn viên; quy trình chuyển sinh hoạt đoàn.',
                         'evidence': 'Danh sách đoàn viên cập nhật (có thể lấy trực tiếp từ sổ đoàn viên trên '
                                     'cổng); kết quả đánh giá, xếp loại đoàn viên năm; hồ sơ kết nạp đoàn viên '
                                     'mới; sổ theo dõi chuyển sinh hoạt đoàn.'},
                        {'code': '1.3',
                         'max_points': 6,
                         'text': 'Chủ động rà soát, thống kê, lập danh sách những đoàn viên, thanh thiếu niên có '
                                 'hoàn cảnh khó khăn trên địa bàn, trong đơn vị, đặc biệt thanh niên tôn giáo, '
                                 'thanh niên yếu thế để có kế hoạch giúp đỡ.',
                         'evidence': 'Danh sách thanh thiếu niên có hoàn cảnh khó khăn, thanh niên tôn giáo, thanh '
                                     'niên yếu thế; kế hoạch và kết quả giúp đỡ.'},
                        {'code': '1.4',
                         'max_points': 6,
                         'text': 'Chủ động phổ biến tới từng đoàn viên và tuyên truyền trong thanh niên những vấn '
                                 'đề mới trong đường lối của Đảng, chính sách pháp luật của Nhà nước về chính trị, '
                                 'kinh tế, văn hóa, xã hội, quốc phòng, an ninh, đối ngoại, công tác dân tộc, tôn '
                                 'giáo; tình hình thế giới, trong nước, địa phương, đơn vị và những vấn đề thực '
                                 'tiễn đang đặt ra với công tác đoàn và phong trào thanh niên.',
                         'evidence': 'Kế hoạch, biên bản các buổi học tập, tuyên truyền, phổ biến; số lượt đoàn '
                                     'viên tham gia.'},
                        {'code': '1.5',
                         'max_points': 6,
                         'text': 'Chủ động chăm lo và bảo vệ quyền lợi và lợi ích hợp pháp, chính đáng của cán bộ '
                                 'đoàn, đoàn viên, thanh thiếu nhi của địa phương, đơn vị.',
                         'evidence': 'Các hoạt động chăm lo, hỗ trợ đã thực hiện; kiến nghị, đề xuất bảo vệ quyền '
                                     'lợi đoàn viên và kết quả giải quyết.'}]},
             {'number': 2,
              'title': 'Chủ động xây dựng và thực hiện kế hoạch công tác',
              'max_points': 35,
              'items': [{'code': '2.1',
                         'max_points': 6,
                         'text': 'Chủ động xây dựng chương trình hành động, kế hoạch công tác của đơn vị nhằm cụ '
                                 'thể hóa Nghị quyết của cấp ủy Đảng, lãnh đạo địa phương, đơn vị và của Đoàn cấp '
                                 'trên.',
                         'evidence': 'Chương trình hành động, kế hoạch công tác năm đã ban hành.'},
                        {'code': '2.2',
                         'max_points': 7,
                         'text': 'Chủ động triển khai thực hiện chương trình công tác hằng năm của đơn vị; tổ chức '
                                 'các hoạt động, tạo môi trường giáo dục, rèn luyện đoàn viên, thanh thiếu nhi góp '
                                 'phần thực hiện các nhiệm vụ chính trị, kinh tế, văn hóa, xã hội, quốc phòng, an '
                                 'ninh của địa phương, đơn vị.',
                         'evidence': 'Báo cáo kết quả thực hiện chương trình công tác; danh mục hoạt động đã tổ '
                                     'chức.'},
                        {'code': '2.3',
                         'max_points': 6,
                         'text': 'Triển khai thực hiện công trình, phần việc thanh niên.',
                         'evidence': 'Danh sách công trình, phần việc thanh niên; giá trị, kết quả, hình ảnh.'},
                        {'code': '2.4',
                         'max_points': 6,
                         'text': 'Chủ động chỉ đạo các chi đoàn tổ chức sinh hoạt chi đoàn định kỳ.',
                         'evidence': 'Tỷ lệ chi đoàn sinh hoạt định kỳ (01 tháng/lần; vùng sâu, vùng xa tối thiểu '
                                     '03 tháng/lần); biên bản sinh hoạt chi đoàn.'},
                        {'code': '2.5',
                         'max_points': 5,
                         'text': 'Chủ động xây dựng và phát triển tổ chức, đặc biệt trong việc thực hiện chủ '
                                 'trương 1+1 (01 đoàn viên vận động, tập hợp ít nhất 01 thanh niên vào tổ chức '
                                 'Đoàn, Hội).',
                         'evidence': 'Số đoàn viên mới kết nạp; số thanh niên được đoàn viên giới thiệu theo chủ '
                                     'trương 1+1.'},
                        {'code': '2.6',
                         'max_points': 5,
                         'text': 'Chủ động trong kiểm tra, đánh giá, tự phê bình và phê bình; trong phát hiện, '
                                 'nhân rộng các mô hình, gương điển hình tiên tiến.',
                         'evidence': 'Kế hoạch và kết quả kiểm tra; kiểm điểm, tự phê bình; mô hình, điển hình '
                                     'được phát hiện, nhân rộng.'}]},
             {'number': 3,
              'title': 'Chủ động tham mưu với cấp ủy, phối hợp với chính quyền, các đoàn thể và các tổ chức liên '
                       'quan',
              'max_points': 30,
              'items': [{'code': '3.1',
                         'max_points': 6,
                         'text': 'Chủ động tham mưu cấp ủy Đảng về cơ chế, nội dung trong công tác Đoàn và phong '
                                 'trào thanh thiếu nhi; trong chỉ đạo các hoạt động phối hợp giữa các ban, ngành, '
                                 'đoàn thể để thực hiện tốt công tác thanh niên.',
                         'evidence': 'Văn bản tham mưu; nghị quyết, chỉ thị, kết luận của cấp ủy về công tác thanh '
                                     'niên.'},
                        {'code': '3.2',
                         'max_points': 6,
                         'text': 'Chủ động tham mưu cấp ủy Đảng thực hiện tốt công tác quy hoạch, đào tạo, bồi '
                                 'dưỡng, bố trí, sử dụng đội ngũ cán bộ Đoàn tại cơ sở.',
                         'evidence': 'Danh sách quy hoạch cán bộ Đoàn; cán bộ được cử đi đào tạo, bồi dưỡng.'},
                        {'code': '3.3',
                         'max_points': 6,
                         'text': 'Chủ động tham mưu cho cấp ủy trong công tác giới thiệu đoàn viên ưu tú cho Đảng.',
                         'evidence': 'Nghị quyết giới thiệu đoàn viên ưu tú; số đoàn viên ưu tú được giới thiệu và '
                                     'số được kết nạp Đảng.'},
                        {'code': '3.4',
                         'max_points': 6,
                         'text': 'Chủ động phối hợp với chính quyền, các ban, ngành, đoàn thể, chi ủy thôn, buôn, '
                                 'tổ dân phố trong thực hiện nhiệm vụ chính trị cấp ủy giao; trong tham mưu cơ '
                                 'chế, chính sách nhằm thực hiện tốt công tác Đoàn và phong trào thanh thiếu nhi '
                                 'của địa phương, đơn vị.',
                         'evidence': 'Chương trình, quy chế phối hợp đã ký; kết quả các hoạt động phối hợp.'},
                        {'code': '3.5',
                         'max_points': 6,
                         'text': 'Chủ động phối hợp với cơ quan, đơn vị, doanh nghiệp huy động các nguồn lực xã '
                                 'hội phục vụ công tác Đoàn và phong trào thanh thiếu nhi tại địa phương, đơn vị.',
                         'evidence': 'Nguồn lực xã hội đã huy động (tiền, hiện vật, ngày công) và đơn vị phối '
                                     'hợp.'}]}]}]


def load_sets(apps, schema_editor):
    CriteriaSet = apps.get_model("criteria", "CriteriaSet")
    CriteriaGroup = apps.get_model("criteria", "CriteriaGroup")
    CriteriaItem = apps.get_model("criteria", "CriteriaItem")
    ResultLevel = apps.get_model("criteria", "ResultLevel")
    now = timezone.now()
    for data in SETS:
        info = data["set"]
        criteria_set = CriteriaSet.objects.create(
            code=info["code"],
            version=1,
            name=info["name"],
            first_year=info["first_year"],
            last_year=info["last_year"],
            central_document=info["central_document"],
            provincial_document=info["provincial_document"],
            max_total=Decimal(str(info["max_total"])),
            status="published",
            published_at=now,
        )
        for position, level in enumerate(data["levels"]):
            ResultLevel.objects.create(
                criteria_set=criteria_set,
                position=position,
                code=level["code"],
                name=level["name"],
                short_name=SHORT_LEVEL_NAMES.get(level["code"], level["name"]),
                min_total=Decimal(str(level["min_total"])),
                min_group_ratio=Decimal(str(level["min_group_ratio"])),
            )
        for group_data in data["groups"]:
            group = CriteriaGroup.objects.create(
                criteria_set=criteria_set,
                number=group_data["number"],
                title=group_data["title"],
                max_points=Decimal(str(group_data["max_points"])),
            )
            for position, item in enumerate(group_data["items"]):
                CriteriaItem.objects.create(
                    group=group,
                    position=position,
                    code=item["code"],
                    text=item["text"],
                    evidence=item["evidence"],
                    kind="points",
                    max_points=Decimal(str(item["max_points"])),
                )


class Migration(migrations.Migration):
    dependencies = [("criteria", "0001_catalogue")]

    operations = [migrations.RunPython(load_sets, migrations.RunPython.noop)]
