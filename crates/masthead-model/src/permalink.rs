//! Document URLs and output paths, computed exactly as Jekyll 4.3 does.
//!
//! Jekyll builds a URL in three steps (`Jekyll::URL#to_s`): every `:name` in
//! the template (or front-matter `permalink`) is replaced by a value from
//! `Drops::UrlDrop`, each value escaped with Addressable; then `sanitize_url`
//! removes `..`, `./` and repeated slashes. The output file comes from that
//! URL, unescaped, and the document's output extension. Every quirk here was
//! checked against the Ruby sources (jekyll 4.3.1, addressable 2.8.1,
//! jekyll-redirect-from 0.16.0); the tests quote the Ruby outputs.

use std::borrow::Cow;

use crate::civil::CivilDateTime;
use crate::slug::{SlugMode, ruby_downcase, slugify};

/// The site's `permalink:` setting, which picks the URL template of posts and
/// the ending of other collections' URLs.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum PermalinkStyle {
    /// `date` (Jekyll's default): `/:categories/:year/:month/:day/:title:output_ext`.
    #[default]
    Date,
    /// `pretty`: `/:categories/:year/:month/:day/:title/`.
    Pretty,
    /// `ordinal`: `/:categories/:year/:y_day/:title:output_ext`.
    Ordinal,
    /// `weekdate`: `/:categories/:year/W:week/:short_day/:title:output_ext`.
    Weekdate,
    /// `none`: `/:categories/:title:output_ext`.
    None,
    /// Any other value, used verbatim as the template.
    Pattern(String),
}

impl PermalinkStyle {
    /// Reads the config value; like Jekyll, only the exact lowercase style
    /// names are styles, anything else (even `Pretty`) is a pattern.
    pub fn parse(value: &str) -> PermalinkStyle {
        match value {
            "date" => PermalinkStyle::Date,
            "pretty" => PermalinkStyle::Pretty,
            "ordinal" => PermalinkStyle::Ordinal,
            "weekdate" => PermalinkStyle::Weekdate,
            "none" => PermalinkStyle::None,
            other => PermalinkStyle::Pattern(other.to_owned()),
        }
    }

    /// The URL template of the posts collection when it has no `permalink`
    /// of its own (`Configuration#style_to_permalink`).
    pub fn posts_template(&self) -> String {
        match self {
            PermalinkStyle::Date => "/:categories/:year/:month/:day/:title:output_ext".to_owned(),
            PermalinkStyle::Pretty => "/:categories/:year/:month/:day/:title/".to_owned(),
            PermalinkStyle::Ordinal => "/:categories/:year/:y_day/:title:output_ext".to_owned(),
            PermalinkStyle::Weekdate => {
                "/:categories/:year/W:week/:short_day/:title:output_ext".to_owned()
            }
            PermalinkStyle::None => "/:categories/:title:output_ext".to_owned(),
            PermalinkStyle::Pattern(pattern) => pattern.clone(),
        }
    }

    /// The URL template of any other collection without a `permalink`
    /// (`Collection#url_template`: `/:collection/:path` plus
    /// `Utils.add_permalink_suffix`).
    ///
    /// Note Jekyll's quirk: `weekdate` adds no suffix at all, so such
    /// documents get extensionless URLs.
    pub fn collection_template(&self) -> String {
        let mut template = "/:collection/:path".to_owned();
        match self {
            PermalinkStyle::Pretty => template.push('/'),
            PermalinkStyle::Date | PermalinkStyle::Ordinal | PermalinkStyle::None => {
                template.push_str(":output_ext");
            }
            PermalinkStyle::Weekdate => {}
            PermalinkStyle::Pattern(pattern) => {
                if pattern.ends_with('/') {
                    template.push('/');
                }
                if pattern.ends_with(":output_ext") {
                    template.push_str(":output_ext");
                }
            }
        }
        template
    }
}

/// The values a document offers to its URL template (Jekyll's `UrlDrop`).
///
/// Raw values go in; [`expand`] slugifies, lowercases and dates them as
/// Jekyll does.
#[derive(Clone, Copy, Debug)]
pub struct Placeholders<'a> {
    /// The collection label (`:collection`), e.g. `posts`.
    pub collection: &'a str,
    /// `Document#cleaned_relative_path` (`:path`), e.g. `/jane-doe`; see
    /// [`cleaned_relative_path`].
    pub path: &'a str,
    /// The file name without its extension (`:name`), e.g. `2021-01-01-hello`.
    pub basename: &'a str,
    /// Front-matter `slug` if given, else the file-name slug after the date
    /// (source of `:slug` and `:title`).
    pub slug: &'a str,
    /// The document's categories, as written (`:categories`, `:slugified_categories`).
    pub categories: &'a [String],
    /// The document date, already in the site time zone.
    pub date: CivilDateTime,
    /// The output extension (`:output_ext`): the front-matter permalink's
    /// extension if it has one (see [`permalink_ext`]), else `.html` for Markdown.
    pub output_ext: &'a str,
}

/// Why a permalink could not be computed; Jekyll aborts the build in each case.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PermalinkError {
    /// The template names a placeholder Jekyll's `UrlDrop` does not provide.
    #[error("the permalink {template:?} uses `:{placeholder}`, which Jekyll does not know")]
    UnknownPlaceholder {
        /// The placeholder name, without the colon (and without a trailing `_`).
        placeholder: String,
        /// The template or permalink it appeared in.
        template: String,
    },
    /// Jekyll fails while putting a placeholder value into the URL: mostly
    /// values Addressable refuses to encode, e.g. a category `2021: review`
    /// (it reads `2021` as an invalid URI scheme).
    #[error("`:{placeholder}` is {value:?}, which Jekyll cannot put in a URL: {reason}")]
    InvalidUri {
        /// The placeholder whose value was rejected.
        placeholder: String,
        /// The value after slugifying/lowercasing, before escaping.
        value: String,
        /// Addressable's complaint.
        reason: String,
    },
    /// A weekday, week or month-name placeholder needs a real calendar date.
    #[error("`:{placeholder}` needs a valid date, but the document date is {year}-{month}-{day}")]
    InvalidDate {
        /// The placeholder that needed the date.
        placeholder: String,
        /// The year given.
        year: i16,
        /// The month given.
        month: i8,
        /// The day given.
        day: i8,
    },
}

/// Expands a URL template or front-matter permalink into the document's URL,
/// as `Jekyll::URL#to_s` does for documents (`generate_url_from_drop`, then
/// `sanitize_url`).
///
/// Only placeholder values are escaped; literal text stays as written (a
/// permalink `/a b/` gives the URL `/a b/`). A name ending in `_` falls back
/// to the name without it (`/:month_:day` works).
pub fn expand(template: &str, p: &Placeholders<'_>) -> Result<String, PermalinkError> {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some((before, after)) = rest.split_once(':') {
        out.push_str(before);
        let name_len = after
            .bytes()
            .take_while(|b| b.is_ascii_lowercase() || *b == b'_')
            .count();
        let (name, tail) = after.split_at(name_len);
        rest = tail;
        if name.is_empty() {
            out.push(':');
            continue;
        }
        // Ruby's `[name, name.chomp!("_")]` chomps the shared string, so only
        // the name minus one `_` is ever looked up.
        let key = name.strip_suffix('_').unwrap_or(name);
        let value = placeholder_value(key, p, template)?;
        let suffix = if key.len() < name.len() { "_" } else { "" };
        let invalid = |reason| PermalinkError::InvalidUri {
            placeholder: key.to_owned(),
            value: value.clone().into_owned(),
            reason,
        };
        let escaped = try_escape_path(&value).map_err(invalid)?;
        // `match.sub!(":#{winner}", replacement)`: Ruby reads `\0`, `\'`…
        // in the replacement, which only a value left unescaped can contain.
        if escaped.contains('\\') {
            let replaced =
                ruby_sub_replacement(&escaped, &format!(":{key}"), suffix).map_err(invalid)?;
            out.push_str(&replaced);
        } else {
            out.push_str(&escaped);
        }
        out.push_str(suffix);
    }
    out.push_str(rest);
    Ok(sanitize_url(&out))
}

/// Escapes a URL path value as `Jekyll::URL.escape_path` does.
///
/// Values made only of `a-zA-Z0-9./-` (on any one line, a Ruby regex quirk)
/// are returned unchanged; others go through `Addressable::URI.encode`, which
/// percent-encodes, with uppercase hex, every byte outside the RFC 3986 class
/// of its URI part (en dash → `%E2%80%93`, space → `%20`, `%` → `%25`), and
/// the first `#` becomes `%23`. `?` and `:` survive. For the rare values
/// Addressable rejects (`:foo`, `2021: x`), where [`expand`] reports an
/// error, this encodes the whole value as one path instead.
pub fn escape_path(path: &str) -> Cow<'_, str> {
    match try_escape_path(path) {
        Ok(escaped) => escaped,
        Err(_) => Cow::Owned(encode_component(path, is_path_byte).into_owned()),
    }
}

/// Decodes `%XX` escapes, as `Jekyll::URL.unescape_path` does.
///
/// Byte sequences that are not UTF-8 after decoding are replaced with U+FFFD.
/// A path without escapes, as most are, is borrowed.
pub fn unescape_path(path: &str) -> Cow<'_, str> {
    if !path.contains('%') {
        return Cow::Borrowed(path);
    }
    Cow::Owned(String::from_utf8_lossy(&percent_decode(path)).into_owned())
}

