//! `loa init DIR`: a new site for a xã, phường or đặc khu — a `site.yaml`
//! with every key explained in Vietnamese, a home page and one example page
//! per main section — that builds at once with the built-in theme. What the
//! flags (or, on a terminal, the answers) give is used; what they do not is
//! left as a visible placeholder, so the posters say "BẢN MẪU" until it is
//! filled in.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use crate::cli::InitArgs;
use crate::config::unit_kind;
use crate::diagnostics::Diagnostic;
use crate::messages::{Chrome, Lang, Msg};
use crate::terminal::{EXIT_ERRORS, EXIT_OK, Global, print_diagnostics};

/// What the officer told `loa init` about the unit.
#[derive(Default, Debug, PartialEq)]
pub(crate) struct Answers {
    kind: Option<String>,
    name: Option<String>,
    province: Option<String>,
    url: Option<String>,
}

pub fn run(args: &InitArgs, global: Global) -> i32 {
    let mut answers = Answers {
        kind: args.kind.clone(),
        name: args.name.clone(),
        province: args.province.clone(),
        url: args.url.clone(),
    };
    let no_flags = answers == Answers::default();
    if no_flags && std::io::stdin().is_terminal() && std::io::stderr().is_terminal() {
        answers = ask(&mut std::io::stdin().lock(), &mut std::io::stderr(), global.lang);
    }
    match create(&args.dir, &answers, Place::EmptyFolder) {
        Ok(count) => {
            if !global.quiet {
                eprintln!("{}", Chrome::initialised(global.lang, &crate::fs::display(&args.dir), count));
            }
            EXIT_OK
        }
        Err(problem) => {
            print_diagnostics(&[problem], global);
            EXIT_ERRORS
        }
    }
}

/// Asks for each value in turn; an empty answer leaves a placeholder.
pub(crate) fn ask(input: &mut impl BufRead, out: &mut impl Write, lang: Lang) -> Answers {
    let kind = loop {
        match question(input, out, &Chrome::init_ask_kind(lang)) {
            Some(kind) if unit_kind(&kind).is_none() => {
                // The prompt is a courtesy: a closed terminal just ends it.
                let _shown = writeln!(out, "{}", Chrome::init_bad_kind(lang));
            }
            kind => break kind,
        }
    };
    let name = question(input, out, &Chrome::init_ask_name(lang));
    let province = question(input, out, &Chrome::init_ask_province(lang));
    let url = question(input, out, &Chrome::init_ask_url(lang))
        .filter(|u| crate::config::parse_base_url(u).is_some());
    Answers { kind, name, province, url }
}

/// One answer, or `None` for an empty line or the end of input.
pub(crate) fn question(input: &mut impl BufRead, out: &mut impl Write, prompt: &str) -> Option<String> {
    let _shown = write!(out, "{prompt}: ").and_then(|()| out.flush());
    let mut line = String::new();
    if input.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let answer = crate::fs::normalise(line.trim().to_string());
    (!answer.is_empty()).then_some(answer)
}

/// Where a new site may be written.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Place {
    /// A new or empty folder (`loa init DIR`).
    EmptyFolder,
    /// A folder with other files in it, none of them the site's own: where
    /// loa.exe was double-clicked.
    BesideOtherFiles,
}

/// Writes a new site into `dir`; how many files.
pub(crate) fn create(dir: &Path, answers: &Answers, place: Place) -> Result<usize, Diagnostic> {
    if let Some(kind) = answers.kind.as_deref().filter(|k| unit_kind(k).is_none()) {
        return Err(Diagnostic::error(Msg::UnitKindInvalid { value: kind.to_string() }, None));
    }
    let today = chrono::Local::now().date_naive().format("%Y-%m-%d").to_string();
    let values = site_values(answers);
    let mut values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    values.push(("today", &today));
    let files = crate::scaffold::site_files(&values);
    let taken = match place {
        Place::EmptyFolder => std::fs::read_dir(dir).map(|mut d| d.next().is_some()).unwrap_or(false),
        Place::BesideOtherFiles => {
            dir.join("content").exists() || files.iter().any(|(path, _)| dir.join(path).exists())
        }
    };
    if taken {
        return Err(Diagnostic::error(Msg::InitNotEmpty { dir: crate::fs::display(dir) }, None));
    }
    for (path, text) in &files {
        crate::fs::write(&dir.join(path), text.as_bytes())?;
    }
    Ok(files.len())
}

/// The values written into `site.yaml`: the answers, placeholders for the rest.
fn site_values(answers: &Answers) -> Vec<(&'static str, String)> {
    let kind = answers
        .kind
        .as_deref()
        .and_then(unit_kind)
        .unwrap_or_else(|| crate::messages::UNIT_KINDS[0].to_string());
    let name = answers.name.clone().unwrap_or_else(|| Chrome::init_placeholder_name().to_string());
    let province =
        answers.province.clone().unwrap_or_else(|| Chrome::init_placeholder_province().to_string());
    let url = answers.url.clone().unwrap_or_else(|| "https://example.org/ten-don-vi".to_string());
    let unit = format!("{kind} {name}");
    let title = Chrome::init_title(&capitalise(&unit));
    let description = Chrome::init_description(&unit);
    let quoted = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
    vec![
        ("kind", kind.clone()),
        ("name", quoted(&name)),
        ("province", quoted(&province)),
        ("base_url", quoted(&url)),
        ("title", quoted(&title)),
        ("description", quoted(&description)),
    ]
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_fill_the_answers_and_empty_ones_stay_placeholders() {
        let mut input = std::io::Cursor::new("huyện\nđặc khu\nLý Sơn\n\nkhông-phải-url\n");
        let mut out = Vec::new();
        let answers = ask(&mut input, &mut out, Lang::Vi);
        assert_eq!(answers.kind.as_deref(), Some("đặc khu"), "a wrong kind is asked again");
        assert_eq!(answers.name.as_deref(), Some("Lý Sơn"));
        assert_eq!((answers.province.as_deref(), answers.url.as_deref()), (None, None));
        let values = site_values(&answers);
        let get = |key| values.iter().find(|(k, _)| *k == key).map(|(_, v)| v.as_str()).unwrap();
        assert_eq!(get("title"), "Đặc khu Lý Sơn — Hướng dẫn dịch vụ công");
        assert!(get("province").contains("mẫu") && get("base_url").contains("example.org"));
    }
}
