//! The body rules.

use masthead_lint::Rule;

/// The rules of this family.
pub(crate) fn rules() -> Vec<Box<dyn Rule>> {
    Vec::new()
}