/// `Document#cleaned_relative_path`: the source path without its extension,
/// without the collection folder, and without trailing dots.
///
/// `relative_path` is relative to the collections folder
/// (`_team/jane-doe.md`), `collection_dir` is `_` + label, and `extension` is
/// the file's extension as `File.extname` gives it (`.md`). As in Jekyll, the
/// first occurrence of `collection_dir` anywhere is removed, so
/// `news/_posts/x.md` gives `news//x` (the slashes are squeezed later).
pub fn cleaned_relative_path(relative_path: &str, collection_dir: &str, extension: &str) -> String {
    // `relative_path[0..-extname.length - 1]`: drop as many characters as the
    // extension has.
    let drop = extension.chars().count();
    let keep = relative_path.chars().count().saturating_sub(drop);
    let end = relative_path
        .char_indices()
        .nth(keep)
        .map_or(relative_path.len(), |(i, _)| i);
    let (stem, _) = relative_path.split_at(end);
    let without_dir = stem.replacen(collection_dir, "", 1);
    without_dir.trim_end_matches('.').to_owned()
}

/// The output extension a front-matter permalink forces
/// (`Renderer#permalink_ext`): its `File.extname`, unless it ends in `/` or
/// has no extension.
///
/// Jekyll uses this instead of `.html` both for `:output_ext` and for the
/// output file, so `permalink: /feed.xml` writes `feed.xml`, and
/// `permalink: /news/v1.2` writes an extensionless-looking `news/v1.2`.
/// Redirect stubs follow the same rule for their `redirect_from` path.
pub fn permalink_ext(permalink: &str) -> Option<&str> {
    if permalink.ends_with('/') {
        return None;
    }
    let ext = ruby_extname(permalink);
    (!ext.is_empty()).then_some(ext)
}

/// `Document#destination`, relative to the destination folder: the file a
/// document with this URL is written to.
///
/// `/news/2021/x` → `news/2021/x.html`, `/team/jane/` → `team/jane/index.html`;
/// percent-escapes are decoded and `.`/`..` segments resolved. `output_ext`
/// is appended unless the path already ends with it. Always `index.html` for
/// directory URLs, whatever `output_ext` is.
pub fn document_output_path(url: &str, output_ext: &str) -> String {
    let mut path = destination_base(url);
    if url.ends_with('/') {
        push_segment(&mut path, "index.html");
    } else if !ends_with_in_dest(&path, output_ext) {
        path.push_str(output_ext);
    }
    path
}

/// `Page#destination`, relative to the destination folder; jekyll-redirect-from's
/// stubs are pages and use this.
///
/// Unlike documents, a directory URL gets `index` + `output_ext`:
/// `/old/` → `old/index.html`, `/old-page` → `old-page.html`, and
/// `output_ext` is appended unless the path already ends with it.
pub fn page_output_path(url: &str, output_ext: &str) -> String {
    let mut path = destination_base(url);
    if url.ends_with('/') {
        push_segment(&mut path, "index");
    }
    if !ends_with_in_dest(&path, output_ext) {
        path.push_str(output_ext);
    }
    path
}

/// The URL jekyll-redirect-from gives the stub page for a `redirect_from`
/// entry.
///
/// The entry gets a leading `/` (`ensure_leading_slash`; that is the key
/// written to `redirects.json`), becomes the stub's permalink, and Jekyll's
/// page URL rules apply: `:path` → ``, `:basename` → `redirect`,
/// `:output_ext` → the stub's extension, then `..`, `./` and repeated
/// slashes are cleaned. So `old-page` → `/old-page`, `/x/../y` → `/x/y`,
/// `./rel` → `/rel`. Escapes stay as written (`/caf%C3%A9`).
pub fn normalize_redirect_path(entry: &str) -> String {
    let from = ensure_leading_slash(entry);
    let output_ext = permalink_ext(&from).unwrap_or(".html");
    // `URL#generate_url_from_hash` with a page's placeholders, in order.
    let mut url = from.clone().into_owned();
    for (key, value) in [
        (":path", ""),
        (":basename", "redirect"),
        (":output_ext", output_ext),
    ] {
        if !url.contains(':') {
            break;
        }
        url = url.replace(key, &escape_path(value));
    }
    sanitize_url(&url)
}

/// The file jekyll-redirect-from writes for a `redirect_from` entry, relative
/// to the destination folder.
///
/// `old-page` → `old-page.html`, `/old/` → `old/index.html`, but an entry with
/// an extension keeps it and gets no `.html`: `/old.php` → `old.php`,
/// `/feed.xml` → `feed.xml`, `/v1.2` → `v1.2`.
pub fn redirect_output_path(entry: &str) -> String {
    redirect_paths(entry).1
}

/// [`normalize_redirect_path`] and [`redirect_output_path`] of one entry,
/// normalising it once (the loader needs both for every redirect).
pub fn redirect_paths(entry: &str) -> (String, String) {
    let from = ensure_leading_slash(entry);
    let output_ext = permalink_ext(&from).unwrap_or(".html");
    let path = normalize_redirect_path(entry);
    let output = page_output_path(&path, output_ext);
    (path, output)
}

// ---------------------------------------------------------------------------
// URL generation

/// `format!("{:02}", n)`, with the numbers from 0 to 99 that dates are
/// made of taken from a table rather than formatted.
fn two_digits(n: impl Into<i64>) -> Cow<'static, str> {
    const PAIRS: &str = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899";
    let n: i64 = n.into();
    match usize::try_from(n)
        .ok()
        .and_then(|n| PAIRS.get(n * 2..n * 2 + 2))
    {
        Some(pair) => Cow::Borrowed(pair),
        None => Cow::Owned(format!("{n:02}")),
    }
}

/// The (unescaped) value of one placeholder, or Jekyll's error.
fn placeholder_value<'a>(
    key: &str,
    p: &Placeholders<'a>,
    template: &str,
) -> Result<Cow<'a, str>, PermalinkError> {
    let d = &p.date;
    let value: Cow<'a, str> = match key {
        "collection" => Cow::Borrowed(p.collection),
        "path" => Cow::Borrowed(p.path),
        "output_ext" => Cow::Borrowed(p.output_ext),
        "name" => Cow::Owned(slugify(p.basename, SlugMode::Default, false)),
        "title" => Cow::Owned(slugify(p.slug, SlugMode::Pretty, true)),
        "slug" => Cow::Owned(slugify(p.slug, SlugMode::Default, false)),
        "categories" => Cow::Owned(join_unique(p.categories.iter().map(|c| ruby_downcase(c)))),
        "slugified_categories" => Cow::Owned(join_unique(
            p.categories
                .iter()
                .map(|c| slugify(c, SlugMode::Default, false)),
        )),
        "year" => Cow::Owned(ruby_year(i32::from(d.year))),
        "short_year" => two_digits(i32::from(d.year).rem_euclid(100)),
        "month" => two_digits(d.month),
        "i_month" => Cow::Owned(d.month.to_string()),
        "day" => two_digits(d.day),
        "i_day" => Cow::Owned(d.day.to_string()),
        "hour" => two_digits(d.hour),
        "minute" => two_digits(d.minute),
        "second" => two_digits(d.second),
        "short_month" | "long_month" => {
            let (short, long) = month_names(d.month).ok_or_else(|| invalid_date(key, d))?;
            Cow::Borrowed(if key == "short_month" { short } else { long })
        }
        "y_day" | "week" | "w_year" | "w_day" | "short_day" | "long_day" => {
            let cal = CalendarFacts::of(d).ok_or_else(|| invalid_date(key, d))?;
            Cow::Owned(match key {
                "y_day" => format!("{:03}", cal.ordinal),
                "week" => format!("{:02}", cal.iso_week),
                "w_year" => ruby_year(cal.iso_year),
                "w_day" => cal.iso_weekday.to_string(),
                "short_day" => day_name(cal.iso_weekday).0.to_owned(),
                _ => day_name(cal.iso_weekday).1.to_owned(),
            })
        }
        // `UrlDrop#key?` is `respond_to?`, so Ruby's own methods count as
        // keys; `UrlDrop#[]` answers nil for these, and nil becomes "".
        _ if RUBY_METHODS_GIVING_NIL.binary_search(&key).is_ok() => Cow::Borrowed(""),
        _ => {
            return Err(PermalinkError::UnknownPlaceholder {
                placeholder: key.to_owned(),
                template: template.to_owned(),
            });
        }
    };
    Ok(value)
}

fn invalid_date(key: &str, d: &CivilDateTime) -> PermalinkError {
    PermalinkError::InvalidDate {
        placeholder: key.to_owned(),
        year: d.year,
        month: d.month,
        day: d.day,
    }
}

