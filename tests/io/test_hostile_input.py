"""Hostile input: files that are not files, too big, not text, in other encodings, given twice; bad
metadata. Each is skipped or read with a warning, always with its reason, and never stops the others."""
import codecs
import datetime as dt
import json
import os
import threading

import pytest

from kg.io.document import ReadProblem, decode
from kg.io.read import discover, read, read_file
from kg.io.registry import Reader, registered

GOOD = "Tokayev arrested Masimov in Almaty."


def _split(items):
    items = list(items)
    docs = [i for i in items if not isinstance(i, ReadProblem)]
    return docs, [i for i in items if isinstance(i, ReadProblem)]


def _within(seconds, function, *args):
    """function(*args), or a failure when it has not returned after ``seconds`` (a blocked read)."""
    out = []

    def work():
        try:
            out.append(function(*args))
        except BaseException as exc:    # noqa: BLE001 - handed to the test
            out.append(exc)

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    worker.join(seconds)
    assert out, f"still waiting after {seconds}s"
    assert not isinstance(out[0], BaseException), repr(out[0])
    return out[0]


def test_a_fifo_given_by_path_is_skipped_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    [problem] = _within(10, lambda: list(read([tmp_path / "pipe.txt"])))
    assert problem.fatal and problem.message == "not a regular file (a FIFO)"


def test_a_device_is_skipped_not_read_until_memory_runs_out():
    [problem] = _within(10, lambda: list(read(["/dev/zero"])))
    assert problem.source == "/dev/zero" and problem.message == "not a regular file (a character device)"


def test_a_file_over_the_size_limit_is_skipped_and_the_others_read(tmp_path):
    (tmp_path / "big.txt").write_text("Word. " * 1000)
    (tmp_path / "small.txt").write_text(GOOD)
    docs, [problem] = _split(read([tmp_path], max_bytes=1000))
    assert [d.source for d in docs] == [str(tmp_path / "small.txt")]
    assert problem.source == str(tmp_path / "big.txt") and "over the size limit of 1,000" in problem.message
    assert len(_split(read([tmp_path]))[0]) == 2        # the default limit is far above 6,000 bytes
    from kg.io.document import read_bytes
    with pytest.raises(OSError, match="over the size limit"):
        read_bytes(tmp_path / "big.txt", 100)


def test_a_jsonl_line_over_the_limit_is_skipped_and_the_other_lines_read(tmp_path):
    lines = [json.dumps({"text": GOOD}), json.dumps({"text": "Word. " * 500}), json.dumps({"text": "Two."})]
    (tmp_path / "n.jsonl").write_text("\n".join(lines) + "\n")
    docs, [problem] = _split(read([tmp_path], max_bytes=1000))
    assert [d.text for d in docs] == [GOOD, "Two."]
    assert problem.source.endswith("n.jsonl#2") and "over the size limit of 1,000 bytes" in problem.message


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_bom_marked_and_utf16_files_are_decoded(tmp_path, codec):
    """UTF-16 and UTF-32 by their BOM, UTF-16 without one by its NUL bytes: no "B\\x00r\\x00o"."""
    text = "Brown met Smith in Zürich."
    for suffix, body in ((".txt", text), (".html", f"<p>{text}</p>"), (".jsonl", json.dumps({"text": text}))):
        (tmp_path / f"a{suffix}").write_bytes(body.encode(codec))
    docs, problems = _split(read([tmp_path]))
    assert [d.text for d in docs] == [text] * 3 and problems == []


def test_a_bom_is_dropped():
    assert decode(codecs.BOM_UTF32_LE + "Hi".encode("utf-32-le"), "x") == ("Hi", [])
    assert decode(codecs.BOM_UTF8 + b"Hi", "x") == ("Hi", [])


@pytest.mark.parametrize("suffix", [".txt", ".html", ".jsonl"])
def test_a_binary_file_is_skipped_with_its_reason(tmp_path, suffix):
    (tmp_path / f"blob{suffix}").write_bytes(bytes(range(256)) * 8 + b"\x00" * 500)
    docs, [problem] = _split(read([tmp_path]))
    assert docs == [] and problem.fatal and problem.message.startswith("not text:")


def test_text_with_a_few_bad_bytes_is_still_text(tmp_path):
    (tmp_path / "latin1.txt").write_bytes(f"{GOOD} Café, naïve, señor.".encode("latin-1"))
    [doc], [problem] = _split(read([tmp_path]))
    assert doc.text.startswith(GOOD) and not problem.fatal


