//! Rule selection and severity, from `masthead.lint` in `_config.yml` and
//! from the command line.

use crate::{Registry, RuleMeta};
use masthead_diagnostics::{Diagnostic, Severity, Span};
use masthead_model::KeyPath;
use masthead_model::site::Site;

/// The code of "a selector in the configuration names no rule".
pub const UNKNOWN_RULE: &str = "CFG005";

/// Something that picks rules: `ALL`, a code or code prefix, or a rule name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selector {
    text: String,
}

impl Selector {
    /// A selector as written; [`Selector::is_known`] says whether it picks anything.
    pub fn new(text: impl Into<String>) -> Self {
        Selector {
            text: text.into().trim().to_string(),
        }
    }

    /// The selector as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// How specifically this selects `meta`, or `None` if it does not:
    /// `ALL` is 0, a code prefix its length, a full code or a name 100.
    pub fn specificity(&self, meta: &RuleMeta) -> Option<usize> {
        let t = self.text.as_str();
        if t.eq_ignore_ascii_case("ALL") {
            return Some(0);
        }
        if t == meta.name || t.eq_ignore_ascii_case(meta.code) {
            return Some(100);
        }
        let upper = t.to_ascii_uppercase();
        (!upper.is_empty() && meta.code.starts_with(&upper)).then_some(upper.len())
    }

    /// Whether it selects at least one rule of `registry`.
    pub fn is_known(&self, registry: &Registry) -> bool {
        registry
            .metas()
            .iter()
            .any(|m| self.specificity(m).is_some())
    }
}

fn best(selectors: &[Selector], meta: &RuleMeta) -> Option<usize> {
    selectors.iter().filter_map(|s| s.specificity(meta)).max()
}

/// Which rules run, how severe each is, and where each is silenced.
#[derive(Clone, Debug, Default)]
pub struct LintConfig {
    select: Option<Vec<Selector>>,
    extend_select: Vec<Selector>,
    ignore: Vec<Selector>,
    severity: Vec<(Selector, Option<Severity>)>,
    per_file_ignores: Vec<(globset::GlobMatcher, Vec<Selector>)>,
    /// Extra names `author:` may use (the organisation, say).
    pub author_aliases: Vec<String>,
}

impl LintConfig {
    /// Reads `masthead.lint` from the site's config. Selectors that name no
    /// rule, bad severities and bad globs are reported (CFG005) at their
    /// place in `_config.yml`, and ignored.
    pub fn from_site(site: &Site, registry: &Registry) -> (LintConfig, Vec<Diagnostic>) {
        let mut cfg = LintConfig::default();
        let mut problems = Vec::new();
        let Some(section) = site.config.masthead.as_ref().and_then(|m| m.lint.clone()) else {
            return (cfg, problems);
        };
        let file = site
            .config_file
            .clone()
            .unwrap_or_else(|| "_config.yml".into());
        let span_of = |path: &KeyPath| site.config_spans.get(path).map(|s| s.value);
        let base = KeyPath::root().key("masthead").key("lint");
        let unknown = |path: KeyPath, what: String, problems: &mut Vec<Diagnostic>| {
            let mut d = Diagnostic::new(UNKNOWN_RULE, Severity::Error, what).in_file(file.clone());
            if let Some(span) = span_of(&path) {
                d = d.with_primary(span, "not a rule code, code prefix or rule name");
            }
            problems.push(d.with_help("`masthead rules` lists every rule's code and name"));
        };
        let read = |key: &str, list: &[String], problems: &mut Vec<Diagnostic>| -> Vec<Selector> {
            let mut out = Vec::new();
            for (i, text) in list.iter().enumerate() {
                let sel = Selector::new(text.clone());
                if sel.is_known(registry) {
                    out.push(sel);
                } else {
                    unknown(
                        base.key(key).index(i),
                        format!("`masthead.lint.{key}` names no rule: `{text}`"),
                        problems,
                    );
                }
            }
            out
        };
        cfg.select = section
            .select
            .as_ref()
            .map(|s| read("select", s, &mut problems));
        cfg.extend_select = read("extend-select", &section.extend_select, &mut problems);
        cfg.ignore = read("ignore", &section.ignore, &mut problems);
        for (pattern, list) in &section.per_file_ignores {
            let selectors = read(&format!("per-file-ignores.{pattern}"), list, &mut problems);
            match globset::Glob::new(pattern.trim_start_matches('/')) {
                Ok(g) => cfg.per_file_ignores.push((g.compile_matcher(), selectors)),
                Err(e) => {
                    let mut d = Diagnostic::new(
                        UNKNOWN_RULE,
                        Severity::Error,
                        format!("bad glob `{pattern}`: {e}"),
                    )
                    .in_file(file.clone());
                    if let Some(span) = site
                        .config_spans
                        .get(&base.key("per-file-ignores").key(pattern.clone()))
                        .and_then(|s| s.key)
                    {
                        d = d.with_primary(span, "this glob");
                    }
                    problems.push(d);
                }
            }
        }
        for (selector, level) in &section.severity {
            let sel = Selector::new(selector.clone());
            let path = base.key("severity").key(selector.clone());
            if !sel.is_known(registry) {
                unknown(
                    path,
                    format!("`masthead.lint.severity` names no rule: `{selector}`"),
                    &mut problems,
                );
                continue;
            }
            match parse_level(level) {
                Some(level) => cfg.severity.push((sel, level)),
                None => {
                    let mut d = Diagnostic::new(
                        UNKNOWN_RULE,
                        Severity::Error,
                        format!("`{level}` is not a severity; use error, warning, info or off"),
                    )
                    .in_file(file.clone());
                    if let Some(span) = span_of(&path) {
                        d = d.with_primary(span, "not a severity");
                    }
                    problems.push(d);
                }
            }
        }
        cfg.author_aliases = section.author_aliases.clone();
        (cfg, problems)
    }

