//! FM015 invalid-field: front matter checked against the fields the site
//! declares for a collection in `masthead.collections.<label>.fields`, with
//! the same JSON Schema editors use (`masthead schema`).

use crate::frontmatter::labelled;
use masthead_diagnostics::{Diagnostic, Severity, Span};
use masthead_lint::{DocumentContext, FixAvailability, Rule, RuleMeta, SiteContext};
use masthead_model::config::FieldSpec;
use masthead_model::site::Site;
use masthead_schema::FieldsValidator;
use std::collections::HashMap;

/// The rules of this family.
pub(crate) fn rules() -> Vec<Box<dyn Rule>> {
    vec![Box::new(InvalidField)]
}

static INVALID_FIELD: RuleMeta = RuleMeta {
    code: "FM015",
    name: "invalid-field",
    family: "front-matter",
    summary: "A front-matter value breaks the site's own declaration of its field.",
    doc: "## What it does\n\
Checks each document against the fields the site declares for its \
collection in `_config.yml` (`masthead.collections.<label>.fields`: `name`, \
`type`, `required`, `enum`, `pattern`, `description`), and reports each \
value that breaks its declaration at the value itself: a `string` field \
given a list, a value that is not one of the `enum`, text that does not \
match the `pattern`, a list item of the wrong kind. A required field that \
is missing is reported at the front matter's opening `---`; a value from \
`defaults:` counts. The declaration is labelled in `_config.yml`. It uses \
the JSON Schema `masthead schema` writes for editors, so the editor, the \
pre-commit hook and CI agree. A `pattern` that is not a regular expression \
is reported once, at the declaration.\n\n\
## Why is this bad?\n\
The site's templates rely on these fields (a badge per `audience`, a list \
of `tags` turned into links): a value they do not expect shows wrongly or \
not at all, and nothing else notices.\n\n\
## Example\n\
```yaml\n\
# _config.yml\n\
masthead:\n  collections:\n    events:\n      type: event\n      fields:\n\
        - {name: audience, enum: [everyone, members, allies]}\n\
# _events/2025-10-06-networking-call.md\n\
audience: all        # not one of everyone, members, allies\n\
```\n",
    default_severity: Severity::Error,
    fix: FixAvailability::None,
    enabled_by_default: true,
};

/// FM015.
struct InvalidField;

/// Each collection's compiled declarations, built once per check.
struct Declarations(HashMap<String, Result<FieldsValidator, String>>);

impl Declarations {
    fn of(site: &Site) -> Declarations {
        let mut map = HashMap::new();
        if let Some(m) = &site.config.masthead {
            for (label, mapping) in &m.collections {
                if !mapping.fields().is_empty() {
                    map.insert(label.clone(), FieldsValidator::new(mapping.fields()));
                }
            }
        }
        Declarations(map)
    }
}

/// The declared fields of `label`, if any.
fn declared<'a>(site: &'a Site, label: &str) -> &'a [FieldSpec] {
    site.config
        .masthead
        .as_ref()
        .and_then(|m| m.collections.get(label))
        .map_or(&[], |m| m.fields())
}

/// Where `_config.yml` declares field `index` of `label`.
fn declaration_span(site: &Site, label: &str, index: usize) -> Option<Span> {
    let mut path = masthead_model::KeyPath::root()
        .key("masthead")
        .key("collections")
        .key(label)
        .key("fields");
    path = path.index(index);
    site.config_spans.get(&path).map(|s| s.value)
}

impl Rule for InvalidField {
    fn meta(&self) -> &'static RuleMeta {
        &INVALID_FIELD
    }

    fn check_document(&self, cx: &DocumentContext<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.document;
        let fields = declared(cx.site, &doc.collection);
        if fields.is_empty() {
            return;
        }
        // Nothing to find in a document that writes none of the declared
        // fields (and its defaults give none) when none is required: such
        // a document never needs the compiled validator.
        if !fields
            .iter()
            .any(|f| f.required || doc.data.contains_key(&f.name))
        {
            return;
        }
        let declarations = cx.shared_memo(|| Declarations::of(cx.site));
        let Some(Ok(validator)) = declarations.0.get(&doc.collection) else {
            return;
        };
        let config_file = cx.site.config_file.as_deref().unwrap_or("_config.yml");
        for error in validator.validate(&doc.data) {
            let top = error
                .missing
                .as_deref()
                .or_else(|| error.path.top_key())
                .unwrap_or("");
            let index = fields.iter().position(|f| f.name == top);
            let (span, label, note) = match &error.missing {
                Some(_) => (cx.front_matter_span(), "missing here".to_string(), None),
                None => match doc.spans.get(&error.path) {
                    Some(s) => (s.value, "this value".to_string(), None),
                    // Not in the file: the value comes from `defaults:`.
                    None => (
                        cx.front_matter_span(),
                        "in this front matter's defaults".to_string(),
                        Some(format!(
                            "`{}` is not written in this file: its value comes from `defaults:` in {config_file}",
                            error.path
                        )),
                    ),
                },
            };
            let message = match &error.missing {
                Some(name) => format!(
                    "`{name}` is missing: the site declares it required for `{}`",
                    doc.collection
                ),
                None => format!("`{}`: {}", error.path, error.message),
            };
            let mut d = labelled(cx.report(self.meta(), span, message), label);
            if let Some(i) = index
                && let Some(at) = declaration_span(cx.site, &doc.collection, i)
            {
                d = d.with_label_in(config_file, at, format!("`{top}` is declared here"));
            }
            let field = index.and_then(|i| fields.get(i));
            let help = match (field, &error.missing) {
                (Some(f), Some(_)) => format!(
                    "add `{}:` to the front matter{}",
                    f.name,
                    f.description
                        .as_deref()
                        .map(|d| format!(" ({d})"))
                        .unwrap_or_default()
                ),
                (Some(f), None) => format!("write a value the declaration allows: {}", describe(f)),
                (None, _) => "fix the value, or the declaration in _config.yml".to_string(),
            };
            d = d.with_help(help);
            if let Some(note) = note {
                d = d.with_note(note);
            }
            out.push(d);
        }
    }

    fn check_site(&self, cx: &SiteContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(m) = &cx.site.config.masthead else {
            return;
        };
        let config_file = cx.site.config_file.as_deref().unwrap_or("_config.yml");
        for (label, mapping) in &m.collections {
            let fields = mapping.fields();
            if fields.is_empty() {
                continue;
            }
            if let Err(message) = FieldsValidator::new(fields) {
                let at = fields
                    .iter()
                    .position(|f| f.pattern.is_some())
                    .and_then(|i| declaration_span(cx.site, label, i))
                    .unwrap_or_default();
                out.push(
                    labelled(
                        cx.report(
                            self.meta(),
                            config_file,
                            at,
                            format!(
                                "the fields declared for `{label}` cannot be checked: {message}"
                            ),
                        ),
                        "declared here",
                    )
                    .with_help(
                        "write `pattern:` as a regular expression (ECMA-262 syntax), quoted",
                    ),
                );
            }
        }
    }
}

/// What a declaration allows, for help texts: `a string, one of a, b`.
fn describe(field: &FieldSpec) -> String {
    let mut parts = vec![format!("`{}`", field.field_type.as_str())];
    if let Some(values) = &field.allowed {
        let shown: Vec<String> = values
            .iter()
            .map(|v| format!("`{}`", masthead_schema::to_json(v)).replace('"', ""))
            .collect();
        parts.push(format!("one of {}", shown.join(", ")));
    }
    if let Some(p) = &field.pattern {
        parts.push(format!("matching `{p}`"));
    }
    parts.join(", ")
}
