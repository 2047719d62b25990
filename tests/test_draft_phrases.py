"""The readers of targets and forms of communication, on sentences that are none of the seeds'.

Every sentence here is made up (synthetic) in the way Vietnamese administrative plans word
their targets (*chỉ tiêu*) and forms (*hình thức tuyên truyền*); no real plan says them.
"""

from __future__ import annotations

from cchc.draft._drafter import draft_plan
from cchc.draft._source import Block, Source, finish, read_document
from cchc.draft._targets import channel_pieces, indicators_in
from cchc.text._vocab import ChannelKind, Comparator, Measure


def _targets(text: str) -> list[str]:
    return [text[f.span[0] : f.span[1]] for f in indicators_in(text)]


def _pieces(text: str) -> list[str]:
    return [text[start:end] for start, end in channel_pieces(text)]


# --- targets: their words run over their clause --------------------------------------


def test_a_target_takes_its_whole_clause_up_to_the_semicolon() -> None:
    text = (  # synthetic
        "Công tác tuyên truyền được triển khai tại 100% các xã, phường; "
        "tối thiểu 80% hộ gia đình được tiếp cận thông tin về dịch vụ công."
    )
    assert _targets(text) == [
        "Công tác tuyên truyền được triển khai tại 100% các xã, phường",
        "tối thiểu 80% hộ gia đình được tiếp cận thông tin về dịch vụ công",
    ]


def test_a_target_inside_a_longer_sentence_starts_at_phan_dau_or_bao_dam() -> None:
    text = (  # synthetic
        "Năm 2025, huyện đặt mục tiêu phấn đấu 95% hồ sơ được giải quyết đúng hạn. "
        "Theo đó, các xã tiếp tục rà soát, bảo đảm 100% thủ tục được niêm yết công khai."
    )
    assert _targets(text) == [
        "phấn đấu 95% hồ sơ được giải quyết đúng hạn",
        "bảo đảm 100% thủ tục được niêm yết công khai",
    ]


def test_the_words_after_chi_tieu_open_the_target() -> None:
    text = "Huyện giao chỉ tiêu 90% cán bộ cấp xã được bồi dưỡng kỹ năng số."  # synthetic
    assert _targets(text) == ["90% cán bộ cấp xã được bồi dưỡng kỹ năng số"]


def test_a_purpose_after_the_target_is_no_part_of_it() -> None:
    text = (  # synthetic
        "100% cán bộ, công chức được tập huấn kỹ năng giao tiếp nhằm nâng cao chất lượng phục vụ; "
        "100% bộ phận một cửa được tuyên truyền gắn với nhiệm vụ chuyển đổi số."
    )
    assert _targets(text) == [
        "100% cán bộ, công chức được tập huấn kỹ năng giao tiếp",
        "100% bộ phận một cửa được tuyên truyền",
    ]


def test_a_second_verb_reaching_the_units_owns_the_target() -> None:
    # synthetic: the first verb has an object of its own, so the target is the second's
    assert _targets("Biên soạn tài liệu và phổ biến đến 100% thôn, tổ dân phố.") == [
        "phổ biến đến 100% thôn, tổ dân phố"
    ]
    # synthetic: two verbs sharing one object keep the whole clause
    assert _targets("Tuyên truyền và phổ biến đến 100% thôn, tổ dân phố.") == [
        "Tuyên truyền và phổ biến đến 100% thôn, tổ dân phố"
    ]


def test_two_targets_in_one_clause_are_two_targets() -> None:
    text = (  # synthetic
        "100% hồ sơ được tiếp nhận trực tuyến và 90% hồ sơ được trả kết quả qua bưu chính."
    )
    assert _targets(text) == [
        "100% hồ sơ được tiếp nhận trực tuyến",
        "90% hồ sơ được trả kết quả qua bưu chính",
    ]


