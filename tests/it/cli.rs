//! The `duizhao` binary from the outside: the JSON and Markdown reports, source selection,
//! directories, legacy encodings and the one-line error contract.
//!
//! Every run uses a fresh temporary directory as its working directory, so nothing here
//! depends on being started from the crate root.

use crate::common;

use common::{TempDir, duizhao, path_arg};
use serde_json::Value;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const SAMPLE_0: &str = "000_00a56f0df81fb580.txt";
const SAMPLE_1: &str = "001_b9d3a1e7e2d39cea.txt";
const SAMPLE_2: &str = "002_d4bcd45d2c455e6c.txt";
const SAMPLE_3: &str = "003_1abfbb9facdbea73.txt";
const SAMPLE_4: &str = "004_8b4324cd1f24d36d.txt";

/// The path of a bundled sample in the crate.
fn asset(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets")
        .join(name)
}

fn asset_bytes(name: &str) -> Vec<u8> {
    std::fs::read(asset(name)).expect("read asset")
}

fn asset_text(name: &str) -> String {
    String::from_utf8(asset_bytes(name)).expect("assets are UTF-8")
}

/// Asserts a successful run and parses its stdout as exactly one JSON object.
fn json_ok(out: &Output) -> Value {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "stderr: {stderr}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not one JSON value ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    assert!(v.is_object(), "not a JSON object: {v}");
    v
}

/// Asserts the error contract: exit status 2, nothing on stdout, exactly one line on stderr
/// starting with `duizhao: ` and containing every one of `needles`. Returns that line.
fn assert_error(out: &Output, needles: &[&str]) -> String {
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert!(stdout.is_empty(), "stdout not empty: {stdout}");
    assert_eq!(
        stderr.lines().count(),
        1,
        "stderr is not exactly one line: {stderr:?}"
    );
    assert!(
        stderr.ends_with('\n'),
        "stderr line not terminated: {stderr:?}"
    );
    assert!(stderr.starts_with("duizhao: "), "stderr: {stderr:?}");
    for needle in needles {
        assert!(stderr.contains(needle), "{needle:?} not in {stderr:?}");
    }
    stderr
}

/// The characters `start..end` of `text`, counting Unicode scalar values.
fn char_slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

fn as_usize(v: &Value) -> usize {
    let n = v
        .as_u64()
        .unwrap_or_else(|| panic!("not an unsigned integer: {v}"));
    usize::try_from(n).expect("fits usize")
}

fn hotspots(v: &Value) -> &Vec<Value> {
    v["hotspots"].as_array().expect("hotspots is an array")
}

/// Checks one side of a hotspot against the source text it claims to come from.
fn check_span(span: &Value, text: &str, what: &str) {
    let start = as_usize(&span["start"]);
    let end = as_usize(&span["end"]);
    let line = as_usize(&span["line"]);
    let len = text.chars().count();
    assert!(
        start <= end && end <= len,
        "{what}: bad span {span} (len {len})"
    );
    assert_eq!(
        span["text"].as_str(),
        Some(char_slice(text, start, end).as_str()),
        "{what}: text is not the source between start and end: {span}"
    );
    let expected_line = 1 + text.chars().take(start).filter(|&c| c == '\n').count();
    assert_eq!(line, expected_line, "{what}: wrong line for {span}");
}

#[test]
fn default_json_uses_embedded_samples_from_any_directory() {
    let tmp = TempDir::new("default_json");
    let v = json_ok(&duizhao(tmp.path(), &["--report", "json"]));

    for (side, name) in [("left", SAMPLE_0), ("right", SAMPLE_1)] {
        let info = &v[side];
        assert_eq!(info["name"], name, "{side}: {info}");
        assert!(
            info["path"].as_str().is_some_and(|p| p.ends_with(name)),
            "{side}: {info}"
        );
        assert_eq!(info["encoding"], "UTF-8", "{side}: {info}");
        assert_eq!(
            as_usize(&info["chars"]),
            asset_text(name).chars().count(),
            "{side}: {info}"
        );
        assert_eq!(info["warnings"], Value::Array(vec![]), "{side}: {info}");
    }
    let similarity = v["similarity"].as_f64().expect("similarity is a number");
    assert!(
        similarity > 0.0 && similarity < 1.0,
        "similarity {similarity}"
    );
    let hs = hotspots(&v);
    assert!(!hs.is_empty(), "the default pair differs");
    for h in hs {
        let kind = h["kind"].as_str().expect("kind is a string");
        let class = h["class"].as_str().expect("class is a string");
        assert!(
            ["changed", "only-left", "only-right"].contains(&kind),
            "{h}"
        );
        assert!(["wording", "punctuation"].contains(&class), "{h}");
        for side in ["left", "right"] {
            for key in ["start", "end", "line", "text"] {
                assert!(!h[side][key].is_null(), "missing {side}.{key}: {h}");
            }
        }
    }
}

