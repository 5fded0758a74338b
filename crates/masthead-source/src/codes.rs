//! The stable codes of the problems the loader records. Codes are never
//! reused for another meaning; docs/loader-diagnostics.md describes each.

use masthead_diagnostics::Severity;

/// A loader diagnostic code with its kebab-case name and summary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodeInfo {
    /// Stable code, e.g. `FM004`.
    pub code: &'static str,
    /// Kebab-case name, e.g. `duplicate-key`.
    pub name: &'static str,
    /// One line saying what it reports.
    pub summary: &'static str,
    /// The severity it is reported with.
    pub severity: Severity,
}

macro_rules! codes {
    ($($(#[$m:meta])* $const:ident = $code:literal, $name:literal, $sev:ident, $summary:literal;)*) => {
        $($(#[$m])* pub const $const: &str = $code;)*
        /// Every loader code, in code order.
        pub const ALL: &[CodeInfo] = &[
            $(CodeInfo { code: $code, name: $name, summary: $summary, severity: Severity::$sev },)*
        ];
    };
}

codes! {
    /// YAML that libyaml (and so Jekyll) cannot read.
    YAML_SYNTAX = "FM001", "yaml-syntax", Error, "Front matter is not valid YAML; Jekyll reads no front matter from this file.";
    /// A value of the wrong type for its field.
    WRONG_TYPE = "FM002", "wrong-type", Error, "A front-matter value has the wrong type for its field.";
    /// A field the document's type requires is absent.
    MISSING_FIELD = "FM003", "missing-field", Error, "A field the document's type requires is missing.";
    /// A key written twice in one mapping.
    DUPLICATE_KEY = "FM004", "duplicate-key", Warning, "A key is written twice; Jekyll silently keeps the last value.";
    /// Leading or trailing whitespace inside a scalar.
    STRAY_WHITESPACE = "FM005", "stray-whitespace", Warning, "A value starts or ends with whitespace (often a folded line break inside quotes).";
    /// An opening `---` with no closing line.
    UNCLOSED_FRONT_MATTER = "FM006", "unclosed-front-matter", Error, "Front matter is opened with `---` but never closed.";
    /// Front matter that is a list or a scalar.
    NOT_A_MAPPING = "FM007", "front-matter-not-mapping", Error, "Front matter must be a mapping of keys to values.";
    /// A boolean written as a string where Jekyll tests for a real boolean.
    STRING_BOOLEAN = "FM008", "string-boolean", Warning, "A boolean is written as a string; Jekyll treats the string as true.";
    /// Nesting or alias expansion beyond masthead's limits.
    YAML_LIMIT = "FM009", "yaml-limit", Error, "Front matter nests too deeply or expands to too many values.";
    /// A YAML tag Jekyll's safe loader refuses.
    DISALLOWED_TAG = "FM010", "disallowed-tag", Error, "A YAML tag such as `!ruby/object` that Jekyll's safe loader refuses.";
    /// A key Jekyll reads as a number, boolean, null or list, not text.
    NON_STRING_KEY = "FM016", "non-string-key", Warning, "A front-matter key is read as a number, boolean, null or list, which templates cannot reach by name.";
    /// A date Jekyll reads, but not as written.
    MALFORMED_DATE = "DT001", "malformed-date", Warning, "A date is malformed; Jekyll reads it in a way that may not be what was meant.";
    /// A date Jekyll cannot read at all.
    INVALID_DATE = "DT002", "invalid-date", Error, "A date cannot be read; Jekyll stops the build on it.";
    /// A document dated in the future.
    FUTURE_DOCUMENT = "DT003", "future-document", Info, "A document is dated in the future; Jekyll skips it until then.";
    /// A `redirect_from` path without a leading slash.
    REDIRECT_MISSING_SLASH = "URL001", "redirect-missing-slash", Warning, "A redirect path has no leading slash; jekyll-redirect-from adds one.";
    /// A permalink Jekyll cannot expand.
    INVALID_PERMALINK = "URL002", "invalid-permalink", Error, "A permalink uses a placeholder Jekyll does not know.";
    /// A file that is not valid UTF-8.
    INVALID_UTF8 = "ENC001", "invalid-utf8", Error, "A file is not valid UTF-8; masthead and Jekyll cannot read it.";
    /// A byte-order mark that makes Jekyll treat a document as a static file.
    BOM_STATIC_FILE = "ENC002", "bom-static-file", Warning, "A byte-order mark hides the front matter from Jekyll, which copies the file as a static file.";
    /// A document saved as UTF-16.
    UTF16 = "ENC003", "utf16", Error, "A document is saved as UTF-16; Jekyll reads only UTF-8 and copies it as a static file.";
    /// A NUL byte in a document's body.
    NUL_BYTE = "ENC004", "nul-byte", Warning, "A document's body contains a NUL byte, a sign of binary content; Markdown renders it as U+FFFD.";
    /// A file that could not be read.
    UNREADABLE = "IO001", "unreadable-file", Error, "A file could not be read.";
    /// A symbolic link in a collection, which masthead does not follow.
    SYMLINK = "IO002", "symlink-not-followed", Warning, "A symbolic link in a collection is not followed; what it points to is not read.";
    /// A file name that is not UTF-8.
    NON_UTF8_NAME = "IO003", "file-name-not-utf8", Warning, "A file name is not valid UTF-8, so it cannot become a URL; the file is not read.";
    /// A file larger than the largest masthead reads.
    FILE_TOO_LARGE = "LIM001", "file-too-large", Error, "A file is larger than the largest file masthead reads (`--max-file-size`); it is not read.";
    /// More files in collections than masthead reads.
    TOO_MANY_DOCUMENTS = "LIM002", "too-many-documents", Error, "The collections hold more files than masthead reads (`--max-documents`); the rest are not read.";
    /// `_config.yml` is not valid YAML or not a mapping.
    CONFIG_SYNTAX = "CFG001", "config-syntax", Error, "`_config.yml` cannot be read.";
    /// A `_config.yml` value of the wrong type.
    CONFIG_TYPE = "CFG002", "config-type", Error, "A `_config.yml` value has the wrong type.";
    /// An unknown `timezone:`.
    UNKNOWN_TIMEZONE = "CFG003", "unknown-timezone", Error, "`timezone:` is not a known IANA time zone.";
    /// A `masthead.collections` entry naming no collection.
    UNKNOWN_COLLECTION = "CFG004", "unknown-collection", Warning, "The masthead section maps a collection the site does not have.";
    /// A declared collection whose folder does not exist.
    MISSING_COLLECTION_FOLDER = "CFG006", "missing-collection-folder", Warning, "A collection is declared in `_config.yml` but its folder does not exist.";
}

/// Looks a code up.
pub fn info(code: &str) -> Option<&'static CodeInfo> {
    ALL.iter().find(|c| c.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_unique() {
        let codes: HashSet<_> = ALL.iter().map(|c| c.code).collect();
        let names: HashSet<_> = ALL.iter().map(|c| c.name).collect();
        assert_eq!(codes.len(), ALL.len());
        assert_eq!(names.len(), ALL.len());
    }
}

#[cfg(test)]
mod doc_tests {
    #[test]
    fn every_code_is_documented_with_its_name() {
        let doc = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../docs/loader-diagnostics.md"
        ))
        .expect("docs/loader-diagnostics.md");
        for info in super::ALL {
            let row = format!("| {} | {} |", info.code, info.name);
            assert!(
                doc.contains(&row),
                "docs/loader-diagnostics.md lacks the row `{row}`"
            );
        }
    }
}
