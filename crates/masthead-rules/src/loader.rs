//! Metadata of the problems the loader reports itself (it finds them while
//! reading, so there is no separate check to run). Codes and names match
//! `masthead_source::codes`; a test keeps the two in step.

use masthead_diagnostics::Severity;
use masthead_lint::RuleMeta;

macro_rules! loader_meta {
    ($($id:ident: $code:literal, $name:literal, $family:literal, $sev:ident, $summary:literal, $what:literal, $why:literal, $example:literal;)*) => {
        $(
            static $id: RuleMeta = RuleMeta {
                code: $code,
                name: $name,
                family: $family,
                summary: $summary,
                doc: concat!("## What it does\n", $what, "\n\n## Why is this bad?\n", $why, "\n\n## Example\n```yaml\n", $example, "\n```\n"),
                default_severity: Severity::$sev,
                fix: crate::fixes::availability($code),
                enabled_by_default: true,
            };
        )*
        /// Every loader code's metadata.
        pub(crate) static METAS: &[&RuleMeta] = &[$(&$id),*];
    };
}

loader_meta! {
    FM001: "FM001", "yaml-syntax", "front-matter", Error,
        "Front matter is not valid YAML.",
        "Reports YAML that libyaml, the parser Jekyll uses, cannot read, at the character where it stopped, with the construct it was reading (an unclosed quote, say) as a label.",
        "Jekyll logs the error and builds the page with no front matter at all: no title, no layout, no permalink.",
        "title: \"Our plans\ncategory:\n\t- pride   # tab indentation";
    FM002: "FM002", "wrong-type", "front-matter", Error,
        "A front-matter value has the wrong type for its field.",
        "Reports a value whose shape or value does not fit its field: a list where text is expected, a role that is not one of the roles.",
        "Templates and other tools read the value as something it is not; masthead ignores it so the rest of the document still loads.",
        "role: boss          # not one of chair, vice chair, …\nevent:\n  start: [1, 2]";
    FM003: "FM003", "missing-field", "front-matter", Error,
        "A field the document's type requires is missing.",
        "Reports a post or event without `title`, an event without `event.start`, an author without `person-name`.",
        "Lists, feeds and calendars built from the content have nothing to show for it.",
        "---\nlayout: news\n---";
    FM004: "FM004", "duplicate-key", "front-matter", Warning,
        "A key is written twice.",
        "Reports a key written twice in one mapping, at the later one (which Jekyll keeps), with the first as a label. An error when the values differ. When the values are equal, the fix removes the earlier line(s), which changes nothing Jekyll reads.",
        "Jekyll silently keeps the last value; the first looks as if it counts, and someone will edit the wrong one.",
        "title: Draft title\nlayout: news\ntitle: Final title";
    FM005: "FM005", "stray-whitespace", "front-matter", Warning,
        "A quoted value starts or ends with whitespace.",
        "Reports quoted values with leading or trailing whitespace, typically a line break before the closing quote that YAML folds into a space. The fix removes the whitespace inside the quotes (moving the closing quote up to the text), and nothing else.",
        "The space ends up in page titles, meta descriptions and feeds, where it shows or breaks comparisons.",
        "excerpt: \"Our forum is a quarterly opportunity.\n\"";
    FM006: "FM006", "unclosed-front-matter", "front-matter", Error,
        "Front matter is opened but never closed.",
        "Reports a file that starts with `---` with no later `---` line.",
        "Jekyll reads the whole file, keys included, as the body.",
        "---\ntitle: Never closed\n\nBody text";
    FM007: "FM007", "front-matter-not-mapping", "front-matter", Error,
        "Front matter is not a mapping.",
        "Reports front matter that is a list or a single value instead of `key: value` lines.",
        "Nothing in it can be read as a field.",
        "---\n- title\n- date\n---";
    FM008: "FM008", "string-boolean", "front-matter", Warning,
        "`published: \"false\"` is a string.",
        "Reports a `published` value written as the string \"false\".",
        "Jekyll only unpublishes on the boolean `false`: the quoted string publishes the document.",
        "published: \"false\"   # write: published: false";
    FM009: "FM009", "yaml-limit", "front-matter", Error,
        "Front matter nests too deeply or expands to too many values.",
        "Reports nesting deeper than 128 levels, or aliases expanding to more than 100,000 values.",
        "Such input is a mistake or an attack (a \"billion laughs\" alias bomb); masthead stops reading it.",
        "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]";
    FM010: "FM010", "disallowed-tag", "front-matter", Error,
        "A YAML tag that Jekyll's safe loader refuses.",
        "Reports Ruby object tags such as `!ruby/object`.",
        "Jekyll refuses the whole front matter.",
        "author: !ruby/object:OpenStruct {name: Alex}";
    FM016: "FM016", "non-string-key", "front-matter", Warning,
        "A front-matter key is read as a number, boolean, null or list.",
        "Reports keys that Psych reads as something other than text: `yes`, `on`, `no`, `true` (booleans), `1` or `2021` (integers), `~` (null), and complex keys (`? [a, b]`).",
        "Templates look keys up by name: `page.yes` finds nothing, because the key is the boolean `true`.",
        "yes: 1        # write: \"yes\": 1";
    DT001: "DT001", "malformed-date", "dates", Warning,
        "A date is malformed; Jekyll reads it, but not as written.",
        "Reports dates Ruby reads in a surprising way (text after the time ignored, a rolled-over impossible day), saying what Jekyll will use. The fix writes that time, with its offset, in place of the date (inside the quotes, if any).",
        "The post is dated, and its URL built, from a time nobody wrote.",
        "date: 2020-10-05T11:00:00.000ZT11:00:00.000Z";
    DT002: "DT002", "invalid-date", "dates", Error,
        "A date cannot be read.",
        "Reports a date Ruby cannot parse at all.",
        "Jekyll stops the whole build on it.",
        "date: next tuesday";
    DT003: "DT003", "future-document", "dates", Info,
        "A document is dated in the future.",
        "Reports documents dated after now (`--now` or `MASTHEAD_NOW` fix \"now\").",
        "Jekyll skips them without a word until that date, which surprises editors who expected them online.",
        "date: 2099-01-01";
    URL001: "URL001", "redirect-missing-slash", "urls", Warning,
        "A redirect path has no leading slash.",
        "Reports a `redirect_from` entry without a leading `/`, at its list item. The fix inserts the `/` jekyll-redirect-from adds anyway.",
        "jekyll-redirect-from adds the slash silently; the file says one thing and the site does another.",
        "redirect_from:\n  - old/page";
    URL002: "URL002", "invalid-permalink", "urls", Error,
        "A permalink uses a placeholder Jekyll does not know.",
        "Reports permalinks Jekyll cannot expand.",
        "Jekyll stops the build.",
        "permalink: /news/:yaer/:title/";
    ENC001: "ENC001", "invalid-utf8", "front-matter", Error,
        "A document is not valid UTF-8.",
        "Reports the byte offset of the first byte that is not UTF-8.",
        "Jekyll fails on it; editors show it garbled.",
        "title: Caf\\xe9   # Latin-1 bytes";
    ENC002: "ENC002", "bom-static-file", "front-matter", Warning,
        "A byte-order mark hides the front matter from Jekyll.",
        "Reports a UTF-8 byte-order mark at the start of a document outside `_posts`.",
        "Jekyll's front-matter check reads raw bytes, misses the `---`, and copies the file unprocessed as a static file.",
        "\\ufeff---\ntitle: Saved by Notepad";
    ENC003: "ENC003", "utf16", "front-matter", Error,
        "A document is saved as UTF-16.",
        "Reports Markdown and HTML documents that start with a UTF-16 byte-order mark.",
        "Jekyll reads only UTF-8: it copies the file as a static file, and the post never appears.",
        "# a post saved by an editor set to \"Unicode\" (UTF-16)";
    ENC004: "ENC004", "nul-byte", "front-matter", Warning,
        "A document's body contains a NUL byte.",
        "Reports the first NUL byte in a document's body (one in front matter is a YAML error, FM001).",
        "A NUL byte is binary content pasted or saved into the text; Markdown renders it as U+FFFD and some tools stop at it.",
        "Body text\\0 with a NUL byte";
    IO001: "IO001", "unreadable-file", "front-matter", Error,
        "A file could not be read.",
        "Reports collection files the operating system would not let masthead read.",
        "Jekyll cannot read them either.",
        "# chmod 000 _news/2021-01-01-post.md";
    IO002: "IO002", "symlink-not-followed", "front-matter", Warning,
        "A symbolic link in a collection is not followed.",
        "Reports symbolic links (to files or folders) inside collections; masthead reads neither the link nor what it points to.",
        "A link can lead outside the site (to a secret, say); GitHub Pages' Jekyll ignores links as well, so the content is missing from the site.",
        "# _news/2021-11-22-post.md -> ../drafts/post.md";
    IO003: "IO003", "file-name-not-utf8", "front-matter", Warning,
        "A file name is not valid UTF-8.",
        "Reports collection files whose names are not UTF-8; they are not read.",
        "Such a name cannot become a URL, and two of them could read alike once made text.",
        "# _news/2021-11-22-caf\\xe9.md   (a Latin-1 name)";
    LIM001: "LIM001", "file-too-large", "limits", Error,
        "A file is larger than the largest masthead reads.",
        "Reports collection files and pages larger than `--max-file-size` (10 MiB unless set); they are not read.",
        "Real posts are a few kilobytes; a file a thousand times larger is a mistake or an attack, and would cost its size in memory several times over.",
        "# a 50 MB file in _news/";
    LIM002: "LIM002", "too-many-documents", "limits", Error,
        "The collections hold more files than masthead reads.",
        "Reports a site whose collections hold more than `--max-documents` files (200,000 unless set); the first in path order are read, the rest are not.",
        "A pull request adding millions of files would otherwise exhaust the memory of the hook or CI job checking it.",
        "# 250,000 files under _news/";
    CFG001: "CFG001", "config-syntax", "config", Error,
        "`_config.yml` cannot be read.",
        "Reports a `_config.yml` that is not valid YAML or not a mapping; masthead goes on with an empty config.",
        "Jekyll refuses to build; every setting (collections, time zone, permalinks) is lost.",
        "collections:\n  news:\n\toutput: true";
    CFG002: "CFG002", "config-type", "config", Error,
        "A `_config.yml` value has the wrong type.",
        "Reports settings of the wrong shape; they are ignored.",
        "The setting silently does nothing.",
        "collections: news";
    CFG003: "CFG003", "unknown-timezone", "config", Error,
        "`timezone:` is not a known time zone.",
        "Reports a `timezone:` that is not an IANA name; masthead reads dates in UTC meanwhile.",
        "Ruby silently falls back to UTC, shifting every date-only post by the zone's offset.",
        "timezone: Europe/Londn";
    CFG004: "CFG004", "unknown-collection", "config", Warning,
        "The masthead section maps a collection the site does not have.",
        "Reports `masthead.collections` entries naming no declared collection.",
        "The mapping does nothing, usually because of a typo.",
        "masthead:\n  collections:\n    teem: author";
    CFG006: "CFG006", "missing-collection-folder", "config", Warning,
        "A declared collection has no folder.",
        "Reports collections declared under `collections:` whose folder (`_label`, under `collections_dir` if set) does not exist.",
        "Jekyll builds an empty collection without a word: usually the label or the folder is misspelt, and the documents are missing from the site.",
        "collections:\n  evnets:        # the folder is _events\n    output: true";
    CFG005: "CFG005", "unknown-rule", "config", Error,
        "The lint configuration names no rule.",
        "Reports selectors in `masthead.lint` that are no rule code, code prefix or name, and severities that are not one.",
        "The setting silently does nothing.",
        "masthead:\n  lint:\n    ignore: [FM999]";
}