#[test]
fn default_pair_hotspot_texts_are_the_source_between_start_and_end() {
    let tmp = TempDir::new("hotspot_offsets");
    let v = json_ok(&duizhao(tmp.path(), &["--report", "json"]));
    let left = asset_text(SAMPLE_0);
    let right = asset_text(SAMPLE_1);
    let hs = hotspots(&v);
    assert!(!hs.is_empty());
    for h in hs {
        check_span(&h["left"], &left, "left");
        check_span(&h["right"], &right, "right");
    }
}

#[test]
fn default_pair_hotspot_kinds_match_their_spans_in_reading_order() {
    let tmp = TempDir::new("hotspot_kinds");
    let v = json_ok(&duizhao(tmp.path(), &["--report", "json"]));
    let mut last = (0, 0);
    for h in hotspots(&v) {
        let l = (as_usize(&h["left"]["start"]), as_usize(&h["left"]["end"]));
        let r = (as_usize(&h["right"]["start"]), as_usize(&h["right"]["end"]));
        let (l_empty, r_empty) = (l.0 == l.1, r.0 == r.1);
        match h["kind"].as_str() {
            Some("changed") => assert!(!l_empty && !r_empty, "{h}"),
            Some("only-left") => assert!(!l_empty && r_empty, "{h}"),
            Some("only-right") => assert!(l_empty && !r_empty, "{h}"),
            _ => panic!("bad kind: {h}"),
        }
        assert!(l.0 >= last.0 && r.0 >= last.1, "out of order: {h}");
        last = (l.1, r.1);
    }
}

#[test]
fn default_pair_json_has_the_hegemony_variant() {
    let tmp = TempDir::new("json_variant");
    let v = json_ok(&duizhao(tmp.path(), &["--report", "json"]));
    let found = hotspots(&v).iter().any(|h| {
        h["kind"] == "changed"
            && h["class"] == "wording"
            && h["left"]["text"] == "霸权"
            && h["right"]["text"] == "强权"
    });
    assert!(found, "no 霸权/强权 hotspot in {v}");
}

