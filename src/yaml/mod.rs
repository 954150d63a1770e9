//! The one place YAML is parsed (`site.yaml` and front matter).
//!
//! Parsing happens in two passes: first the document is read as a tree of
//! keys with their positions and every key is checked against a `Shape`, so
//! *all* unknown keys are reported (each with its line and the nearest known
//! key); then it is deserialised into the typed model, whose type errors
//! carry positions too. Positions are shifted to lines of the whole file, not
//! of the YAML block (a Zola pitfall).

use std::fmt;
use std::path::Path;

use serde::Deserialize;
use serde::de::{DeserializeOwned, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Location as YamlLocation, Spanned};

use crate::diagnostics::{Diagnostic, Location};
use crate::messages::Msg;

mod shape;
mod syntax;

pub use shape::Shape;

/// A YAML block inside a file: its text and the file line it starts on.
pub struct Block<'a> {
    pub yaml: &'a str,
    pub file: &'a Path,
    /// The whole file, so that errors can quote the offending line.
    pub file_text: &'a str,
    /// Number of file lines before the block (1 for front matter after `---`).
    pub line_offset: usize,
}

/// The typed value, when the document could be read into it, and every
/// problem found. Unknown keys do not stop the typed pass (the model
/// ignores them), so one run reports them together with everything else.
pub fn parse<T: DeserializeOwned>(block: &Block<'_>, shape: &Shape) -> (Option<T>, Vec<Diagnostic>) {
    let yaml = if block.yaml.trim().is_empty() { "{}" } else { block.yaml };
    let tree: Node = match serde_saphyr::from_str(yaml) {
        Ok(tree) => tree,
        Err(e) => return (None, vec![convert_error(&e, block)]),
    };
    let mut problems = Vec::new();
    check_keys(&tree, shape, block, &mut problems);
    match serde_saphyr::from_str(yaml) {
        Ok(value) => (Some(value), problems),
        Err(e) => {
            problems.push(convert_error(&e, block));
            (None, problems)
        }
    }
}

fn location(block: &Block<'_>, at: Option<YamlLocation>) -> Option<Location> {
    let at = at?;
    let line = usize::try_from(at.line()).ok()?;
    let column = usize::try_from(at.column()).ok()?;
    if line == 0 {
        return Some(Location::file(block.file));
    }
    Some(Location::at_line(block.file, block.file_text, line + block.line_offset, column))
}

fn convert_error(err: &serde_saphyr::Error, block: &Block<'_>) -> Diagnostic {
    use serde_saphyr::Error as E;
    let at = location(block, err.location());
    let position = err
        .location()
        .and_then(|l| Some((usize::try_from(l.line()).ok()?, usize::try_from(l.column()).ok()?)));
    let mut err = err;
    while let E::WithSnippet { error, .. } | E::AliasError { error, .. } = err {
        err = error;
    }
    let msg = match err {
        E::SerdeMissingField { field, .. } => Msg::MissingKey { key: (*field).to_string() },
        E::SerdeUnknownField { field, expected, .. } => unknown_key(field, expected.iter().copied()),
        E::Message { msg, .. } => decode_custom(msg),
        // Syntax: explained in the officer's terms, at the mistake.
        other => {
            let explained = syntax::explain(&plain_message(other), block.yaml, position);
            let at = match explained.at {
                Some((line, column)) if line > 0 => {
                    Some(Location::at_line(block.file, block.file_text, line + block.line_offset, column))
                }
                _ => at,
            };
            return Diagnostic::error(explained.msg, at);
        }
    };
    Diagnostic::error(msg, at)
}

/// Our own deserialisers raise errors as `key\u{1f}kind\u{1f}value`, so
/// they come back here as typed messages with the parser's location.
fn decode_custom(msg: &str) -> Msg {
    let mut parts = msg.splitn(3, '\u{1f}');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(_), Some("date"), Some(value)) => Msg::DateInvalid { value: value.to_string() },
        (Some(key), Some("value"), Some(detail)) => {
            Msg::BadValue { key: key.to_string(), detail: detail.to_string() }
        }
        _ => Msg::BadValue { key: String::new(), detail: msg.to_string() },
    }
}

/// An error for a custom deserialiser that `convert_error` turns into `msg`.
pub fn custom_error<E: serde::de::Error>(key: &str, kind: &str, value: &str) -> E {
    E::custom(format!("{key}\u{1f}{kind}\u{1f}{value}"))
}

fn plain_message(err: &serde_saphyr::Error) -> String {
    let text = err.without_snippet().to_string();
    // The parser appends its own position; ours is shown separately.
    let first = text.lines().next().unwrap_or_default();
    match first.find(" at line ") {
        Some(i) => first[..i].to_string(),
        None => first.to_string(),
    }
}

fn unknown_key<'a>(key: &str, known: impl Iterator<Item = &'a str> + Clone) -> Msg {
    Msg::UnknownKey {
        key: key.to_string(),
        suggestion: crate::suggest::nearest(key, known.clone()),
        known: known.map(str::to_string).collect(),
    }
}