def test_an_ellipsis_before_a_capital_ends_a_sentence_and_one_before_lowercase_does_not() -> None:
    text = (  # synthetic
        "Các xã xây dựng kế hoạch tuyên truyền... Bảo đảm 100% thủ tục hành chính được công khai."
    )
    assert _targets(text) == ["Bảo đảm 100% thủ tục hành chính được công khai"]
    text = "Phổ biến qua hội nghị, tọa đàm… tới 100% cán bộ, công chức."  # synthetic
    assert _targets(text) == ["Phổ biến qua hội nghị, tọa đàm… tới 100% cán bộ, công chức"]


def test_times_after_a_percentage_are_the_activitys_and_alone_take_the_clause() -> None:
    text = "100% các xã tổ chức đối thoại với Nhân dân ít nhất 01 lần/năm."  # synthetic
    found = indicators_in(text)
    assert [f.values["measure"] for f in found] == [Measure.PERCENT, Measure.TIMES]
    assert _targets(text) == [
        "100% các xã tổ chức đối thoại với Nhân dân ít nhất 01 lần/năm",
        "đối thoại với Nhân dân ít nhất 01 lần/năm",
    ]
    assert found[0].values["scope"] == "các xã"
    text = "Tổ chức hội nghị sơ kết công tác tuyên truyền ít nhất 02 lần/năm."  # synthetic
    assert _targets(text) == ["Tổ chức hội nghị sơ kết công tác tuyên truyền ít nhất 02 lần/năm"]


def test_a_rate_names_what_it_measures_and_tro_len_means_at_least() -> None:
    text = "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98% trở lên."  # synthetic
    (found,) = indicators_in(text)
    assert text[found.span[0] : found.span[1]] == "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98% trở lên"
    assert found.values["scope"] == "hồ sơ giải quyết đúng hạn"
    assert found.values["comparator"] is Comparator.AT_LEAST
    (exact,) = indicators_in("Tỷ lệ hài lòng đạt 90%.")  # synthetic
    assert exact.values["comparator"] is Comparator.EXACTLY


def test_a_scope_keeps_a_portals_name_and_stops_at_its_verb() -> None:
    text = "100% trang thông tin điện tử cấp xã cập nhật kịp thời văn bản mới."  # synthetic
    (found,) = indicators_in(text)
    assert found.values["scope"] == "trang thông tin điện tử cấp xã"


# --- forms of communication: one run of words, several forms -------------------------


def test_forms_split_at_semicolons_hoac_qua_and_a_new_sentence() -> None:
    text = (  # synthetic
        "phát hành tờ gấp, sổ tay hoặc qua trang Zalo của xã; thông qua các hội nghị, "
        "giao ban… tới cán bộ, công chức; các hội thi tìm hiểu, các phong trào thi đua của "
        "đoàn viên, các lớp bồi dưỡng kỹ năng cho tuyên truyền viên…Treo băng rôn tại trụ sở."
    )
    assert _pieces(text) == [
        "phát hành tờ gấp, sổ tay",
        "qua trang Zalo của xã",
        "thông qua các hội nghị, giao ban… tới cán bộ, công chức",
        "các hội thi tìm hiểu, các phong trào thi đua của đoàn viên",
        "các lớp bồi dưỡng kỹ năng cho tuyên truyền viên",
        "Treo băng rôn tại trụ sở",
    ]


def test_hoac_between_two_things_of_one_form_does_not_split() -> None:
    text = "in tờ rơi hoặc tờ gấp phát tới hộ gia đình; tổ chức tọa đàm"  # synthetic
    assert _pieces(text) == ["in tờ rơi hoặc tờ gấp phát tới hộ gia đình", "tổ chức tọa đàm"]


def test_a_comma_before_cac_of_the_same_kind_does_not_split() -> None:
    text = "thông qua các hội nghị giao ban, các cuộc họp chi bộ, các buổi sinh hoạt"  # synthetic
    assert _pieces(text) == [
        "thông qua các hội nghị giao ban, các cuộc họp chi bộ",
        "các buổi sinh hoạt",
    ]