/// Public Ruby method names of a `UrlDrop` (Ruby 3.1) matching `[a-z_]+`
/// for which `drop[name]` is nil. Sorted for binary search. (The others,
/// like `count` or `keys`, return non-strings and make Jekyll raise.)
#[rustfmt::skip]
const RUBY_METHODS_GIVING_NIL: [&str; 95] = [
    "__id__", "__send__", "chain", "chunk", "chunk_while", "class", "clone", "collect",
    "collect_concat", "compact", "cycle", "define_singleton_method", "detect", "display", "drop",
    "drop_while", "dup", "each", "each_cons", "each_entry", "each_slice", "each_with_index",
    "each_with_object", "entries", "enum_for", "extend", "filter", "filter_map", "find",
    "find_all", "find_index", "flat_map", "freeze", "grep", "grep_v", "group_by", "hash", "inject",
    "inspect", "instance_eval", "instance_exec", "instance_variable_get", "instance_variable_set",
    "instance_variables", "invoke_drop", "itself", "lazy", "liquid_method_missing", "map",
    "max_by", "method", "methods", "min_by", "minmax", "minmax_by", "object_id", "partition",
    "private_methods", "protected_methods", "public_method", "public_methods", "public_send",
    "reduce", "reject", "remove_instance_variable", "reverse_each", "select", "send",
    "singleton_class", "singleton_method", "singleton_methods", "slice_after", "slice_before",
    "slice_when", "sort_by", "sum", "taint", "take", "take_while", "tally", "tap", "then", "to_a",
    "to_enum", "to_h", "to_json", "to_s", "to_set", "to_yaml", "trust", "uniq", "untaint",
    "untrust", "yield_self", "zip",
];

/// The text Ruby's `String#sub` inserts for a replacement string: `\0`/`\&`
/// is the match, `` \` `` the text before it (none here), `\'` the text
/// after it, `\1`–`\9` are empty (no groups), `\\` is one backslash, and
/// `\k<…>` raises.
fn ruby_sub_replacement<'v>(
    value: &'v str,
    matched: &str,
    post: &str,
) -> Result<Cow<'v, str>, String> {
    if !value.contains('\\') {
        return Ok(Cow::Borrowed(value));
    }
    let mut out = String::with_capacity(value.len());
    let mut chars = value.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.peek().map(|&(_, n)| n) {
            Some('1'..='9' | '`') => {
                chars.next();
            }
            Some('0' | '&') => {
                chars.next();
                out.push_str(matched);
            }
            Some('\'') => {
                chars.next();
                out.push_str(post);
            }
            Some('\\') => {
                chars.next();
                out.push('\\');
            }
            Some('k') => {
                let (_, rest) = value.split_at(i + 2);
                if rest.starts_with('<') && rest.contains('>') {
                    return Err("undefined group name reference in the value".to_owned());
                }
                out.push('\\');
            }
            _ => out.push('\\'),
        }
    }
    Ok(Cow::Owned(out))
}

/// Ruby's `Set.new(values).to_a.join("/")`: first occurrence wins.
fn join_unique(values: impl Iterator<Item = String>) -> String {
    let mut seen: Vec<String> = Vec::new();
    for value in values {
        if !seen.contains(&value) {
            seen.push(value);
        }
    }
    seen.join("/")
}

/// `Jekyll::URL#sanitize_url`.
fn sanitize_url(url: &str) -> String {
    // Most URLs have neither `..` nor `./`: then the two replacements
    // change nothing and only the slashes need collapsing.
    let needs_cleaning = url.as_bytes().windows(2).any(|w| w == b".." || w == b"./");
    let cleaned;
    let source = if needs_cleaning {
        cleaned = format!("/{url}").replace("..", "/").replace("./", "");
        cleaned.as_str()
    } else {
        url
    };
    let mut out = String::with_capacity(source.len() + 1);
    if !needs_cleaning {
        out.push('/');
    }
    // Squeeze repeated slashes: copy the text between slashes whole, and
    // a slash unless one was just written.
    let mut start = 0;
    for (i, b) in source.bytes().enumerate() {
        if b == b'/' {
            // `/` is ASCII: both ends are character boundaries.
            out.push_str(source.get(start..i).unwrap_or_default());
            if !out.ends_with('/') {
                out.push('/');
            }
            start = i + 1;
        }
    }
    out.push_str(source.get(start..).unwrap_or_default());
    out
}

/// jekyll-redirect-from's `ensure_leading_slash`.
fn ensure_leading_slash(path: &str) -> Cow<'_, str> {
    if path.is_empty() || path.starts_with('/') {
        Cow::Borrowed(path)
    } else {
        Cow::Owned(format!("/{path}"))
    }
}

// ---------------------------------------------------------------------------
// Dates: Ruby's strftime directives on a proleptic Gregorian calendar.

/// `%Y` / `%G`: at least four digits, sign in front (`-0001`).
fn ruby_year(year: i32) -> String {
    if year < 0 {
        format!("-{:04}", year.unsigned_abs())
    } else {
        format!("{year:04}")
    }
}

fn month_names(month: i8) -> Option<(&'static str, &'static str)> {
    const NAMES: [(&str, &str); 12] = [
        ("Jan", "January"),
        ("Feb", "February"),
        ("Mar", "March"),
        ("Apr", "April"),
        ("May", "May"),
        ("Jun", "June"),
        ("Jul", "July"),
        ("Aug", "August"),
        ("Sep", "September"),
        ("Oct", "October"),
        ("Nov", "November"),
        ("Dec", "December"),
    ];
    usize::try_from(month)
        .ok()
        .and_then(|m| m.checked_sub(1))
        .and_then(|i| NAMES.get(i))
        .copied()
}

/// Names for ISO weekday 1 (Monday) ..= 7 (Sunday).
fn day_name(iso_weekday: u8) -> (&'static str, &'static str) {
    match iso_weekday {
        1 => ("Mon", "Monday"),
        2 => ("Tue", "Tuesday"),
        3 => ("Wed", "Wednesday"),
        4 => ("Thu", "Thursday"),
        5 => ("Fri", "Friday"),
        6 => ("Sat", "Saturday"),
        _ => ("Sun", "Sunday"),
    }
}

/// What `%j`, `%V`, `%G` and `%u` need to know about a date.
struct CalendarFacts {
    ordinal: u16,
    iso_weekday: u8,
    iso_week: u8,
    iso_year: i32,
}

impl CalendarFacts {
    /// `None` unless the date exists.
    fn of(d: &CivilDateTime) -> Option<CalendarFacts> {
        let year = i32::from(d.year);
        let month = u8::try_from(d.month)
            .ok()
            .filter(|m| (1..=12).contains(m))?;
        let day = u8::try_from(d.day).ok()?;
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        let ordinal = (1..month)
            .map(|m| u16::from(days_in_month(year, m)))
            .sum::<u16>()
            + u16::from(day);
        let iso_weekday = iso_weekday(year, month, day);
        // ISO 8601: the week containing the year's first Thursday is week 1.
        let week = (i32::from(ordinal) - i32::from(iso_weekday) + 10) / 7;
        let (iso_week, iso_year) = if week < 1 {
            (iso_weeks_in_year(year - 1), year - 1)
        } else if week > i32::from(iso_weeks_in_year(year)) {
            (1, year + 1)
        } else {
            (u8::try_from(week).unwrap_or(1), year)
        };
        Some(CalendarFacts {
            ordinal,
            iso_weekday,
            iso_week,
            iso_year,
        })
    }
}

fn is_leap(year: i32) -> bool {
    year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0)
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let (m, d) = (i64::from(month), i64::from(day));
    let y = i64::from(year) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// 1 = Monday ..= 7 = Sunday.
fn iso_weekday(year: i32, month: u8, day: u8) -> u8 {
    // 1970-01-01 was a Thursday (4).
    let wd = (days_from_civil(year, month, day) + 3).rem_euclid(7) + 1;
    u8::try_from(wd).unwrap_or(7)
}

fn iso_weeks_in_year(year: i32) -> u8 {
    let jan1 = iso_weekday(year, 1, 1);
    if jan1 == 4 || (jan1 == 3 && is_leap(year)) {
        53
    } else {
        52
    }
}

// ---------------------------------------------------------------------------
// Output paths

/// `site.in_dest_dir(dest, URL.unescape_path(url))` relative to `dest`:
/// `File.expand_path(path, "/")` without the leading slash.
fn destination_base(url: &str) -> String {
    let unescaped = unescape_path(url);
    // The segments joined with `/` as they are read: one allocation.
    let mut out = String::with_capacity(unescaped.len());
    for segment in unescaped.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                let parent = out.rfind('/').unwrap_or(0);
                out.truncate(parent);
            }
            other => push_segment(&mut out, other),
        }
    }
    out
}

/// `File.join(path, segment)` on a destination-relative path.
fn push_segment(path: &mut String, segment: &str) {
    if !path.is_empty() {
        path.push('/');
    }
    path.push_str(segment);
}

/// `path.end_with?(ext)` where Jekyll's `path` is `dest` joined with this
/// relative path (an empty one is `dest/`).
fn ends_with_in_dest(relative: &str, ext: &str) -> bool {
    if relative.is_empty() {
        ext.is_empty() || "/".ends_with(ext)
    } else {
        relative.ends_with(ext)
    }
}

/// Ruby's `File.extname` (Unix, Ruby ≥ 2.7).
fn ruby_extname(path: &str) -> &str {
    let trimmed = path.trim_end_matches('/');
    let base = trimmed.rsplit('/').next().unwrap_or(trimmed);
    let name = base.trim_start_matches('.');
    match name.rfind('.') {
        Some(dot) => name.split_at(dot).1,
        None => "",
    }
}

