//! JSON Schema (draft 2020-12) for masthead sites, generated from the
//! model's types, for editors and validators.
//!
//! - [`front_matter_schema`]: each document type's front matter;
//! - [`site_schemas`]: a loaded site's collections as configured (type,
//!   defaults, the fields the site declares), its declared `_data` files
//!   and its `_config.yml`, with [`vscode_settings`] to wire them up;
//! - [`FieldsValidator`]: the site's own field declarations applied to a
//!   document, each error located by key path, for `masthead check`.
//!
//! Every schema is self-contained (its only `$ref`s point into its own
//! `$defs`). The schemas accept a document exactly when the loader reads it
//! without an error, apart from the cases docs/decisions/0004 lists; the
//! agreement test in `tests/schema_agreement.rs` checks that on generated
//! front matter.

#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod date;
mod fields;
mod json;
mod site;
mod types;

pub use fields::{FieldError, FieldsValidator, field_schema, fields_schema};
pub use json::{map_to_json, to_json};
pub use site::{
    SchemaFile, collection_defaults, collection_schema, collection_stem, config_schema,
    data_file_schema, site_schemas, vscode_settings,
};
pub use types::{DIALECT, front_matter_schema, permalink_pattern};

#[cfg(test)]
mod date_tests;
