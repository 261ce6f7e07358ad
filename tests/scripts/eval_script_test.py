#!/usr/bin/env python3
"""Tests of scripts/eval.py: its metrics, and end to end on a tiny data folder.

The end-to-end cases run the real vnindex and vnsearch from VNSEARCH_BUILD_DIR
on a data folder written here (our own sentences) in the layout of
../shared/data: news/ distractors plus the vmds and xquad-vi JSONL files.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EVAL_SCRIPT = REPO / "scripts" / "eval.py"
BUILD_DIR = Path(os.environ.get("VNSEARCH_BUILD_DIR", REPO / "build"))

sys.dont_write_bytecode = True  # no __pycache__ inside scripts/
spec = importlib.util.spec_from_file_location("vnsearch_eval", EVAL_SCRIPT)
vnsearch_eval = importlib.util.module_from_spec(spec)
sys.modules["vnsearch_eval"] = vnsearch_eval  # dataclasses look the module up
spec.loader.exec_module(vnsearch_eval)


class MissKindTest(unittest.TestCase):
    """What ranks above a known item, by the headline's adjacent word pairs."""

    HEADLINE = "Giá vàng tăng mạnh phiên sáng nay"  # 6 pairs
    BODY = "Trong phiên giao dịch, giá vàng tăng thêm hai trăm nghìn đồng."  # 2 of them

    def kind(self, first_title, first_text):
        return vnsearch_eval.miss_kind(self.HEADLINE, self.BODY, first_title, first_text)

    def test_no_hit_and_the_same_title(self):
        self.assertEqual(self.kind(None, ""), "no hit")
        self.assertEqual(self.kind("Giá vàng  tăng mạnh phiên sáng nay", "x"), "same title")

    def test_by_pairs_held_against_the_article_body(self):
        self.assertEqual(self.kind("Tin vàng", "Gia vang tang manh phien sang nay!"),
                         "holds most of its pairs")  # folded, 6 of 6
        self.assertEqual(vnsearch_eval.miss_kind("a b c d e f", "a b c d e f", "T", "a b c d e"),
                         "fewer pairs", "most, but fewer than the article")
        self.assertEqual(self.kind("Tin vàng", "giá vàng tăng mạnh"), "holds more of its pairs")
        self.assertEqual(self.kind("Tin vàng", "giá vàng tăng"), "as many pairs")
        self.assertEqual(self.kind("Tin vàng", "giá vàng hôm qua"), "fewer pairs")


class MetricsTest(unittest.TestCase):
    def test_first_relevant_rank_counts_from_one(self):
        self.assertEqual(vnsearch_eval.first_relevant_rank([None, "b", "a"], {"a", "b"}), 2)
        self.assertIsNone(vnsearch_eval.first_relevant_rank([None, "c"], {"a"}))

    def test_reciprocal_rank_is_zero_past_the_cutoff(self):
        ranked = [None] * 10 + ["a"]
        self.assertEqual(vnsearch_eval.reciprocal_rank(ranked, {"a"}, 10), 0.0)
        self.assertAlmostEqual(vnsearch_eval.reciprocal_rank(ranked, {"a"}, 11), 1 / 11)

    def test_ndcg_and_recall_with_two_relevant(self):
        ranked = ["a", None, "b"]
        ideal = 1 + 1 / 1.5849625007211563  # log2(3)
        actual = 1 + 1 / 2.0  # log2(4)
        self.assertAlmostEqual(vnsearch_eval.ndcg(ranked, {"a", "b"}, 10), actual / ideal)
        self.assertEqual(vnsearch_eval.recall(ranked, {"a", "b"}, 2), 0.5)
        self.assertEqual(vnsearch_eval.recall(ranked, {"a", "b"}, 3), 1.0)


class PassageItemsTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="vnsearch-eval-test-")
        self.data = Path(self.tmp.name)
        folder = self.data / "news" / "baomoi-2017"
        folder.mkdir(parents=True)
        # A long article: lead, then a body of numbered words, a comma after
        # every tenth, so that many windows hold punctuation.
        words = [f"chữ{i}" + ("," if i % 10 == 9 else "") for i in range(300)]
        (folder / "7.txt").write_text("Tiêu đề\nMở đầu bài.\n" + " ".join(words),
                                      encoding="utf-8")
        (folder / "8.txt").write_text("Tiêu đề ngắn\nMở đầu.\nThân bài ngắn.",
                                      encoding="utf-8")
        (folder / "9.txt").write_text("Tiêu đề\nMở đầu bài.\n" + " ".join(words),
                                      encoding="utf-8")

    def tearDown(self):
        self.tmp.cleanup()

    def test_a_window_of_plain_words_past_the_lead_of_each_long_article(self):
        known = [{"file": "9.txt"}]  # a known item is left out
        items = vnsearch_eval.passage_items(self.data, known)
        self.assertEqual([q["id"] for q in items], ["kp-7"])  # 8.txt is too short
        query = items[0]["query"].split()
        self.assertEqual(len(query), vnsearch_eval.PASSAGE_WORDS)
        first = int(query[0][len("chữ"):])
        self.assertGreaterEqual(first + 2, vnsearch_eval.PASSAGE_FROM_WORD)  # "Mở đầu bài." first
        self.assertEqual(query, [f"chữ{first + k}" for k in range(vnsearch_eval.PASSAGE_WORDS)])
        self.assertEqual(items[0]["query_ascii"], vnsearch_eval.fold(items[0]["query"]))
        self.assertEqual(items[0]["relevant"], ["kp-7"])
        # The same data gives the same queries.
        self.assertEqual(vnsearch_eval.passage_items(self.data, known), items)

    def test_a_hit_stands_for_a_near_copy_only_where_copies_count(self):
        vnsearch_eval.ARTICLE_PATHS["news/baomoi-2017/7.txt"] = "kp-7"
        self.addCleanup(vnsearch_eval.ARTICLE_PATHS.clear)
        hit = {"path": "news/other/1.txt",
               "copies": [{"path": "news/other/2.txt"}, {"path": "news/baomoi-2017/7.txt"}]}
        self.assertEqual(vnsearch_eval.doc_id_of_hit(hit, copies_count=True), "kp-7")
        self.assertIsNone(vnsearch_eval.doc_id_of_hit(hit, copies_count=False))
        self.assertEqual(vnsearch_eval.doc_id_of_hit({"path": "qa/vmds/vmds-1.json"}, True),
                         "vmds-1")


