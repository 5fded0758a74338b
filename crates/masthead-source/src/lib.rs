//! Reading a Jekyll-style site into a [`Site`](masthead_model::site::Site).
//!
//! The data flow: discover collection files (Jekyll's filters plus
//! `.gitignore`) → split front matter from body keeping byte offsets →
//! parse YAML with spans (libyaml, as Jekyll) → type each document by its
//! collection → resolve dates, permalinks, defaults, publication → link
//! authors and build the redirect graph. Every stage records problems as
//! diagnostics and goes on; a file that fails an early stage is reported
//! once, not again by later stages.
//!
//! ```no_run
//! use masthead_source::{load_site, LoadOptions};
//!
//! let site = load_site(std::path::Path::new("examples/site"), &LoadOptions::default())?;
//! for doc in site.in_date_order() {
//!     println!("{} {}", doc.url, doc.title.as_deref().unwrap_or(""));
//! }
//! # Ok::<(), masthead_source::LoadError>(())
//! ```

#![deny(clippy::print_stdout, clippy::print_stderr)]

mod checks;
pub mod codes;
mod config;
mod decode;
mod defaults;
mod discover;
mod load;
mod pages;
pub mod split;

#[cfg(test)]
mod fuzz_tests;

pub use load::{DEFAULT_MAX_DOCUMENTS, DEFAULT_MAX_FILE_BYTES, LoadError, LoadOptions, load_site};
