//! Paths to values inside front matter: `event.start`, `redirect_from[1]`.

use serde::{Serialize, Serializer};
use std::fmt;

/// One step of a [`KeyPath`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Segment {
    /// A mapping key.
    Key(String),
    /// A sequence index, from 0.
    Index(usize),
}

/// Where a value sits in a front-matter tree, printed as `event.start` or
/// `redirect_from[1]`. The empty path is the whole front matter.
///
/// Diagnostics, schema errors and rules all name values by key path, and the
/// loader maps each path to the byte range of its value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyPath(Vec<Segment>);

impl KeyPath {
    /// The root (whole front matter).
    pub fn root() -> Self {
        KeyPath(Vec::new())
    }

    /// This path with a key appended.
    pub fn key(&self, key: impl Into<String>) -> Self {
        let mut p = self.clone();
        p.0.push(Segment::Key(key.into()));
        p
    }

    /// This path with an index appended.
    pub fn index(&self, index: usize) -> Self {
        let mut p = self.clone();
        p.0.push(Segment::Index(index));
        p
    }

    /// Appends a segment in place (with [`KeyPath::pop`], for walking a
    /// tree without building a new path at every step).
    pub fn push(&mut self, segment: Segment) {
        self.0.push(segment);
    }

    /// Removes and returns the last segment.
    pub fn pop(&mut self) -> Option<Segment> {
        self.0.pop()
    }

    /// Parses `event.start` or `redirect_from[1]`. Keys containing `.` or `[`
    /// cannot be written this way; build those with [`KeyPath::key`].
    pub fn parse(text: &str) -> Self {
        let mut segments = Vec::new();
        for part in text.split('.').filter(|p| !p.is_empty()) {
            let (key, mut rest) = match part.find('[') {
                Some(i) => (&part[..i], &part[i..]),
                None => (part, ""),
            };
            if !key.is_empty() {
                segments.push(Segment::Key(key.to_string()));
            }
            while let Some(close) = rest.find(']') {
                if let Ok(i) = rest[1..close].parse() {
                    segments.push(Segment::Index(i));
                }
                rest = &rest[close + 1..];
            }
        }
        KeyPath(segments)
    }

    /// The segments, outermost first.
    pub fn segments(&self) -> &[Segment] {
        &self.0
    }

    /// The first key, if the path starts with one (the top-level field).
    pub fn top_key(&self) -> Option<&str> {
        match self.0.first() {
            Some(Segment::Key(k)) => Some(k),
            _ => None,
        }
    }

    /// Whether this is the root path.
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for KeyPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Segment::Key(k) if i == 0 => write!(f, "{k}")?,
                Segment::Key(k) => write!(f, ".{k}")?,
                Segment::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

impl Serialize for KeyPath {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_and_parses_back() {
        for text in ["event.start", "redirect_from[1]", "a[0][2].b", ""] {
            assert_eq!(KeyPath::parse(text).to_string(), text);
        }
        assert_eq!(
            KeyPath::root().key("redirect_from").index(1).to_string(),
            "redirect_from[1]"
        );
    }
}