// ---------------------------------------------------------------------------
// Addressable::URI.encode, as Jekyll::URL.escape_path calls it.

/// `Jekyll::URL.escape_path`, failing where Addressable raises.
fn try_escape_path(path: &str) -> Result<Cow<'_, str>, String> {
    // `%r!^[a-zA-Z0-9./-]+$!` — `^`/`$` are line anchors in Ruby.
    let plain = path.split('\n').any(|line| {
        !line.is_empty()
            && line
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'/' | b'-'))
    });
    if path.is_empty() || plain {
        return Ok(Cow::Borrowed(path));
    }
    let encoded = addressable_encode(path)?;
    Ok(Cow::Owned(encoded.replacen('#', "%23", 1)))
}

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

fn is_sub_delim(b: u8) -> bool {
    matches!(
        b,
        b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'='
    )
}

fn is_pchar(b: u8) -> bool {
    is_unreserved(b) || is_sub_delim(b) || matches!(b, b':' | b'@')
}

fn is_path_byte(b: u8) -> bool {
    is_pchar(b) || b == b'/'
}

fn is_query_byte(b: u8) -> bool {
    is_pchar(b) || matches!(b, b'/' | b'?')
}

fn is_authority_byte(b: u8) -> bool {
    is_pchar(b) || matches!(b, b'[' | b']')
}

/// `Addressable::URI.encode_component`: every byte outside the class as `%XX`.
fn encode_component(component: &str, keep: fn(u8) -> bool) -> Cow<'_, str> {
    if component.bytes().all(keep) {
        return Cow::Borrowed(component);
    }
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(component.len() * 3);
    for b in component.bytes() {
        if keep(b) {
            out.push(char::from(b));
        } else {
            #[expect(
                clippy::indexing_slicing,
                reason = "a nibble (b >> 4, b & 0x0F) is below 16, HEX's length"
            )]
            let (high, low) = (HEX[usize::from(b >> 4)], HEX[usize::from(b & 0x0F)]);
            out.push('%');
            out.push(char::from(high));
            out.push(char::from(low));
        }
    }
    Cow::Owned(out)
}

/// `Addressable::URI.unencode`: `%XX` (either case) to bytes.
fn percent_decode(input: &str) -> Vec<u8> {
    let bytes = input.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hi = bytes.get(i + 1).and_then(|h| char::from(*h).to_digit(16));
            let lo = bytes.get(i + 2).and_then(|l| char::from(*l).to_digit(16));
            if let (Some(hi), Some(lo)) = (hi, lo) {
                out.push(u8::try_from(hi * 16 + lo).unwrap_or(b'?'));
                i += 3;
                continue;
            }
        }
        out.push(b);
        i += 1;
    }
    out
}

/// The parts `Addressable::URI.parse` splits a string into with its
/// RFC 3986 regex `^(([^:/?#]+):)?(//([^/?#]*))?([^?#]*)(\?([^#]*))?(#(.*))?$`.
struct UriParts<'a> {
    scheme: Option<&'a str>,
    authority: Option<&'a str>,
    path: &'a str,
    query: Option<&'a str>,
    fragment: Option<&'a str>,
}

/// Splits `s` before the first character in `stops` (or at the end).
fn split_before<'a>(s: &'a str, stops: &[char]) -> (&'a str, &'a str) {
    s.split_at(s.find(stops).unwrap_or(s.len()))
}

fn split_uri(s: &str) -> UriParts<'_> {
    let mut rest = s;
    let mut scheme = None;
    let (head, tail) = split_before(s, &[':', '/', '?', '#']);
    if let (false, Some(after)) = (head.is_empty(), tail.strip_prefix(':')) {
        scheme = Some(head);
        rest = after;
    }
    let mut authority = None;
    if let Some(after) = rest.strip_prefix("//") {
        let (auth, tail) = split_before(after, &['/', '?', '#']);
        authority = Some(auth);
        rest = tail;
    }
    let (path, tail) = split_before(rest, &['?', '#']);
    rest = tail;
    let mut query = None;
    if let Some(after) = rest.strip_prefix('?') {
        let (q, tail) = split_before(after, &['#']);
        query = Some(q);
        rest = tail;
    }
    // `.*` stops at a newline, and `$` matches before it: the rest is lost.
    let fragment = rest
        .strip_prefix('#')
        .map(|after| split_before(after, &['\n']).0);
    UriParts {
        scheme,
        authority,
        path,
        query,
        fragment,
    }
}

/// The components `Addressable::URI#authority=` derives from an authority.
struct Authority {
    user: Option<String>,
    password: Option<String>,
    host: String,
    /// `port.to_s.to_i`, as text; `None` for a missing or zero port.
    port: Option<String>,
}

impl Authority {
    /// Splits like `Addressable::URI.parse` (`parsing`) or `#authority=`
    /// (which, unlike `parse`, rejects an empty port) and validates like
    /// `port=` and `validate`. Ruby's `^`/`$` are line anchors, which matters
    /// for raw values holding newlines.
    fn split(auth: &str, parsing: bool) -> Result<Authority, String> {
        // userinfo: `/^([^\[\]]*)@/` — at the first line start where it matches.
        let mut userinfo = None;
        let mut host_source = Cow::Borrowed(auth);
        for start in line_starts(auth) {
            let (from_start, _) = split_before(auth.split_at(start).1, &['[', ']']);
            if let Some(at) = from_start.rfind('@') {
                let (info, _) = from_start.split_at(at);
                userinfo = Some(info);
                let (before, _) = auth.split_at(start);
                let (_, after) = auth.split_at(start + at + 1);
                host_source = Cow::Owned(format!("{before}{after}"));
                break;
            }
        }
        let (user, password) = match userinfo {
            Some(info) => {
                let info = info.trim_matches(|c| {
                    matches!(c, '\0' | ' ' | '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r')
                });
                match info.split_once(':') {
                    Some((user, password)) => (
                        Some(user.to_owned()),
                        Some(split_before(password, &['\n']).0.to_owned()),
                    ),
                    None => (Some(info.to_owned()), None),
                }
            }
            None => (None, None),
        };
        // host: the userinfo-less authority minus `/:([^:@\[\]]*?)$/`;
        // port: that group, matched against the whole authority.
        let host = match port_match(&host_source) {
            Some((colon, end)) => {
                let (before, _) = host_source.split_at(colon);
                let (_, after) = host_source.split_at(end);
                format!("{before}{after}")
            }
            None => host_source.into_owned(),
        };
        let port = match port_match(auth) {
            Some((colon, end)) if end > colon + 1 || !parsing => {
                let (_, from_colon) = auth.split_at(colon + 1);
                let (raw, _) = from_colon.split_at(end - colon - 1);
                ruby_port(raw)?
            }
            _ => None,
        };
        if host.contains(|c: char| "<>{}/\\?#@\"".contains(c) || c.is_whitespace()) {
            return Err(format!("Invalid character in host: '{host}'"));
        }
        if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']'))
            && !inner
                .bytes()
                .all(|b| is_unreserved(b) || is_sub_delim(b) || b == b':')
        {
            return Err(format!("Invalid character in host: '{host}'"));
        }
        Ok(Authority {
            user,
            password,
            host,
            port,
        })
    }

    /// `Addressable::URI#authority`, rebuilt from the parts.
    fn to_text(&self) -> String {
        let mut out = String::new();
        match (&self.user, &self.password) {
            (Some(user), Some(password)) => out.push_str(&format!("{user}:{password}@")),
            (None, Some(password)) => out.push_str(&format!(":{password}@")),
            (Some(user), None) => out.push_str(&format!("{user}@")),
            (None, None) => {}
        }
        out.push_str(&self.host);
        if let Some(port) = &self.port {
            out.push(':');
            out.push_str(port);
        }
        out
    }
}

/// Byte offsets where Ruby's `^` can match: the start and after each `\n`.
fn line_starts(s: &str) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0).chain(s.match_indices('\n').map(|(i, _)| i + 1))
}

/// The leftmost match of `/:([^:@\[\]]*?)$/`: `(colon, end)`, the group
/// being `colon + 1 .. end`.
fn port_match(s: &str) -> Option<(usize, usize)> {
    'colons: for (colon, _) in s.match_indices(':') {
        let (_, after) = s.split_at(colon + 1);
        // Lazy: `$` (end, or before a newline) is tried before each character.
        for (offset, c) in after.char_indices() {
            if c == '\n' {
                return Some((colon, colon + 1 + offset));
            }
            if matches!(c, ':' | '@' | '[' | ']') {
                continue 'colons;
            }
        }
        return Some((colon, s.len()));
    }
    None
}

