//! Markdown for masthead (placeholder, being written).