fn check_keys(node: &Node, shape: &Shape, block: &Block<'_>, out: &mut Vec<Diagnostic>) {
    match (node, shape) {
        (Node::Map(entries), Shape::Map(fields)) => {
            for (key, value) in entries {
                match fields.iter().find(|(name, _)| *name == key.value) {
                    Some((_, inner)) => check_keys(value, inner, block, out),
                    None => {
                        let msg = unknown_key(&key.value, fields.iter().map(|(name, _)| name.as_str()));
                        out.push(Diagnostic::error(msg, location(block, Some(key.referenced))));
                    }
                }
            }
        }
        (Node::List(items), Shape::List(inner)) => {
            for item in items {
                check_keys(item, inner, block, out);
            }
        }
        // Type mismatches are reported by the typed pass.
        _ => {}
    }
}

/// A YAML document reduced to what key checking needs.
enum Node {
    Map(Vec<(Spanned<String>, Node)>),
    List(Vec<Node>),
    Scalar,
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<KeyText>>()? {
            let value = map.next_value::<Node>()?;
            let KeyText(text) = key.value;
            entries.push((Spanned::new(text, key.referenced, key.defined), value));
        }
        Ok(Node::Map(entries))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Node>()? {
            items.push(item);
        }
        Ok(Node::List(items))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Node, E> {
        Ok(Node::Scalar)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Node, E> {
        Ok(Node::Scalar)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Node, E> {
        Ok(Node::Scalar)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Node, E> {
        Ok(Node::Scalar)
    }
    fn visit_str<E>(self, _: &str) -> Result<Node, E> {
        Ok(Node::Scalar)
    }
    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Scalar)
    }
    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Scalar)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        Node::deserialize(d)
    }
}

/// A mapping key as text, whatever scalar type YAML gave it.
struct KeyText(String);

impl<'de> Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = KeyText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E>(self, v: &str) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_bool<E>(self, v: bool) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_unit<E>(self) -> Result<KeyText, E> {
                Ok(KeyText("null".to_string()))
            }
        }
        deserializer.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Demo {
        title: String,
        weight: Option<i64>,
        nested: Option<Inner>,
    }

    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Inner {
        name: String,
    }

    fn demo_shape() -> Shape {
        Shape::of::<Demo>().with("nested", Shape::of::<Inner>())
    }

    fn run(yaml: &str) -> Result<Demo, Vec<Diagnostic>> {
        let file_text = format!("---\n{yaml}---\n");
        let block = Block { yaml, file: Path::new("a.md"), file_text: &file_text, line_offset: 1 };
        match parse(&block, &demo_shape()) {
            (Some(demo), problems) if problems.is_empty() => Ok(demo),
            (_, problems) => Err(problems),
        }
    }

    #[test]
    fn unknown_keys_leave_the_rest_readable() {
        let file_text = "---\ntitel: y\ntitle: x\n---\n";
        let block =
            Block { yaml: "titel: y\ntitle: x\n", file: Path::new("a.md"), file_text, line_offset: 1 };
        let (value, problems) = parse::<Demo>(&block, &demo_shape());
        assert_eq!(value.map(|d| d.title).as_deref(), Some("x"));
        assert!(matches!(&problems[..], [d] if matches!(d.msg, Msg::UnknownKey { .. })));
    }

    #[test]
    fn every_unknown_key_is_reported_with_its_file_line() {
        let mut errors = run("title: x\ntitel: y\nnested:\n  nmae: z\n").unwrap_err();
        // The typed pass goes on and finds `name` missing, in the same run.
        let missing = errors.pop().unwrap();
        assert!(matches!(&missing.msg, Msg::MissingKey { key } if key == "name"), "{missing:?}");
        assert_eq!(errors.len(), 2);
        let lines: Vec<usize> = errors.iter().map(|e| e.location.as_ref().unwrap().line).collect();
        assert_eq!(lines, vec![3, 5]);
        match &errors[0].msg {
            Msg::UnknownKey { key, suggestion, .. } => {
                assert_eq!(key, "titel");
                assert_eq!(suggestion.as_deref(), Some("title"));
            }
            other => panic!("{other:?}"),
        }
        match &errors[1].msg {
            Msg::UnknownKey { suggestion, .. } => assert_eq!(suggestion.as_deref(), Some("name")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn type_errors_and_missing_keys_are_located() {
        let errors = run("title: x\nweight: nặng\n").unwrap_err();
        assert_eq!(errors[0].location.as_ref().unwrap().line, 3);
        let errors = run("weight: 3\n").unwrap_err();
        assert!(matches!(&errors[0].msg, Msg::MissingKey { key } if key == "title"));
    }

    #[test]
    fn syntax_errors_are_located() {
        let errors = run("title: x\n  bad: : :\n").unwrap_err();
        assert!(errors[0].location.as_ref().unwrap().line >= 2);
    }
}
