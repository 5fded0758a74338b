//! Reading `_config.yml`.

use crate::{codes, decode};
use masthead_diagnostics::{Diagnostic, Severity, Span};
use masthead_model::config::SiteConfig;
use masthead_yaml::{Node, ParseOptions};
use std::path::Path;

/// The config as read, with the node tree kept for positions.
pub(crate) struct LoadedConfig {
    pub(crate) config: SiteConfig,
    /// Relative file name (`_config.yml`), when one exists.
    pub(crate) file: Option<String>,
    pub(crate) text: Option<String>,
    pub(crate) root: Option<Node>,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl LoadedConfig {
    /// The span of the value at `path` (`timezone`, `masthead.collections.team`).
    pub(crate) fn span_of(&self, path: &str) -> Option<Span> {
        self.root
            .as_ref()?
            .at(&masthead_model::KeyPath::parse(path))
            .map(|n| n.span)
    }
}

/// Reads `_config.yml` (or `_config.yaml`) under `root`. A missing file is an
/// empty config; an unreadable or invalid one is reported and treated as empty.
pub(crate) fn load(root: &Path, parse: &ParseOptions) -> LoadedConfig {
    let mut out = LoadedConfig {
        config: SiteConfig::default(),
        file: None,
        text: None,
        root: None,
        diagnostics: Vec::new(),
    };
    let Some(name) = ["_config.yml", "_config.yaml"]
        .into_iter()
        .find(|n| root.join(n).is_file())
    else {
        return out;
    };
    out.file = Some(name.to_string());
    let text = match std::fs::read(root.join(name)) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                out.diagnostics.push(
                    Diagnostic::new(
                        codes::INVALID_UTF8,
                        Severity::Error,
                        format!("`{name}` is not valid UTF-8 (byte {at})"),
                    )
                    .in_file(name),
                );
                return out;
            }
        },
        Err(e) => {
            out.diagnostics.push(
                Diagnostic::new(
                    codes::UNREADABLE,
                    Severity::Error,
                    format!("cannot read `{name}`: {e}"),
                )
                .in_file(name),
            );
            return out;
        }
    };
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    match masthead_yaml::parse(&text[bom..], parse) {
        Err(e) => {
            let at = e.span.shifted(bom);
            let mut d = Diagnostic::new(
                codes::CONFIG_SYNTAX,
                Severity::Error,
                format!("`{name}` is not valid YAML: {}", e.message),
            )
            .in_file(name)
            .with_primary(at, crate::load::syntax_label(&e.message));
            if let Some((ctx, span)) = e.context {
                let span = span.shifted(bom);
                if span.start != at.start {
                    d = d.with_label(span, ctx);
                }
            }
            if let Some(help) = crate::load::syntax_help(&e.message, &text, at.start) {
                d = d.with_help(help);
            }
            d = d.with_note("masthead goes on with an empty config: no collections but `_posts`, so most documents are not loaded");
            out.diagnostics.push(d);
        }
        Ok(doc) => {
            if let Some(mut node) = doc.into_root() {
                node.shift(bom);
                if node.as_mapping().is_some() {
                    let decoded = decode::decode::<SiteConfig>(&node, &format!("`{name}`"));
                    out.config = decoded.value;
                    out.config.extra = decoded.extra;
                    out.diagnostics
                        .extend(decoded.diagnostics.into_iter().map(|mut d| {
                            d.code = codes::CONFIG_TYPE.into();
                            d.in_file(name)
                        }));
                    out.root = Some(node);
                } else if !node.is_null() {
                    out.diagnostics.push(
                        Diagnostic::new(
                            codes::CONFIG_SYNTAX,
                            Severity::Error,
                            format!(
                                "`{name}` must be a mapping of settings, not {}",
                                node.type_name()
                            ),
                        )
                        .in_file(name)
                        .with_primary(node.span, "this"),
                    );
                }
            }
        }
    }
    out.text = Some(text);
    out
}
