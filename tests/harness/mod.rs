//! Fixture sites in temporary folders, built with the real `loa` binary.
//! See `tests/fixtures/README.md` for how to add a case.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Site {
    dir: tempfile::TempDir,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Panics with the captured output when the exit code differs.
    pub fn expect_code(self, code: i32) -> Run {
        assert_eq!(self.code, code, "exit code\n--- stdout\n{}\n--- stderr\n{}", self.stdout, self.stderr);
        self
    }

    pub fn ok(self) -> Run {
        self.expect_code(0)
    }
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk fixture");
        let rel = entry.path().strip_prefix(from).expect("inside fixture");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("create dir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy fixture file");
        }
    }
}

impl Site {
    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_tree(&fixtures().join(name), dir.path());
        Site { dir }
    }

    /// Lays `tests/fixtures/<name>` over the site (files replace files).
    pub fn overlay(self, name: &str) -> Site {
        copy_tree(&fixtures().join(name), self.dir.path());
        self
    }

    pub fn with(self, rel: &str, text: &str) -> Site {
        self.with_bytes(rel, text.as_bytes())
    }

    pub fn with_bytes(self, rel: &str, bytes: &[u8]) -> Site {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("create dir");
        std::fs::write(path, bytes).expect("write file");
        self
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Runs `loa ARGS` in the site folder, messages in Vietnamese, on a
    /// fixed day (so that `reviewed` dates never go stale under the tests).
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_env(args, &[("LANG", "vi_VN.UTF-8"), ("LOA_TODAY", "2026-11-26")])
    }

    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_loa"));
        command.args(args).current_dir(self.dir.path()).env_remove("LC_ALL").env_remove("LC_MESSAGES");
        for (k, v) in env {
            command.env(k, v);
        }
        let out = command.output().expect("run loa");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    /// A file of the output folder, as text.
    pub fn output(&self, rel: &str) -> String {
        let path = self.path("output").join(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    pub fn output_exists(&self, rel: &str) -> bool {
        self.path("output").join(rel).exists()
    }

    /// Every file under `dir` (relative to the site) with its bytes.
    pub fn files(&self, dir: &str) -> BTreeMap<String, Vec<u8>> {
        let root = self.path(dir);
        let mut files = BTreeMap::new();
        for entry in walkdir::WalkDir::new(&root).into_iter().flatten() {
            if entry.file_type().is_file() {
                let rel =
                    entry.path().strip_prefix(&root).expect("inside").to_string_lossy().replace('\\', "/");
                files.insert(rel, std::fs::read(entry.path()).expect("read"));
            }
        }
        files
    }
}