def write_jsonl(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")


def make_data(root: Path) -> None:
    """One news distractor that names the coffee query in its title, and QA
    documents where the relevant one says it only in the body."""
    news = root / "news" / "site"
    news.mkdir(parents=True)
    (news / "1.txt").write_text(
        "Giá cà phê hôm nay tăng mạnh\n"
        "Giá cà phê tại Tây Nguyên tăng thêm 500 đồng mỗi ký trong phiên sáng nay.\n",
        encoding="utf-8")
    (news / "2.txt").write_text(
        "Đội tuyển bóng chuyền nữ vào chung kết\n"
        "Các cô gái thắng 3-1 trong trận bán kết chiều qua.\n",
        encoding="utf-8")
    # Known items: title, lead and body on three lines, as in baomoi-2017.
    baomoi = root / "news" / "baomoi-2017"
    baomoi.mkdir(parents=True)
    (baomoi / "101.txt").write_text(
        "Hợp tác xã trồng nấm rơm thu lãi gấp đôi nhờ nhà kính\n"
        "Một hợp tác xã ở ngoại thành thu lãi gấp đôi sau khi chuyển sang trồng nấm trong nhà kính.\n"
        "Các xã viên cho biết hợp tác xã trồng nấm rơm thu lãi gấp đôi nhờ nhà kính giữ ẩm tốt.",
        encoding="utf-8")
    (baomoi / "102.txt").write_text(
        "Thư viện huyện mở cửa đến tối cho học sinh ôn thi\n"
        "Trong mùa thi, thư viện huyện kéo dài giờ mở cửa để học sinh có chỗ ôn bài.\n"
        "Nhiều em nói thư viện huyện mở cửa đến tối cho học sinh ôn thi là điều rất cần.",
        encoding="utf-8")
    write_jsonl(root / "qa" / "vmds" / "docs.jsonl", [
        {"id": "vmds-1", "title": "Thị trường nông sản tuần qua",
         "text": "Tuần qua lúa gạo đứng giá, còn giá cà phê nhích lên đôi chút."},
        {"id": "vmds-2", "title": "Lũ lụt miền Trung gây thiệt hại lớn",
         "text": "Nước sông dâng cao làm ngập hàng nghìn ngôi nhà ở miền Trung."},
    ])
    write_jsonl(root / "qa" / "vmds" / "queries.jsonl", [
        {"id": "v-coffee", "query": "giá cà phê", "query_ascii": "gia ca phe",
         "relevant": ["vmds-1"]},
        {"id": "v-flood", "query": "lũ lụt miền Trung", "query_ascii": "lu lut mien Trung",
         "relevant": ["vmds-2"]},
    ])
    write_jsonl(root / "qa" / "xquad-vi" / "passages.jsonl", [
        {"id": "xq-1", "title": "", "text": "Sông Hồng chảy qua Hà Nội rồi đổ ra biển Đông."},
    ])
    write_jsonl(root / "qa" / "xquad-vi" / "queries.jsonl", [
        {"id": "x-1", "query": "Sông Hồng chảy qua đâu?", "query_ascii": "Song Hong chay qua dau?",
         "relevant": ["xq-1"]},
    ])


# Run by hand without VNSEARCH_BUILD_DIR, a missing build skips; under ctest
# (which sets it) it fails.
@unittest.skipUnless("VNSEARCH_BUILD_DIR" in os.environ or (BUILD_DIR / "vnsearch").exists(),
                     f"no vnsearch in {BUILD_DIR}; set VNSEARCH_BUILD_DIR")
class EndToEndTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="vnsearch-eval-test-")
        self.root = Path(self.tmp.name)
        make_data(self.root / "data")

    def tearDown(self):
        self.tmp.cleanup()

    def run_eval(self, *extra: str) -> tuple[subprocess.CompletedProcess, dict]:
        out = self.root / "eval.json"
        proc = subprocess.run(
            [sys.executable, str(EVAL_SCRIPT), str(self.root / "data"), "--build-dir",
             str(BUILD_DIR), "--out", str(out), *extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=300)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return proc, json.loads(out.read_text(encoding="utf-8"))

    def test_distractor_in_the_title_ranks_above_the_relevant_document(self):
        proc, report = self.run_eval("--misses")
        self.assertTrue(report["distractors"])
        for variant in ("query", "query_ascii"):
            vmds = report["results"]["vmds"][variant]
            self.assertEqual(vmds["first_relevant_rank"], {"v-coffee": 2, "v-flood": 1})
            self.assertEqual(vmds["distractors_above"]["v-coffee"], 1)
            self.assertEqual(vmds["mrr@10"], 0.75)
            self.assertEqual(report["results"]["xquad-vi"][variant]["mrr@10"], 1.0)
        self.assertIn("vmds/query: 1 queries without a relevant document first", proc.stdout)
        self.assertRegex(proc.stdout, r"v-coffee +rank 2 +\(1 news above\) +giá cà phê")
        self.assertNotIn("v-flood ", proc.stdout)

    def test_known_items_are_indexed_without_their_title_and_found_by_it(self):
        source = self.root / "data" / "news" / "baomoi-2017" / "101.txt"
        before = source.read_text(encoding="utf-8")
        keep = self.root / "keep"
        proc, report = self.run_eval("--sets", "known-item", "--reuse-index", str(keep))
        self.assertEqual(source.read_text(encoding="utf-8"), before)  # the data is untouched
        # The indexed copy starts with its lead: the title line is gone.
        hits = subprocess.run(
            [str(BUILD_DIR / "vnsearch"), "-d", str(keep / "index"), "--json", "nấm rơm"],
            stdout=subprocess.PIPE, text=True, timeout=60).stdout.splitlines()
        titles = {r["path"]: r["title"] for r in map(json.loads, hits) if r["type"] == "hit"}
        self.assertTrue(titles["news/baomoi-2017/101.txt"].startswith("Một hợp tác xã"), titles)
        for variant in ("query", "query_ascii"):
            known = report["results"]["known-item"][variant]
            self.assertEqual(known["queries"], 2)
            self.assertEqual(known["first_relevant_rank"], {"ki-101": 1, "ki-102": 1})
            self.assertEqual(known["miss_kinds"], {})  # no miss to sort
        self.assertIn("known-item", proc.stdout)

    def test_without_distractors_the_relevant_document_comes_first(self):
        proc, report = self.run_eval("--no-distractors", "--sets", "vmds")
        self.assertFalse(report["distractors"])
        self.assertIn("WITHOUT the news distractors", proc.stdout)
        self.assertEqual(list(report["results"]), ["vmds"])
        for variant in ("query", "query_ascii"):
            vmds = report["results"]["vmds"][variant]
            self.assertEqual(vmds["first_relevant_rank"], {"v-coffee": 1, "v-flood": 1})
            self.assertEqual(vmds["mrr@10"], 1.0)

    def test_a_reused_index_is_rebuilt_when_the_distractors_are_left_out(self):
        keep = self.root / "keep"
        _, with_news = self.run_eval("--sets", "vmds", "--reuse-index", str(keep))
        proc, without = self.run_eval("--sets", "vmds", "--reuse-index", str(keep),
                                      "--no-distractors")
        self.assertIn("rebuilding", proc.stderr)
        self.assertEqual(with_news["results"]["vmds"]["query"]["mrr@10"], 0.75)
        self.assertEqual(without["results"]["vmds"]["query"]["mrr@10"], 1.0)

    def test_missing_data_skips_cleanly(self):
        proc = subprocess.run(
            [sys.executable, str(EVAL_SCRIPT), str(self.root / "absent"), "--build-dir",
             str(BUILD_DIR)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=60)
        self.assertEqual(proc.returncode, 0)
        self.assertIn("skipping", proc.stderr)


if __name__ == "__main__":
    unittest.main()
