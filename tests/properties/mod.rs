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
