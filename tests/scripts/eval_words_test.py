#!/usr/bin/env python3
"""Tests of scripts/eval_words.py: its normaliser, its matcher, its measures,
and a run end to end on a tiny data folder of our own sentences.

The ground truth of the word measures comes from this script, not from the
engine, so a broken normaliser or matcher would make a wrong figure look
right: every rule of the module docstring has a case here.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import unicodedata
import unittest
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "eval_words.py"
BUILD_DIR = Path(os.environ.get("VNSEARCH_BUILD_DIR", REPO / "build"))

sys.dont_write_bytecode = True  # no __pycache__ inside scripts/
spec = importlib.util.spec_from_file_location("eval_words", SCRIPT)
ew = importlib.util.module_from_spec(spec)
sys.modules["eval_words"] = ew  # dataclasses look the module up
spec.loader.exec_module(ew)


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


class NormalizeWordTest(unittest.TestCase):
    def check(self, cases: dict[str, str]) -> None:
        for word, want in cases.items():
            with self.subTest(word=word):
                self.assertEqual(ew.normalize_word(word), want)

    def test_old_tone_placement_becomes_new(self):
        self.check({"hoà": "hòa", "thuỷ": "thủy", "khoẻ": "khỏe", "uỷ": "ủy", "Uỷ": "ủy",
                    "hoá": "hóa", "xoè": "xòe", "tuý": "túy", "qúa": "quá", "gìa": "già"})

    def test_syllables_where_both_styles_agree_are_left_alone(self):
        self.check({"hoàn": "hoàn", "gìn": "gìn", "gì": "gì", "già": "già", "giữa": "giữa",
                    "người": "người", "ngoài": "ngoài", "khuỷu": "khuỷu", "tuổi": "tuổi",
                    "huỳnh": "huỳnh", "thuở": "thuở", "mùa": "mùa", "quốc": "quốc",
                    "nguyễn": "nguyễn", "rượu": "rượu", "gửi": "gửi"})

    def test_a_lone_final_y_after_a_consonant_is_i(self):
        self.check({"sỹ": "sĩ", "kỹ": "kĩ", "Mỹ": "mĩ", "lý": "lí", "tỷ": "tỉ", "quý": "quí",
                    "quy": "qui"})

    def test_y_alone_in_a_cluster_or_before_a_final_stays(self):
        self.check({"y": "y", "ý": "ý", "tay": "tay", "huy": "huy", "thủy": "thủy",
                    "quỳnh": "quỳnh", "yên": "yên", "khuya": "khuya"})

    def test_case_nfd_and_eth_meet(self):
        self.check({"HOÀ": "hòa", nfd("Thuỷ"): "thủy", nfd("ĐẢNG"): "đảng",
                    "\u00d0ảng": "đảng", "\u00f0ảng": "đảng"})

    def test_words_that_are_not_vietnamese_syllables_are_only_case_folded(self):
        self.check({"Chelsea": "chelsea", "COVID": "covid", "19": "19", "sky": "sky",
                    "Trump": "trump", "hòàn": "hòàn"})

    def test_fold_drops_diacritics_and_spells_d(self):
        self.assertEqual(ew.fold("Đảng viên THỦY ĐIỆN"), "Dang vien THUY DIEN")
        self.assertEqual(ew.fold(nfd("người đẹp")), "nguoi dep")
        self.assertEqual(ew.fold("a b\nc"), "a b\nc")

    def test_normalize_phrase(self):
        self.assertEqual(ew.normalize_phrase("  Thuỷ   ĐIỆN "), "thủy điện")
        self.assertEqual(ew.normalize_phrase("bác sỹ"), "bác sĩ")


class TextTest(unittest.TestCase):
    def runs(self, text: str) -> list[str]:
        return ew.normalized_text(text).split("\n")

    def test_spaces_keep_words_side_by_side_punctuation_and_lines_break(self):
        self.assertEqual(self.runs("Thủy điện, Hòa Bình\nmưa\u00a0lớn\ttại Sơn La."),
                         ["thủy điện", "hòa bình", "mưa lớn tại sơn la"])

    def test_a_hyphen_between_letters_joins_a_spaced_one_or_a_dash_breaks(self):
        self.assertEqual(self.runs("Kim Jong-un gặp Park Hang\u2011seo"),
                         ["kim jong un gặp park hang seo"])
        self.assertEqual(self.runs("Việt - Lào"), ["việt", "lào"])
        self.assertEqual(self.runs("Việt–Lào"), ["việt", "lào"])
        self.assertEqual(self.runs("Việt--Lào"), ["việt", "lào"])

    def test_zero_width_and_controls_are_deleted_underscore_breaks(self):
        self.assertEqual(self.runs("thủy\u200b điện \bHà\u00adNội a_b"),
                         ["thủy điện hànội a", "b"])

    def test_words_are_normalised_in_the_text(self):
        self.assertEqual(self.runs("Uỷ ban xã hoà giải, bác sỹ Mỹ"),
                         ["ủy ban xã hòa giải", "bác sĩ mĩ"])

    def test_header_lines_are_not_text(self):
        raw = "# doc_id = x\n# url = https://a.vn/thuy-dien-lon\n# date = 20200101\nTiêu đề"
        self.assertEqual(ew.article_text(raw), "Tiêu đề")
        self.assertEqual(ew.article_text("\ufeffTiêu đề\n# không phải = tiêu đề"),
                         "Tiêu đề\n# không phải = tiêu đề")


class HoldsTest(unittest.TestCase):
    def test_whole_words_side_by_side_within_a_run(self):
        text = ew.normalized_text("Nhà máy thủy điện lớn. Thủy\nđiện nhỏ; thủy điệnn")
        self.assertTrue(ew.holds(text, "thủy điện"))
        self.assertTrue(ew.holds(text, "nhà máy thủy điện lớn"))
        self.assertFalse(ew.holds(text, "lớn thủy"))  # across a full stop
        self.assertFalse(ew.holds(text, "điện nhỏ thủy"))  # across `;`
        self.assertFalse(ew.holds(text, "máy thủy điện nhỏ"))
        self.assertFalse(ew.holds(ew.normalized_text("thủy\nđiện"), "thủy điện"))  # a line break
        self.assertFalse(ew.holds(ew.normalized_text("thủy điệnn"), "thủy điện"))
        self.assertFalse(ew.holds(ew.normalized_text("tthủy điện"), "thủy điện"))
        self.assertTrue(ew.holds(ew.normalized_text("ở tthủy điện và thủy điện"), "thủy điện"))

    def test_accents_are_exact_unless_folded(self):
        text = ew.normalized_text("Vua Thụy Điển thăm Hà Nội")
        self.assertFalse(ew.holds(text, "thủy điện"))
        self.assertTrue(ew.holds(ew.fold(text), "thuy dien"))
        self.assertTrue(ew.holds(text, "hà nội"))
        self.assertFalse(ew.holds(text, "hà nôi"))


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def make_news(news: Path) -> None:
    """Our own sentences: a minimal pair, old tone placement, a duplicate, a
    header whose URL slug must not count, and adjacency broken by punctuation."""
    write(news / "a" / "1.txt", "Nhà máy thủy điện Sơn La\nThủy điện lớn nhất nước phát điện.")
    write(news / "a" / "2.txt", "Vua Thụy Điển thăm Hà Nội\nNhà vua Thụy Điển đến Hà Nội hôm qua.")
    write(news / "a" / "3.txt", "Thuỷ điện xả lũ\nCác hồ thuỷ điện miền Trung xả lũ.")
    write(news / "a" / "4.txt", "Thuỷ điện xả lũ\nCác hồ thuỷ điện miền Trung xả lũ.")  # = 3
    write(news / "a" / "5.txt", "Giá điện tăng\nNgười dân ở thủy, điện thì lo.")
    write(news / "b" / "6.txt",
          "# doc_id = b6\n# url = https://bao.vn/thuy-dien-moi\n# date = 20200101\n"
          "Bác sỹ khám bệnh\nCác bác sĩ ở Hà Nội khám bệnh miễn phí.")


class TruthTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="vnsearch-eval-words-test-")
        self.news = Path(self.tmp.name) / "news"
        make_news(self.news)

    def tearDown(self):
        self.tmp.cleanup()

    def test_scan_finds_the_exact_and_the_folded_forms(self):
        truth = ew.scan_corpus(self.news, {"thủy điện", "thụy điển", "bác sĩ", "hà nội"},
                               {"thuy dien", "bac si"})
        self.assertEqual(truth.files, 6)
        self.assertEqual(truth.exact["thủy điện"], {"a/1.txt", "a/3.txt", "a/4.txt"})
        self.assertEqual(truth.exact["thụy điển"], {"a/2.txt"})
        self.assertEqual(truth.exact["bác sĩ"], {"b/6.txt"})
        self.assertEqual(truth.exact["hà nội"], {"a/2.txt", "b/6.txt"})
        self.assertEqual(truth.folded["thuy dien"], {"a/1.txt", "a/2.txt", "a/3.txt", "a/4.txt"})
        self.assertEqual(truth.folded["bac si"], {"b/6.txt"})
        self.assertEqual(truth.distinct(truth.exact["thủy điện"]), 2)  # 3 and 4 are one text


def hit(path: str, rank: int) -> dict:
    return {"type": "hit", "rank": rank, "path": path, "title": path}


class MeasuresTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="vnsearch-eval-words-test-")
        self.news = Path(self.tmp.name) / "news"
        make_news(self.news)
        self.words = [ew.Word("w1", "thủy điện", "thuy dien", True, ""),
                      ew.Word("w2", "Thụy Điển", "Thuy Dien", True, ""),
                      ew.Word("w3", "bác sỹ", "bac sy", False, "")]
        self.truth = ew.scan_corpus(self.news, {w.exact for w in self.words},
                                    {w.folded for w in self.words})

    def tearDown(self):
        self.tmp.cleanup()

    def test_precision_counts_the_top_ten_and_lists_the_misses(self):
        ranked = ["a/2.txt", "a/1.txt", "a/5.txt", "a/3.txt"]
        runs = {v: {"w1": {"hits": [hit(p, i + 1) for i, p in enumerate(ranked)]},
                    "w2": {"hits": [hit("a/2.txt", 1)]},
                    "w3": {"hits": [hit("b/6.txt", 1), hit("a/1.txt", 2)]}}
                for v in ("accented", "unaccented")}
        r = ew.word_precision(self.words, self.truth, runs, min_articles=1)
        acc, una = r["accented"], r["unaccented"]
        self.assertEqual(acc["per_query"]["w1"]["precision"], 0.2)  # 1.txt, 3.txt of 10
        self.assertEqual([m["rank"] for m in acc["per_query"]["w1"]["misses"]], [1, 3])
        self.assertEqual(acc["per_query"]["w1"]["distinct_articles"], 2)
        self.assertEqual(acc["per_query"]["w2"]["precision"], 0.1)
        self.assertEqual(acc["qualifying"], 3)
        self.assertAlmostEqual(acc["precision"], (0.2 + 0.1 + 0.1) / 3, places=4)
        # Without accents 2.txt holds `thuy dien` too; w2 is the same query as w1.
        self.assertEqual(una["per_query"]["w1"]["precision"], 0.3)
        self.assertEqual(una["per_query"]["w2"]["same_as"], "w1")
        self.assertEqual((una["queries"], una["qualifying"]), (2, 2))
        self.assertAlmostEqual(una["precision"], (0.3 + 0.1) / 2, places=4)
        # A query held by fewer distinct articles than asked is listed, not averaged.
        r2 = ew.word_precision(self.words, self.truth, runs, min_articles=2)
        self.assertEqual(r2["accented"]["qualifying"], 1)
        self.assertFalse(r2["accented"]["per_query"]["w2"]["qualifies"])
        self.assertEqual(r2["accented"]["precision"], 0.2)

    def test_counts_pass_within_two_percent_of_the_distinct_articles(self):
        words = [w for w in self.words if w.count]
        # The quoted count is judged; the unquoted one is shown beside it.
        quoted = {"w1": {"summary": {"matches": 2}}, "w2": {"summary": {"matches": 4}}}
        plain = {"w1": {"summary": {"matches": 3}}, "w2": {"summary": None}}
        c = ew.counts(words, self.truth, plain, quoted)
        self.assertEqual([(r["truth"], r["engine"], r["pass"]) for r in c["rows"]],
                         [(2, 2, True), (1, 4, False)])
        self.assertEqual(c["rows"][1]["relative_error"], 3.0)
        self.assertEqual(c["rows"][0]["engine_unquoted"], 3)
        self.assertEqual((c["passed"], c["pass_rate"]), (1, 0.5))

    def test_suggestions_compare_normalised_queries(self):
        items = [ew.Suggestion("m1", "misspelt", "thủy điên", "thủy điện", ""),
                 ew.Suggestion("m2", "misspelt", "bác sỉ", "bác sĩ", ""),
                 ew.Suggestion("m3", "misspelt", "Thuy Diên", "Thụy Điển", ""),
                 ew.Suggestion("c1", "correct", "Hà Nội", "Hà Nội", ""),
                 ew.Suggestion("c2", "correct", "bác sĩ", "bác sĩ", ""),
                 ew.Suggestion("c3", "correct", "thủy điện", "thủy điện", "")]
        runs = {"m1": {"summary": {"suggestion": "Thuỷ  điện"}},  # same words, old style
                "m2": {"summary": {"matches": 1}},  # no suggestion
                "m3": {"summary": {"suggestion": "thủy điện"}},  # the wrong word
                "c1": {"summary": {"matches": 2}},
                "c2": {"summary": {"suggestion": "bác sỹ"}},  # the query itself: none
                "c3": {"summary": {"suggestion": "Thụy Điển"}}}
        phrases = {ew.normalize_phrase(q) for s in items for q in (s.query, s.expected)}
        truth = ew.scan_corpus(self.news, phrases, set())
        s = ew.suggestions(items, truth, runs)
        self.assertEqual([r["ok"] for r in s["rows"]], [True, False, False, True, True, False])
        self.assertEqual((s["misspelt"]["ok"], s["correct"]["ok"]), (1, 2))
        self.assertEqual(s["rows"][0]["articles_expected"], 2)
        self.assertEqual(s["rows"][0]["articles_query"], 0)


class FilesTest(unittest.TestCase):
    def test_the_committed_lists_are_well_formed_and_large_enough(self):
        words = ew.read_words(REPO / "benchmarks" / "eval_words.tsv")
        self.assertGreaterEqual(len(words), 60)
        self.assertGreaterEqual(sum(w.count for w in words), 30)
        for w in words:
            with self.subTest(word=w.query):
                self.assertIn(len(w.exact.split()), (2, 3, 4))
                self.assertTrue(w.ascii.isascii())
                self.assertEqual(len(w.folded.split()), len(w.exact.split()))
        sugg = ew.read_suggestions(REPO / "benchmarks" / "eval_suggestions.tsv")
        misspelt = [s for s in sugg if s.kind == "misspelt"]
        self.assertGreaterEqual(len(misspelt), 40)
        self.assertGreaterEqual(len(sugg) - len(misspelt), 40)
        for s in misspelt:
            self.assertNotEqual(ew.normalize_phrase(s.query), ew.normalize_phrase(s.expected))


# Run by hand without VNSEARCH_BUILD_DIR, a missing build skips; under ctest
# (which sets it) it fails.
@unittest.skipUnless("VNSEARCH_BUILD_DIR" in os.environ or (BUILD_DIR / "vnsearch").exists(),
                     f"no vnsearch in {BUILD_DIR}; set VNSEARCH_BUILD_DIR")
class EndToEndTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="vnsearch-eval-words-test-")
        self.root = Path(self.tmp.name)
        make_news(self.root / "data" / "news")
        write(self.root / "words.tsv",
              "# test words\nw1\tthủy điện\t\tcount\nw2\tThụy Điển\t\tcount\nw3\tbác sỹ\n")
        write(self.root / "sugg.tsv",
              "m1\tmisspelt\tthủy điên\tthủy điện\nc1\tcorrect\tHà Nội\n")

    def tearDown(self):
        self.tmp.cleanup()

    def run_script(self, *extra: str) -> tuple[subprocess.CompletedProcess, dict]:
        out = self.root / "report.json"
        proc = subprocess.run(
            [sys.executable, str(SCRIPT), str(self.root / "data"), "--build-dir", str(BUILD_DIR),
             "--word-list", str(self.root / "words.tsv"), "--suggestions", str(self.root / "sugg.tsv"),
             "--out", str(out), "--min-articles", "1", *extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=300)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return proc, json.loads(out.read_text(encoding="utf-8"))

    def test_a_run_measures_against_the_files(self):
        keep = self.root / "keep"
        proc, report = self.run_script("--misses", "--reuse-index", str(keep))
        self.assertEqual(report["truth"]["files"], 6)
        acc = report["word_precision"]["accented"]["per_query"]
        self.assertEqual(acc["w1"]["distinct_articles"], 2)
        # Every hit the engine gives is checked against the files.
        for variant in ("accented", "unaccented"):
            for q in report["word_precision"][variant]["per_query"].values():
                self.assertLessEqual(q["precision"] * ew.TOP + len(q["misses"]), ew.TOP)
                self.assertEqual(round(q["precision"] * ew.TOP) + len(q["misses"]), q["hits"])
        rows = {r["id"]: r for r in report["counts"]["rows"]}
        self.assertEqual((rows["w1"]["truth"], rows["w2"]["truth"]), (2, 1))
        self.assertIsInstance(rows["w1"]["engine"], int)
        self.assertIsInstance(rows["w1"]["engine_unquoted"], int)
        self.assertEqual(report["suggestions"]["correct"]["queries"], 1)
        for title in ("### Word precision", "### Counts", "### Suggestions", "#### accented"):
            self.assertIn(title, proc.stdout)
        self.assertRegex(proc.stdout, r"\| thủy điện \| 2 \| \d+ \|")
        # The kept index is brought up to date, not rebuilt.
        proc2, report2 = self.run_script("--reuse-index", str(keep))
        self.assertIn("incremental", proc2.stderr)
        self.assertEqual(report2["index"]["vnindex"].get("added"), 0)
        self.assertEqual(report2["counts"], report["counts"])

    def test_eval_sh_words_runs_this_script(self):
        env = dict(os.environ, VNSEARCH_EVAL_BUILD_DIR=str(BUILD_DIR))
        out = self.root / "via-eval-sh.json"
        proc = subprocess.run(
            [str(REPO / "scripts" / "eval.sh"), str(self.root / "data"), "--words",
             "--word-list", str(self.root / "words.tsv"), "--suggestions",
             str(self.root / "sugg.tsv"), "--out", str(out)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=300, env=env)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("### Counts", proc.stdout)
        self.assertEqual(json.loads(out.read_text(encoding="utf-8"))["truth"]["files"], 6)
        proc = subprocess.run([str(REPO / "scripts" / "eval.sh"), str(self.root / "absent"),
                               "--words"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, timeout=60, env=env)
        self.assertEqual(proc.returncode, 0)
        self.assertIn("skipping", proc.stderr)

    def test_missing_data_skips_cleanly(self):
        proc = subprocess.run(
            [sys.executable, str(SCRIPT), str(self.root / "absent"), "--build-dir",
             str(BUILD_DIR)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=60)
        self.assertEqual(proc.returncode, 0)
        self.assertIn("skipping", proc.stderr)


if __name__ == "__main__":
    unittest.main()
