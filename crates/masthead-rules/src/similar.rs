//! "Did you mean" suggestions.

/// Levenshtein distance between `a` and `b`, counting characters.
pub(crate) fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = Vec::with_capacity(b.len() + 1);
        // cur[j], the distance to the first j characters of `b`.
        let mut left = i + 1;
        cur.push(left);
        // prev[j] and prev[j + 1] beside each character b[j].
        for (cb, (diagonal, up)) in b.iter().zip(prev.iter().zip(prev.iter().skip(1))) {
            let cost = usize::from(ca != *cb);
            left = (diagonal + cost).min(up + 1).min(left + 1);
            cur.push(left);
        }
        prev = cur;
    }
    // `prev` has `b.len() + 1` entries.
    prev.last().copied().unwrap_or_default()
}

/// The candidate closest to `word` (case-insensitive, `_`/`-`/space folded),
/// if it is close enough to be a likely typo: one edit for words of up to
/// three letters, else a third of the word's length, between 2 and 3.
pub(crate) fn closest<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let fold = |s: &str| s.to_lowercase().replace(['_', ' '], "-");
    let w = fold(word);
    let len = w.chars().count();
    let limit = if len <= 3 { 1 } else { (len / 3).clamp(2, 3) };
    candidates
        .into_iter()
        // Lengths further apart than the limit cannot be within it: skip
        // the quadratic distance for them.
        .filter(|c| c.chars().count().abs_diff(len) <= limit)
        .map(|c| (distance(&w, &fold(c)), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(closest("titel", ["title", "layout"]), Some("title"));
        assert_eq!(
            closest("image_alt", ["image-alt", "image"]),
            Some("image-alt")
        );
        assert_eq!(closest("breadcrumbs", ["title", "layout"]), None);
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
