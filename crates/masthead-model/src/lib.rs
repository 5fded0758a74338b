//! The typed content model of masthead.
//!
//! Two layers, like ripgrep's low-level and high-level arguments:
//! *raw* front matter ([`frontmatter`]) says what a file says, every unknown
//! key kept; *resolved* documents ([`document`]) are what the site means once
//! dates, permalinks, defaults and references are worked out. Nothing here does
//! I/O; `masthead-source` reads files and builds these values.

pub mod civil;
pub mod date;
pub mod keypath;
pub mod permalink;
pub mod slug;
pub mod value;

pub use civil::CivilDateTime;
pub use keypath::{KeyPath, Segment};
pub use value::{Map, Value};
