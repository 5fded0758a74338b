//! Writing scalar values as YAML text that reads back as exactly the value.

use masthead_model::Value;
use masthead_yaml::{ParseOptions, ScalarStyle};

/// How a new scalar should be quoted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Quote {
    /// Plain when that reads back as the same string, else double quotes.
    PreferPlain,
    /// Single quotes, or double quotes when the text has line breaks or
    /// control characters single quotes cannot hold.
    Single,
    /// Double quotes, always.
    Double,
}

impl Quote {
    pub(crate) fn from_style(style: ScalarStyle) -> Quote {
        match style {
            ScalarStyle::Plain => Quote::PreferPlain,
            ScalarStyle::SingleQuoted => Quote::Single,
            // Block scalars are replaced by a one-line double-quoted scalar.
            ScalarStyle::DoubleQuoted | ScalarStyle::Literal | ScalarStyle::Folded => Quote::Double,
        }
    }
}

/// The YAML text of a scalar value; `None` for lists and maps.
///
/// `in_flow` is true inside `[...]`/`{...}`, where plain scalars are never used.
pub(crate) fn scalar(value: &Value, quote: Quote, in_flow: bool) -> Option<String> {
    Some(match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Integer(i) => i.to_string(),
        Value::Float(f) => {
            if f.is_nan() {
                ".nan".to_owned()
            } else if f.is_infinite() {
                if *f > 0.0 { ".inf" } else { "-.inf" }.to_owned()
            } else {
                let s = format!("{f:?}");
                if s.contains(['.', 'e', 'E']) {
                    s
                } else {
                    format!("{s}.0")
                }
            }
        }
        Value::String(s) => string(s, quote, in_flow),
        Value::List(_) | Value::Map(_) => return None,
    })
}

/// A string as YAML text in the requested quoting style.
pub(crate) fn string(s: &str, quote: Quote, in_flow: bool) -> String {
    match quote {
        Quote::PreferPlain if !in_flow && plain_is_safe(s) => s.to_owned(),
        Quote::Single if single_is_safe(s) => format!("'{}'", s.replace('\'', "''")),
        _ => double_quoted(s),
    }
}

/// A double-quoted scalar: `\` and `"` escaped, every character YAML would
/// not keep as written (controls, line breaks, BOM, NEL, LS, PS) escaped.
pub(crate) fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if (c as u32) < 0x20 || c == '\u{7f}' || ('\u{80}'..='\u{9f}').contains(&c) => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            '\u{feff}' | '\u{fffe}' | '\u{ffff}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether single quotes can hold `s` as written (printable, one line).
fn single_is_safe(s: &str) -> bool {
    s.chars()
        .all(|c| !(c.is_control() || matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}')))
        && !s.contains('\t')
}

/// Whether `s` written plain reads back as the same string (not a number,
/// boolean, null or date Jekyll would convert, no indicator or comment).
pub(crate) fn plain_is_safe(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    // A leading letter (or the `/` of a site path) rules out indicators,
    // numbers and timestamps.
    if !(first.is_alphabetic() || first == '/') {
        return false;
    }
    if s.ends_with([' ', ':']) || s.contains(": ") || s.contains(" #") || s.contains('\t') {
        return false;
    }
    if s.chars().any(|c| {
        c.is_control()
            || matches!(
                c,
                '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{a0}'
            )
    }) {
        return false;
    }
    // The final word: libyaml and Psych's resolution read it back as this string.
    reads_back_as(s, &Value::String(s.to_owned()))
}

/// Whether `key: <text>` parses to `expected`.
pub(crate) fn reads_back_as(text: &str, expected: &Value) -> bool {
    let doc = format!("k: {text}\n");
    let Ok(parsed) = masthead_yaml::parse(&doc, &ParseOptions::default()) else {
        return false;
    };
    parsed
        .root()
        .and_then(|r| r.as_mapping())
        .and_then(|m| m.get("k"))
        .is_some_and(|v| v.to_value() == *expected)
}

/// Whether `s` starts like a YAML timestamp (`2021-11-22`, `2027-01-19T10:00:00Z`)
/// and holds nothing a plain scalar cannot.
pub(crate) fn looks_like_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 8
        && b.get(..4)
            .is_some_and(|year| year.iter().all(u8::is_ascii_digit))
        && b.get(4) == Some(&b'-')
        && s.bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b':' | b'.' | b'+' | b' '))
        && !s.ends_with(' ')
}

/// A mapping key as YAML text: plain for ordinary names, else double-quoted.
pub(crate) fn key(k: &str) -> String {
    let simple = k
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'));
    if simple && plain_is_safe(k) {
        k.to_owned()
    } else {
        double_quoted(k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hard_strings_read_back() {
        for s in [
            "Relaunching: the forum",
            "A # not a comment",
            "  leading spaces",
            "trailing ",
            "Café Pride – 2026!",
            "\"quoted\" and 'single'",
            "back\\slash",
            "line\nbreak",
            "tab\there",
            "yes",
            "null",
            "2021-11-22",
            "- dash",
            "? question",
            "@at",
            "",
            "\u{feff}bom",
            "nel\u{85}ls\u{2028}",
            "ctrl\u{1}\u{7f}\u{9b}",
        ] {
            for q in [Quote::PreferPlain, Quote::Single, Quote::Double] {
                let text = string(s, q, false);
                assert!(
                    reads_back_as(&text, &Value::String(s.to_owned())),
                    "{s:?} as {text:?}"
                );
            }
        }
    }

    #[test]
    fn plain_only_where_safe() {
        assert_eq!(
            string("Hello world", Quote::PreferPlain, false),
            "Hello world"
        );
        assert_eq!(string("yes", Quote::PreferPlain, false), "\"yes\"");
        assert_eq!(
            string("2021-11-22", Quote::PreferPlain, false),
            "\"2021-11-22\""
        );
        assert_eq!(string("it's", Quote::Single, false), "'it''s'");
        assert_eq!(string("a\nb", Quote::Single, false), "\"a\\nb\"");
        assert_eq!(string("Hello", Quote::PreferPlain, true), "\"Hello\"");
    }

    #[test]
    fn typed_scalars_read_back() {
        for v in [
            Value::Null,
            Value::Bool(true),
            Value::Integer(-42),
            Value::Float(1.5),
            Value::Float(3.0),
        ] {
            let text = scalar(&v, Quote::Double, false).unwrap();
            assert!(reads_back_as(&text, &v), "{v:?} as {text}");
        }
        assert_eq!(key("person-name"), "person-name");
        assert_eq!(key("a key: x"), "\"a key: x\"");
    }
}
