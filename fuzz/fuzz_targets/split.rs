//! Front-matter splitting (`masthead_source::split::split`): no input
//! panics; every span lies inside the text, on char boundaries, in order
//! (BOM, opening fence, YAML, closing fence, body) and with the content the
//! variant promises; and the split agrees with Jekyll's own regular
//! expression (`Document::YAML_FRONT_MATTER_REGEXP`) on whether the front
//! matter is closed and where its closing line starts (masthead's body
//! may start earlier than Jekyll's content, by blank lines only).

#![no_main]

use libfuzzer_sys::fuzz_target;
use masthead_fuzz::span_in;
use masthead_source::split::{Split, split};
use regex::Regex;
use std::sync::LazyLock;

/// Jekyll 4's `%r!\A(---\s*\n.*?\n?)^((---|\.\.\.)\s*$\n?)!m` in Rust's
/// syntax: Ruby's `/m` is `s` (a dot matches a line break), Ruby's `^` and
/// `$` always match at line breaks (`m` here), and Ruby's `\s` is ASCII.
static JEKYLL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?sm)\A(---(?-u:\s)*\n.*?\n?)^((---|\.\.\.)(?-u:\s)*$\n?)").expect("a valid regex")
});

fn check(text: &str) {
    let front = split(text);
    let bom = front.bom();
    assert_eq!(bom, if text.starts_with('\u{feff}') { 3 } else { 0 });
    let body = front.body(text.len());
    assert!(span_in(text, body), "body {body:?}");
    assert_eq!(body.end, text.len());
    let after_bom = &text[bom..];
    let jekyll = JEKYLL.captures(after_bom);
    match front {
        Split::None { .. } => {
            assert!(jekyll.is_none(), "Jekyll finds front matter in {text:?}");
            assert_eq!(body.start, bom);
        }
        Split::Unclosed { open, .. } => {
            assert!(
                jekyll.is_none(),
                "Jekyll finds closed front matter in {text:?}"
            );
            assert!(span_in(text, open), "open {open:?}");
            assert_eq!(open.start, bom);
            assert!(text[open.start..open.end].starts_with("---"));
            assert!(text[open.start..open.end].ends_with('\n'));
            assert_eq!(body.start, bom);
        }
        Split::Closed {
            open,
            yaml,
            close,
            body: closed_body,
            ..
        } => {
            assert_eq!(closed_body, body);
            for span in [open, yaml, close, body] {
                assert!(span_in(text, span), "{span:?} in {text:?}");
            }
            assert_eq!(open.start, bom);
            assert_eq!(open.end, yaml.start);
            assert_eq!(yaml.end, close.start);
            assert_eq!(close.end, body.start);
            let fence = &text[open.start..open.end];
            assert!(
                fence.starts_with("---") && fence.ends_with('\n'),
                "{fence:?}"
            );
            assert!(
                fence[3..]
                    .bytes()
                    .all(|b| b.is_ascii_whitespace() || b == b'\x0b')
            );
            let closing = &text[close.start..close.end];
            assert!(
                closing.starts_with("---") || closing.starts_with("..."),
                "{closing:?}"
            );
            assert!(closing.ends_with('\n') || close.end == text.len());
            assert!(close.start == 0 || text.as_bytes()[close.start - 1] == b'\n');
            let caps =
                jekyll.unwrap_or_else(|| panic!("Jekyll finds no closed front matter in {text:?}"));
            let jekyll_close = caps.get(2).expect("group 2 always takes part");
            assert_eq!(
                bom + jekyll_close.start(),
                close.start,
                "the closing line starts elsewhere than Jekyll's in {text:?}"
            );
            // Jekyll's match runs on over the blank lines after the fence
            // (`\s*$\n?` backtracks to the last line break of the
            // whitespace); masthead keeps them in the body, deliberately
            // (the body is the file's bytes; excerpts skip them).
            let jekyll_body = bom + jekyll_close.end();
            assert!(jekyll_body >= body.start, "{text:?}");
            assert!(
                text[body.start..jekyll_body]
                    .bytes()
                    .all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0b' | b'\x0c')),
                "the body starts elsewhere than Jekyll's content in {text:?}"
            );
        }
    }
}

fuzz_target!(|data: &[u8]| {
    // Files are read lossily: invalid bytes become U+FFFD.
    check(&String::from_utf8_lossy(data));
});