#[test]
fn markdown_report_shows_the_hegemony_variant() {
    let tmp = TempDir::new("markdown");
    let out = duizhao(tmp.path(), &["--report", "markdown"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8(out.stdout).expect("Markdown is UTF-8");
    let row = md
        .lines()
        .find(|l| l.contains("**霸权**"))
        .unwrap_or_else(|| panic!("no **霸权** in:\n{md}"));
    assert!(row.starts_with('|') && row.contains("**强权**"), "{row}");
}

#[test]
fn left_and_right_select_by_index() {
    let tmp = TempDir::new("select_index");
    let v = json_ok(&duizhao(
        tmp.path(),
        &["--report", "json", "--left", "5", "--right", "3"],
    ));
    assert_eq!(v["left"]["name"], SAMPLE_4);
    assert_eq!(v["right"]["name"], SAMPLE_2);
}

#[test]
fn left_and_right_select_by_file_name_or_path() {
    let tmp = TempDir::new("select_name");
    let v = json_ok(&duizhao(
        tmp.path(),
        &["--report", "json", "--left", SAMPLE_3, "--right", SAMPLE_0],
    ));
    assert_eq!(v["left"]["name"], SAMPLE_3);
    assert_eq!(v["right"]["name"], SAMPLE_0);

    // Files given on the command line: select by the path exactly as given.
    tmp.write("a/same.txt", "甲乙丙丁。\n".as_bytes());
    tmp.write("b/same.txt", "甲乙丙戊。\n".as_bytes());
    let v = json_ok(&duizhao(
        tmp.path(),
        &[
            "--report",
            "json",
            "--left",
            "b/same.txt",
            "--right",
            "a/same.txt",
            "a/same.txt",
            "b/same.txt",
        ],
    ));
    assert_eq!(v["left"]["path"], "b/same.txt");
    assert_eq!(v["right"]["path"], "a/same.txt");
    assert_eq!(v["left"]["name"], "same.txt");
}

/// Files of one name in different folders: the reports keep each file name in `name` and tell
/// them apart in `label` (the shortest end of the path that differs), which the Markdown and
/// the apparatus readings use.
#[test]
fn reports_tell_files_of_one_name_apart_by_their_folders() {
    let tmp = TempDir::new("labels");
    tmp.write("ed1/ch01.txt", "天下大势，分久必合。\n".as_bytes());
    tmp.write("ed2/ch01.txt", "天下大势，合久必分。\n".as_bytes());
    tmp.write("ed3/ch01.txt", "天下大势，分久必合。\n".as_bytes());
    let files = ["ed1/ch01.txt", "ed2/ch01.txt", "ed3/ch01.txt"];
    let mut args = vec!["--report", "json"];
    args.extend(files);
    let v = json_ok(&duizhao(tmp.path(), &args));
    assert_eq!(v["left"]["name"], "ch01.txt");
    assert_eq!(v["left"]["label"], "ed1/ch01.txt");
    assert_eq!(v["right"]["label"], "ed2/ch01.txt");

    let mut args = vec!["--report", "markdown"];
    args.extend(files);
    let md = duizhao(tmp.path(), &args);
    let md = String::from_utf8_lossy(&md.stdout);
    assert!(md.starts_with("# ed1/ch01.txt ↔ ed2/ch01.txt"), "{md}");

    let mut args = vec!["--report", "json", "--all"];
    args.extend(files);
    let v = json_ok(&duizhao(tmp.path(), &args));
    assert_eq!(v["base"], "ed1/ch01.txt");
    let readers: Vec<Vec<String>> = v["places"][0]["readings"]
        .as_array()
        .expect("readings")
        .iter()
        .map(|r| {
            r["sources"]
                .as_array()
                .expect("sources")
                .iter()
                .map(|s| s.as_str().unwrap_or_default().to_string())
                .collect()
        })
        .collect();
    assert_eq!(
        readers,
        [vec!["ed1/ch01.txt", "ed3/ch01.txt"], vec!["ed2/ch01.txt"]]
    );
}

#[test]
fn directory_source_takes_text_files_in_name_order() {
    let tmp = TempDir::new("directory");
    tmp.write("texts/b.txt", "第二篇文章。\n".as_bytes());
    tmp.write("texts/a.txt", "第一篇文章。\n".as_bytes());
    tmp.write("texts/.hidden.txt", "隐藏的文章。\n".as_bytes());
    tmp.write("texts/image.bin", b"PNG\0\0\x01\x02binary");
    tmp.write("texts/sub/c.txt", "子目录的文章。\n".as_bytes());

    let v = json_ok(&duizhao(tmp.path(), &["--report", "json", "texts"]));
    assert_eq!(v["left"]["name"], "a.txt");
    assert_eq!(v["right"]["name"], "b.txt");
    let sep = std::path::MAIN_SEPARATOR;
    assert_eq!(v["left"]["path"], format!("texts{sep}a.txt"));
    assert_eq!(v["right"]["path"], format!("texts{sep}b.txt"));

    // Only those two: the hidden file, the binary file and the subdirectory are not sources.
    assert_error(
        &duizhao(tmp.path(), &["--report", "json", "--right", "3", "texts"]),
        &["--right 3", "there are 2"],
    );
}

#[test]
fn missing_file_is_an_error_naming_it() {
    let tmp = TempDir::new("missing");
    let missing = tmp.path().join("nowhere.txt");
    assert_error(
        &duizhao(
            tmp.path(),
            &[
                "--report",
                "json",
                path_arg(&asset(SAMPLE_0)),
                path_arg(&missing),
            ],
        ),
        &[path_arg(&missing), "no such file"],
    );
}

#[test]
fn left_index_beyond_the_sources_is_an_error() {
    let tmp = TempDir::new("left_9");
    assert_error(
        &duizhao(tmp.path(), &["--report", "json", "--left", "9"]),
        &["--left 9", "5"],
    );
}

#[test]
fn right_unknown_name_is_an_error() {
    let tmp = TempDir::new("right_nosuch");
    assert_error(
        &duizhao(tmp.path(), &["--report", "json", "--right", "nosuch.txt"]),
        &["--right nosuch.txt", "no source"],
    );
}

#[test]
fn directory_without_text_files_is_an_error() {
    let tmp = TempDir::new("no_text_dir");
    tmp.write("junk/.notes.txt", "隐藏。\n".as_bytes());
    tmp.write("junk/data.bin", b"\x00\x01\x02\x03");
    assert_error(
        &duizhao(tmp.path(), &["--report", "json", "junk"]),
        &["junk", "no text files"],
    );
    std::fs::create_dir(tmp.path().join("empty")).expect("create empty dir");
    assert_error(
        &duizhao(tmp.path(), &["--report", "json", "empty"]),
        &["empty", "no text files"],
    );
}

#[test]
fn binary_file_given_directly_is_an_error() {
    let tmp = TempDir::new("binary_file");
    tmp.write("blob.dat", b"abc\0def\0");
    assert_error(
        &duizhao(
            tmp.path(),
            &["--report", "json", path_arg(&asset(SAMPLE_0)), "blob.dat"],
        ),
        &["blob.dat", "binary"],
    );
}

#[test]
fn file_over_the_size_limit_is_refused_not_loaded() {
    let tmp = TempDir::new("too_large");
    let path = tmp.write("huge.txt", b"");
    // A sparse 100 MB file: refused from its size alone, before any byte is read.
    std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .and_then(|f| f.set_len(100 * 1024 * 1024))
        .expect("make a sparse file");
    let line = assert_error(
        &duizhao(
            tmp.path(),
            &["--report", "json", path_arg(&asset(SAMPLE_0)), "huge.txt"],
        ),
        &["huge.txt", "100 MiB", "64 MiB limit"],
    );
    assert!(line.contains("larger than"), "{line}");
}

#[test]
fn unknown_report_format_exits_2_in_one_line() {
    let tmp = TempDir::new("bad_format");
    let out = duizhao(tmp.path(), &["--report", "xml"]);
    assert_error(&out, &["arguments:", "xml", "--report"]);
}

/// Runs the binary with `args` and `stdin`, killing it (and failing) if it has not ended
/// after a few seconds: a read that never ends must not hang the suite.
fn duizhao_bounded(cwd: &Path, args: &[&OsStr], stdin: Stdio) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_duizhao"))
        .args(args)
        .current_dir(cwd)
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run duizhao");
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > HANG {
            let _ = child.kill();
            let _ = child.wait();
            panic!("duizhao {args:?} still running after {HANG:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

/// Longer than any refusal may take: a run still going then is hung.
const HANG: Duration = Duration::from_secs(10);

#[test]
fn endless_devices_are_refused_at_the_size_limit() {
    let tmp = TempDir::new("devices");
    let other = tmp.write("other.txt", "文字".as_bytes());
    for device in ["/dev/zero", "/dev/urandom"] {
        let args = [
            OsStr::new("--report"),
            OsStr::new("json"),
            OsStr::new(device),
            other.as_os_str(),
        ];
        let out = duizhao_bounded(tmp.path(), &args, Stdio::null());
        assert_error(&out, &[device, "64 MiB limit"]);
    }
}

#[test]
fn a_named_pipe_without_a_writer_is_refused_not_waited_for() {
    let tmp = TempDir::new("fifo");
    let fifo = tmp.path().join("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let other = tmp.write("other.txt", "文字".as_bytes());
    let args = [
        OsStr::new("--report"),
        OsStr::new("json"),
        fifo.as_os_str(),
        other.as_os_str(),
    ];
    let out = duizhao_bounded(tmp.path(), &args, Stdio::null());
    assert_error(&out, &["pipe", "no writer"]);
}

#[test]
fn a_named_pipe_with_a_writer_is_read() {
    let tmp = TempDir::new("fifo_writer");
    let fifo = tmp.path().join("pipe");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo")
            .success()
    );
    let other = tmp.write("other.txt", "坚决反对一切强权政治。".as_bytes());
    // The test is the writer (opened read-write, which does not wait for a reader), and the
    // text waits in the pipe for the viewer.
    let mut writer = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&fifo)
        .expect("open the pipe");
    {
        use std::io::Write;
        writer
            .write_all("坚决反对一切霸权政治。".as_bytes())
            .expect("write the pipe");
    }
    let child = Command::new(env!("CARGO_BIN_EXE_duizhao"))
        .args([OsStr::new("--report"), OsStr::new("json")])
        .arg(&fifo)
        .arg(&other)
        .current_dir(tmp.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run duizhao");
    // Once the viewer has the pipe open, the writer closes it: the viewer reads to its end.
    let fd_dir = PathBuf::from(format!("/proc/{}/fd", child.id()));
    let start = Instant::now();
    let opened = || {
        std::fs::read_dir(&fd_dir)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok())
                    .any(|e| std::fs::read_link(e.path()).is_ok_and(|l| l == fifo))
            })
            .unwrap_or(false)
    };
    while !opened() && start.elapsed() < HANG {
        std::thread::sleep(Duration::from_millis(10));
    }
    drop(writer);
    let out = child.wait_with_output().expect("output");
    let v = json_ok(&out);
    assert_eq!(v["hotspots"][0]["left"]["text"], "霸权");
}

#[test]
fn dash_reads_standard_input() {
    let tmp = TempDir::new("stdin");
    let other = tmp.write("other.txt", "坚决反对一切强权政治。".as_bytes());
    let mut child = Command::new(env!("CARGO_BIN_EXE_duizhao"))
        .args(["--report", "json", "-"])
        .arg(&other)
        .current_dir(tmp.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run duizhao");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin
            .write_all("坚决反对一切霸权政治。".as_bytes())
            .expect("write stdin");
    }
    let out = child.wait_with_output().expect("output");
    let v = json_ok(&out);
    assert_eq!(v["left"]["path"], "-");
    assert_eq!(v["hotspots"][0]["left"]["text"], "霸权");
    assert_eq!(v["hotspots"][0]["right"]["text"], "强权");
}

#[test]
fn an_argument_with_escape_sequences_is_one_escaped_line() {
    let tmp = TempDir::new("hostile_argument");
    for arg in ["--x\u{1b}]2;TITLE\u{7}", "--report=j\u{1b}[2J\u{202e}"] {
        let out = duizhao_bounded(tmp.path(), &[OsStr::new(arg)], Stdio::null());
        let line = assert_error(&out, &["arguments:"]);
        assert!(
            !line.trim_end().chars().any(char::is_control) && !line.contains('\u{202e}'),
            "{line:?}"
        );
    }
}

#[test]
fn a_file_name_that_is_not_utf8_is_accepted() {
    use std::os::unix::ffi::OsStrExt;
    let tmp = TempDir::new("non_utf8_name");
    let name = OsStr::from_bytes(b"caf\xe9.txt");
    std::fs::write(tmp.path().join(name), "坚决反对一切霸权政治。".as_bytes()).expect("write");
    let other = tmp.write("other.txt", "坚决反对一切强权政治。".as_bytes());
    let args = [
        OsStr::new("--report"),
        OsStr::new("json"),
        name,
        other.as_os_str(),
    ];
    let out = duizhao_bounded(tmp.path(), &args, Stdio::null());
    let v = json_ok(&out);
    assert_eq!(v["left"]["name"], "caf\u{fffd}.txt");
    assert_eq!(v["hotspots"][0]["left"]["text"], "霸权");
}

#[test]
fn an_error_with_standard_error_full_still_exits_2() {
    let tmp = TempDir::new("stderr_full");
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let out = Command::new(env!("CARGO_BIN_EXE_duizhao"))
        .arg("no-such-file.txt")
        .current_dir(tmp.path())
        .stderr(full)
        .output()
        .expect("run duizhao");
    assert_eq!(out.status.code(), Some(2));
}

/// Compares the UTF-8 original of the first sample with `bytes` written to `file_name`.
fn compare_with_copy(test: &str, file_name: &str, bytes: &[u8]) -> Value {
    let tmp = TempDir::new(test);
    tmp.write(file_name, bytes);
    json_ok(&duizhao(
        tmp.path(),
        &["--report", "json", path_arg(&asset(SAMPLE_0)), file_name],
    ))
}

fn assert_identical_copy(v: &Value, encoding: &str) {
    assert_eq!(v["left"]["encoding"], "UTF-8", "{}", v["left"]);
    assert_eq!(v["right"]["encoding"], encoding, "{}", v["right"]);
    assert_eq!(v["right"]["chars"], v["left"]["chars"]);
    assert_eq!(v["right"]["warnings"], Value::Array(vec![]));
    assert_eq!(hotspots(v).len(), 0, "{}", v["hotspots"]);
    assert_eq!(v["similarity"].as_f64(), Some(1.0));
}

#[test]
fn gb18030_copy_is_detected_and_identical() {
    let text = asset_text(SAMPLE_0);
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "copy must not be UTF-8"
    );
    let v = compare_with_copy("gb18030", "copy-gb18030.txt", &bytes);
    assert_identical_copy(&v, "GB18030");
}

