"""The URL policy: what may be fetched, and in what normalised form (pure)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reslib_desktop.offline.urls import UrlRefused, check_url, remove_dot_segments


def refused(url: str, folders: tuple[Path, ...] = ()) -> str:
    with pytest.raises(UrlRefused) as caught:
        check_url(url, folders)
    return caught.value.reason


def test_plain_urls_pass_normalised() -> None:
    checked = check_url("HTTPS://Example.ORG:443/docs/Brief%20one.pdf?x=1#top")
    assert checked.url == "https://example.org/docs/Brief%20one.pdf?x=1"
    assert (checked.host, checked.port, checked.target) == ("example.org", 443, "/docs/Brief%20one.pdf?x=1")
    assert check_url("http://127.0.0.1:8080").target == "/"


def test_spaces_and_non_ascii_are_percent_encoded() -> None:
    assert check_url("http://example.org/a file é.pdf").target == "/a%20file%20%C3%A9.pdf"
    assert check_url("http://bücher.example/x").host == "xn--bcher-kva.example"


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("http://h/files/../secret.pdf", "/secret.pdf"),
        ("http://h/a/b/../../../../etc/passwd", "/etc/passwd"),
        ("http://h/a/%2e%2e/%2E%2E/b", "/b"),
        ("http://h/a/./b/.", "/a/b/"),
    ],
)
def test_dot_segments_are_removed_and_never_climb(url: str, target: str) -> None:
    checked = check_url(url)
    assert checked.target == target
    assert ".." not in checked.url


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.org/a.pdf", "only http, https and file URLs are allowed (got ftp:)"),
        ("javascript:alert(1)", "only http, https and file URLs are allowed (got javascript:)"),
        ("//example.org/a.pdf", "not an absolute URL"),
        ("http://user:secret@example.org/a.pdf", "URLs with a user name or password are refused"),
        ("http://example.org/a\nb.pdf", "the URL contains control characters"),
        ("http://example.org/a\x00.pdf", "the URL contains control characters"),
        ("http://example.org\\..\\a.pdf", "the URL contains a backslash"),
        ("http://example.org/\u202egnp.pdf", "the URL contains an invisible or unassigned character (U+202E)"),
        ("http://exa mple.org/", "the URL has a bad host name"),
        ("http://example.org:99999/", "the URL has a bad port"),
        ("http:///a.pdf", "the URL has no host"),
        ("http://" + "a" * 5000, "the URL is too long"),
    ],
)
def test_odd_urls_are_refused_with_a_reason(url: str, reason: str) -> None:
    assert refused(url) == reason


def test_file_urls_only_inside_allowed_folders(tmp_path: Path) -> None:
    allowed = tmp_path / "allowed"
    allowed.mkdir()
    (allowed / "a.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "secret.pdf").write_bytes(b"%PDF-1.4")
    inside = check_url((allowed / "a.pdf").as_uri(), (allowed,))
    assert inside.local_path == (allowed / "a.pdf").resolve()
    assert refused((allowed / "a.pdf").as_uri()) == "file: URLs are not allowed (no allowed folders are set)"
    assert refused(allowed.as_uri() + "/../secret.pdf", (allowed,)) == "file: URL outside the allowed folders"
    assert refused(allowed.as_uri() + "/%2e%2e/secret.pdf", (allowed,)) == "file: URL outside the allowed folders"
    assert refused("file://otherhost/x.pdf", (allowed,)) == "file: URLs must point to this computer"
    assert refused(allowed.as_uri() + "/a%00.pdf", (allowed,)) == "the file: URL contains control characters"


def test_a_symlink_out_of_the_allowed_folder_is_refused(tmp_path: Path) -> None:
    allowed = tmp_path / "allowed"
    allowed.mkdir()
    (tmp_path / "secret.pdf").write_bytes(b"%PDF-1.4")
    (allowed / "link.pdf").symlink_to(tmp_path / "secret.pdf")
    assert refused((allowed / "link.pdf").as_uri(), (allowed,)) == "file: URL outside the allowed folders"


@given(st.lists(st.sampled_from(["a", "b", ".", "..", "", "%2e%2e", "c.pdf"]), max_size=12))
def test_normalised_paths_never_contain_dot_segments(segments: list[str]) -> None:
    checked = check_url("http://example.org/" + "/".join(segments))
    parts = checked.target.split("?")[0].split("/")
    assert checked.target.startswith("/")
    assert "." not in parts and ".." not in parts


def test_remove_dot_segments_matches_rfc_examples() -> None:
    assert remove_dot_segments("/a/b/c/./../../g") == "/a/g"
    assert remove_dot_segments("/mid/content=5/../6") == "/mid/6"
    assert remove_dot_segments("/..") == "/"
