//! masthead: a typed model for Jekyll-style content (Markdown files with YAML
//! front matter, in collections): posts, events, authors and redirects, read
//! exactly as Jekyll reads them, with every problem at its file, line and
//! column.
//!
//! This facade re-exports the workspace's crates; depend on it alone.
//!
//! ```no_run
//! use masthead::{load_site, LoadOptions};
//! use masthead::model::date::Instant;
//!
//! let site = load_site("examples/site".as_ref(), &LoadOptions::default())?;
//! for event in site.upcoming_events(Instant::now()) {
//!     println!("{} {}", event.url, event.title.as_deref().unwrap_or(""));
//! }
//! # Ok::<(), masthead::LoadError>(())
//! ```

pub use masthead_cli::builtin_renderers;
pub use masthead_diagnostics as diagnostics;
pub use masthead_edit as edit;
pub use masthead_feeds as feeds;
pub use masthead_html as html;
pub use masthead_ical as ical;
pub use masthead_json_api as json_api;
pub use masthead_lint as lint;
pub use masthead_model as model;
pub use masthead_render as render;
pub use masthead_rules as rules;
pub use masthead_schema as schema;
pub use masthead_source as source;
pub use masthead_source::{LoadError, LoadOptions, load_site};
pub use masthead_yaml as yaml;