#[test]
fn utf16le_copy_with_bom_is_detected_and_identical() {
    let text = asset_text(SAMPLE_0);
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    let v = compare_with_copy("utf16le", "copy-utf16le.txt", &bytes);
    assert_identical_copy(&v, "UTF-16LE");
}

#[test]
fn invalid_utf8_bytes_keep_utf8_with_a_warning() {
    let mut bytes = asset_bytes(SAMPLE_0);
    // Break the text at a character boundary in the middle of the article.
    let text = asset_text(SAMPLE_0);
    let at = text
        .char_indices()
        .map(|(i, _)| i)
        .find(|&i| i >= text.len() / 2)
        .expect("a boundary");
    bytes.splice(at..at, [0xFF, 0xFE]);
    let v = compare_with_copy("broken_utf8", "broken.txt", &bytes);
    assert_eq!(v["right"]["encoding"], "UTF-8", "{}", v["right"]);
    let warnings = v["right"]["warnings"].as_array().expect("warnings array");
    assert!(!warnings.is_empty(), "{}", v["right"]);
    assert_eq!(v["left"]["warnings"], Value::Array(vec![]));
}

#[test]
fn utf8_bom_copy_is_identical_and_the_bom_is_not_counted() {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend(asset_bytes(SAMPLE_0));
    let v = compare_with_copy("utf8_bom", "copy-bom.txt", &bytes);
    assert_identical_copy(&v, "UTF-8");
}