/// `Addressable::URI#port=` on a parsed port: unencoded, it must have a line
/// of digits; it is then `to_s.to_i`, and 0 means none.
fn ruby_port(raw: &str) -> Result<Option<String>, String> {
    let decoded = String::from_utf8(percent_decode(raw))
        .map_err(|_| "Invalid encoding in port".to_owned())?;
    let has_digit_line = decoded
        .split('\n')
        .any(|line| !line.is_empty() && line.bytes().all(|b| b.is_ascii_digit()));
    if !has_digit_line {
        return Err(format!("Invalid port number: {decoded:?}"));
    }
    // Ruby's `String#to_i`: leading whitespace, a sign, digits with single
    // underscores between them.
    let s = decoded.trim_start_matches([' ', '\t', '\n', '\u{0B}', '\u{0C}', '\r']);
    let (negative, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let mut digits = String::new();
    let mut last_underscore = false;
    for c in s.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            last_underscore = false;
        } else if c == '_' && !digits.is_empty() && !last_underscore {
            last_underscore = true;
        } else {
            break;
        }
    }
    let digits = digits.trim_start_matches('0');
    if digits.is_empty() {
        Ok(None)
    } else if negative {
        Ok(Some(format!("-{digits}")))
    } else {
        Ok(Some(digits.to_owned()))
    }
}

/// `Addressable::URI`'s `NORMPATH` (`/^(?!\/)[^\/:]*:.*$/`) test, under which
/// a scheme-less path is "ambiguous" and cannot be turned back into a string.
fn is_ambiguous_path(path: &str) -> bool {
    line_starts(path).any(|start| {
        let (_, from) = path.split_at(start);
        !from.starts_with('/')
            && from
                .find([':', '/'])
                .is_some_and(|i| from.as_bytes().get(i) == Some(&b':'))
    })
}

/// `Addressable::URI.encode(s)` (to a string), with Addressable's validation.
fn addressable_encode(s: &str) -> Result<String, String> {
    let parts = split_uri(s);
    // `URI.parse` builds a URI, validating it…
    if let Some(scheme) = parts.scheme {
        let mut chars = scheme.chars();
        let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '+' | '-'));
        if !valid {
            return Err(format!("Invalid scheme format: '{scheme}'"));
        }
    }
    let authority = parts
        .authority
        .map(|auth| Authority::split(auth, true))
        .transpose()?;
    validate(parts.scheme, authority.as_ref(), parts.path)?;
    // …then `encode` builds another from the encoded components.
    let authority = match &authority {
        Some(auth) => {
            let encoded = encode_component(&auth.to_text(), is_authority_byte).into_owned();
            Some(Authority::split(&encoded, false)?)
        }
        None => None,
    };
    let mut path = encode_component(parts.path, is_path_byte).into_owned();
    if authority.is_some() && !path.is_empty() && !path.starts_with('/') {
        path.insert(0, '/');
    }
    validate(parts.scheme, authority.as_ref(), &path)?;

    let mut out = String::with_capacity(s.len() * 2);
    if let Some(scheme) = parts.scheme {
        out.push_str(scheme);
        out.push(':');
    }
    if let Some(auth) = &authority {
        out.push_str("//");
        out.push_str(&auth.to_text());
    }
    out.push_str(&path);
    if let Some(query) = parts.query {
        out.push('?');
        out.push_str(&encode_component(query, is_query_byte));
    }
    if let Some(fragment) = parts.fragment {
        out.push('#');
        out.push_str(&encode_component(fragment, is_query_byte));
    }
    Ok(out)
}