    /// Applies command-line selection on top: `--select` replaces the
    /// selection, `--extend-select`, `--ignore` and `--severity CODE=LEVEL`
    /// add to it. Returns the first selector or level that makes no sense.
    pub fn apply_command_line(
        &mut self,
        registry: &Registry,
        select: Option<&[String]>,
        extend_select: &[String],
        ignore: &[String],
        severity: &[String],
    ) -> Result<(), String> {
        let parse = |list: &[String]| -> Result<Vec<Selector>, String> {
            list.iter()
                .flat_map(|s| s.split(','))
                .filter(|s| !s.trim().is_empty())
                .map(|s| {
                    let sel = Selector::new(s);
                    if sel.is_known(registry) {
                        Ok(sel)
                    } else {
                        Err(format!("`{s}` names no rule (see `masthead rules`)"))
                    }
                })
                .collect()
        };
        if let Some(select) = select {
            self.select = Some(parse(select)?);
        }
        self.extend_select.extend(parse(extend_select)?);
        self.ignore.extend(parse(ignore)?);
        for item in severity {
            let (sel, level) = item
                .split_once('=')
                .ok_or_else(|| format!("`--severity {item}`: write CODE=LEVEL"))?;
            let level = parse_level(level).ok_or_else(|| format!("`{level}` is not a severity"))?;
            let sel = parse(&[sel.to_string()])?;
            self.severity.extend(sel.into_iter().map(|s| (s, level)));
        }
        Ok(())
    }

    /// Whether `meta`'s rule runs at all.
    pub fn enabled(&self, meta: &RuleMeta) -> bool {
        let selected = match &self.select {
            Some(select) => best(select, meta),
            None => meta.enabled_by_default.then_some(0),
        };
        let selected = selected.max(best(&self.extend_select, meta));
        let ignored = best(&self.ignore, meta);
        match (selected, ignored) {
            (Some(s), Some(i)) => s > i,
            (Some(_), None) => self.severity(meta).is_some(),
            (None, _) => false,
        }
    }

    /// The severity configured for `meta` by the most specific matching
    /// selector: `Some(None)` for `off`, `None` when nothing is configured.
    pub fn configured_severity(&self, meta: &RuleMeta) -> Option<Option<Severity>> {
        let mut chosen: Option<(usize, Option<Severity>)> = None;
        for (sel, level) in &self.severity {
            if let Some(spec) = sel.specificity(meta)
                && chosen.is_none_or(|(s, _)| spec >= s)
            {
                chosen = Some((spec, *level));
            }
        }
        chosen.map(|(_, level)| level)
    }

