//! Writing content without losing a byte the user wrote.
//!
//! A CMS writes files as well as reading them, and the files it writes were
//! shaped by people: comment lines explaining that a `#` switches a key off,
//! blank lines, optional keys commented out, a quoting habit, CRLF line
//! endings, a byte-order mark. Serialising a struct back to YAML would lose
//! all of it. This crate edits the front-matter text instead:
//!
//! - [`FrontMatterEditor`] sets, adds, removes, comments out and uncomments
//!   keys (nested ones like `event.start`, list items like
//!   `redirect_from[1]`). Each edit is planned as byte-range replacements
//!   ([`Change`], [`Edit`]) and, once applied, the text is re-parsed: the
//!   edit is kept only if the intended values read back and every other
//!   value is unchanged.
//! - [`write_atomic`] and [`create_new`] put the result on disk atomically,
//!   inside the site only, keeping permissions and never clobbering.
//!
//! No YAML parser type appears in this API.

#![deny(clippy::print_stdout, clippy::print_stderr)]

mod editor;
mod render;
mod write;

pub use editor::{Change, Edit, EditError, FrontMatterEditor, Position};
pub use write::{WriteError, create_new, write_atomic};
