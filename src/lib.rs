//! masthead: a typed model for Jekyll-style content.
pub use masthead_diagnostics as diagnostics;