def test_fifo_and_dangling_link_in_a_folder_are_reported(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "gone.html").symlink_to(tmp_path / "nowhere.html")
    (tmp_path / "a.txt").write_text(GOOD)
    os.mkfifo(tmp_path / "other.dat")            # a suffix no reader claims: not ours to report
    docs, problems = _split(_within(10, lambda: list(read([tmp_path]))))
    assert [d.source for d in docs] == [str(tmp_path / "a.txt")]
    assert {(p.source, p.message) for p in problems} == {
        (str(tmp_path / "pipe.txt"), "not a regular file (a FIFO)"),
        (str(tmp_path / "gone.html"), f"a link to {tmp_path / 'nowhere.html'}, which does not exist")}
    assert all(p.fatal for p in problems)


def test_a_file_given_twice_is_read_once(tmp_path):
    """Twice by name, by its folder and by name, and through a link: one document, a warning each."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(GOOD)
    (tmp_path / "link.txt").symlink_to(tmp_path / "in" / "a.txt")
    paths = [tmp_path / "in", tmp_path / "in" / "a.txt", tmp_path / "in" / "a.txt", tmp_path / "link.txt"]
    docs, problems = _split(read(paths))
    assert len(docs) == 1 and len(discover(paths)) == 1
    assert [p.message for p in problems] == ["given more than once; read once"] * 2 + [
        f"the same file as {tmp_path / 'in' / 'a.txt'}; read once"]
    assert not any(p.fatal for p in problems)


@pytest.mark.parametrize("sidecar, message", [
    ("{broken", "metadata not read"),
    ("[1, 2]", "metadata is not a JSON object"),
    ('{"title": 3}', "title is not text (int); left out"),
    ('{"date": "last Tuesday"}', "date 'last Tuesday' is not a date (YYYY-MM-DD); left out"),
    ('{"date": "2022-02-30"}', "date '2022-02-30' is not a date (YYYY-MM-DD); left out"),
])
def test_bad_metadata_is_reported_and_the_article_read(tmp_path, sidecar, message):
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "a.meta.json").write_text(sidecar)
    [doc], [problem] = _split(read([tmp_path]))
    assert doc.text == GOOD and doc.title is None and doc.date is None
    assert problem.source == str(tmp_path / "a.meta.json") and message in problem.message and not problem.fatal


def test_bad_dates_and_fields_in_jsonl_and_html_are_reported(tmp_path):
    (tmp_path / "n.jsonl").write_text(json.dumps({"text": GOOD, "date": "soon", "title": {"x": 1}}) + "\n")
    (tmp_path / "p.html").write_text(f"<meta name='date' content='13/01/2022'><p>{GOOD}</p>")
    docs, problems = _split(read([tmp_path]))
    assert len(docs) == 2 and all(d.date is None and d.title is None for d in docs)
    assert sorted(p.message for p in problems) == [
        "date '13/01/2022' is not a date (YYYY-MM-DD); left out",
        "date 'soon' is not a date (YYYY-MM-DD); left out", "title is not text (dict); left out"]
    good = json.dumps({"text": GOOD, "date": "2022-01-10T08:00:00Z"})
    (tmp_path / "n.jsonl").write_text(good + "\n")
    assert _split(read([tmp_path / "n.jsonl"]))[0][0].date == dt.date(2022, 1, 10)


def test_characters_no_output_can_hold_are_replaced(tmp_path):
    """A lone surrogate or a NUL from a JSON escape, a control character in a file: one for one."""
    (tmp_path / "n.jsonl").write_text('{"text": "Tokayev\\u0000 arrested \\ud800Masimov.", "title": "T\\u0007"}\n')
    [doc], [] = _split(read([tmp_path]))
    assert doc.text == "Tokayev  arrested \ufffdMasimov." and doc.title == "T "
    doc.text.encode("utf-8")


def test_a_readers_failure_is_that_files_problem(tmp_path):
    def explode(path):
        yield from ()
        raise RecursionError("maximum recursion depth exceeded")

    (tmp_path / "a.md").write_text("x")
    with registered(Reader("exploding", (".md",), explode)):
        [problem] = read_file(tmp_path / "a.md")
    assert problem.message == "cannot read: RecursionError: maximum recursion depth exceeded"


def test_hostile_names_are_shown_on_one_line(tmp_path):
    from kg.io.document import display
    name = os.fsdecode(b"new\nline \xff-x.txt")
    assert display(name) == "new\\nline \\udcff-x.txt"
    (tmp_path / name).write_text(GOOD)
    [doc] = read([tmp_path])
    assert doc.source.encode("utf-8").endswith("new\nline \ufffd-x.txt".encode("utf-8"))


def test_a_sidecar_that_is_a_fifo_is_reported_not_waited_on(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    os.mkfifo(tmp_path / "a.meta.json")
    [doc], [problem] = _split(_within(10, lambda: list(read([tmp_path / "a.txt"]))))
    assert doc.text == GOOD and not problem.fatal
    assert problem.message == "metadata not read (not a regular file (a FIFO)); the article is read without it"
