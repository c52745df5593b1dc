//! `tracectl completions <SHELL>`: the same scripts that are committed under completions/.

use clap::Args;
use clap_complete::Shell;

use crate::error::Result;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  tracectl completions bash > ~/.local/share/bash-completion/completions/tracectl
  tracectl completions zsh > ~/.zfunc/_tracectl
  tracectl completions fish > ~/.config/fish/completions/tracectl.fish")]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Writes the script to stdout. Needs no configuration, so it works with a broken config.
pub fn run(args: &CompletionsArgs) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(&crate::generate::completion(args.shell))?;
    out.flush()?;
    Ok(())
}
