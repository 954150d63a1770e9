//! Properties every generated file must have, shared by the tests and the
//! fuzz targets (`fuzz/`, which include this file by path): an HTML page
//! parses to its end (nothing swallows the rest of the document), an XML
//! file is well-formed.

#![allow(dead_code)]

use html5gum::{DefaultEmitter, Token, Tokenizer};

/// `Ok` when the tokenizer, switching into script, style and comment states
/// as a browser does, reaches `</body>` and `</html>` as real end tags: no
/// title, script or comment swallowed the rest of the page.
pub fn html_is_whole(html: &str) -> Result<(), String> {
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let mut closed_body = false;
    let mut last_end = Vec::new();
    for token in Tokenizer::new_with_emitter(html, emitter) {
        match token.map_err(|e| format!("{e:?}"))? {
            Token::EndTag(tag) => {
                closed_body |= tag.name.as_slice() == b"body";
                last_end = tag.name.to_vec();
            }
            Token::Error(error) if error.value.as_str().starts_with("eof-in") => {
                return Err(format!("the page ends inside something: {}", error.value));
            }
            _ => {}
        }
    }
    if !closed_body || last_end != b"html" {
        return Err("`</body></html>` was swallowed".into());
    }
    Ok(())
}

/// `Ok` when `xml` is a well-formed XML document.
pub fn xml_is_well_formed(xml: &str) -> Result<(), String> {
    roxmltree::Document::parse(xml).map(|_| ()).map_err(|e| e.to_string())
}

/// Every file of a built site: HTML pages whole, XML well-formed.
pub fn site_files_are_sound(files: &std::collections::BTreeMap<String, Vec<u8>>) -> Result<(), String> {
    for (path, bytes) in files {
        let text = std::str::from_utf8(bytes).map_err(|e| format!("{path}: not UTF-8: {e}"))?;
        let checked = if path.ends_with(".html") {
            html_is_whole(text)
        } else if path.ends_with(".xml") {
            xml_is_well_formed(text)
        } else if path.ends_with(".json") {
            serde_json::from_str::<serde_json::Value>(text).map(|_| ()).map_err(|e| e.to_string())
        } else {
            Ok(())
        };
        checked.map_err(|e| format!("{path}: {e}"))?;
    }
    Ok(())
}

/// The fuzz targets' properties, one function each, so the fuzzers and
/// `tests/fuzz_corpus.rs` check exactly the same thing. Each panics on a
/// violation (that is what a fuzzer reports).
pub mod targets {
    use loa::fuzzing::{self, Built};

    fn site(site_yaml: &str, page: &[u8]) {
        match fuzzing::build_site(site_yaml, page) {
            Built::Files(files) => {
                assert!(files.contains_key("index.html"), "no home page");
                if let Err(problem) = super::site_files_are_sound(&files) {
                    panic!("{problem}");
                }
            }
            Built::Errors(errors) => assert!(!errors.is_empty() && errors.iter().all(|e| !e.is_empty())),
        }
    }

    /// Front matter + Markdown → every page, feed and index.
    pub fn markdown_page(data: &[u8]) {
        site(fuzzing::SITE_YAML, data);
    }

    /// `site.yaml` → the whole site (or located errors).
    pub fn site_yaml(data: &[u8]) {
        if let Ok(text) = std::str::from_utf8(data) {
            site(text, fuzzing::PAGE.as_bytes());
        }
    }

    /// Slugs are clean ASCII and stable; search folding is stable.
    pub fn slug_fold(data: &[u8]) {
        let Ok(text) = std::str::from_utf8(data) else { return };
        let (slug, folded) = fuzzing::slug_and_fold(text);
        assert!(slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{slug:?}");
        assert!(!slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"), "{slug:?}");
        assert_eq!(fuzzing::slug_and_fold(&slug).0, slug, "slugifying twice changed {slug:?}");
        assert_eq!(fuzzing::slug_and_fold(&folded).1, folded, "folding twice changed {folded:?}");
    }

    /// Any line of an access log: read or skipped, never a panic; a read
    /// one has a real month and a target inside the line.
    pub fn log_line(data: &[u8]) {
        for line in data.split(|&b| b == b'\n') {
            if let Some(((_, month), _, target_len)) = fuzzing::log_line(line) {
                assert!((1..=12).contains(&month), "month {month}");
                assert!(target_len <= line.len(), "target longer than the line");
            }
        }
    }

    /// Poster wording → a laid-out A4 poster (or the engine's complaint),
    /// whose SVG is well-formed.
    pub fn poster_text(data: &[u8]) {
        let Ok(text) = std::str::from_utf8(data) else { return };
        let mut lines = text.split('\n');
        let title = lines.next().unwrap_or_default();
        let subtitle = lines.next().unwrap_or_default();
        let steps: Vec<String> = lines.take(6).map(str::to_string).collect();
        if let Ok(svg) = fuzzing::poster(title, subtitle, &steps) {
            if let Err(problem) = super::xml_is_well_formed(&svg) {
                panic!("poster SVG: {problem}");
            }
        }
    }
}
