//! Escaping for values masthead places into its own markup.
//!
//! Content a site's authors wrote as HTML is theirs; but titles, excerpts,
//! URLs and redirect targets that masthead puts into attributes, text and
//! scripts always go through these functions.

use std::borrow::Cow;

/// Escapes text for HTML element content and quoted attribute values:
/// `&`, `<`, `>`, `"` and `'`.
///
/// ```
/// use masthead_render::escape::html;
/// assert_eq!(html(r#"Tom & "Jerry" <b>'"#), "Tom &amp; &quot;Jerry&quot; &lt;b&gt;&#39;");
/// ```
pub fn html(text: &str) -> Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"', '\'']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Escapes text for the inside of a double-quoted JavaScript string in an
/// HTML `<script>` element: quotes, backslashes and line terminators are
/// escaped, and `<` and `>` are written as `\u003c`-style escapes so the
/// text can never close the script or open a comment. (`&` needs nothing:
/// a script's text is not decoded as HTML.)
///
/// ```
/// use masthead_render::escape::js_string;
/// assert_eq!(js_string(r#"a"</script>"#), r#"a\"\u003c/script\u003e"#);
/// ```
pub fn js_string(text: &str) -> Cow<'_, str> {
    if !text.contains(|c: char| {
        matches!(c, '"' | '\'' | '\\' | '<' | '>' | '\u{2028}' | '\u{2029}') || c.is_control()
    }) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\'' => out.push_str("\\'"),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(html("Café"), Cow::Borrowed(_)));
        assert!(matches!(js_string("/a/b/"), Cow::Borrowed(_)));
    }

    #[test]
    fn line_terminators_are_escaped_in_scripts() {
        assert_eq!(js_string("a\u{2028}b\nc"), "a\\u2028b\\nc");
        assert_eq!(js_string("a\\'"), "a\\\\\\'");
    }
}