_PLAN = """\
Số: 05/KH-UBND
Xã Minh Họa, ngày 10 tháng 01 năm 2025
KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2025 (minh họa)
I. MỤC ĐÍCH
- Nâng cao nhận thức của Nhân dân về cải cách hành chính.
II. HÌNH THỨC TUYÊN TRUYỀN
Tuyên truyền bằng các hình thức như phát hành tờ gấp hoặc qua mạng xã hội Zalo; thông qua \
các hội nghị, giao ban; các cuộc thi tìm hiểu, các lớp tập huấn cho cán bộ…Niêm yết công khai \
thủ tục hành chính tại Bộ phận một cửa.
III. CHỈ TIÊU
- Phấn đấu 100% thủ tục hành chính được niêm yết công khai nhằm tạo thuận lợi cho người dân.
"""
"""A made-up commune plan (illustrative): an unnumbered forms sentence and one target."""


def test_a_drafted_plan_has_one_channel_per_form_and_its_target_clause() -> None:
    plan = draft_plan(read_document(None, _PLAN.encode())).plan
    assert [(c.kind, c.text) for c in plan.channels] == [
        (ChannelKind.PRINT, "phát hành tờ gấp"),
        (ChannelKind.SOCIAL_MEDIA, "qua mạng xã hội Zalo"),
        (ChannelKind.MEETING, "thông qua các hội nghị, giao ban"),
        (ChannelKind.CONTEST, "các cuộc thi tìm hiểu"),
        (ChannelKind.TRAINING, "các lớp tập huấn cho cán bộ"),
        (ChannelKind.POSTING, "Niêm yết công khai thủ tục hành chính tại Bộ phận một cửa"),
    ]
    assert [i.text for i in plan.indicators] == [
        "Phấn đấu 100% thủ tục hành chính được niêm yết công khai"
    ]


# --- a ";" list laid out one item a line, as a PDF's text layer gives it ---------------

_LISTED = """\
Số: 06/KH-UBND
Xã Minh Họa, ngày 12 tháng 01 năm 2025
KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2025 (minh họa)
I. MỤC ĐÍCH
- Nâng cao nhận thức của Nhân dân về cải cách hành chính.
II. NỘI DUNG TUYÊN TRUYỀN
Tập trung tuyên truyền các nội dung sau:
các chủ trương của Đảng, chính sách của Nhà nước về cải
cách hành chính;
kết quả thực hiện cải cách hành chính năm 2024;
các mô hình mới, cách làm hay trong giải quyết thủ tục hành chính.
Việc tuyên truyền được lồng ghép trong các buổi sinh hoạt thôn;
bảo đảm thiết thực, tiết kiệm.
"""
"""A made-up plan (illustrative) whose content list runs one ";" item a line."""


def _pdf_lines(text: str) -> Source:
    blocks = tuple(
        Block(text=line, where=f"page 1, line {number}", wraps=True)
        for number, line in enumerate(text.splitlines(), start=1)
    )
    return finish(Source(name="minh-hoa.pdf", format="pdf", blocks=blocks))


def test_a_semicolon_list_after_a_lead_in_is_one_item_a_line_in_a_pdf() -> None:
    plan = draft_plan(_pdf_lines(_LISTED)).plan
    assert [(t.id, t.text) for t in plan.tasks] == [
        ("2.1", "các chủ trương của Đảng, chính sách của Nhà nước về cải cách hành chính;"),
        ("2.2", "kết quả thực hiện cải cách hành chính năm 2024;"),
        ("2.3", "các mô hình mới, cách làm hay trong giải quyết thủ tục hành chính."),
        # synthetic: after the list's last item, a wrapped ";" sentence stays one paragraph
        (
            "2.4",
            "Việc tuyên truyền được lồng ghép trong các buổi sinh hoạt thôn; bảo đảm "
            "thiết thực, tiết kiệm.",
        ),
    ]


def test_without_a_lead_in_a_wrapped_line_after_a_semicolon_carries_on() -> None:
    text = _LISTED.replace("Tập trung tuyên truyền các nội dung sau:\n", "")
    plan = draft_plan(_pdf_lines(text)).plan
    assert plan.tasks[0].text.startswith(
        "các chủ trương của Đảng, chính sách của Nhà nước về cải cách hành chính; kết quả"
    )
