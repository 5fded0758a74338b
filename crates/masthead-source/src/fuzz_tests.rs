//! Property tests: no input makes the splitter, the YAML parser or typed
//! decoding panic, and every span they return lies inside the file.

use crate::checks::tree_checks;
use crate::decode::decode;
use crate::split::{Split, split};
use masthead_model::frontmatter::{
    AuthorFrontMatter, EventFrontMatter, GenericFrontMatter, PostFrontMatter,
};
use masthead_yaml::ParseOptions;
use proptest::prelude::*;

fn run_pipeline(text: &str) -> Result<(), TestCaseError> {
    let front = split(text);
    let body = front.body(text.len());
    prop_assert!(body.start <= body.end && body.end <= text.len());
    let Split::Closed { open, yaml, .. } = front else {
        return Ok(());
    };
    prop_assert!(text.is_char_boundary(open.start) && text.is_char_boundary(yaml.end));
    let Ok(doc) = masthead_yaml::parse(&text[open.start..yaml.end], &ParseOptions::default())
    else {
        return Ok(());
    };
    let Some(mut root) = doc.into_root() else {
        return Ok(());
    };
    root.shift(open.start);
    for ks in root.key_spans() {
        prop_assert!(
            ks.value.end <= text.len(),
            "span {:?} past the end",
            ks.value
        );
    }
    for d in tree_checks(&root, text) {
        let span = d.primary.map(|p| p.span).unwrap_or_default();
        prop_assert!(span.end <= text.len());
    }
    let _ = decode::<PostFrontMatter>(&root, "front matter");
    let _ = decode::<EventFrontMatter>(&root, "front matter");
    let _ = decode::<AuthorFrontMatter>(&root, "front matter");
    let _ = decode::<GenericFrontMatter>(&root, "front matter");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        run_pipeline(&String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn front_matter_shaped_text_never_panics(
        bom in proptest::bool::ANY,
        crlf in proptest::bool::ANY,
        lines in proptest::collection::vec(
            "(title|date|event|start|category|redirect_from|published|- |  |\t|#)?[:]?[ \t]?(\"|'|\\[|\\{|&a |\\*a|!ruby/x |2021-11-22|yes|~|[a-z ]{0,12})*",
            0..12,
        ),
        close in "(---|\\.\\.\\.|-- )?",
    ) {
        let eol = if crlf { "\r\n" } else { "\n" };
        let mut text = String::new();
        if bom {
            text.push('\u{feff}');
        }
        text.push_str("---");
        text.push_str(eol);
        for line in &lines {
            text.push_str(line);
            text.push_str(eol);
        }
        text.push_str(&close);
        text.push_str(eol);
        text.push_str("Body");
        run_pipeline(&text)?;
    }
}
