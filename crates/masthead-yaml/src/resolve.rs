//! Psych's scalar resolution (Ruby's YAML, as Jekyll loads front matter),
//! checked against `Psych.safe_load` in the tests: `yes`/`on` are true,
//! `012` is octal, `1,000` is 1000, `1:30` is 5400, `1e3` stays a string.

use crate::ScalarStyle;

/// What a scalar means once Psych has looked at it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Resolved {
    /// `~`, `null`, `Null`, `NULL` or nothing.
    Null,
    /// `true`/`yes`/`on` or `false`/`no`/`off`, any case.
    Bool(bool),
    /// An integer (decimal with `_` or `,`, `0b`, octal `0…`, `0x`, or base 60 `1:30`).
    Integer(i64),
    /// A float (`1.5`, `-.5`, `1.`, `.inf`, `.nan`).
    Float(f64),
    /// Anything else, and every quoted or block scalar. Dates are strings here.
    String,
}

/// Whether [`resolve`] reads the scalar as null, without the rest of its
/// work (numbers, booleans): asked of every field a struct decodes.
pub(crate) fn is_null(text: &str, style: ScalarStyle, tag: Option<&str>) -> bool {
    matches!(by_tag_style_or_null(text, style, tag), Some(Resolved::Null))
}

/// What the tag, the quoting or a null word decides alone: the first steps
/// of [`resolve`], and every way it reads a scalar as null.
fn by_tag_style_or_null(text: &str, style: ScalarStyle, tag: Option<&str>) -> Option<Resolved> {
    match tag {
        Some("tag:yaml.org,2002:str") | Some("!!str") => return Some(Resolved::String),
        Some("tag:yaml.org,2002:null") => return Some(Resolved::Null),
        _ => {}
    }
    if style != ScalarStyle::Plain {
        return Some(Resolved::String);
    }
    matches!(text, "" | "~" | "null" | "Null" | "NULL").then_some(Resolved::Null)
}

/// Resolves `text` the way Psych does for its style and tag.
pub(crate) fn resolve(text: &str, style: ScalarStyle, tag: Option<&str>) -> Resolved {
    if let Some(decided) = by_tag_style_or_null(text, style, tag) {
        return decided;
    }
    // The words below are at most 5 bytes: longer scalars skip the
    // lowercase copy (most scalars are titles and sentences).
    let mut buf = [0u8; 5];
    if let Some(lower) = buf.get_mut(..text.len()) {
        lower.copy_from_slice(text.as_bytes());
        lower.make_ascii_lowercase();
        match &*lower {
            b"true" | b"yes" | b"on" => return Resolved::Bool(true),
            b"false" | b"no" | b"off" => return Resolved::Bool(false),
            b".inf" | b"+.inf" => return Resolved::Float(f64::INFINITY),
            b"-.inf" => return Resolved::Float(f64::NEG_INFINITY),
            b".nan" => return Resolved::Float(f64::NAN),
            _ => {}
        }
    }
    // Every integer and float starts, after one sign, with a digit or `.`.
    if !matches!(
        split_sign(text).1.as_bytes().first(),
        Some(b'0'..=b'9' | b'.')
    ) {
        return Resolved::String;
    }
    if let Some(i) = integer(text) {
        return Resolved::Integer(i);
    }
    if let Some(f) = float(text) {
        return Resolved::Float(f);
    }
    Resolved::String
}

fn split_sign(text: &str) -> (i64, &str) {
    match text.as_bytes().first() {
        Some(b'-') => (-1, &text[1..]),
        Some(b'+') => (1, &text[1..]),
        _ => (1, text),
    }
}

