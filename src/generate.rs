//! Completion scripts and man pages, generated from the clap definition so they cannot
//! drift: the committed copies under completions/ and man/ are checked by a test that
//! rewrites them when TRACECTL_BLESS=1.

use std::path::PathBuf;

use clap::CommandFactory;
use clap_complete::{Generator, Shell};

use crate::cli::Cli;

const BIN: &str = "tracectl";

/// Every shell tracectl ships a completion script for.
pub const SHELLS: [Shell; 5] = [
    Shell::Bash,
    Shell::Zsh,
    Shell::Fish,
    Shell::PowerShell,
    Shell::Elvish,
];

/// The completion script for `shell`.
pub fn completion(shell: Shell) -> Vec<u8> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, BIN, &mut out);
    out
}

/// One roff page per command, `tracectl.1`, `tracectl-logs.1`, `tracectl-logs-tail.1`, ...
pub fn man_pages() -> Vec<(String, Vec<u8>)> {
    fn collect(cmd: &clap::Command, out: &mut Vec<(String, Vec<u8>)>) {
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            collect(sub, out);
        }
        let man = clap_mangen::Man::new(cmd.clone());
        let mut page = Vec::new();
        // Rendering into a Vec cannot fail.
        let _ = man.render(&mut page);
        out.push((man.get_filename(), page));
    }
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut pages = Vec::new();
    collect(&cmd, &mut pages);
    pages.sort();
    pages
}

/// Every generated file, as (path relative to the repository root, contents).
pub fn generated_files() -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = SHELLS
        .iter()
        .map(|shell| {
            (
                PathBuf::from("completions").join(shell.file_name(BIN)),
                completion(*shell),
            )
        })
        .collect();
    files.extend(
        man_pages()
            .into_iter()
            .map(|(name, page)| (PathBuf::from("man").join(name), page)),
    );
    files
}