#[test]
fn hotspot_offsets_count_characters_of_decoded_legacy_text() {
    let tmp = TempDir::new("legacy_offsets");
    let left = asset_text(SAMPLE_0);
    let right = asset_text(SAMPLE_1);
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in left.encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    let (gb, _, unmappable) = encoding_rs::GB18030.encode(&right);
    assert!(!unmappable);
    tmp.write("left-utf16.txt", &utf16);
    tmp.write("right-gb18030.txt", &gb);
    let v = json_ok(&duizhao(
        tmp.path(),
        &["--report", "json", "left-utf16.txt", "right-gb18030.txt"],
    ));
    assert_eq!(v["left"]["encoding"], "UTF-16LE");
    assert_eq!(v["right"]["encoding"], "GB18030");
    let hs = hotspots(&v);
    assert!(!hs.is_empty(), "samples 1 and 2 differ");
    for h in hs {
        check_span(&h["left"], &left, "left");
        check_span(&h["right"], &right, "right");
    }
}

#[test]
fn error_is_one_line_even_when_the_input_name_holds_control_characters() {
    let tmp = TempDir::new("control_name");
    let line = assert_error(
        &duizhao(
            tmp.path(),
            &["--report", "json", "bad\u{1b}[31m\nname\r.txt"],
        ),
        &["no such file"],
    );
    let body = line.strip_suffix('\n').unwrap_or(&line);
    assert!(
        !body.chars().any(char::is_control),
        "control character printed raw: {line:?}"
    );
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    use std::io::Read;
    let tmp = TempDir::new("broken_pipe");
    // Two unrelated texts: one block hotspot holding all of both, far more than a pipe buffers.
    tmp.write("a.txt", "甲乙丙丁戊己庚辛。\n".repeat(20_000).as_bytes());
    tmp.write(
        "b.txt",
        "the quick brown fox jumps.\n".repeat(20_000).as_bytes(),
    );
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_duizhao"))
        .current_dir(tmp.path())
        .args(["--report", "json", "a.txt", "b.txt"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start duizhao");
    let mut start = [0u8; 16];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut start)
        .expect("the report starts");
    // The pipe is closed here, with most of the report unread.
    let out = child.wait_with_output().expect("duizhao ends");
    assert_eq!(&start[..8], b"{\"left\":");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

// ---------------------------------------------------------------------------------------------
// Classes, the filter and markup profiles

/// The classes of a report's hotspots, in order.
fn classes(v: &Value) -> Vec<String> {
    hotspots(v)
        .iter()
        .map(|h| h["class"].as_str().expect("class").to_string())
        .collect()
}

#[test]
fn the_default_filter_hides_mechanical_classes_and_counts_them() {
    let tmp = TempDir::new("filter_default");
    let v = json_ok(&duizhao(tmp.path(), &["--report", "json"]));
    assert_eq!(
        v["shown"],
        serde_json::json!(["wording", "punctuation", "spacing", "moved", "reading"])
    );
    let hidden = v["hidden"].as_object().expect("hidden is an object");
    assert_eq!(
        hidden.keys().map(String::as_str).collect::<Vec<_>>(),
        [
            "boilerplate",
            "form",
            "invisible",
            "markup",
            "numbering",
            "variant"
        ],
        "every hidden class, zero counts included"
    );
    // 000 marks its headings as Markdown (`# `), 001 is plain text: markup, hidden.
    assert_eq!(v["left"]["markup"], "markdown");
    assert_eq!(v["right"]["markup"], "none");
    assert!(as_usize(&v["hidden"]["markup"]) >= 1);
    assert!(
        classes(&v)
            .iter()
            .all(|c| ["wording", "punctuation", "spacing"].contains(&c.as_str()))
    );

    // Showing everything adds exactly the hidden hotspots, and hides nothing.
    let all = json_ok(&duizhao(tmp.path(), &["--report", "json", "--show", "all"]));
    let hidden_total: usize = hidden.values().map(as_usize).sum();
    assert_eq!(hotspots(&all).len(), hotspots(&v).len() + hidden_total);
    assert_eq!(all["hidden"], serde_json::json!({}));
    assert!(classes(&all).iter().any(|c| c == "markup"));
    let text0 = asset_text(SAMPLE_0);
    let text1 = asset_text(SAMPLE_1);
    for h in hotspots(&all) {
        check_span(&h["left"], &text0, "left");
        check_span(&h["right"], &text1, "right");
    }
    // Hiding every class but punctuation: the same punctuation hotspots, nothing else.
    let only = json_ok(&duizhao(
        tmp.path(),
        &["--report", "json", "--hide", "all", "--show", "punctuation"],
    ));
    let punctuation = classes(&v).iter().filter(|c| *c == "punctuation").count();
    assert!(punctuation > 0);
    assert_eq!(classes(&only), vec!["punctuation".to_string(); punctuation]);
    assert_eq!(
        as_usize(&only["hidden"]["wording"]),
        classes(&v).iter().filter(|c| *c == "wording").count()
    );
    // In command-line order: showing then hiding punctuation hides it.
    let order = json_ok(&duizhao(
        tmp.path(),
        &[
            "--report",
            "json",
            "--show",
            "punctuation",
            "--hide",
            "punctuation",
        ],
    ));
    assert!(!classes(&order).iter().any(|c| c == "punctuation"));
    // The similarity counts only what is shown: nothing shown, identical.
    let none = json_ok(&duizhao(tmp.path(), &["--report", "json", "--hide", "all"]));
    assert_eq!(none["similarity"], 1.0);
}

#[test]
fn an_unknown_class_is_an_error() {
    let tmp = TempDir::new("filter_unknown");
    let out = duizhao(tmp.path(), &["--report", "json", "--show", "wording,bogus"]);
    assert_error(&out, &["--show", "bogus", "form"]);
}

#[test]
fn markdown_report_counts_the_hidden_classes() {
    let tmp = TempDir::new("filter_markdown");
    let out = duizhao(tmp.path(), &["--report", "markdown"]);
    assert_eq!(out.status.code(), Some(0));
    let md = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        md.contains("Hidden by the filter: ") && md.contains(" markup"),
        "{md}"
    );
}

#[test]
fn markup_profiles_can_be_chosen() {
    let tmp = TempDir::new("markup_choice");
    let old = tmp.write("old.txt", "标题\n\n一緒《いっしょ》に行く。\n".as_bytes());
    let new = tmp.write("new.txt", "标题\n\nいっしょに行く。\n".as_bytes());
    let run = |extra: &[&str]| {
        let mut args = vec!["--report", "json", "--show", "all"];
        args.extend_from_slice(extra);
        args.extend([path_arg(&old), path_arg(&new)]);
        json_ok(&duizhao(tmp.path(), &args))
    };
    // Read as Aozora text: the ruby-bearing word against its reading is a spelling variant.
    let v = run(&["--markup", "aozora"]);
    assert_eq!(v["left"]["markup"], "aozora");
    assert_eq!(classes(&v), ["variant"]);
    assert_eq!(hotspots(&v)[0]["left"]["text"], "一緒《いっしょ》");
    // As plain text, the reading and its brackets are text like any other.
    let v = run(&["--markup", "none"]);
    assert_eq!(v["left"]["markup"], "none");
    assert!(classes(&v).iter().any(|c| c == "wording"), "{v}");
    assert!(
        hotspots(&v)
            .iter()
            .any(|h| h["left"]["text"].as_str().is_some_and(|t| t.contains('《'))),
        "{v}"
    );
    let out = duizhao(tmp.path(), &["--report", "json", "--markup", "html"]);
    assert_error(&out, &["--markup", "html"]);
}

#[test]
fn the_apparatus_follows_the_filter() {
    let tmp = TempDir::new("filter_apparatus");
    let v = json_ok(&duizhao(tmp.path(), &["--report", "json", "--all"]));
    assert!(v["hidden"].is_object() && v["shown"].is_array());
    let places = |v: &Value| v["places"].as_array().expect("places").len();
    let none = json_ok(&duizhao(
        tmp.path(),
        &["--report", "json", "--all", "--hide", "all"],
    ));
    assert_eq!(places(&none), 0);
    let only_punctuation = json_ok(&duizhao(
        tmp.path(),
        &["--report", "json", "--all", "--hide", "wording"],
    ));
    assert!(places(&only_punctuation) > 0 && places(&only_punctuation) < places(&v));
}

#[test]
fn sigla_are_given_by_option_or_argument_and_refused_with_one_line() {
    let tmp = TempDir::new("sigla");
    let (a, b) = (
        asset("000_00a56f0df81fb580.txt"),
        asset("001_b9d3a1e7e2d39cea.txt"),
    );
    let (a, b) = (path_arg(&a), path_arg(&b));
    // Defaults, then given ones: the others take the letters not given.
    let v = json_ok(&duizhao(tmp.path(), &["--report", "json"]));
    assert_eq!(
        (v["left"]["siglum"].as_str(), v["right"]["siglum"].as_str()),
        (Some("A"), Some("B"))
    );
    let given = format!("乙={b}");
    let v = json_ok(&duizhao(tmp.path(), &["--report", "json", a, &given]));
    assert_eq!(
        (v["left"]["siglum"].as_str(), v["right"]["siglum"].as_str()),
        (Some("A"), Some("乙"))
    );
    let v = json_ok(&duizhao(
        tmp.path(),
        &["--report", "json", "--sigla", "A=2", a, b],
    ));
    assert_eq!(
        (v["left"]["siglum"].as_str(), v["right"]["siglum"].as_str()),
        (Some("B"), Some("A"))
    );
    // Refused: a siglum twice, one that is not a name, an entry naming no source.
    assert_error(
        &duizhao(tmp.path(), &["--report", "json", "--sigla", "X,X", a, b]),
        &["--sigla X: given to both"],
    );
    assert_error(
        &duizhao(tmp.path(), &["--report", "json", "--sigla", "1=1", a, b]),
        &["--sigla 1=1: a siglum is"],
    );
    assert_error(
        &duizhao(tmp.path(), &["--report", "json", "--sigla", "A=9", a, b]),
        &["--sigla 9: no source number 9"],
    );
    // A TEI of the pair, and --units refusing TEI.
    let tei = duizhao(tmp.path(), &["--report", "tei", a, b]);
    assert_eq!(tei.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&tei.stdout).contains("<witness xml:id=\"B\">"));
    assert_error(
        &duizhao(tmp.path(), &["--report", "tei", "--units", a, b]),
        &["--units has no TEI form"],
    );
}

/// Standard input can be read once: `- -` (or `A=- B=-`) is refused in one line, exit 2,
/// before anything is read or compared.
#[test]
fn standard_input_twice_is_refused() {
    let tmp = TempDir::new("stdin_twice");
    for args in [["-", "-"], ["A=-", "B=-"]] {
        let mut all = vec!["--report", "json"];
        all.extend(args);
        let all: Vec<&OsStr> = all.iter().map(OsStr::new).collect();
        let out = duizhao_bounded(tmp.path(), &all, Stdio::null());
        assert_error(&out, &["standard input given more than once"]);
    }
}

/// The SOURCEs are read together, but standard input only in its turn: after a missing file
/// the error comes at once, while standard input (a pipe held open, as a terminal would be)
/// is still waiting to be ended.
#[test]
fn a_missing_file_before_standard_input_is_told_without_reading_it() {
    let tmp = TempDir::new("missing_then_stdin");
    let args = [
        OsStr::new("--report"),
        OsStr::new("json"),
        OsStr::new("missing.txt"),
        OsStr::new("-"),
    ];
    let out = duizhao_bounded(tmp.path(), &args, Stdio::piped());
    assert_error(&out, &["missing.txt"]);
}
