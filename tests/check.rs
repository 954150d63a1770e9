//! `loa check`: one fixture per diagnostic (laid over the clean `checked`
//! site), asserting code, file, line, severity and exit status; the JSON
//! output is snapshot-tested.

mod harness;

use harness::Site;
use serde_json::Value;

fn check(site: &Site, extra: &[&str]) -> (i32, Vec<Value>) {
    let mut args = vec!["check", "--format", "json"];
    args.extend(extra);
    let run = site.run(&args);
    let items: Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout));
    (run.code, items.as_array().expect("a list").clone())
}

#[test]
fn a_clean_site_passes_with_no_diagnostics() {
    let site = Site::fixture("checked");
    let (code, items) = check(&site, &["--strict"]);
    assert_eq!((code, items.len()), (0, 0), "{items:?}");
    assert!(!site.output_exists(""), "check writes nothing");
}

/// Issue 15: `check` always ends with one line saying what it found, so
/// "nothing printed" never has to be read as "all is well".
#[test]
fn check_ends_with_a_summary_even_when_all_is_well() {
    let run = Site::fixture("checked").run(&["check"]).ok();
    let last = run.stderr.trim_end().lines().last().unwrap_or_default().to_string();
    assert!(
        last.starts_with("Đã kiểm tra ") && last.ends_with(" trang: 0 lỗi, 0 cảnh báo."),
        "{}",
        run.stderr
    );
    let run = Site::fixture("checked").run(&["check", "--lang", "en", "--quiet"]).ok();
    assert!(run.stderr.is_empty(), "--quiet prints only errors: {}", run.stderr);
}

#[test]
fn each_diagnostic_has_its_code_file_and_line() {
    // (case, code, severity, line (None: file only), exit code, exit code with --strict)
    type Case = (&'static str, &'static str, &'static str, Option<u64>, i32, i32);
    let cases: [Case; 8] = [
        ("stale-review", "stale-review", "warning", Some(4), 0, 1),
        ("missing-reviewed-and-sources", "missing-reviewed", "warning", Some(2), 0, 1),
        ("missing-reviewed-and-sources", "missing-sources", "warning", Some(2), 0, 1),
        ("missing-description", "missing-description", "warning", Some(2), 0, 1),
        ("retired-portal", "retired-portal", "error", Some(9), 1, 1),
        ("poster-too-long", "poster-text-too-long", "warning", Some(9), 0, 1),
        ("poster-qr-dense", "poster-qr-dense", "warning", Some(4), 0, 1),
        ("bad-date-check", "date-invalid", "error", Some(4), 1, 1),
    ];
    for (case, code, severity, line, exit, strict_exit) in cases {
        let overlay =
            if case == "bad-date-check" { "bad/bad-date".to_string() } else { format!("check-bad/{case}") };
        let site = Site::fixture("checked").overlay(&overlay);
        let (status, items) = check(&site, &[]);
        let found = items
            .iter()
            .find(|d| d["code"] == code)
            .unwrap_or_else(|| panic!("{case}: no {code} in {items:?}"));
        assert_eq!(found["severity"], severity, "{case}");
        assert_eq!(found["file"], "content/vneid/kich-hoat.md", "{case}");
        assert_eq!(found["line"].as_u64(), line, "{case}");
        assert!(found["message"].as_str().is_some_and(|m| !m.is_empty()), "{case}");
        assert_eq!(status, exit, "{case}: exit status");
        assert_eq!(check(&site, &["--strict"]).0, strict_exit, "{case}: exit status with --strict");
    }
}

#[test]
fn json_output_snapshot() {
    let site = Site::fixture("checked").overlay("check-bad/missing-reviewed-and-sources");
    let run = site.run(&["check", "--format", "json", "--lang", "en"]);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn text_output_names_file_and_line() {
    let site = Site::fixture("checked").overlay("check-bad/stale-review");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr.contains("content/vneid/kich-hoat.md:4:") && run.stderr.contains("[stale-review]"),
        "{}",
        run.stderr
    );
}

/// Issue 15: each common YAML mistake is explained in Vietnamese, with its
/// own fix, at the line where it was made (an unclosed quote at the line
/// where it opens, not where the parser noticed).
#[test]
fn yaml_mistakes_are_explained_where_they_are_made() {
    let cases = [
        ("tab", "title: \"Kích hoạt\"\n\tdescription: \"Các bước.\"\n"),
        ("colon_in_value", "title: Bước 1: mở VNeID\ndescription: \"Các bước.\"\n"),
        ("unclosed_quote", "title: \"Kích hoạt\ndescription: \"Các bước.\"\nreviewed: 2026-11-01\n"),
        (
            "bad_indent",
            "title: \"Kích hoạt\"\nsources:\n  - title: \"Cổng\"\n   url: \"https://dichvucong.gov.vn\"\n",
        ),
        ("list_for_text", "title:\n  - Kích hoạt\n  - tài khoản\ndescription: \"Các bước.\"\n"),
    ];
    for (name, yaml) in cases {
        let site = Site::fixture("checked")
            .with("content/vneid/kich-hoat.md", &format!("---\n{yaml}---\nNội dung.\n"));
        let run = site.run(&["check"]).expect_code(1);
        let first = run.stderr.split("\n\n").next().unwrap_or_default().to_string();
        insta::assert_snapshot!(format!("yaml_{name}"), first);
    }
}