/// Psych's INTEGER_LEGACY plus base-60 integers.
fn integer(text: &str) -> Option<i64> {
    let (sign, body) = split_sign(text);
    if body.is_empty() {
        return None;
    }
    let strip = |s: &str, extra: &[char]| -> String {
        s.chars()
            .filter(|c| *c != '_' && !extra.contains(c))
            .collect()
    };
    let value = if let Some(bin) = body.strip_prefix("0b") {
        if bin.is_empty() || !bin.chars().all(|c| matches!(c, '0' | '1' | '_' | ',')) {
            return None;
        }
        i64::from_str_radix(&strip(bin, &[',']), 2).ok()?
    } else if let Some(hex) = body.strip_prefix("0x") {
        if hex.is_empty()
            || !hex
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == '_' || c == ',')
        {
            return None;
        }
        i64::from_str_radix(&strip(hex, &[',']), 16).ok()?
    } else if body.len() > 1 && body.starts_with('0') {
        if !body.chars().all(|c| matches!(c, '0'..='7' | '_' | ',')) {
            return None;
        }
        i64::from_str_radix(&strip(body, &[',']), 8).ok()?
    } else if body.contains(':') {
        sexagesimal(body)?
    } else {
        // [1-9](?:[0-9]|,[0-9]|_[0-9])* or 0
        let bytes = body.as_bytes();
        if body != "0" {
            let Some((b'1'..=b'9', rest)) = bytes.split_first() else {
                return None;
            };
            let mut prev_sep = false;
            for &b in rest {
                match b {
                    b'0'..=b'9' => prev_sep = false,
                    b',' | b'_' if !prev_sep => prev_sep = true,
                    _ => return None,
                }
            }
            if prev_sep {
                return None;
            }
        }
        strip(body, &[',']).parse::<i64>().ok()?
    };
    value.checked_mul(sign)
}

/// `[0-9][0-9_]*(:[0-5]?[0-9])+` read as Psych does: part `e` is multiplied
/// by 60^|e-2|, so `1:30` is 1×3600 + 30×60 = 5400 (hours and minutes).
fn sexagesimal(body: &str) -> Option<i64> {
    let parts: Vec<&str> = body.split(':').collect();
    let head = parts.first()?;
    if !(2..=3).contains(&parts.len())
        || head.is_empty()
        || !head.as_bytes().first().is_some_and(u8::is_ascii_digit)
        || !head.chars().all(|c| c.is_ascii_digit() || c == '_')
    {
        return None;
    }
    let mut value: i64 = 0;
    for (e, part) in parts.iter().enumerate() {
        let n: i64 = if e == 0 {
            part.replace('_', "").parse().ok()?
        } else {
            if part.is_empty() || part.len() > 2 || !part.chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            let n: i64 = part.parse().ok()?;
            if n > 59 {
                return None;
            }
            n
        };
        let exponent = u32::try_from((e as i64 - 2).abs()).ok()?;
        value = value.checked_add(n.checked_mul(60i64.checked_pow(exponent)?)?)?;
    }
    Some(value)
}

/// Psych's FLOAT: `[-+]?([0-9][0-9_,]*)?\.[0-9]*([eE][-+][0-9]+)?`.
fn float(text: &str) -> Option<f64> {
    let (_, body) = split_sign(text);
    let dot = body.find('.')?;
    let (int_part, rest) = body.split_at(dot);
    let rest = &rest[1..];
    if !int_part.is_empty()
        && (!int_part.as_bytes().first().is_some_and(u8::is_ascii_digit)
            || !int_part
                .chars()
                .all(|c| c.is_ascii_digit() || c == '_' || c == ','))
    {
        return None;
    }
    let (frac, exp) = match rest.find(['e', 'E']) {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    if !frac.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if let Some(exp) = exp {
        let digits = exp.strip_prefix(['-', '+'])?;
        if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
    }
    if int_part.is_empty() && frac.is_empty() {
        return None;
    }
    let cleaned: String = text.chars().filter(|c| *c != '_' && *c != ',').collect();
    let cleaned = if cleaned.ends_with('.') {
        format!("{cleaned}0")
    } else {
        cleaned
    };
    cleaned.parse().ok()
}

#[cfg(test)]
mod is_null_tests {
    use super::*;

    proptest::proptest! {
        /// The shortcut agrees with the whole resolution.
        #[test]
        fn is_null_agrees_with_resolve(
            text in "(|~|null|Null|NULL|nULL|yes|-?[0-9.]{0,4}|[a-z ]{0,6})",
            style in proptest::sample::select(vec![
                ScalarStyle::Plain, ScalarStyle::SingleQuoted, ScalarStyle::DoubleQuoted,
            ]),
            tag in proptest::option::of(proptest::sample::select(vec![
                "tag:yaml.org,2002:str", "!!str", "tag:yaml.org,2002:null", "!!int", "!custom",
            ])),
        ) {
            proptest::prop_assert_eq!(
                is_null(&text, style, tag),
                matches!(resolve(&text, style, tag), Resolved::Null)
            );
        }
    }
}
