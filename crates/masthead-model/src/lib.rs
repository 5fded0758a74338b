//! The typed content model of masthead.
//!
//! Two layers, like ripgrep's low-level and high-level arguments:
//! *raw* front matter ([`frontmatter`]) says what a file says, every unknown
//! key kept; *resolved* documents ([`document`]) are what the site means once
//! dates, permalinks, defaults and references are worked out, and a
//! [`site::Site`] holds them with the queries front ends need. Nothing here
//! does I/O; `masthead-source` reads files and builds these values.

#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod civil;
pub mod config;
pub mod date;
pub mod document;
pub mod frontmatter;
pub mod keypath;
pub mod memo;
pub mod permalink;
pub mod site;
pub mod slug;
pub mod value;

pub use civil::CivilDateTime;
pub use keypath::{KeyPath, Segment};
pub use value::{Map, MapHasher, Value};