    /// The severity `meta`'s findings get by default; `None` when configured `off`.
    pub fn severity(&self, meta: &RuleMeta) -> Option<Severity> {
        self.configured_severity(meta)
            .unwrap_or(Some(meta.default_severity))
    }

    /// Whether `per-file-ignores` silences `meta` in `file`.
    pub fn ignored_in(&self, meta: &RuleMeta, file: &str) -> bool {
        self.per_file_ignores
            .iter()
            .any(|(glob, sels)| glob.is_match(file) && best(sels, meta).is_some())
    }
}

fn parse_level(text: &str) -> Option<Option<Severity>> {
    match text.trim().to_ascii_lowercase().as_str() {
        "error" => Some(Some(Severity::Error)),
        "warning" | "warn" => Some(Some(Severity::Warning)),
        "info" => Some(Some(Severity::Info)),
        "off" | "none" | "allow" => Some(None),
        _ => None,
    }
}

/// The rules a document allows with a front-matter comment
/// `# masthead: allow FM005, unknown-author`.
pub(crate) fn inline_allows(source: &str, front_matter: Option<Span>) -> Vec<Selector> {
    let Some(span) = front_matter else {
        return Vec::new();
    };
    let text = source.get(span.start..span.end).unwrap_or("");
    let mut out = Vec::new();
    for line in text.lines() {
        let Some(comment) = line.trim_start().strip_prefix('#') else {
            continue;
        };
        let Some(rest) = comment.trim_start().strip_prefix("masthead:") else {
            continue;
        };
        let Some(list) = rest.trim_start().strip_prefix("allow") else {
            continue;
        };
        out.extend(
            list.split([',', ' ', '\t'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(Selector::new),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FixAvailability;

    static FM005: RuleMeta = RuleMeta {
        code: "FM005",
        name: "stray-whitespace",
        family: "front-matter",
        summary: "",
        doc: "",
        default_severity: Severity::Warning,
        fix: FixAvailability::None,
        enabled_by_default: true,
    };
    static BD007: RuleMeta = RuleMeta {
        code: "BD007",
        name: "raw-html",
        family: "body",
        summary: "",
        doc: "",
        default_severity: Severity::Warning,
        fix: FixAvailability::None,
        enabled_by_default: false,
    };

    fn sel(list: &[&str]) -> Vec<Selector> {
        list.iter().map(|s| Selector::new(*s)).collect()
    }

    #[test]
    fn the_most_specific_selector_wins() {
        let mut cfg = LintConfig {
            ignore: sel(&["FM"]),
            ..LintConfig::default()
        };
        assert!(!cfg.enabled(&FM005));
        cfg.extend_select = sel(&["FM005"]);
        assert!(cfg.enabled(&FM005), "a full code beats a prefix");
        cfg.ignore = sel(&["stray-whitespace"]);
        assert!(!cfg.enabled(&FM005), "equal specificity: ignore wins");
    }

    #[test]
    fn default_off_rules_need_selecting() {
        let mut cfg = LintConfig::default();
        assert!(!cfg.enabled(&BD007));
        cfg.extend_select = sel(&["raw-html"]);
        assert!(cfg.enabled(&BD007));
        let only = LintConfig {
            select: Some(sel(&["BD"])),
            ..LintConfig::default()
        };
        assert!(only.enabled(&BD007));
        assert!(!only.enabled(&FM005));
    }

    #[test]
    fn severity_overrides_and_off() {
        let mut cfg = LintConfig {
            severity: vec![(Selector::new("FM"), Some(Severity::Error))],
            ..LintConfig::default()
        };
        assert_eq!(cfg.severity(&FM005), Some(Severity::Error));
        cfg.severity.push((Selector::new("FM005"), None));
        assert_eq!(cfg.severity(&FM005), None);
        assert!(!cfg.enabled(&FM005), "off means not run");
    }

    #[test]
    fn inline_allow_comments() {
        let src = "---\n# masthead: allow FM005, unknown-author\ntitle: x\n---\n";
        let allows = inline_allows(src, Some(Span::new(4, 48)));
        assert_eq!(allows, sel(&["FM005", "unknown-author"]));
    }
}
