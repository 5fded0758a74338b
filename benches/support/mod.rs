//! Shared by the benchmarks: a generated site shaped like the example site.

use std::path::{Path, PathBuf};
use std::time::Duration;

/// The Markdown dialect masthead reads bodies in (masthead-markdown's
/// options, which stay private so that no comrak type is in masthead's
/// API): the baselines parse the same dialect, so both sides do the same
/// parsing work.
#[allow(dead_code)] // Each bench uses what it needs of this module.
pub(crate) fn markdown_options() -> comrak::Options<'static> {
    let mut options = comrak::Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    options.extension.tasklist = true;
    options.extension.footnotes = true;
    options
}

/// The median of the ratios `num[i] / den[i]`: two measures timed back to
/// back in each run share the machine's state, so on a shared machine whose
/// speed drifts between runs this paired figure moves less than the ratio
/// of the two medians.
#[allow(dead_code)] // Each bench uses what it needs of this module.
pub(crate) fn paired_ratio(num: &[Duration], den: &[Duration]) -> f64 {
    let mut r: Vec<f64> = num
        .iter()
        .zip(den)
        .map(|(a, b)| a.as_secs_f64() / b.as_secs_f64())
        .collect();
    r.sort_by(f64::total_cmp);
    r[r.len() / 2]
}

/// A site shaped like the example site: news posts in the house template,
/// events, a team of authors, topics; 80 % news, 10 % events, the rest team
/// and topics.
pub(crate) fn generate(root: &Path, docs: usize) -> Vec<PathBuf> {
    std::fs::write(
        root.join("_config.yml"),
        "title: Bench Network\ntimezone: Europe/London\npermalink: pretty\ncollections:\n  news:\n    output: true\n    permalink: /news/:year/:month/:day/:title\n  events:\n    output: true\n  team:\n    output: true\n  topics:\n    output: true\ndefaults:\n  - scope: {type: news}\n    values: {layout: news}\n",
    )
    .expect("config");
    std::fs::write(root.join("events.md"), "---\ntitle: Events\n---\n").expect("events page");
    for d in ["_news", "_events", "_team", "_topics"] {
        std::fs::create_dir_all(root.join(d)).expect("folder");
    }
    let body = "The **network** is both a network of members and a network of networks – every organisation is different.\n\n## It's for chairs\n\nIf you have an item, [email me](mailto:chair@example.org) or see [the events page](/events).\n\n".repeat(4);
    let mut files = Vec::with_capacity(docs);
    for i in 0..docs {
        let (y, m, d) = (2015 + (i % 10), 1 + (i % 12), 1 + (i % 28));
        let people = (docs / 20).max(1);
        let (path, text) = match i % 10 {
            0..=7 => (
                format!("_news/{y}-{m:02}-{d:02}-post-number-{i}.md"),
                format!(
                    "---\n# Adding or removing a '#' in front of a line will toggle that information off and on from being processed. \n\nlayout: news\ntitle: \"Post number {i}\"\nexcerpt: \"A summary of post {i} that runs on for a while so that it wraps.{folded}\"\ndate: {y}-{m:02}-{d:02}\nauthor: \"Author {a}\"\ncategory: \n- topic-{a}\nimage: \"https://www.example.org/images/{i}.png\"\n# video: \"\"\npermalink: /news/{y}/{m:02}/{d:02}/post-number-{i}\nredirect_from:\n- /old/{i}\n# redirect_to: \n# - \n---\n\n{body}",
                    a = (i / 10) % people,
                    // One post in a hundred has the folded excerpt of the
                    // real 2021-11-22 post: a realistic rate of findings.
                    folded = if i % 100 == 0 { "\n" } else { "" },
                ),
            ),
            8 => (
                format!("_events/{y}-{m:02}-{d:02}-event-{i}.md"),
                format!(
                    "---\nlayout: event\ntitle: \"Event {i}\"\ndate: {y}-{m:02}-{d:02}\nevent:\n  start: {y}-{m:02}-{d:02}T10:00:00.000Z\n  end: \"\"\n  deadline: {y}-{m:02}-{d:02}T09:00:00.000Z\n  location: Online\n  link: https://example.org/register/{i}\n---\n\n{body}"
                ),
            ),
            _ if i % 20 == 9 => (
                format!("_team/person-{i}.md"),
                format!(
                    "---\nperson-name: Author {k}\nrole: project team\nregion: London\narchive: \"false\"\n---\n\n{body}",
                    k = i / 20
                ),
            ),
            _ => (
                format!("_topics/topic-{i}.md"),
                format!(
                    "---\ntitle: Topic {i}\ncategory: topic-{t}\n---\n\n{body}",
                    t = i / 20
                ),
            ),
        };
        let full = root.join(&path);
        std::fs::write(&full, text).expect("document");
        files.push(full);
    }
    files
}
