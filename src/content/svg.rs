//! Whether an SVG file carries script. An SVG opened on its own is a
//! document that can run code, so an SVG from `content/` is read as XML
//! (entities decoded, as a browser would) and refused when it holds a
//! `<script>`, embedded HTML, an `on…=` handler or a `javascript:` link.

use crate::messages::Msg;

/// Elements that run code or embed a document.
const ACTIVE_ELEMENTS: &[&str] = &["script", "foreignobject", "iframe", "embed", "object", "handler"];

/// `Ok` for a script-free SVG; otherwise the problem and its line.
pub fn find_script(text: &str) -> Result<(), (Msg, Option<usize>)> {
    let options = roxmltree::ParsingOptions { allow_dtd: true, nodes_limit: 1_000_000, ..Default::default() };
    let doc = roxmltree::Document::parse_with_options(text, options)
        .map_err(|e| (Msg::SvgInvalid { detail: e.to_string() }, None))?;
    let line = |pos: usize| Some(doc.text_pos_at(pos).row as usize);
    for node in doc.descendants() {
        if node.is_element() {
            let name = node.tag_name().name().to_ascii_lowercase();
            if ACTIVE_ELEMENTS.contains(&name.as_str()) {
                let what = format!("<{}>", node.tag_name().name());
                return Err((Msg::SvgScript { what }, line(node.range().start)));
            }
            for attribute in node.attributes() {
                if attribute.name().to_ascii_lowercase().starts_with("on") {
                    let what = format!("{}=", attribute.name());
                    return Err((Msg::SvgScript { what }, line(attribute.range().start)));
                }
                if runs_code(attribute.value()) {
                    let what = format!("{}=\"{}\"", attribute.name(), short(attribute.value()));
                    return Err((Msg::SvgScript { what }, line(attribute.range().start)));
                }
            }
        }
        if node.is_text() && runs_code(node.text().unwrap_or_default()) {
            return Err((Msg::SvgScript { what: "javascript:".into() }, line(node.range().start)));
        }
    }
    Ok(())
}

/// A value with a script URL anywhere in it (`values="a;javascript:…"`),
/// however it is spaced or cased.
fn runs_code(value: &str) -> bool {
    let squeezed: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
        .collect();
    ["javascript:", "vbscript:", "data:text/html", "data:application/xhtml"]
        .iter()
        .any(|s| squeezed.contains(s))
}

fn short(value: &str) -> String {
    let mut out: String = value.chars().take(40).collect();
    if out.len() < value.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str =
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">"#;

    fn check(body: &str) -> Result<(), (Msg, Option<usize>)> {
        find_script(&format!("{SVG}\n{body}\n</svg>"))
    }

    #[test]
    fn plain_drawings_pass() {
        assert!(check(r##"<rect width="10" height="10" fill="#c00"/><a href="https://vneid.gov.vn"><text>VNeID</text></a>"##).is_ok());
        let doctype = r#"<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg xmlns="http://www.w3.org/2000/svg"/>"#;
        assert!(find_script(doctype).is_ok());
    }

    #[test]
    fn every_way_to_run_code_is_refused() {
        for (body, line) in [
            ("<script>alert(1)</script>", 2),
            ("<SCRIPT>alert(1)</SCRIPT>", 2),
            ("<g>\n<rect onload=\"alert(1)\"/></g>", 3),
            ("<rect OnClick=\"alert(1)\"/>", 2),
            ("<a href=\" java\tscript:alert(1)\"><text>x</text></a>", 2),
            ("<a xlink:href=\"&#106;avascript:alert(1)\"><text>x</text></a>", 2),
            ("<set attributeName=\"href\" to=\"javascript:alert(1)\"/>", 2),
            ("<animate attributeName=\"href\" values=\"x;javascript:alert(1)\"/>", 2),
            ("<foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\">x</div></foreignObject>", 2),
            ("<iframe src=\"https://example.org\"/>", 2),
        ] {
            let (msg, at) = check(body).expect_err(body);
            assert!(matches!(msg, Msg::SvgScript { .. }), "{body}");
            assert_eq!(at, Some(line), "{body}");
        }
    }

    #[test]
    fn broken_xml_is_refused() {
        assert!(matches!(find_script("<svg><rect></svg>"), Err((Msg::SvgInvalid { .. }, None))));
    }
}