/// `Addressable::URI#validate` and the check in `#to_s`, for what `encode`
/// can produce.
fn validate(scheme: Option<&str>, authority: Option<&Authority>, path: &str) -> Result<(), String> {
    const IP_BASED: [&str; 13] = [
        "http", "https", "ftp", "tftp", "sftp", "ssh", "svn+ssh", "telnet", "nntp", "gopher",
        "wais", "ldap", "prospero",
    ];
    if let Some(scheme) = scheme {
        let ip_based = IP_BASED.contains(&scheme.trim().to_ascii_lowercase().as_str());
        let no_host = authority.is_none_or(|a| a.host.is_empty());
        if ip_based && no_host && path.is_empty() {
            return Err(format!(
                "Absolute URI missing hierarchical segment: '{scheme}:'"
            ));
        }
    }
    if authority.is_none() && path.starts_with("//") {
        return Err(format!(
            "Cannot have a path with two leading slashes without an authority set: '{path}'"
        ));
    }
    if scheme.is_none() && !path.is_empty() && is_ambiguous_path(path) {
        return Err(format!(
            "Cannot assemble URI string with ambiguous path: '{path}'"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_digits_formats_as_format_does() {
        for n in -101i64..=150 {
            assert_eq!(two_digits(n), format!("{n:02}"), "{n}");
        }
    }

    /// The Ruby side of these tests: a stand-in document fed to the real
    /// `Jekyll::Drops::UrlDrop` and `Jekyll::URL` (jekyll 4.3.1, Ruby 3.1):
    ///
    /// ```ruby
    /// Coll = Struct.new(:label)
    /// class FakeDoc
    ///   attr_reader :data, :date, :collection, :basename_without_ext, :output_ext, :cleaned_relative_path
    ///   # initialize from a hash …
    /// end
    /// def url(tpl, h = {}, permalink = nil)
    ///   Jekyll::URL.new(template: tpl, placeholders: Jekyll::Drops::UrlDrop.new(FakeDoc.new(h)),
    ///                   permalink: permalink).to_s
    /// end
    /// ```
    fn doc<'a>(categories: &'a [String]) -> Placeholders<'a> {
        Placeholders {
            collection: "posts",
            path: "/2021-11-22-Café – Crème",
            basename: "2021-11-22-Café – Crème",
            slug: "Café – Crème",
            categories,
            date: CivilDateTime {
                year: 2021,
                month: 11,
                day: 22,
                hour: 9,
                minute: 5,
                second: 7,
                nanosecond: 0,
            },
            output_ext: ".html",
        }
    }

    fn cats(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| (*s).to_owned()).collect()
    }

    fn team<'a>(basename: &'a str, path: &'a str) -> Placeholders<'a> {
        Placeholders {
            collection: "team",
            path,
            basename,
            slug: basename,
            categories: &[],
            date: CivilDateTime::midnight(2021, 11, 22),
            output_ext: ".html",
        }
    }

    #[test]
    fn style_templates() {
        // Ruby: Jekyll::Configuration.new.send(:style_to_permalink, s) and
        // Jekyll::Utils.add_permalink_suffix("/:collection/:path", s.to_sym).
        let cases: &[(&str, &str, &str)] = &[
            (
                "date",
                "/:categories/:year/:month/:day/:title:output_ext",
                "/:collection/:path:output_ext",
            ),
            (
                "pretty",
                "/:categories/:year/:month/:day/:title/",
                "/:collection/:path/",
            ),
            (
                "ordinal",
                "/:categories/:year/:y_day/:title:output_ext",
                "/:collection/:path:output_ext",
            ),
            (
                "weekdate",
                "/:categories/:year/W:week/:short_day/:title:output_ext",
                "/:collection/:path",
            ),
            (
                "none",
                "/:categories/:title:output_ext",
                "/:collection/:path:output_ext",
            ),
            ("Pretty", "Pretty", "/:collection/:path"),
            ("/:year/:title/", "/:year/:title/", "/:collection/:path/"),
            (
                "/blog/:title:output_ext",
                "/blog/:title:output_ext",
                "/:collection/:path:output_ext",
            ),
            ("/blog/:title", "/blog/:title", "/:collection/:path"),
            ("", "", "/:collection/:path"),
        ];
        for &(config, posts, collection) in cases {
            let style = PermalinkStyle::parse(config);
            assert_eq!(style.posts_template(), posts, "{config}");
            assert_eq!(style.collection_template(), collection, "{config}");
        }
        assert_eq!(PermalinkStyle::default(), PermalinkStyle::Date);
        assert_eq!(PermalinkStyle::parse("weekdate"), PermalinkStyle::Weekdate);
        assert_eq!(
            PermalinkStyle::parse("Pretty"),
            PermalinkStyle::Pattern("Pretty".to_owned())
        );
    }

    #[test]
    fn every_style_expands_like_jekyll() {
        let c = cats(&["News Room", "Big Data", "news room"]);
        let p = doc(&c);
        // Ruby: url(style_to_permalink(s), H)
        let posts: &[(PermalinkStyle, &str)] = &[
            (
                PermalinkStyle::Date,
                "/news%20room/big%20data/2021/11/22/Caf%C3%A9-Cr%C3%A8me.html",
            ),
            (
                PermalinkStyle::Pretty,
                "/news%20room/big%20data/2021/11/22/Caf%C3%A9-Cr%C3%A8me/",
            ),
            (
                PermalinkStyle::Ordinal,
                "/news%20room/big%20data/2021/326/Caf%C3%A9-Cr%C3%A8me.html",
            ),
            (
                PermalinkStyle::Weekdate,
                "/news%20room/big%20data/2021/W47/Mon/Caf%C3%A9-Cr%C3%A8me.html",
            ),
            (
                PermalinkStyle::None,
                "/news%20room/big%20data/Caf%C3%A9-Cr%C3%A8me.html",
            ),
        ];
        for (style, url) in posts {
            assert_eq!(
                expand(&style.posts_template(), &p).as_deref(),
                Ok(*url),
                "{style:?}"
            );
        }
        // A collection document, _team/jane-doe.md.
        let jane = team("jane-doe", "/jane-doe");
        let collections: &[(PermalinkStyle, &str, &str)] = &[
            (
                PermalinkStyle::Date,
                "/team/jane-doe.html",
                "team/jane-doe.html",
            ),
            (
                PermalinkStyle::Pretty,
                "/team/jane-doe/",
                "team/jane-doe/index.html",
            ),
            (
                PermalinkStyle::Ordinal,
                "/team/jane-doe.html",
                "team/jane-doe.html",
            ),
            (
                PermalinkStyle::None,
                "/team/jane-doe.html",
                "team/jane-doe.html",
            ),
            // weekdate adds no suffix: extensionless URL, `.html` file.
            (
                PermalinkStyle::Weekdate,
                "/team/jane-doe",
                "team/jane-doe.html",
            ),
            (
                PermalinkStyle::parse("/:year/:title/"),
                "/team/jane-doe/",
                "team/jane-doe/index.html",
            ),
            (
                PermalinkStyle::parse("/b/:title:output_ext"),
                "/team/jane-doe.html",
                "team/jane-doe.html",
            ),
            (
                PermalinkStyle::parse("/b/:title"),
                "/team/jane-doe",
                "team/jane-doe.html",
            ),
        ];
        for (style, url, file) in collections {
            let got = expand(&style.collection_template(), &jane);
            assert_eq!(got.as_deref(), Ok(*url), "{style:?}");
            assert_eq!(document_output_path(url, ".html"), *file, "{style:?}");
        }
        // Ruby: url("/people/:name/", T) => "/people/jane-doe/",
        //       url("/people/:title:output_ext", T) => "/people/jane-doe.html"
        assert_eq!(
            expand("/people/:name/", &jane).as_deref(),
            Ok("/people/jane-doe/")
        );
        assert_eq!(
            expand("/people/:title:output_ext", &jane).as_deref(),
            Ok("/people/jane-doe.html")
        );
    }

    #[test]
    fn every_placeholder() {
        let c = cats(&["News Room", "Big Data", "news room"]);
        let p = doc(&c);
        // Ruby: url("/:#{k}", H) for the document above.
        let cases: &[(&str, &str)] = &[
            ("collection", "/posts"),
            ("path", "/2021-11-22-Caf%C3%A9%20%E2%80%93%20Cr%C3%A8me"),
            ("name", "/2021-11-22-caf%C3%A9-cr%C3%A8me"),
            ("title", "/Caf%C3%A9-Cr%C3%A8me"),
            ("slug", "/caf%C3%A9-cr%C3%A8me"),
            ("categories", "/news%20room/big%20data"),
            ("slugified_categories", "/news-room/big-data"),
            ("year", "/2021"),
            ("month", "/11"),
            ("i_month", "/11"),
            ("short_month", "/Nov"),
            ("long_month", "/November"),
            ("day", "/22"),
            ("i_day", "/22"),
            ("y_day", "/326"),
            ("short_year", "/21"),
            ("hour", "/09"),
            ("minute", "/05"),
            ("second", "/07"),
            ("week", "/47"),
            ("w_year", "/2021"),
            ("w_day", "/1"),
            ("short_day", "/Mon"),
            ("long_day", "/Monday"),
            ("output_ext", "/.html"),
        ];
        for &(key, url) in cases {
            assert_eq!(
                expand(&format!("/:{key}"), &p).as_deref(),
                Ok(url),
                ":{key}"
            );
        }
    }

    #[test]
    fn date_placeholders_at_year_edges() {
        let at = |year, month, day, hour, minute, second| {
            let mut p = team("x", "/x");
            p.date = CivilDateTime {
                year,
                month,
                day,
                hour,
                minute,
                second,
                nanosecond: 0,
            };
            expand(
                "/:year/:month/:i_month/:short_month/:long_month/:day/:i_day/:y_day/:short_year\
                 /:hour/:minute/:second/:week/:w_year/:w_day/:short_day/:long_day",
                &p,
            )
        };
        // Ruby, Time.new(2021,1,3,4,5,6): ISO week 53 of 2020, a Sunday.
        assert_eq!(
            at(2021, 1, 3, 4, 5, 6).as_deref(),
            Ok("/2021/01/1/Jan/January/03/3/003/21/04/05/06/53/2020/7/Sun/Sunday")
        );
        // Ruby, Time.new(2024,12,30,23,59,59): day 365, week 1 of 2025.
        assert_eq!(
            at(2024, 12, 30, 23, 59, 59).as_deref(),
            Ok("/2024/12/12/Dec/December/30/30/365/24/23/59/59/01/2025/1/Mon/Monday")
        );
        // Ruby, Time.new(-1,1,1): %Y "-0001", %y "99", %G "-0002", %V "53", Fri.
        assert_eq!(
            at(-1, 1, 1, 0, 0, 0).as_deref(),
            Ok("/-0001/01/1/Jan/January/01/1/001/99/00/00/00/53/-0002/5/Fri/Friday")
        );
        // Ruby, Time.new(0,1,1): "0000", week 52 of -0001, Saturday.
        assert_eq!(
            at(0, 1, 1, 0, 0, 0).as_deref(),
            Ok("/0000/01/1/Jan/January/01/1/001/00/00/00/00/52/-0001/6/Sat/Saturday")
        );
        // Ruby, Time.new(32767,1,1): week 52 of 32766, Sunday.
        let last = at(32767, 1, 1, 0, 0, 0);
        assert!(
            last.as_deref()
                .is_ok_and(|u| u.ends_with("/52/32766/7/Sun/Sunday")),
            "{last:?}"
        );
        // Impossible dates fail only where a calendar is needed.
        let mut p = team("x", "/x");
        p.date = CivilDateTime::midnight(2021, 2, 30);
        assert_eq!(
            expand("/:year/:month/:day", &p).as_deref(),
            Ok("/2021/02/30")
        );
        assert!(matches!(
            expand("/:week", &p),
            Err(PermalinkError::InvalidDate { .. })
        ));
        p.date = CivilDateTime::midnight(2021, 13, 1);
        assert!(matches!(
            expand("/:short_month", &p),
            Err(PermalinkError::InvalidDate { .. })
        ));
    }

    #[test]
    fn trailing_underscore_and_unknown_placeholders() {
        let c = cats(&[]);
        let p = doc(&c);
        // Ruby: url("/:month_:day_/:title", H) => "/11_22_/Caf%C3%A9-Cr%C3%A8me"
        assert_eq!(
            expand("/:month_:day_/:title", &p).as_deref(),
            Ok("/11_22_/Caf%C3%A9-Cr%C3%A8me")
        );
        // Ruby raises: "The URL template doesn't have i_month_x keys."
        assert_eq!(
            expand("/:year_:i_month_x", &p),
            Err(PermalinkError::UnknownPlaceholder {
                placeholder: "i_month_x".to_owned(),
                template: "/:year_:i_month_x".to_owned(),
            })
        );
        // Ruby raises: "doesn't have title_ or title_ keys" (one `_` chomped).
        assert!(matches!(
            expand("/:title__/", &p),
            Err(PermalinkError::UnknownPlaceholder { placeholder, .. }) if placeholder == "title_"
        ));
        // Ruby raises for :titel and for :date (not a UrlDrop key).
        assert!(expand("/:titel/", &p).is_err());
        assert!(expand("/:date/", &p).is_err());
        // `UrlDrop#key?` is respond_to?: Ruby's url("/:class/:hash/:title")
        // gives "/2021-11-22-hello" for its document — Object methods are "".
        assert_eq!(
            expand("/:class/:hash/:title", &p).as_deref(),
            Ok("/Caf%C3%A9-Cr%C3%A8me")
        );
        assert!(RUBY_METHODS_GIVING_NIL.windows(2).all(|w| w[0] < w[1]));
        // …but :count answers 25, and escape_path(25) raises.
        assert!(expand("/:count/", &p).is_err());
        // Colons not followed by [a-z_] stay. Ruby: "/::title:/x:" => "/:<title>:/x:"
        assert_eq!(
            expand("/::title:/x:1:A", &p).as_deref(),
            Ok("/:Caf%C3%A9-Cr%C3%A8me:/x:1:A")
        );
        let error = PermalinkError::UnknownPlaceholder {
            placeholder: "titel".to_owned(),
            template: "/:titel/".to_owned(),
        };
        assert!(error.to_string().contains(":titel"));
    }

    #[test]
    fn front_matter_permalinks() {
        let c = cats(&[]);
        let mut p = team("2021-11-22-x", "/2021-11-22-x");
        p.collection = "posts";
        p.slug = "x";
        p.categories = &c;
        // Ruby: url("/unused", P, permalink) — literal text is never escaped.
        let cases: &[(&str, &str, &str)] = &[
            ("news/:title", "/news/x", "news/x.html"),
            ("news/:title.html", "/news/x.html", "news/x.html"),
            ("/a/../b", "/a/b", "a/b.html"),
            ("/a/..", "/a/", "a/index.html"),
            ("/../../etc/passwd", "/etc/passwd", "etc/passwd.html"),
            ("/./a/./b", "/a/b", "a/b.html"),
            ("//a//b///", "/a/b/", "a/b/index.html"),
            ("/a b/c d", "/a b/c d", "a b/c d.html"),
            ("/ünï/ö–x", "/ünï/ö–x", "ünï/ö–x.html"),
            ("", "/", "index.html"),
            ("/", "/", "index.html"),
            ("/a...b/", "/a/.b/", "a/.b/index.html"),
            ("/.../", "/", "index.html"),
            ("/x./y", "/xy", "xy.html"),
            ("/q?a=1#frag", "/q?a=1#frag", "q?a=1#frag.html"),
            // Ruby: File.join(Jekyll.sanitized_path("/D", "/ /"), "index.html") => "/D/ /index.html"
            ("/%20/", "/%20/", " /index.html"),
        ];
        for &(permalink, url, file) in cases {
            assert_eq!(expand(permalink, &p).as_deref(), Ok(url), "{permalink:?}");
            let ext = permalink_ext(permalink).unwrap_or(".html");
            assert_eq!(document_output_path(url, ext), file, "{permalink:?}");
        }
    }

    #[test]
    fn the_seed_post() {
        let c = cats(&[]);
        let mut p = team(
            "2021-11-22-restarting-the-leaders-of-networks-forum",
            "/2021-11-22-restarting-the-leaders-of-networks-forum",
        );
        p.collection = "posts";
        p.slug = "restarting-the-leaders-of-networks-forum";
        p.categories = &c;
        let permalink = "/news/2021/11/22/restarting-the-leaders-of-networks-forum";
        // Real `jekyll build`: url and destination as below, output_ext ".html".
        assert_eq!(expand(permalink, &p).as_deref(), Ok(permalink));
        assert_eq!(permalink_ext(permalink), None);
        assert_eq!(
            document_output_path(permalink, ".html"),
            "news/2021/11/22/restarting-the-leaders-of-networks-forum.html"
        );
    }

    #[test]
    fn permalink_extensions_override_html() {
        // Real `jekyll build`: permalink /news/v1.2 → output_ext ".2", file news/v1.2;
        // /news/feed.xml → ".xml", file news/feed.xml.
        assert_eq!(permalink_ext("/news/v1.2"), Some(".2"));
        assert_eq!(document_output_path("/news/v1.2", ".2"), "news/v1.2");
        assert_eq!(permalink_ext("/news/feed.xml"), Some(".xml"));
        assert_eq!(
            document_output_path("/news/feed.xml", ".xml"),
            "news/feed.xml"
        );
        assert_eq!(permalink_ext("/news/feed.xml/"), None);
        assert_eq!(permalink_ext("/x:output_ext"), None);
        assert_eq!(permalink_ext("/news/:title"), None);
        // File.extname: "a." => ".", ".bashrc" => "", "x.md/" is not asked (ends in /).
        assert_eq!(permalink_ext("/a."), Some("."));
        assert_eq!(permalink_ext("/.bashrc"), None);
        assert_eq!(permalink_ext("/.a.b"), Some(".b"));
        assert_eq!(permalink_ext("/a.b/c"), None);
    }

    #[test]
    fn filename_slugs() {
        let c = cats(&[]);
        // Ruby: name / title / slug for each basename (slug = part after the date).
        let cases: &[(&str, &str, &str, &str, &str)] = &[
            (
                "2021-11-22-Hello – World",
                "Hello – World",
                "/2021-11-22-hello-world",
                "/Hello-World",
                "/hello-world",
            ),
            (
                "2021-11-22-Crème brûlée",
                "Crème brûlée",
                "/2021-11-22-cr%C3%A8me-br%C3%BBl%C3%A9e",
                "/Cr%C3%A8me-br%C3%BBl%C3%A9e",
                "/cr%C3%A8me-br%C3%BBl%C3%A9e",
            ),
            (
                "2021-11-22-It’s Día 1.0",
                "It’s Día 1.0",
                "/2021-11-22-it-s-d%C3%ADa-1-0",
                "/It-s-D%C3%ADa-1.0",
                "/it-s-d%C3%ADa-1-0",
            ),
        ];
        for &(basename, slug, name_url, title_url, slug_url) in cases {
            let mut p = team(basename, "/x");
            p.slug = slug;
            p.categories = &c;
            assert_eq!(expand("/:name", &p).as_deref(), Ok(name_url), "{basename}");
            assert_eq!(
                expand("/:title", &p).as_deref(),
                Ok(title_url),
                "{basename}"
            );
            assert_eq!(expand("/:slug", &p).as_deref(), Ok(slug_url), "{basename}");
        }
        // Real `jekyll build`: _posts/2021-11-23-Café – Crème.md with categories
        // [News Room, "Big Data", news room] is written to
        // "news room/big data/2021/11/23/Café-Crème.html".
        let c = cats(&["News Room", "Big Data", "news room"]);
        let mut p = doc(&c);
        p.date.day = 23;
        let url = expand(&PermalinkStyle::Date.posts_template(), &p);
        assert_eq!(
            url.as_deref(),
            Ok("/news%20room/big%20data/2021/11/23/Caf%C3%A9-Cr%C3%A8me.html")
        );
        assert_eq!(
            document_output_path(url.as_deref().unwrap_or_default(), ".html"),
            "news room/big data/2021/11/23/Café-Crème.html"
        );
    }

    #[test]
    fn categories_with_spaces_and_capitals() {
        let c = cats(&[
            "Machine Learning",
            "C++ & C#",
            "Ünï Code",
            "machine learning",
            "Q&A",
        ]);
        let mut p = doc(&c);
        p.categories = &c;
        // Ruby: "/machine%20learning/c++%20&%20c%23/%C3%BCn%C3%AF%20code/q&a"
        assert_eq!(
            expand("/:categories", &p).as_deref(),
            Ok("/machine%20learning/c++%20&%20c%23/%C3%BCn%C3%AF%20code/q&a")
        );
        // Ruby: "/machine-learning/c-c/%C3%BCn%C3%AF-code/q-a"
        assert_eq!(
            expand("/:slugified_categories", &p).as_deref(),
            Ok("/machine-learning/c-c/%C3%BCn%C3%AF-code/q-a")
        );
        // No categories: the empty segment is squeezed away.
        p.categories = &[];
        assert_eq!(expand("/:categories/:year/", &p).as_deref(), Ok("/2021/"));
        // Ruby: ["news: today"] => "/news:%20today/x"
        let c = cats(&["news: today"]);
        p.categories = &c;
        assert_eq!(
            expand("/:categories/x", &p).as_deref(),
            Ok("/news:%20today/x")
        );
        // Ruby raises Addressable::URI::InvalidURIError for these.
        let c = cats(&["2021: review"]);
        p.categories = &c;
        assert!(matches!(
            expand("/:categories/x", &p),
            Err(PermalinkError::InvalidUri { placeholder, reason, .. })
                if placeholder == "categories" && reason.contains("Invalid scheme format")
        ));
        let c = cats(&[":draft"]);
        p.categories = &c;
        assert!(matches!(
            expand("/:categories/x", &p),
            Err(PermalinkError::InvalidUri { .. })
        ));
    }

    #[test]
    fn escaping_like_addressable() {
        // Ruby: Jekyll::URL.escape_path(s)
        let cases: &[(&str, &str)] = &[
            ("", ""),
            ("/plain/path-1.2", "/plain/path-1.2"),
            ("/a b", "/a%20b"),
            ("a–b", "a%E2%80%93b"),
            ("/café/", "/caf%C3%A9/"),
            ("c#", "c%23"),
            ("a#b#c", "a%23b%23c"),
            ("a?b", "a?b"),
            ("a?b#c?d", "a?b%23c?d"),
            ("100%", "100%25"),
            ("%20", "%2520"),
            ("news: today", "news:%20today"),
            ("a:b", "a:b"),
            ("/a:b", "/a:b"),
            ("//host:/x", "//host/x"),
            ("//h:012/x", "//h:12/x"),
            ("//h:0/x", "//h/x"),
            ("// u :p@h/x", "//u%20:p@h/x"),
            ("//h:1%0Ax/x", "//h:1/x"),
            ("[x]", "%5Bx%5D"),
            ("a b\tc", "a%20b%09c"),
            ("~user", "~user"),
            ("a|b", "a%7Cb"),
            ("<x>", "%3Cx%3E"),
            ("ab+c!$&()*,;=", "ab+c!$&()*,;="),
            ("\u{0}", "%00"),
            ("a\n日本", "a\n日本"),
            ("a#b\nc", "a#b\nc"),
        ];
        for &(input, expected) in cases {
            assert_eq!(escape_path(input), expected, "{input:?}");
        }
        // Ruby raises Addressable::URI::InvalidURIError for these.
        for input in [
            "2021: year",
            ":foo",
            ":",
            "1a:b",
            "a_b:c",
            "http:",
            "//a b/x",
            "//host:abc/x",
            "//a:b:/x",
            "//u:p\nq@h/x",
        ] {
            assert!(try_escape_path(input).is_err(), "{input:?}");
        }
        // The public function still answers, encoding everything as a path.
        assert_eq!(escape_path(":foo"), ":foo");
        assert_eq!(escape_path("2021: year"), "2021:%20year");
        assert_eq!(escape_path("//a b/x"), "//a%20b/x");
    }

    #[test]
    fn unescaping() {
        // Ruby: Jekyll::URL.unescape_path("/caf%c3%a9%2Fx%zz%4") => "/café/x%zz%4"
        assert_eq!(unescape_path("/caf%c3%a9%2Fx%zz%4"), "/café/x%zz%4");
        assert_eq!(unescape_path("/a%20b"), "/a b");
        assert_eq!(unescape_path("/plain"), "/plain");
        assert_eq!(unescape_path("/%E2"), "/\u{FFFD}");
        assert!(matches!(unescape_path("/plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn ruby_sub_backreferences() {
        // A value is left unescaped when one of its lines is plain; Ruby's
        // `sub` then reads backslash escapes in it. Ruby, for the `:path`
        // "/\\7\\0\\'\\\\\nA": url("/:path_") => "/:path_\\\nA_".
        let c = cats(&[]);
        let mut p = team("x", "/\\7\\0\\'\\\\\nA");
        p.categories = &c;
        assert_eq!(expand("/:path_", &p).as_deref(), Ok("/:path_\\\nA_"));
        // Ruby: url("/:path", path: "/x\n\\k<a>") raises IndexError.
        p.path = "/x\n\\k<a>";
        assert!(matches!(
            expand("/:path", &p),
            Err(PermalinkError::InvalidUri { .. })
        ));
    }

    #[test]
    fn cleaned_relative_paths() {
        // Ruby: rp[0..-File.extname(rp).length - 1].sub(dir, "").gsub(/\.*\z/, "")
        let cases: &[(&str, &str, &str, &str)] = &[
            ("_team/jane-doe.md", "_team", ".md", "/jane-doe"),
            (
                "_posts/sub/2021-01-01-x.md",
                "_posts",
                ".md",
                "/sub/2021-01-01-x",
            ),
            (
                "_methods/site/generate...md",
                "_methods",
                ".md",
                "/site/generate",
            ),
            (
                "news/_posts/2021-01-01-x.md",
                "_posts",
                ".md",
                "news//2021-01-01-x",
            ),
            (
                "_team/Ünï – Näme.markdown",
                "_team",
                ".markdown",
                "/Ünï – Näme",
            ),
            ("_team/noext", "_team", "", "/noext"),
            ("_team/a.b.md", "_team", ".md", "/a.b"),
            ("_team/_team.md", "_team", ".md", "/_team"),
            ("x", "_team", ".markdown", ""),
        ];
        for &(relative, dir, ext, expected) in cases {
            assert_eq!(
                cleaned_relative_path(relative, dir, ext),
                expected,
                "{relative}"
            );
        }
        // Real `jekyll build`: _team/Ünï Name.md with permalink /team/:title/
        // → "/team/%C3%9Cn%C3%AF-Name/", written to team/Ünï-Name/index.html.
        let path = cleaned_relative_path("_team/Ünï Name.md", "_team", ".md");
        let p = team("Ünï Name", &path);
        let url = expand("/team/:title/", &p);
        assert_eq!(url.as_deref(), Ok("/team/%C3%9Cn%C3%AF-Name/"));
        assert_eq!(
            document_output_path("/team/%C3%9Cn%C3%AF-Name/", ".html"),
            "team/Ünï-Name/index.html"
        );
        // …and /team/:name/:slug/:path for "Ünï Näme2.md" →
        // team/ünï-näme2/ünï-näme2/Ünï Näme2.html.
        let path = cleaned_relative_path("_team/Ünï Näme2.md", "_team", ".md");
        let p = team("Ünï Näme2", &path);
        let url = expand("/team/:name/:slug/:path", &p);
        assert_eq!(
            url.as_deref(),
            Ok(
                "/team/%C3%BCn%C3%AF-n%C3%A4me2/%C3%BCn%C3%AF-n%C3%A4me2/%C3%9Cn%C3%AF%20N%C3%A4me2"
            )
        );
        assert_eq!(
            document_output_path(url.as_deref().unwrap_or_default(), ".html"),
            "team/ünï-näme2/ünï-näme2/Ünï Näme2.html"
        );
    }

    #[test]
    fn output_paths() {
        // Ruby: Document#destination / Page#destination logic on
        // Jekyll.sanitized_path("/D", URL.unescape_path(url)).
        let cases: &[(&str, &str, &str, &str)] = &[
            (
                "/team/jane/",
                ".html",
                "team/jane/index.html",
                "team/jane/index.html",
            ),
            (
                "/team/jane-doe.html",
                ".html",
                "team/jane-doe.html",
                "team/jane-doe.html",
            ),
            (
                "/team/jane-doe",
                ".html",
                "team/jane-doe.html",
                "team/jane-doe.html",
            ),
            ("/", ".html", "index.html", "index.html"),
            ("/a%2Fb", ".html", "a/b.html", "a/b.html"),
            ("/a/%2E%2E/b", ".html", "b.html", "b.html"),
            ("/%2e%2e/%2e%2e/etc", ".html", "etc.html", "etc.html"),
            ("/x/", ".xml", "x/index.html", "x/index.xml"),
            ("/a%20b/", ".html", "a b/index.html", "a b/index.html"),
        ];
        for &(url, ext, document, page) in cases {
            assert_eq!(document_output_path(url, ext), document, "{url}");
            assert_eq!(page_output_path(url, ext), page, "{url}");
        }
    }

    #[test]
    fn redirect_stubs() {
        // Real `jekyll build` with jekyll-redirect-from 0.16.0: redirect_from
        // entry → stub page URL → written file.
        let cases: &[(&str, &str, &str)] = &[
            ("old-page", "/old-page", "old-page.html"),
            ("/old/", "/old/", "old/index.html"),
            ("/old.php", "/old.php", "old.php"),
            ("/feed.xml", "/feed.xml", "feed.xml"),
            ("/v1.2", "/v1.2", "v1.2"),
            ("/a b/c", "/a b/c", "a b/c.html"),
            ("/caf%C3%A9", "/caf%C3%A9", "café.html"),
            ("//double//slash", "/double/slash", "double/slash.html"),
            ("/x/../y", "/x/y", "x/y.html"),
            ("./rel", "/rel", "rel.html"),
            ("/Ünï", "/Ünï", "Ünï.html"),
            (
                "/:path/:basename:output_ext/z",
                "/redirect.html/z",
                "redirect.html/z.html",
            ),
            ("", "/", "index.html"),
        ];
        for &(entry, url, file) in cases {
            assert_eq!(normalize_redirect_path(entry), url, "{entry:?}");
            assert_eq!(redirect_output_path(entry), file, "{entry:?}");
        }
    }

    mod never_panics {
        use super::super::*;
        use crate::civil::CivilDateTime;
        use proptest::prelude::*;

        fn text() -> impl Strategy<Value = String> {
            prop_oneof![
                any::<String>(),
                "[a-z:/?#@%\\[\\]._ \\n\\\\0-9A-F<>k'é–-]{0,24}",
                "(:[a-z_]{0,12}|[/.%]|[a-z]{1,3}){0,8}",
            ]
        }

        /// `sanitize_url` as Jekyll writes it, step by step: what the
        /// faster version must equal.
        fn sanitize_url_as_jekyll(url: &str) -> String {
            let cleaned = format!("/{url}").replace("..", "/").replace("./", "");
            let mut out = String::new();
            for c in cleaned.chars() {
                if !(c == '/' && out.ends_with('/')) {
                    out.push(c);
                }
            }
            out
        }

        /// `destination_base` as first written: segments collected, then
        /// joined.
        fn destination_base_by_segments(url: &str) -> String {
            let unescaped = unescape_path(url);
            let mut segments: Vec<&str> = Vec::new();
            for segment in unescaped.split('/') {
                match segment {
                    "" | "." => {}
                    ".." => {
                        segments.pop();
                    }
                    other => segments.push(other),
                }
            }
            segments.join("/")
        }

        proptest! {
            #[test]
            fn sanitize_url_is_jekylls(url in text()) {
                prop_assert_eq!(sanitize_url(&url), sanitize_url_as_jekyll(&url));
            }

            #[test]
            fn destination_base_joins_segments(
                url in prop_oneof![text(), "(/|\\.\\.|\\.|a|b%2F|%2E%2E|)*"],
            ) {
                prop_assert_eq!(destination_base(&url), destination_base_by_segments(&url));
            }

            #[test]
            fn on_arbitrary_strings(
                template in text(),
                value in text(),
                categories in proptest::collection::vec(text(), 0..3),
                year in any::<i16>(),
                month in any::<i8>(),
                day in any::<i8>(),
                hour in any::<i8>(),
            ) {
                let p = Placeholders {
                    collection: &value,
                    path: &value,
                    basename: &value,
                    slug: &value,
                    categories: &categories,
                    date: CivilDateTime { year, month, day, hour, minute: 0, second: 0, nanosecond: 0 },
                    output_ext: &value,
                };
                if let Ok(url) = expand(&template, &p) {
                    prop_assert!(url.starts_with('/'));
                    prop_assert!(!url.contains("//"));
                    let _ = document_output_path(&url, &value);
                }
                let _ = escape_path(&value);
                let _ = unescape_path(&value);
                let _ = cleaned_relative_path(&value, &template, &value);
                let _ = document_output_path(&value, &template);
                let _ = page_output_path(&value, &template);
                let _ = normalize_redirect_path(&value);
                let _ = redirect_output_path(&value);
                let _ = permalink_ext(&value);
                let _ = crate::slug::ascii_title_slug(&value);
                for mode in ["none", "raw", "default", "pretty", "ascii", "latin"] {
                    let _ = crate::slug::slugify(&value, crate::slug::SlugMode::parse(mode), false);
                }
            }
        }
    }
}
