//! The theme's files: the default theme compiled into the binary, overlaid
//! file by file by the site's own `themes/<name>/` folder. Every file knows
//! where it came from, so errors can name it.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::diagnostics::Diagnostic;
use crate::messages::Msg;

mod strings;
mod synonyms;

pub use strings::Strings;

static BUILT_IN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

pub struct ThemeFile {
    pub bytes: Cow<'static, [u8]>,
    /// Path shown in messages: `themes/default/templates/page.html`, either
    /// the site's file or the built-in one of the same name.
    pub origin: PathBuf,
}

impl ThemeFile {
    pub fn text(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.bytes)
    }
}

pub struct Theme {
    /// Theme-relative path (`templates/page.html`) → file.
    files: BTreeMap<String, ThemeFile>,
    /// The words loa writes itself (`strings.yaml`).
    pub strings: Strings,
    /// What the search treats as the same words (`search-synonyms.yaml`).
    pub synonyms: crate::search::Synonyms,
}

impl Theme {
    /// The built-in theme, with `ROOT/themes/<name>/` laid over it.
    pub fn load(root: &Path, name: &str) -> Result<Theme, Vec<Diagnostic>> {
        let mut files = BTreeMap::new();
        collect_built_in(&BUILT_IN, &mut files);
        let dir = root.join("themes").join(name);
        if dir.is_dir() {
            overlay(root, &dir, &mut files).map_err(|e| vec![e])?;
        } else if name != "default" {
            return Err(vec![Diagnostic::error(
                Msg::ThemeMissing { name: name.to_string() },
                Some(crate::diagnostics::Location::file(&Path::new("themes").join(name))),
            )]);
        }
        // A site's own file overrides keys of the built-in one.
        let site = files.get(strings::FILE).filter(|f| matches!(f.bytes, Cow::Owned(_)));
        let site_text = site.map(|f| f.text().into_owned());
        let site = site.zip(site_text.as_deref()).map(|(f, text)| (text, f.origin.as_path()));
        let strings = Strings::load(built_in_strings(), site)?;
        let synonyms = synonyms::load(files.get(synonyms::FILE))?;
        Ok(Theme { files, strings, synonyms })
    }

    /// The built-in theme alone.
    pub fn built_in() -> Theme {
        let mut files = BTreeMap::new();
        collect_built_in(&BUILT_IN, &mut files);
        // The built-in file is part of loa; the tests read it.
        let strings = Strings::load(built_in_strings(), None).unwrap_or_default();
        let synonyms = synonyms::load(files.get(synonyms::FILE)).unwrap_or_default();
        Theme { files, strings, synonyms }
    }

    /// Files under `prefix` (`templates/`), with the prefix removed.
    pub fn under<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a ThemeFile)> + 'a {
        self.files
            .range(prefix.to_string()..)
            .take_while(move |(k, _)| k.starts_with(prefix))
            .map(move |(k, v)| (&k[prefix.len()..], v))
    }

    /// Hash of every file, for deciding whether a rebuild can be skipped.
    pub fn fingerprint(&self, hasher: &mut blake3::Hasher) {
        for (name, file) in &self.files {
            hasher.update(name.as_bytes());
            hasher.update(&(file.bytes.len() as u64).to_le_bytes());
            hasher.update(&file.bytes);
        }
    }
}

fn built_in_strings() -> &'static str {
    BUILT_IN.get_file(strings::FILE).and_then(|f| f.contents_utf8()).unwrap_or_default()
}

fn collect_built_in(dir: &'static Dir<'static>, files: &mut BTreeMap<String, ThemeFile>) {
    for file in dir.files() {
        let rel = file.path().to_string_lossy().replace('\\', "/");
        let origin = Path::new("themes/default").join(file.path());
        files.insert(rel, ThemeFile { bytes: Cow::Borrowed(file.contents()), origin });
    }
    for sub in dir.dirs() {
        collect_built_in(sub, files);
    }
}

fn overlay(root: &Path, dir: &Path, files: &mut BTreeMap<String, ThemeFile>) -> Result<(), Diagnostic> {
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| crate::fs::read_error(dir, &std::io::Error::other(e.to_string())))?;
        if !entry.file_type().is_file() || entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(dir) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        let origin = entry.path().strip_prefix(root).unwrap_or(entry.path()).to_path_buf();
        let bytes = std::fs::read(entry.path()).map_err(|e| crate::fs::read_error(&origin, &e))?;
        files.insert(rel, ThemeFile { bytes: Cow::Owned(bytes), origin });
    }
    Ok(())
}
