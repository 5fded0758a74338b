//! The built-in rules of masthead, one module per family.
//!
//! [`registry`] returns every built-in rule, plus the metadata of the
//! problems the loader reports itself (YAML syntax, types, dates…), so that
//! configuration, `masthead explain` and `masthead rules` treat all alike.
//! Each rule has fixtures under `fixtures/<CODE>/` (a `positive` site where
//! it fires, a `negative` one where it does not) and an `expected.txt`
//! snapshot of its rendered diagnostics; `tests/fixtures.rs` runs them all.

#![deny(clippy::print_stdout, clippy::print_stderr)]

mod body;
mod dates;
mod events;
mod fields;
mod fixes;
mod frontmatter;
mod loader;
mod references;
mod similar;
#[cfg(test)]
mod test_support;
mod urls;

use masthead_lint::Registry;

/// Every built-in rule and loader code.
pub fn registry() -> Registry {
    let mut registry = Registry::new().with_loader_fixer(fixes::loader_fix);
    for meta in loader::METAS {
        registry = registry.with_loader_code(meta);
    }
    for rule in frontmatter::rules()
        .into_iter()
        .chain(dates::rules())
        .chain(references::rules())
        .chain(urls::rules())
        .chain(body::rules())
        .chain(events::rules())
        .chain(fields::rules())
    {
        registry = registry.with(rule);
    }
    registry
}
