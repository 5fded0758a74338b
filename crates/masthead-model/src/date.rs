//! Document dates, read exactly as Jekyll 4.3 reads them.
//!
//! Jekyll takes a document's date from its filename (`2021-11-22-slug.md`)
//! unless the front matter has `date:`. Either way the text ends up in
//! `Jekyll::Utils.parse_date`, which is `Time.parse(text).localtime` with
//! `ENV["TZ"]` set to the site's `timezone:`. So:
//!
//! * a date alone (`2021-11-22`) is midnight in the site's time zone;
//! * a date and time without a zone (`2021-11-22 10:00`) is that wall-clock
//!   time in the site's time zone;
//! * a `Z`, `UTC` or numeric offset (`+01:00`, `+0100`) makes an exact instant,
//!   which Jekyll then shows in the site's zone — so the day in a post's URL
//!   can differ from the day written.
//!
//! Ruby's parser is lenient, and this module follows it rather than a
//! standard: an impossible day rolls over (`2021-02-30` is 2 March), text it
//! does not understand is skipped (`2020-10-05T11:00:00.000ZT11:00:00.000Z`
//! loses its `Z` *and* the rest, so it is 11:00 site time), and a zone such as
//! `+1` is silently ignored. Such values still load, with Jekyll's reading,
//! and carry a [`DateProblem`] saying what happened. What Ruby rejects
//! (`2021-13-45`, `next tuesday`, an empty string, anything over 128 bytes)
//! is a [`DateError`].
//!
//! masthead reads the ISO-like family of forms that real front matter uses:
//! a `Y-M-D` date, optionally a `T` or spaces and `H:M[:S[.fraction]]`,
//! optionally `am`/`pm`, and optionally a zone (`Z`, `UTC`, `GMT`, the US
//! abbreviations Ruby knows, or a numeric offset), optionally followed by
//! text Ruby ignores. Other forms Ruby happens to accept (`22 Nov 2021`,
//! `2021/11/22`, `decent`, which Ruby reads as 1 December of the current
//! year) are [`DateError::Unsupported`] rather than guessed.
//!
//! **Quoted and unquoted YAML differ.** The rules above are for text that
//! reaches Jekyll as a string: quoted front matter and filenames. An
//! *unquoted* full timestamp is first turned into a Ruby `Time` by SafeYAML,
//! which reads a timestamp without a zone as **UTC** and whose `to_s` drops
//! fractional seconds; use [`DateValue::parse_plain_yaml`] for those.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use jiff::civil;
use jiff::tz::{AmbiguousOffset, Offset};
use jiff::{SignedDuration, Timestamp};
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::civil::CivilDateTime;

/// Ruby's `Date._parse` raises for longer input (its `limit:` default), so
/// Jekyll fails the build on it.
const RUBY_PARSE_LIMIT: usize = 128;

/// Years masthead reads. Ruby takes any year; these bounds keep every zone
/// conversion inside the range jiff represents (and away from year 0).
const MIN_YEAR: i64 = 1;
const MAX_YEAR: i64 = 9998;

const SECONDS_PER_DAY: i64 = 86_400;

/// The forms masthead suggests when it cannot read a date.
const SUGGESTION: &str =
    "write it as `2021-11-22`, `2021-11-22 10:00:00` or `2021-11-22T10:00:00+01:00`";

// ---------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------

/// How Jekyll reads a date's text: this decides whether the site's time zone
/// changes the instant (`DateOnly`, `Local`) or only how it is shown
/// (`Offset`, `Utc`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateForm {
    /// A date alone: midnight in the site's time zone.
    DateOnly,
    /// A date and time with no zone Ruby uses: wall-clock time in the site's
    /// time zone.
    Local,
    /// An explicit offset (`+01:00`, `-0500`, or a US zone name such as `EST`):
    /// an exact instant.
    Offset,
    /// `Z`, `UTC`, `UT` or `GMT`: an exact instant in UTC.
    Utc,
}

/// A date as written in a file, together with what Jekyll makes of it.
///
/// It keeps the text (for round-tripping and messages) and the meaning (for
/// URLs, sorting and "is it in the future?"), so neither has to be recomputed
/// or guessed later.
#[derive(Clone, Debug, PartialEq)]
pub struct DateValue {
    written: String,
    form: DateForm,
    meaning: Meaning,
    problems: Vec<DateProblem>,
}

/// Something Jekyll accepts in a date but silently reinterprets.
///
/// The value still loads, with Jekyll's reading (see
/// [`DateProblem::interpretation`]); the problem exists so that masthead can
/// warn before a post lands on an unexpected day or URL.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DateProblem {
    /// A day, time or offset that does not exist (`2021-02-30`, `24:30+01:00`,
    /// `15:00 am`, `+0199`), which Ruby turns into another one.
    NotReal {
        /// The part of the text that does not exist.
        written: String,
        /// What Jekyll reads instead.
        reading: String,
    },
    /// Text that Ruby skips, such as a second timestamp glued on by a CMS.
    IgnoredText {
        /// The part Ruby reads.
        kept: String,
        /// The part Ruby skips (including any zone letter it swallowed).
        ignored: String,
        /// What Jekyll reads.
        reading: String,
    },
    /// A zone Ruby's `Time.parse` does not understand (`+1`, `UTC+01:00`),
    /// so the time is read in the site's time zone instead.
    IgnoredZone {
        /// The zone as written.
        zone: String,
        /// What Jekyll reads.
        reading: String,
    },
    /// A lone number after the date (`2021-11-22 10`), read as the hour.
    BareHour {
        /// The number as written.
        hour: String,
        /// What Jekyll reads.
        reading: String,
    },
    /// A single letter after the time (`A`, `a`), read as a military zone
    /// (`A` is +01:00).
    MilitaryZone {
        /// The letter as written.
        zone: String,
        /// What Jekyll reads.
        reading: String,
    },
    /// An unquoted YAML timestamp without a zone: SafeYAML reads it as UTC,
    /// not in the site's time zone.
    UnquotedWithoutZone {
        /// What Jekyll reads.
        reading: String,
    },
    /// An unquoted YAML timestamp with fractional seconds: Jekyll only sees
    /// the Ruby `Time`'s `to_s`, which drops them.
    UnquotedFractionDropped {
        /// The fraction as written, with its leading `.`.
        fraction: String,
        /// What Jekyll reads.
        reading: String,
    },
}

/// Why a date cannot be read. Each message says what was expected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DateError {
    /// Empty or only whitespace (Ruby: "no time information").
    #[error(
        "the date is empty; expected a date such as `2021-11-22` or `2021-11-22 10:00:00 +0100`"
    )]
    Empty,
    /// Longer than Ruby's parser accepts.
    #[error(
        "the date is {len} bytes long; Jekyll rejects dates longer than 128 bytes, so expected a date such as `2021-11-22`"
    )]
    TooLong {
        /// Length in bytes.
        len: usize,
    },
    /// No date in the text at all (Ruby: "no time information").
    #[error(
        "`{text}` is not a date; expected a date such as `2021-11-22` or `2021-11-22 10:00:00 +0100` (Jekyll rejects it too)"
    )]
    NoDate {
        /// The text.
        text: String,
    },
    /// A field Ruby rejects (month 13, day 45, hour 25, a 24-hour offset).
    #[error(
        "`{text}` has {field} {value}, but expected {expected}; Jekyll rejects it as an invalid date"
    )]
    OutOfRange {
        /// The text.
        text: String,
        /// Which field: `month`, `day`, `hour`, `minute`, `second` or `offset`.
        field: &'static str,
        /// The value Ruby saw.
        value: String,
        /// The accepted range.
        expected: &'static str,
    },
    /// A year masthead does not represent (Ruby would take it).
    #[error("`{text}` is in year {year}, but masthead reads years 1 to 9998")]
    YearOutOfRange {
        /// The text.
        text: String,
        /// The year as Ruby reads it.
        year: i64,
    },
    /// A form masthead does not read, because it cannot be sure what Jekyll
    /// does with it.
    #[error("masthead cannot tell how Jekyll reads `{text}`: {reason}; {SUGGESTION}")]
    Unsupported {
        /// The text.
        text: String,
        /// What is unusual about it.
        reason: String,
    },
    /// A `timezone:` that is not in the time zone database.
    #[error(
        "unknown time zone `{name}`: expected an IANA name such as `Europe/London`, `America/New_York` or `UTC` (Jekyll would silently use UTC)"
    )]
    UnknownTimeZone {
        /// The name as written.
        name: String,
    },
    /// A time zone name with the wrong letter case.
    #[error(
        "time zone `{name}` must be written `{canonical}`: Ruby looks time zone names up case-sensitively and would silently use UTC"
    )]
    TimeZoneCase {
        /// The name as written.
        name: String,
        /// The database's spelling.
        canonical: String,
    },
    /// Text given where a point in time was expected (`--now`).
    #[error(
        "`{text}` is not a point in time; expected RFC 3339 such as `2026-11-22T10:00:00Z` or a date such as `2026-11-22` (midnight UTC)"
    )]
    InvalidInstant {
        /// The text.
        text: String,
    },
}

/// A site's time zone (`timezone:` in `_config.yml`), which decides the
/// wall-clock time, and so the URL day, of every date.
#[derive(Clone, Debug)]
pub struct TimeZone {
    name: String,
    tz: jiff::tz::TimeZone,
}

/// A point in time, independent of any zone: what "now", "future" and date
/// ranges are measured in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant(Timestamp);

/// A date's meaning in a site's time zone: the instant, and the wall-clock
/// time Jekyll shows and puts in URLs.
///
/// Ordered by instant (then wall-clock time), so documents sort by date.
/// Serialises as [`ResolvedDate::to_rfc3339`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedDate {
    instant: Timestamp,
    local: civil::DateTime,
    offset_seconds: i32,
}

/// Where a document's date came from, printed by `masthead list`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// The front matter's `date:` (it overrides the filename).
    FrontMatter,
    /// The `YYYY-MM-DD-` prefix of the filename.
    Filename,
    /// Neither: the document has no date.
    None,
}

// ---------------------------------------------------------------------------
// DateValue
// ---------------------------------------------------------------------------

/// What a date means before a time zone is chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Meaning {
    /// Wall-clock time in the site's zone, already rolled over as Ruby's
    /// `Time.local` does. `leap` when it was written as hour 24 or second 60,
    /// which Ruby places by a different search (see [`ruby_leap_local`]).
    Local { clock: civil::DateTime, leap: bool },
    /// An exact instant, written with this offset (|offset| < 24 h).
    Exact { at: Timestamp, offset_seconds: i32 },
}

impl DateValue {
    /// Reads a date the way Jekyll reads a string: `Time.parse(text)` in the
    /// site's time zone. Use it for filenames and quoted front matter; see
    /// [`DateValue::parse_plain_yaml`] for unquoted timestamps.
    pub fn parse(text: &str) -> Result<DateValue, DateError> {
        if let Some(value) = real_iso_date(text) {
            return Ok(value);
        }
        parse_general(text)
    }

    /// Reads the text of an *unquoted* YAML scalar the way Jekyll 4.3 does.
    ///
    /// SafeYAML turns an unquoted full timestamp (`2021-11-22 10:00:00`,
    /// `2021-11-22T10:00:00.5Z`, with an optional `Z` or numeric offset) into
    /// a Ruby `Time` before Jekyll sees it: without a zone that is **UTC**,
    /// and Jekyll then reads the `Time`'s `to_s`, which has no fraction. Any
    /// other text (a date alone, `2021-11-22 10:00` without seconds, an
    /// impossible day) stays a string and reads as [`DateValue::parse`] does.
    pub fn parse_plain_yaml(text: &str) -> Result<DateValue, DateError> {
        match safe_yaml_timestamp(text)? {
            Some(value) => Ok(value),
            None => DateValue::parse(text),
        }
    }

    /// The text exactly as given.
    pub fn written(&self) -> &str {
        &self.written
    }

    /// How Jekyll reads the text (date only, wall-clock, offset or UTC).
    pub fn form(&self) -> DateForm {
        self.form
    }

    /// The first thing Jekyll silently reinterprets in this date, if any.
    pub fn problem(&self) -> Option<&DateProblem> {
        self.problems.first()
    }

    /// Everything Jekyll silently reinterprets in this date (usually one
    /// thing; [`DateValue::problem`] gives the first).
    pub fn problems(&self) -> &[DateProblem] {
        &self.problems
    }

    /// The date's meaning in the site's time zone.
    pub fn resolve(&self, tz: &TimeZone) -> ResolvedDate {
        let instant = match self.meaning {
            Meaning::Exact { at, .. } => at,
            Meaning::Local { clock, leap: false } => local_to_timestamp(&tz.tz, clock),
            Meaning::Local { clock, leap: true } => {
                ruby_leap_local(&tz.tz, clock).unwrap_or_else(|| local_to_timestamp(&tz.tz, clock))
            }
        };
        ResolvedDate::at(instant, &tz.tz)
    }

    /// The date and time as written, before conversion to the site's zone
    /// (in the written offset, if any), normalised as Ruby reads it: an
    /// impossible day is already rolled over.
    pub fn civil(&self) -> CivilDateTime {
        to_civil(self.written_clock())
    }

    fn written_clock(&self) -> civil::DateTime {
        match self.meaning {
            Meaning::Local { clock, .. } => clock,
            Meaning::Exact { at, offset_seconds } => offset_to_datetime(offset_seconds, at),
        }
    }

    /// Jekyll's reading in words, for problem messages.
    fn reading(&self) -> String {
        let clock = self.written_clock();
        match (self.meaning, self.form) {
            (Meaning::Local { .. }, DateForm::DateOnly) => {
                format!("{} at midnight in the site's time zone", format_date(clock))
            }
            (Meaning::Local { .. }, _) => {
                format!("{} in the site's time zone", format_clock(clock))
            }
            (Meaning::Exact { .. }, DateForm::Utc) => format!("{} UTC", format_clock(clock)),
            (Meaning::Exact { offset_seconds, .. }, _) => {
                format!("{} {}", format_clock(clock), format_offset(offset_seconds))
            }
        }
    }
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.written)
    }
}

impl FromStr for DateValue {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DateValue::parse(s)
    }
}

impl Serialize for DateValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.written)
    }
}

impl<'de> Deserialize<'de> for DateValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        DateValue::parse(&text).map_err(|e| serde::de::Error::custom(format!("invalid date: {e}")))
    }
}

impl JsonSchema for DateValue {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("DateValue")
    }

    fn json_schema(_generator: &mut SchemaGenerator) -> Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A date as Jekyll reads it: `YYYY-MM-DD` (midnight in the site's time zone), \
                `YYYY-MM-DD HH:MM[:SS]` (site time), or with `Z` or an offset such as `+01:00` (an exact instant).",
            "examples": ["2021-11-22", "2021-11-22 10:00:00 +0100", "2021-11-22T10:00:00Z"]
        })
    }
}

// ---------------------------------------------------------------------------
// DateProblem
// ---------------------------------------------------------------------------

impl DateProblem {
    /// What Jekyll reads, e.g. `2021-03-02 at midnight in the site's time zone`
    /// or `2020-10-05 11:00:00 UTC`.
    pub fn interpretation(&self) -> &str {
        match self {
            DateProblem::NotReal { reading, .. }
            | DateProblem::IgnoredText { reading, .. }
            | DateProblem::IgnoredZone { reading, .. }
            | DateProblem::BareHour { reading, .. }
            | DateProblem::MilitaryZone { reading, .. }
            | DateProblem::UnquotedWithoutZone { reading }
            | DateProblem::UnquotedFractionDropped { reading, .. } => reading,
        }
    }
}

impl fmt::Display for DateProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateProblem::NotReal { written, reading } => {
                write!(
                    f,
                    "`{written}` does not exist and Ruby silently adjusts it; Jekyll reads {reading}"
                )
            }
            DateProblem::IgnoredText {
                kept,
                ignored,
                reading,
            } => {
                write!(
                    f,
                    "the text `{ignored}` after `{kept}` is ignored; Jekyll reads {reading}"
                )
            }
            DateProblem::IgnoredZone { zone, reading } => write!(
                f,
                "Ruby does not understand the zone `{zone}` and ignores it; Jekyll reads {reading} \
                 (write offsets as `+01:00` or `+0100`)"
            ),
            DateProblem::BareHour { hour, reading } => {
                write!(
                    f,
                    "the lone `{hour}` after the date is read as the hour; Jekyll reads {reading}"
                )
            }
            DateProblem::MilitaryZone { zone, reading } => {
                write!(
                    f,
                    "`{zone}` is read as a military time zone letter; Jekyll reads {reading}"
                )
            }
            DateProblem::UnquotedWithoutZone { reading } => write!(
                f,
                "an unquoted YAML timestamp without a zone is read as UTC, not in the site's time zone; \
                 Jekyll reads {reading} (quote it, or add an offset)"
            ),
            DateProblem::UnquotedFractionDropped { fraction, reading } => write!(
                f,
                "the fraction `{fraction}` of an unquoted YAML timestamp is dropped; Jekyll reads {reading}"
            ),
        }
    }
}

// ---------------------------------------------------------------------------
// TimeZone
// ---------------------------------------------------------------------------

impl TimeZone {
    /// The zone with this IANA name (`Europe/London`, `America/New_York`,
    /// `UTC`), from the bundled database.
    ///
    /// Names must be spelled exactly: Ruby (through the C library) looks them
    /// up case-sensitively and silently falls back to UTC, so `europe/london`
    /// is an error here rather than a different site.
    pub fn named(name: &str) -> Result<TimeZone, DateError> {
        let tz = jiff::tz::TimeZone::get(name).map_err(|_| DateError::UnknownTimeZone {
            name: name.to_owned(),
        })?;
        match tz.iana_name() {
            Some(canonical) if canonical != name => Err(DateError::TimeZoneCase {
                name: name.to_owned(),
                canonical: canonical.to_owned(),
            }),
            _ => Ok(TimeZone {
                name: name.to_owned(),
                tz,
            }),
        }
    }

    /// UTC, the zone Jekyll uses when `timezone:` is absent from a config
    /// (on a machine whose own zone is UTC).
    pub fn utc() -> TimeZone {
        TimeZone {
            name: "UTC".to_owned(),
            tz: jiff::tz::TimeZone::UTC,
        }
    }

    /// The name as given to [`TimeZone::named`].
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl PartialEq for TimeZone {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for TimeZone {}

// ---------------------------------------------------------------------------
// Instant
// ---------------------------------------------------------------------------

impl Instant {
    /// The instant this many seconds after 1970-01-01T00:00:00Z, clamped to
    /// the representable range (about years -9999 to 9999).
    pub fn from_unix_seconds(seconds: i64) -> Instant {
        match Timestamp::from_second(seconds) {
            Ok(ts) => Instant(ts),
            Err(_) if seconds < 0 => Instant(Timestamp::MIN),
            Err(_) => Instant(Timestamp::MAX),
        }
    }

    /// Whole seconds since 1970-01-01T00:00:00Z (rounded towards negative
    /// infinity, so it never moves a pre-1970 instant later).
    pub fn unix_seconds(self) -> i64 {
        let seconds = self.0.as_second();
        if self.0.subsec_nanosecond() < 0 {
            seconds - 1
        } else {
            seconds
        }
    }

    /// Reads a point in time for `--now`: RFC 3339 with `Z` or an offset
    /// (`2026-11-22T10:00:00Z`), or a plain date (`2026-11-22`, midnight UTC).
    pub fn parse(text: &str) -> Result<Instant, DateError> {
        let trimmed = text.trim();
        let invalid = || DateError::InvalidInstant {
            text: text.to_owned(),
        };
        if is_plain_iso_date(trimmed) {
            let date: civil::Date = trimmed.parse().map_err(|_| invalid())?;
            let ts = Offset::UTC.to_timestamp(date.to_datetime(civil::Time::midnight()));
            return ts.map(Instant).map_err(|_| invalid());
        }
        trimmed
            .parse::<Timestamp>()
            .map(Instant)
            .map_err(|_| invalid())
    }

    /// The current time from the system clock.
    pub fn now() -> Instant {
        Instant(Timestamp::now())
    }

    /// This instant in a site's zone, e.g. to give an undated document
    /// "now"'s wall-clock time as Jekyll does with `site.time`.
    pub fn in_zone(self, tz: &TimeZone) -> ResolvedDate {
        ResolvedDate::at(self.0, &tz.tz)
    }
}

impl fmt::Display for Instant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl FromStr for Instant {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Instant::parse(s)
    }
}

/// Ruby's reading of any date text (see [`DateValue::parse`]).
fn parse_general(text: &str) -> Result<DateValue, DateError> {
    let parsed = scan(text)?;
    build(text, &parsed)
}

/// `YYYY-MM-DD` naming a real day, as every dated file name and most
/// front-matter dates are: the reading [`parse_general`] gives (midnight in
/// the site's zone, nothing reinterpreted), without the general scanner.
/// Anything else, impossible days included, is left to the scanner.
fn real_iso_date(text: &str) -> Option<DateValue> {
    if !is_plain_iso_date(text) {
        return None;
    }
    let number = |range: std::ops::Range<usize>| {
        text.as_bytes()
            .get(range)
            .unwrap_or_default()
            .iter()
            .fold(0i64, |n, d| n * 10 + i64::from(d - b'0'))
    };
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return None;
    }
    let date = civil::Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()?;
    Some(DateValue {
        written: text.to_owned(),
        form: DateForm::DateOnly,
        meaning: Meaning::Local {
            clock: date.to_datetime(civil::Time::midnight()),
            leap: false,
        },
        problems: Vec::new(),
    })
}

/// `YYYY-MM-DD` exactly (jiff's date parser would also take a time and drop it).
fn is_plain_iso_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

// ---------------------------------------------------------------------------
// ResolvedDate
// ---------------------------------------------------------------------------

impl ResolvedDate {
    fn at(instant: Timestamp, tz: &jiff::tz::TimeZone) -> ResolvedDate {
        let offset = tz.to_offset(instant);
        ResolvedDate {
            instant,
            local: offset.to_datetime(instant),
            offset_seconds: offset.seconds(),
        }
    }

    /// The point in time.
    pub fn instant(&self) -> Instant {
        Instant(self.instant)
    }

    /// The wall-clock time in the site's zone: what permalink placeholders
    /// (`:year`, `:month`, `:day`, `:hour`…) use.
    pub fn local(&self) -> CivilDateTime {
        to_civil(self.local)
    }

    /// The site zone's offset from UTC at this instant, in seconds.
    pub fn offset_seconds(&self) -> i32 {
        self.offset_seconds
    }

    /// `YYYY-MM-DDTHH:MM:SS+HH:MM` in the site's zone (`+00:00` for UTC, never
    /// `Z`), with `.fff…` after the seconds only when there is a fraction
    /// (trailing zeros trimmed). A public output format.
    ///
    /// An offset with seconds (local mean time before ~1900) is shown
    /// truncated to minutes, as Ruby's `%:z` does.
    pub fn to_rfc3339(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::with_capacity(32);
        let dt = self.local;
        let year = i32::from(dt.year());
        let sign = if year < 0 { "-" } else { "" };
        let minutes = self.offset_seconds.unsigned_abs() / 60;
        // Writing into a `String` cannot fail.
        let _ = write!(
            out,
            "{sign}{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            year.unsigned_abs(),
            dt.month(),
            dt.day(),
            dt.hour(),
            dt.minute(),
            dt.second()
        );
        if dt.subsec_nanosecond() != 0 {
            out.push_str(&format_fraction(dt.subsec_nanosecond()));
        }
        let _ = write!(
            out,
            "{}{:02}:{:02}",
            if self.offset_seconds < 0 { '-' } else { '+' },
            minutes / 60,
            minutes % 60
        );
        out
    }

    /// `YYYY-MM-DD`, the day in the site's zone.
    pub fn date_string(&self) -> String {
        format_date(self.local)
    }
}

impl Ord for ResolvedDate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.instant
            .cmp(&other.instant)
            .then_with(|| self.local.cmp(&other.local))
            .then_with(|| self.offset_seconds.cmp(&other.offset_seconds))
    }
}

impl PartialOrd for ResolvedDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Serialize for ResolvedDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_rfc3339())
    }
}

/// The instant Ruby's `Time.local` picks for a wall-clock time: in a gap
/// (spring forward) the offset from before the gap, so 01:30 becomes 02:30
/// summer time; in a fold (fall back) the offset from after it, so 01:30 is
/// the second, winter-time 01:30.
fn local_to_timestamp(tz: &jiff::tz::TimeZone, dt: civil::DateTime) -> Timestamp {
    let offset = match tz.to_ambiguous_timestamp(dt).offset() {
        AmbiguousOffset::Unambiguous { offset } => offset,
        AmbiguousOffset::Gap { before, .. } => before,
        AmbiguousOffset::Fold { after, .. } => after,
    };
    offset
        .to_timestamp(dt)
        .or_else(|_| Offset::UTC.to_timestamp(dt))
        .unwrap_or(Timestamp::UNIX_EPOCH)
}

/// Ruby's `Time.local` for a wall-clock time written with hour 24 or second
/// 60 (`clock` is already rolled over to the next day or minute).
///
/// No instant shows such a time exactly, so Ruby's `find_time_t` searches
/// for the last local second before it and adds the difference. When that
/// second is in a fold (it occurs twice), which occurrence the search lands
/// on depends on where it starts: the fields read as UTC. This ports that
/// search, with jiff in place of the C library's `localtime`.
fn ruby_leap_local(tz: &jiff::tz::TimeZone, clock: civil::DateTime) -> Option<Timestamp> {
    let nanosecond = clock.subsec_nanosecond();
    let whole = clock.with().subsec_nanosecond(0).build().ok()?;
    let base = whole.checked_sub(SignedDuration::from_secs(1)).ok()?;
    let as_utc = |dt: civil::DateTime| Offset::UTC.to_timestamp(dt).ok().map(Timestamp::as_second);
    let local = |secs: i64| {
        Timestamp::from_second(secs)
            .ok()
            .map(|ts| tz.to_datetime(ts))
    };
    // The written time sorts after `base` and before every later second.
    let below_target = |dt: civil::DateTime| dt <= base;

    // `timegm` of the fields (23:59:60 for hour 24): one second after `base`.
    let guess0 = as_utc(whole)?;
    let (mut lo, mut hi) = (None, None);
    let mut guess = guess0;
    if below_target(local(guess)?) {
        lo = Some(guess);
        guess += SECONDS_PER_DAY;
    } else {
        hi = Some(guess);
        guess -= SECONDS_PER_DAY;
    }
    if below_target(local(guess)?) {
        lo = lo.or(Some(guess));
    } else {
        hi = hi.or(Some(guess));
    }
    let (mut lo, mut hi) = (lo?, hi?);
    let (mut tm_lo, mut tm_hi) = (local(lo)?, local(hi)?);
    let mut status = 1;
    while lo + 1 < hi {
        let mut bisect = status == 0;
        if !bisect {
            if status == 1 {
                guess = hi - (as_utc(tm_hi)? - guess0);
                if guess == hi {
                    guess -= 1;
                }
                status = 2;
            } else {
                guess = lo + (guess0 - as_utc(tm_lo)?);
                if guess == lo {
                    guess += 1;
                }
                status = 0;
            }
            bisect = guess <= lo || hi <= guess;
        }
        if bisect {
            guess = lo / 2 + hi / 2;
            if guess <= lo {
                guess = lo + 1;
            } else if guess >= hi {
                guess = hi - 1;
            }
            status = 1;
        }
        let tm = local(guess)?;
        if below_target(tm) {
            lo = guess;
            tm_lo = tm;
        } else {
            hi = guess;
            tm_hi = tm;
        }
    }
    // Extrapolate from the last second before: `lo` plus the difference of
    // the fields.
    Timestamp::new(lo + (guess0 - as_utc(tm_lo)?), nanosecond).ok()
}

// ---------------------------------------------------------------------------
// filename_date
// ---------------------------------------------------------------------------

/// The date Jekyll takes from a filename, and the rest of the name.
///
/// Jekyll's rule is `(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)(\.[^.]+)$` on the last
/// path component, so the name must also have an extension:
/// `2021-11-22-restarting-the-forum.md` gives 2021-11-22 and
/// `restarting-the-forum.md`, while `2021-11-22-notes` (no extension) has no
/// date. `None` also when the date does not parse (`2021-13-45-x.md`; Jekyll
/// fails the build on that unless the front matter has a `date:`).
pub fn filename_date(basename: &str) -> Option<(DateValue, &str)> {
    let base = match basename.rfind('/') {
        Some(i) => basename.get(i + 1..)?,
        None => basename,
    };
    let bytes = base.as_bytes();
    let digits_at = |from: usize| {
        bytes
            .iter()
            .skip(from)
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let mut pos = 0;
    for (min, max) in [(2, 4), (1, 2), (1, 2)] {
        let len = digits_at(pos);
        if len < min || len > max || bytes.get(pos + len) != Some(&b'-') {
            return None;
        }
        pos += len + 1;
    }
    let date_text = base.get(..pos - 1)?;
    let rest = base.get(pos..)?;
    let dot = rest.rfind('.')?;
    if dot + 1 >= rest.len() {
        return None;
    }
    let value = DateValue::parse(date_text).ok()?;
    Some((value, rest))
}

// ---------------------------------------------------------------------------
// Reading text as Ruby's `Date._parse` does
// ---------------------------------------------------------------------------

/// A zone after the time, as Ruby's `Time.zone_offset` understands it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Zone {
    /// No zone.
    #[default]
    None,
    /// `Z`, `UTC`, `UT`, `GMT`.
    Utc,
    /// A numeric offset or a US zone name, in seconds.
    Offset(i64),
    /// A military letter other than `Z`, in seconds.
    Military(i64),
    /// Text in the zone position that `Time.parse` drops (`+1`, `utc+1`).
    Ignored,
}

/// What Ruby's `Date._parse` extracts from a date in the supported family.
#[derive(Clone, Debug, Default)]
struct Parsed {
    year: i64,
    month: i64,
    day: i64,
    hour: i64,
    minute: i64,
    second: i64,
    /// Fraction of the second, truncated to nanoseconds.
    nanosecond: i64,
    /// The fraction as written (with its `.` or `,`), when non-zero.
    fraction: Option<(usize, usize)>,
    has_time: bool,
    /// A 12-hour time whose hour is 0 or above 12.
    odd_twelve_hour: bool,
    /// The lone number read as the hour (`2021-11-22 10`).
    bare_hour: Option<(usize, usize)>,
    /// An `am`/`pm` that Ruby consumes but does not apply (after `12:00:00.`).
    ignored_meridiem: Option<(usize, usize)>,
    zone: Zone,
    zone_span: Option<(usize, usize)>,
    /// Start and end of the date and time Ruby reads (without the zone).
    read_span: (usize, usize),
    /// Where the text Ruby ignores starts.
    ignored_from: Option<usize>,
}

/// A cursor over the text. All slicing goes through `get`, so no index can
/// panic, whatever the input.
struct Scanner<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Scanner<'a> {
    fn rest(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn peek_second(&self) -> Option<char> {
        self.rest().chars().nth(1)
    }

    fn bump(&mut self) {
        if let Some(c) = self.peek() {
            self.pos += c.len_utf8();
        }
    }

    fn eat(&mut self, c: char) -> bool {
        let found = self.peek() == Some(c);
        if found {
            self.bump();
        }
        found
    }

    fn skip_ws(&mut self) -> usize {
        let start = self.pos;
        while self.peek().is_some_and(char::is_whitespace) {
            self.bump();
        }
        self.pos - start
    }

    fn digits(&mut self) -> (usize, usize) {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.bump();
        }
        (start, self.pos)
    }

    fn slice(&self, (from, to): (usize, usize)) -> &'a str {
        self.text.get(from..to).unwrap_or("")
    }

    fn at_end_after_ws(&self) -> bool {
        self.rest().chars().all(char::is_whitespace)
    }

    /// Whether the rest starts with `word`, ignoring ASCII case.
    fn starts_with_ignore_case(&self, word: &str) -> bool {
        self.rest()
            .get(..word.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(word))
    }
}

fn number(digits: &str) -> i64 {
    digits.bytes().fold(0i64, |n, b| {
        n.saturating_mul(10)
            .saturating_add(i64::from(b.wrapping_sub(b'0')))
    })
}

/// Characters Ruby's `Date._parse` keeps; it turns every other one into a space.
fn ruby_keeps(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '-' | '+' | '\'' | ',' | '.' | '/' | ':' | '@' | '[' | ']'
        )
}

/// Whether Ruby could find a month name (`\b(jan|feb|…)`) in text without
/// digits; without one, such text has no time information at all.
fn may_name_a_month(text: &str) -> bool {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    // Ruby matches case-insensitively with Unicode folding: `ſ` is `s`.
    let folded: String = text
        .chars()
        .map(|c| {
            if c == 'ſ' {
                's'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    MONTHS.iter().any(|m| folded.contains(m))
}

/// Reads `text` as Ruby's `Date._parse` does, for the supported family of
/// forms; anything else is an error (see the module docs).
///
/// Ruby's parser takes the first `H:M[:S[.f]]` (with its zone) out of the
/// string, then the first `Y-M-D`, then looks at what is left only for a lone
/// 1–2 digit number (an hour when there is no time). The grammar below only
/// accepts text where that procedure is unambiguous, and leftover text made of
/// digits, spaces and `: . , + - T Z` — text no other part of Ruby's parser
/// can pick up.
fn scan(text: &str) -> Result<Parsed, DateError> {
    let unsupported = |reason: String| DateError::Unsupported {
        text: text.to_owned(),
        reason,
    };
    if text.len() > RUBY_PARSE_LIMIT {
        return Err(DateError::TooLong { len: text.len() });
    }
    if text.chars().all(char::is_whitespace) {
        return Err(DateError::Empty);
    }
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return if may_name_a_month(text) {
            Err(unsupported(
                "it names a month, which Ruby reads relative to today".to_owned(),
            ))
        } else {
            Err(DateError::NoDate {
                text: text.to_owned(),
            })
        };
    }
    if let Some(c) = text.chars().find(|&c| !ruby_keeps(c) && !c.is_whitespace()) {
        return Err(unsupported(format!("it contains `{c}`")));
    }

    let mut sc = Scanner { text, pos: 0 };
    let mut p = Parsed::default();
    sc.skip_ws();
    let date_start = sc.pos;

    // The date: Y-M-D.
    let not_a_date =
        || unsupported("it does not start with a date such as `2021-11-22`".to_owned());
    let year = sc.digits();
    if !(1..=4).contains(&(year.1 - year.0)) || !sc.eat('-') {
        return Err(not_a_date());
    }
    let month = sc.digits();
    if !(1..=2).contains(&(month.1 - month.0)) || !sc.eat('-') {
        return Err(not_a_date());
    }
    let day = sc.digits();
    if !(1..=2).contains(&(day.1 - day.0)) {
        return Err(not_a_date());
    }
    p.year = number(sc.slice(year));
    if year.1 - year.0 <= 2 {
        // Ruby completes a two-digit year: 69–99 → 1900s, 00–68 → 2000s.
        p.year += if p.year >= 69 { 1900 } else { 2000 };
    }
    p.month = number(sc.slice(month));
    p.day = number(sc.slice(day));
    let date_end = sc.pos;
    p.read_span = (date_start, date_end);

    let ws = sc.skip_ws();
    if sc.at_end_after_ws() {
        return Ok(p);
    }
    let t_separator = ws == 0 && matches!(sc.peek(), Some('T' | 't'));
    if ws == 0 && !t_separator {
        let c = sc.peek().unwrap_or(' ');
        return Err(unsupported(format!("`{c}` follows the date directly")));
    }
    if t_separator {
        sc.bump();
    }
    let hour = sc.digits();
    if hour.0 == hour.1 {
        return Err(unsupported(
            "the date is followed by something other than a time".to_owned(),
        ));
    }

    if sc.peek() != Some(':') {
        // No time. Ruby skips the rest, except that a lone one- or two-digit
        // number (after a space, not a `T`) up to 24 becomes the hour.
        if !sc.at_end_after_ws() {
            return Err(unsupported(
                "the date is followed by something other than a time".to_owned(),
            ));
        }
        let digits = hour.1 - hour.0;
        let value = number(sc.slice(hour));
        if !t_separator && digits <= 2 && value <= 24 {
            p.hour = value;
            p.bare_hour = Some(hour);
            p.read_span = (date_start, hour.1);
        } else {
            p.ignored_from = Some(date_end);
        }
        return Ok(p);
    }

    // The time: H:M[:S[.f]].
    let bad_time = || unsupported("the time is not written as `HH:MM` or `HH:MM:SS`".to_owned());
    sc.bump();
    let minute = sc.digits();
    if hour.1 - hour.0 > 2 || !(1..=2).contains(&(minute.1 - minute.0)) {
        return Err(bad_time());
    }
    p.has_time = true;
    p.hour = number(sc.slice(hour));
    p.minute = number(sc.slice(minute));
    if sc.peek() == Some(':') && sc.peek_second().is_some_and(|c| c.is_ascii_digit()) {
        sc.bump();
        let second = sc.digits();
        if second.1 - second.0 > 2 {
            return Err(bad_time());
        }
        p.second = number(sc.slice(second));
        let mut empty_fraction = false;
        if matches!(sc.peek(), Some('.' | ',')) {
            // Ruby's pattern swallows the separator even with no digits after it.
            let start = sc.pos;
            sc.bump();
            let fraction = sc.digits();
            let digits = sc.slice(fraction);
            p.nanosecond = digits
                .bytes()
                .chain(std::iter::repeat(b'0'))
                .take(9)
                .fold(0, |n, b| n * 10 + i64::from(b.wrapping_sub(b'0')));
            if digits.bytes().any(|b| b != b'0') {
                p.fraction = Some((start, fraction.1));
            }
            empty_fraction = digits.is_empty();
        }
        p.read_span = (date_start, sc.pos);
        if empty_fraction {
            // Ruby's time pattern takes `12:00:00. pm` whole, but its second
            // pattern, which reads the fields, stops at the bare `.`: the
            // `pm` is swallowed and never applied.
            let before = sc.pos;
            sc.skip_ws();
            let meridiem_start = sc.pos;
            if eat_meridiem(&mut sc).is_some() {
                p.ignored_meridiem = Some((meridiem_start, sc.pos));
            } else {
                sc.pos = before;
            }
        }
    } else {
        p.read_span = (date_start, sc.pos);
    }

    // am / pm.
    let before_meridiem = sc.pos;
    sc.skip_ws();
    let meridiem = if p.ignored_meridiem.is_some() {
        None
    } else {
        eat_meridiem(&mut sc)
    };
    match meridiem {
        Some(pm) => {
            p.odd_twelve_hour = p.hour == 0 || p.hour > 12;
            p.hour = p.hour % 12 + if pm { 12 } else { 0 };
            p.read_span = (date_start, sc.pos);
        }
        None => sc.pos = before_meridiem,
    }

    // The zone.
    let before_zone = sc.pos;
    sc.skip_ws();
    let zone_start = sc.pos;
    let prefix = ["gmt", "utc", "ut"]
        .into_iter()
        .find(|w| {
            sc.starts_with_ignore_case(w) && {
                let after = sc.rest().as_bytes();
                matches!(after.get(w.len()), Some(b'+' | b'-'))
                    && after.get(w.len() + 1).is_some_and(u8::is_ascii_digit)
            }
        })
        .map_or(0, str::len);
    let signed = prefix > 0
        || (matches!(sc.peek(), Some('+' | '-'))
            && sc.peek_second().is_some_and(|c| c.is_ascii_digit()));
    if signed {
        // `(?:gmt|utc?)?[-+]\d+(?:[,.:]\d+(?::\d+)?)?`
        sc.pos += prefix + 1;
        sc.digits();
        if matches!(sc.peek(), Some(',' | '.' | ':'))
            && sc.peek_second().is_some_and(|c| c.is_ascii_digit())
        {
            sc.bump();
            sc.digits();
            if sc.peek() == Some(':') && sc.peek_second().is_some_and(|c| c.is_ascii_digit()) {
                sc.bump();
                sc.digits();
            }
        }
        let zone = sc.slice((zone_start, sc.pos));
        p.zone = if prefix > 0 {
            Zone::Ignored
        } else {
            numeric_zone_offset(zone).map_or(Zone::Ignored, Zone::Offset)
        };
        p.zone_span = Some((zone_start, sc.pos));
    } else if sc.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
        // `[[:alpha:]]+\b`: a run of letters that ends at a word boundary.
        while sc.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
            sc.bump();
        }
        if sc.peek().is_some_and(|c| c.is_ascii_digit()) {
            // No boundary (`ZT11:…`): no zone; the letters are ignored text.
            sc.pos = before_zone;
        } else {
            let zone = sc.slice((zone_start, sc.pos));
            p.zone = named_zone(zone).ok_or_else(|| {
                unsupported(format!(
                    "Ruby reads the zone name `{zone}` only when the site's own time zone uses it"
                ))
            })?;
            p.zone_span = Some((zone_start, sc.pos));
        }
    } else {
        sc.pos = before_zone;
    }

    // What is left must be text Ruby skips.
    if !sc.at_end_after_ws() {
        let harmless = sc
            .rest()
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_whitespace() || ":.,+-TtZz".contains(c));
        if !harmless {
            return Err(unsupported("it has text after the time".to_owned()));
        }
        p.ignored_from = Some(sc.pos);
    }
    Ok(p)
}

/// `[ap](?:m\b|\.m\.)`, case-insensitive: `Some(true)` for pm.
fn eat_meridiem(sc: &mut Scanner<'_>) -> Option<bool> {
    let rest = sc.rest().as_bytes();
    let pm = match rest.first() {
        Some(b'a' | b'A') => false,
        Some(b'p' | b'P') => true,
        _ => return None,
    };
    let m_at = |i: usize| rest.get(i).is_some_and(|b| b.eq_ignore_ascii_case(&b'm'));
    if m_at(1) && !rest.get(2).is_some_and(u8::is_ascii_alphanumeric) {
        sc.pos += 2;
        Some(pm)
    } else if rest.get(1) == Some(&b'.') && m_at(2) && rest.get(3) == Some(&b'.') {
        sc.pos += 4;
        Some(pm)
    } else {
        None
    }
}

/// Ruby's `Time.zone_offset` for `+HH`, `+HHMM`, `+HH:MM`, `+HHMMSS`,
/// `+HH:MM:SS`; `None` (the zone is ignored) for anything else, such as `+1`.
fn numeric_zone_offset(zone: &str) -> Option<i64> {
    let b = zone.as_bytes();
    let sign = match b.first() {
        Some(b'+') => 1,
        Some(b'-') => -1,
        _ => return None,
    };
    let two = |i: usize| -> Option<i64> {
        let &[tens, ones] = b.get(i..i + 2)? else {
            return None;
        };
        (tens.is_ascii_digit() && ones.is_ascii_digit())
            .then(|| i64::from(tens - b'0') * 10 + i64::from(ones - b'0'))
    };
    let hours = two(1)?;
    let (minutes, seconds) = match b.len() {
        3 => (0, 0),
        5 => (two(3)?, 0),
        6 if b.get(3) == Some(&b':') => (two(4)?, 0),
        7 => (two(3)?, two(5)?),
        9 if b.get(3) == Some(&b':') && b.get(6) == Some(&b':') => (two(4)?, two(7)?),
        _ => return None,
    };
    Some(sign * ((hours * 60 + minutes) * 60 + seconds))
}

/// Zone names in Ruby's `Time::ZoneOffset` table.
fn named_zone(zone: &str) -> Option<Zone> {
    let upper = zone.to_ascii_uppercase();
    let hours = match upper.as_str() {
        "UTC" | "Z" | "UT" | "GMT" => return Some(Zone::Utc),
        "EST" => -5,
        "EDT" => -4,
        "CST" => -6,
        "CDT" => -5,
        "MST" => -7,
        "MDT" => -6,
        "PST" => -8,
        "PDT" => -7,
        _ => {
            let &[letter] = upper.as_bytes() else {
                return None;
            };
            let hours = match letter {
                b'A'..=b'I' => i64::from(letter - b'A') + 1,
                b'K'..=b'M' => i64::from(letter - b'K') + 10,
                b'N'..=b'Y' => -(i64::from(letter - b'N') + 1),
                _ => return None,
            };
            return Some(Zone::Military(hours * 3600));
        }
    };
    Some(Zone::Offset(hours * 3600))
}

// ---------------------------------------------------------------------------
// Turning Ruby's fields into a time, as `Time.parse`'s `make_time` does
// ---------------------------------------------------------------------------

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Ruby's `Time.month_days`: `…MonthDays[m - 1]`, where index -1 (month 0)
/// wraps to December and months above 12 have no entry.
fn ruby_month_days(year: i64, month: i64) -> Option<i64> {
    let month = if month == 0 { 12 } else { month };
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => Some(31),
        4 | 6 | 9 | 11 => Some(30),
        2 => Some(if is_leap(year) { 29 } else { 28 }),
        _ => None,
    }
}

/// Ruby's `Time.apply_offset`, which moves the fields to UTC before
/// `Time.utc` checks them. It only carries a day across a month end one way
/// per direction, which is why `2021-02-29T23:30:00-01:00` becomes
/// 2021-03-01 00:30 UTC rather than 2 March.
fn apply_offset(fields: [i64; 6], offset: i64) -> [i64; 6] {
    let [
        mut year,
        mut month,
        mut day,
        mut hour,
        mut minute,
        mut second,
    ] = fields;
    if offset < 0 {
        let mut off = -offset;
        let o = off % 60;
        off /= 60;
        if o != 0 {
            second += o;
            off += second.div_euclid(60);
            second = second.rem_euclid(60);
        }
        let o = off % 60;
        off /= 60;
        if o != 0 {
            minute += o;
            off += minute.div_euclid(60);
            minute = minute.rem_euclid(60);
        }
        let o = off % 24;
        off /= 24;
        if o != 0 {
            hour += o;
            off += hour.div_euclid(24);
            hour = hour.rem_euclid(24);
        }
        if off != 0 {
            day += off;
            if ruby_month_days(year, month).is_some_and(|days| days < day) {
                month += 1;
                if month > 12 {
                    month = 1;
                    year += 1;
                }
                day = 1;
            }
        }
    } else if offset > 0 {
        let mut off = offset;
        let o = off % 60;
        off /= 60;
        if o != 0 {
            second -= o;
            off -= second.div_euclid(60);
            second = second.rem_euclid(60);
        }
        let o = off % 60;
        off /= 60;
        if o != 0 {
            minute -= o;
            off -= minute.div_euclid(60);
            minute = minute.rem_euclid(60);
        }
        let o = off % 24;
        off /= 24;
        if o != 0 {
            hour -= o;
            off -= hour.div_euclid(24);
            hour = hour.rem_euclid(24);
        }
        if off != 0 {
            day -= off;
            if day < 1 {
                month -= 1;
                if month < 1 {
                    year -= 1;
                    month = 12;
                }
                // Ruby gets `nil` (then day 1) for a month above 12, which
                // `Time.utc` rejects anyway.
                day = ruby_month_days(year, month).unwrap_or(1);
            }
        }
    }
    [year, month, day, hour, minute, second]
}

/// Ruby's `Time.utc` / `Time.local` argument handling: the range checks, the
/// roll-over of 29–31 February and of the 31st of a 30-day month, then 24:00
/// and second 60 carried into the next day or minute (the flag says so).
fn ruby_time_args(
    text: &str,
    fields: [i64; 6],
    nanosecond: i64,
) -> Result<(civil::DateTime, bool), DateError> {
    let [year, mut month, mut day, hour, minute, second] = fields;
    let out_of_range =
        |field: &'static str, value: i64, expected: &'static str| DateError::OutOfRange {
            text: text.to_owned(),
            field,
            value: value.to_string(),
            expected,
        };
    if !(1..=12).contains(&month) {
        return Err(out_of_range("month", month, "1 to 12"));
    }
    if !(1..=31).contains(&day) {
        return Err(out_of_range("day", day, "1 to 31"));
    }
    match month {
        2 => {
            let last = if is_leap(year) { 29 } else { 28 };
            if day > last {
                day -= last;
                month += 1;
            }
        }
        4 | 6 | 9 | 11 if day == 31 => {
            month += 1;
            day = 1;
        }
        _ => {}
    }
    if !(0..=24).contains(&hour) {
        return Err(out_of_range("hour", hour, "0 to 24"));
    }
    if !(0..=if hour == 24 { 0 } else { 59 }).contains(&minute) {
        return Err(out_of_range("minute", minute, "0 to 59 (0 at hour 24)"));
    }
    if !(0..=if hour == 24 { 0 } else { 60 }).contains(&second) {
        return Err(out_of_range("second", second, "0 to 60 (0 at hour 24)"));
    }
    let year_error = || DateError::YearOutOfRange {
        text: text.to_owned(),
        year,
    };
    let date = civil::Date::new(
        i16::try_from(year).map_err(|_| year_error())?,
        i8::try_from(month).map_err(|_| year_error())?,
        i8::try_from(day).map_err(|_| year_error())?,
    )
    .map_err(|_| year_error())?;
    let elapsed = SignedDuration::new(
        hour * 3600 + minute * 60 + second,
        i32::try_from(nanosecond).unwrap_or(0),
    );
    let clock = date
        .to_datetime(civil::Time::midnight())
        .checked_add(elapsed)
        .map_err(|_| year_error())?;
    Ok((clock, hour == 24 || second == 60))
}

fn days_in_month(year: i64, month: i64) -> i64 {
    ruby_month_days(year, month).unwrap_or(0)
}

/// Whether the written fields name a real date and time (24:00:00 and a leap
/// second count as real).
fn is_real(p: &Parsed) -> bool {
    let date_ok =
        (1..=12).contains(&p.month) && p.day >= 1 && p.day <= days_in_month(p.year, p.month);
    let time_ok = (p.hour <= 23 && p.minute <= 59 && p.second <= 60)
        || (p.hour == 24
            && p.minute == 0
            && p.second == 0
            && p.nanosecond == 0
            && p.fraction.is_none());
    date_ok && time_ok && !p.odd_twelve_hour
}

/// Kinds of problem found while reading, before the reading is known.
enum Found {
    NotReal(String),
    IgnoredText { kept: String, ignored: String },
    IgnoredZone(String),
    BareHour(String),
    MilitaryZone(String),
    UnquotedWithoutZone,
    UnquotedFractionDropped(String),
}

fn finish(written: &str, form: DateForm, meaning: Meaning, found: Vec<Found>) -> DateValue {
    let mut value = DateValue {
        written: written.to_owned(),
        form,
        meaning,
        problems: Vec::new(),
    };
    if found.is_empty() {
        // The reading is prose for problems; most dates have none.
        return value;
    }
    let reading = value.reading();
    value.problems = found
        .into_iter()
        .map(|f| {
            let reading = reading.clone();
            match f {
                Found::NotReal(written) => DateProblem::NotReal { written, reading },
                Found::IgnoredText { kept, ignored } => DateProblem::IgnoredText {
                    kept,
                    ignored,
                    reading,
                },
                Found::IgnoredZone(zone) => DateProblem::IgnoredZone { zone, reading },
                Found::BareHour(hour) => DateProblem::BareHour { hour, reading },
                Found::MilitaryZone(zone) => DateProblem::MilitaryZone { zone, reading },
                Found::UnquotedWithoutZone => DateProblem::UnquotedWithoutZone { reading },
                Found::UnquotedFractionDropped(fraction) => {
                    DateProblem::UnquotedFractionDropped { fraction, reading }
                }
            }
        })
        .collect();
    value
}

fn slice(text: &str, (from, to): (usize, usize)) -> &str {
    text.get(from..to).unwrap_or("")
}

/// `Time.parse(text)` on the fields [`scan`] found.
fn build(text: &str, p: &Parsed) -> Result<DateValue, DateError> {
    if !(MIN_YEAR..=MAX_YEAR).contains(&p.year) {
        return Err(DateError::YearOutOfRange {
            text: text.to_owned(),
            year: p.year,
        });
    }
    let zone_text = p.zone_span.map(|span| slice(text, span)).unwrap_or("");
    let fields = [p.year, p.month, p.day, p.hour, p.minute, p.second];
    let (meaning, form) = match p.zone {
        Zone::Utc | Zone::Offset(_) | Zone::Military(_) => {
            let offset = match p.zone {
                Zone::Offset(s) | Zone::Military(s) => s,
                _ => 0,
            };
            let (utc, _) = ruby_time_args(text, apply_offset(fields, offset), p.nanosecond)?;
            if offset.abs() >= SECONDS_PER_DAY {
                return Err(DateError::OutOfRange {
                    text: text.to_owned(),
                    field: "offset",
                    value: zone_text.to_owned(),
                    expected: "less than 24 hours",
                });
            }
            let at = Offset::UTC
                .to_timestamp(utc)
                .map_err(|_| DateError::YearOutOfRange {
                    text: text.to_owned(),
                    year: p.year,
                })?;
            let offset_seconds = i32::try_from(offset).unwrap_or(0);
            let form = if p.zone == Zone::Utc {
                DateForm::Utc
            } else {
                DateForm::Offset
            };
            (Meaning::Exact { at, offset_seconds }, form)
        }
        Zone::None | Zone::Ignored => {
            let (clock, leap) = ruby_time_args(text, fields, p.nanosecond)?;
            let form = if p.has_time || p.bare_hour.is_some() {
                DateForm::Local
            } else {
                DateForm::DateOnly
            };
            (Meaning::Local { clock, leap }, form)
        }
    };

    let mut found = Vec::new();
    if !is_real(p) {
        found.push(Found::NotReal(slice(text, p.read_span).to_owned()));
    }
    if let Zone::Offset(_) = p.zone {
        // `+0199` is 1 h 99 min to Ruby.
        let b = zone_text.as_bytes();
        let digits: Vec<u8> = b.iter().copied().filter(u8::is_ascii_digit).collect();
        let too_big = |i: usize| {
            digits
                .get(i..i + 2)
                .is_some_and(|d| d.first().is_some_and(|&c| c >= b'6'))
        };
        if too_big(2) || too_big(4) {
            found.push(Found::NotReal(zone_text.to_owned()));
        }
    }
    if let Some(span) = p.bare_hour {
        found.push(Found::BareHour(slice(text, span).to_owned()));
    }
    match p.zone {
        Zone::Ignored => found.push(Found::IgnoredZone(zone_text.to_owned())),
        Zone::Military(_) => found.push(Found::MilitaryZone(zone_text.to_owned())),
        _ => {}
    }
    if let Some(span) = p.ignored_meridiem {
        found.push(Found::IgnoredText {
            kept: slice(text, p.read_span).trim().to_owned(),
            ignored: slice(text, span).to_owned(),
        });
    }
    if let Some(from) = p.ignored_from {
        let kept_end = p.zone_span.map_or(p.read_span.1, |(_, end)| end);
        found.push(Found::IgnoredText {
            kept: slice(text, (p.read_span.0, kept_end)).trim().to_owned(),
            ignored: text.get(from..).unwrap_or("").trim().to_owned(),
        });
    }
    Ok(finish(text, form, meaning, found))
}

// ---------------------------------------------------------------------------
// SafeYAML's reading of unquoted timestamps
// ---------------------------------------------------------------------------

/// SafeYAML's `TIME_MATCHER`:
/// `\A\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|\s+)\d{1,2}:\d{2}:\d{2}(?:\.\d*)?\s*(?:Z|[-+]\d{1,2}(?::?\d{2})?)?\Z`.
fn matches_safe_yaml_time(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    let run = |i: usize| b.iter().skip(i).take_while(|c| c.is_ascii_digit()).count();
    let is_space = |c: &u8| matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r');
    let spaces = |i: usize| b.iter().skip(i).take_while(|c| is_space(c)).count();
    let field = |i: &mut usize, min: usize, max: usize, then: Option<u8>| -> bool {
        let n = run(*i);
        if n < min || n > max {
            return false;
        }
        *i += n;
        match then {
            Some(c) if b.get(*i) == Some(&c) => {
                *i += 1;
                true
            }
            Some(_) => false,
            None => true,
        }
    };
    if !(field(&mut i, 4, 4, Some(b'-'))
        && field(&mut i, 1, 2, Some(b'-'))
        && field(&mut i, 1, 2, None))
    {
        return false;
    }
    match b.get(i) {
        Some(b'T' | b't') => i += 1,
        Some(c) if is_space(c) => i += spaces(i),
        _ => return false,
    }
    if !(field(&mut i, 1, 2, Some(b':'))
        && field(&mut i, 2, 2, Some(b':'))
        && field(&mut i, 2, 2, None))
    {
        return false;
    }
    if b.get(i) == Some(&b'.') {
        i += 1 + run(i + 1);
    }
    i += spaces(i);
    match b.get(i) {
        Some(b'Z') => i += 1,
        Some(b'+' | b'-') => {
            i += 1;
            let n = run(i);
            if b.get(i + n) == Some(&b':') {
                if !(1..=2).contains(&n) || run(i + n + 1) != 2 {
                    return false;
                }
                i += n + 3;
            } else {
                if !(1..=4).contains(&n) {
                    return false;
                }
                i += n;
            }
        }
        _ => {}
    }
    // `\Z`: the end, or a final newline.
    i == b.len() || (i + 1 == b.len() && b.get(i) == Some(&b'\n'))
}

/// Ruby's `Date.zone_to_diff` for the numeric zones `TIME_MATCHER` allows:
/// `+H`, `+HH`, `+HMM`, `+HHMM`, `+H:MM`, `+HH:MM`.
fn date_zone_to_diff(zone: &str) -> i64 {
    let (sign, digits) = match zone.as_bytes().first() {
        Some(b'-') => (-1, zone.get(1..).unwrap_or("")),
        Some(b'+') => (1, zone.get(1..).unwrap_or("")),
        _ => return 0,
    };
    let (hours, minutes) = match digits.split_once(':') {
        Some((h, m)) => (number(h), number(m)),
        None if digits.len() > 2 => {
            let split = 2 - digits.len() % 2;
            (
                number(digits.get(..split).unwrap_or("")),
                number(digits.get(split..).unwrap_or("")),
            )
        }
        None => (number(digits), 0),
    };
    sign * (hours * 3600 + minutes * 60)
}

/// An unquoted timestamp as Jekyll 4.3 sees it: SafeYAML's
/// `DateTime.parse(text).to_time`, then `Time.parse` of that `Time`'s `to_s`.
/// `Ok(None)` when SafeYAML leaves the text a string (it is not a full
/// timestamp, or `DateTime` rejects it and SafeYAML keeps the text).
fn safe_yaml_timestamp(text: &str) -> Result<Option<DateValue>, DateError> {
    if !matches_safe_yaml_time(text) {
        return Ok(None);
    }
    let p = scan(text)?;
    if p.year < 1583 {
        return Err(DateError::Unsupported {
            text: text.to_owned(),
            reason: "Ruby's DateTime uses the Julian calendar before 1582-10-15".to_owned(),
        });
    }
    if p.year > MAX_YEAR {
        return Err(DateError::YearOutOfRange {
            text: text.to_owned(),
            year: p.year,
        });
    }
    // DateTime refuses impossible days and times (SafeYAML then keeps the
    // string); it reads second 60 as 59 and 24:00:00 as the next midnight.
    let date_ok =
        (1..=12).contains(&p.month) && p.day >= 1 && p.day <= days_in_month(p.year, p.month);
    let time_ok = (p.hour <= 23 && p.minute <= 59 && p.second <= 60)
        || (p.hour == 24 && p.minute == 0 && p.second == 0);
    if !(date_ok && time_ok) {
        return Ok(None);
    }
    let zone_text = p.zone_span.map(|span| slice(text, span)).unwrap_or("");
    let mut found = Vec::new();
    let (offset, form) = match p.zone {
        Zone::None => {
            found.push(Found::UnquotedWithoutZone);
            (0, DateForm::Utc)
        }
        Zone::Utc => (0, DateForm::Utc),
        _ => {
            let offset = date_zone_to_diff(zone_text);
            match offset.abs().cmp(&SECONDS_PER_DAY) {
                Ordering::Less => (offset, DateForm::Offset),
                // `to_time` raises; SafeYAML keeps the string.
                Ordering::Equal => return Ok(None),
                // DateTime ignores the offset (with a warning) and uses UTC.
                Ordering::Greater => {
                    found.push(Found::IgnoredZone(zone_text.to_owned()));
                    (0, DateForm::Utc)
                }
            }
        }
    };
    if p.second == 60 {
        found.insert(0, Found::NotReal(slice(text, p.read_span).to_owned()));
    }
    if let Some(span) = p.fraction {
        found.push(Found::UnquotedFractionDropped(slice(text, span).to_owned()));
    }
    let date = civil::Date::new(
        i16::try_from(p.year).unwrap_or(1),
        i8::try_from(p.month).unwrap_or(1),
        i8::try_from(p.day).unwrap_or(1),
    )
    .map_err(|_| DateError::YearOutOfRange {
        text: text.to_owned(),
        year: p.year,
    })?;
    let seconds = p.hour * 3600 + p.minute * 60 + p.second.min(59) - offset;
    let at = Offset::UTC
        .to_timestamp(date.to_datetime(civil::Time::midnight()))
        .and_then(|midnight| midnight.checked_add(SignedDuration::from_secs(seconds)))
        .map_err(|_| DateError::YearOutOfRange {
            text: text.to_owned(),
            year: p.year,
        })?;
    let meaning = Meaning::Exact {
        at,
        offset_seconds: i32::try_from(offset).unwrap_or(0),
    };
    Ok(Some(finish(text, form, meaning, found)))
}

// ---------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------

fn to_civil(dt: civil::DateTime) -> CivilDateTime {
    CivilDateTime {
        year: dt.year(),
        month: dt.month(),
        day: dt.day(),
        hour: dt.hour(),
        minute: dt.minute(),
        second: dt.second(),
        nanosecond: dt.subsec_nanosecond(),
    }
}

fn offset_to_datetime(offset_seconds: i32, at: Timestamp) -> civil::DateTime {
    Offset::from_seconds(offset_seconds)
        .unwrap_or(Offset::UTC)
        .to_datetime(at)
}

fn format_date(dt: civil::DateTime) -> String {
    let year = i32::from(dt.year());
    let sign = if year < 0 { "-" } else { "" };
    format!(
        "{sign}{:04}-{:02}-{:02}",
        year.unsigned_abs(),
        dt.month(),
        dt.day()
    )
}

fn format_clock(dt: civil::DateTime) -> String {
    format!(
        "{} {:02}:{:02}:{:02}{}",
        format_date(dt),
        dt.hour(),
        dt.minute(),
        dt.second(),
        format_fraction(dt.subsec_nanosecond())
    )
}

fn format_fraction(nanosecond: i32) -> String {
    if nanosecond == 0 {
        return String::new();
    }
    let digits = format!("{:09}", nanosecond.unsigned_abs());
    format!(".{}", digits.trim_end_matches('0'))
}

fn format_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests {
    //! Expected values come from Ruby 3.1.2 (date 3.2.2) and Jekyll 4.3.1 on
    //! the development machine, e.g.
    //! `TZ=Europe/London ruby -rtime -e 'p Time.parse("…").localtime'`; the
    //! outputs relied on are quoted next to each test. SafeYAML 1.0.5 is not
    //! installed there, so its date transform (`Transform::ToDate`, a few lines)
    //! was copied into the probe script verbatim.

    use super::*;
    use proptest::prelude::*;

    fn zone(name: &str) -> TimeZone {
        TimeZone::named(name).expect("zone is in the bundled database")
    }

    fn parse(text: &str) -> DateValue {
        DateValue::parse(text).unwrap_or_else(|e| panic!("`{text}` should parse: {e}"))
    }

    fn resolve(text: &str, tz: &str) -> ResolvedDate {
        parse(text).resolve(&zone(tz))
    }

    /// The wall-clock part of an RFC 3339 string (everything before the offset).
    fn clock_of(rfc3339: &str) -> CivilDateTime {
        let clock = rfc3339.get(..rfc3339.len() - 6).expect("has an offset");
        to_civil(clock.parse().expect("valid civil datetime"))
    }

    fn assert_resolves(text: &str, tz: &str, want: &str) {
        let got = resolve(text, tz);
        assert_eq!(got.to_rfc3339(), want, "`{text}` in {tz}");
        assert_eq!(got.local(), clock_of(want), "local() of `{text}` in {tz}");
    }

    // -- The forms seen in real files ------------------------------------

    /// `(text, Europe/London, UTC, America/New_York)`, each Ruby's
    /// `Time.parse(text).localtime` as `%Y-%m-%dT%H:%M:%S[.frac]%:z`:
    ///
    /// ```text
    /// "2021-11-22"  => 2021-11-22T00:00:00+00:00 | +00:00 | 2021-11-22T00:00:00-05:00
    /// "2025-10-21T10:23:56.055Z" => 2025-10-21T11:23:56.055+01:00 | …10:23:56.055+00:00 | …06:23:56.055-04:00
    /// "2020-10-05T11:00:00.000ZT11:00:00.000Z" => 2020-10-05T11:00:00+01:00 (the Z is lost too)
    /// ```
    ///
    /// Each form appears with a winter and a summer date, to catch BST/EDT.
    /// `'2018-11-15'` is in the list without its quotes, as YAML hands it over.
    const REAL_WORLD: &[(&str, &str, &str, &str)] = &[
        (
            "2021-11-22",
            "2021-11-22T00:00:00+00:00",
            "2021-11-22T00:00:00+00:00",
            "2021-11-22T00:00:00-05:00",
        ),
        (
            "2021-06-22",
            "2021-06-22T00:00:00+01:00",
            "2021-06-22T00:00:00+00:00",
            "2021-06-22T00:00:00-04:00",
        ),
        (
            "2018-11-15",
            "2018-11-15T00:00:00+00:00",
            "2018-11-15T00:00:00+00:00",
            "2018-11-15T00:00:00-05:00",
        ),
        (
            "2018-06-15",
            "2018-06-15T00:00:00+01:00",
            "2018-06-15T00:00:00+00:00",
            "2018-06-15T00:00:00-04:00",
        ),
        (
            "2021-12-14T00:00:00.00Z",
            "2021-12-14T00:00:00+00:00",
            "2021-12-14T00:00:00+00:00",
            "2021-12-13T19:00:00-05:00",
        ),
        (
            "2021-06-14T00:00:00.00Z",
            "2021-06-14T01:00:00+01:00",
            "2021-06-14T00:00:00+00:00",
            "2021-06-13T20:00:00-04:00",
        ),
        (
            "2025-12-21T10:23:56.055Z",
            "2025-12-21T10:23:56.055+00:00",
            "2025-12-21T10:23:56.055+00:00",
            "2025-12-21T05:23:56.055-05:00",
        ),
        (
            "2025-10-21T10:23:56.055Z",
            "2025-10-21T11:23:56.055+01:00",
            "2025-10-21T10:23:56.055+00:00",
            "2025-10-21T06:23:56.055-04:00",
        ),
        (
            "2021-11-22 10:00:00 +0100",
            "2021-11-22T09:00:00+00:00",
            "2021-11-22T09:00:00+00:00",
            "2021-11-22T04:00:00-05:00",
        ),
        (
            "2021-06-22 10:00:00 +0100",
            "2021-06-22T10:00:00+01:00",
            "2021-06-22T09:00:00+00:00",
            "2021-06-22T05:00:00-04:00",
        ),
        (
            "2021-11-22 10:00:00",
            "2021-11-22T10:00:00+00:00",
            "2021-11-22T10:00:00+00:00",
            "2021-11-22T10:00:00-05:00",
        ),
        (
            "2021-06-22 10:00:00",
            "2021-06-22T10:00:00+01:00",
            "2021-06-22T10:00:00+00:00",
            "2021-06-22T10:00:00-04:00",
        ),
        (
            "2021-11-22T10:00:00+01:00",
            "2021-11-22T09:00:00+00:00",
            "2021-11-22T09:00:00+00:00",
            "2021-11-22T04:00:00-05:00",
        ),
        (
            "2021-06-22T10:00:00+01:00",
            "2021-06-22T10:00:00+01:00",
            "2021-06-22T09:00:00+00:00",
            "2021-06-22T05:00:00-04:00",
        ),
        (
            "2021-11-22 10:00",
            "2021-11-22T10:00:00+00:00",
            "2021-11-22T10:00:00+00:00",
            "2021-11-22T10:00:00-05:00",
        ),
        (
            "2021-06-22 10:00",
            "2021-06-22T10:00:00+01:00",
            "2021-06-22T10:00:00+00:00",
            "2021-06-22T10:00:00-04:00",
        ),
        (
            "2020-12-05T11:00:00.000ZT11:00:00.000Z",
            "2020-12-05T11:00:00+00:00",
            "2020-12-05T11:00:00+00:00",
            "2020-12-05T11:00:00-05:00",
        ),
        (
            "2020-10-05T11:00:00.000ZT11:00:00.000Z",
            "2020-10-05T11:00:00+01:00",
            "2020-10-05T11:00:00+00:00",
            "2020-10-05T11:00:00-04:00",
        ),
    ];

    #[test]
    fn real_world_forms_resolve_as_ruby_does() {
        for &(text, london, utc, new_york) in REAL_WORLD {
            assert_resolves(text, "Europe/London", london);
            assert_resolves(text, "UTC", utc);
            assert_resolves(text, "America/New_York", new_york);
            assert_eq!(parse(text).written(), text);
        }
    }

    #[test]
    fn real_world_forms_have_the_expected_form_and_clock() {
        let cases = [
            ("2021-11-22", DateForm::DateOnly, "2021-11-22T00:00:00"),
            (
                "2021-12-14T00:00:00.00Z",
                DateForm::Utc,
                "2021-12-14T00:00:00",
            ),
            (
                "2025-10-21T10:23:56.055Z",
                DateForm::Utc,
                "2025-10-21T10:23:56.055",
            ),
            (
                "2021-11-22 10:00:00 +0100",
                DateForm::Offset,
                "2021-11-22T10:00:00",
            ),
            (
                "2021-11-22 10:00:00",
                DateForm::Local,
                "2021-11-22T10:00:00",
            ),
            (
                "2021-11-22T10:00:00+01:00",
                DateForm::Offset,
                "2021-11-22T10:00:00",
            ),
            ("2021-11-22 10:00", DateForm::Local, "2021-11-22T10:00:00"),
            // Ruby drops the `Z` along with the glued tail: site wall-clock time.
            (
                "2020-10-05T11:00:00.000ZT11:00:00.000Z",
                DateForm::Local,
                "2020-10-05T11:00:00",
            ),
        ];
        for (text, form, clock) in cases {
            let value = parse(text);
            assert_eq!(value.form(), form, "{text}");
            assert_eq!(
                value.civil(),
                to_civil(clock.parse().expect("civil")),
                "{text}"
            );
        }
        for text in [
            "2021-11-22",
            "2021-12-14T00:00:00.00Z",
            "2021-11-22 10:00:00 +0100",
            "2021-11-22 10:00",
        ] {
            assert_eq!(parse(text).problem(), None, "{text}");
        }
    }

    /// `TZ=Europe/London`: `Time.parse("2021-06-13T23:30:00Z").localtime`
    /// => `2021-06-14 00:30:00 +0100`, and a Jekyll 4.3.1 build puts the post
    /// at `/2021/06/14/…/`.
    #[test]
    fn an_exact_instant_can_move_the_url_day() {
        let date = resolve("2021-06-13T23:30:00Z", "Europe/London");
        assert_eq!(date.to_rfc3339(), "2021-06-14T00:30:00+01:00");
        assert_eq!(date.local(), clock_of("2021-06-14T00:30:00+01:00"));
        assert_eq!(date.date_string(), "2021-06-14");
        assert_eq!(date.offset_seconds(), 3600);
        assert_eq!(
            resolve("2021-06-13T23:30:00Z", "UTC").date_string(),
            "2021-06-13"
        );
    }

    /// Date._parse("2020-10-05T11:00:00.000ZT11:00:00.000Z") =>
    /// `{hour: 11, min: 0, sec: 0, sec_fraction: 0, year: 2020, mon: 10, mday: 5}`
    /// (no `:zone`: `ZT` is followed by a digit, so the zone pattern's `\b`
    /// fails), and `TZ=Europe/London` `Time.parse(…).localtime` =>
    /// `2020-10-05 11:00:00 +0100`.
    #[test]
    fn a_glued_timestamp_loses_its_zone_and_tail() {
        let value = parse("2020-10-05T11:00:00.000ZT11:00:00.000Z");
        let problem = value.problem().expect("a problem");
        assert_eq!(
            problem,
            &DateProblem::IgnoredText {
                kept: "2020-10-05T11:00:00.000".into(),
                ignored: "ZT11:00:00.000Z".into(),
                reading: "2020-10-05 11:00:00 in the site's time zone".into(),
            }
        );
        assert_eq!(
            problem.to_string(),
            "the text `ZT11:00:00.000Z` after `2020-10-05T11:00:00.000` is ignored; \
             Jekyll reads 2020-10-05 11:00:00 in the site's time zone"
        );
        assert_eq!(
            problem.interpretation(),
            "2020-10-05 11:00:00 in the site's time zone"
        );
        assert_eq!(value.problems().len(), 1);
    }

    // -- Impossible, garbage and edge values -------------------------------

    /// `TZ=UTC` `Time.parse(s).localtime`:
    /// 2021-02-30 => 2021-03-02, 2021-02-29 => 2021-03-01, 2021-02-31 =>
    /// 2021-03-03, 2024-02-30 => 2024-03-01, 2021-04-31 => 2021-05-01,
    /// `TZ=Europe/London` 2021-06-31 => 2021-07-01 00:00:00 +0100.
    #[test]
    fn impossible_days_roll_over_with_a_problem() {
        let cases = [
            ("2021-02-30", "2021-03-02T00:00:00+00:00"),
            ("2021-02-29", "2021-03-01T00:00:00+00:00"),
            ("2021-02-31", "2021-03-03T00:00:00+00:00"),
            ("2024-02-30", "2024-03-01T00:00:00+00:00"),
            ("2021-04-31", "2021-05-01T00:00:00+00:00"),
        ];
        for (text, want) in cases {
            assert_resolves(text, "UTC", want);
            assert!(
                matches!(parse(text).problem(), Some(DateProblem::NotReal { .. })),
                "{text}"
            );
        }
        assert_resolves("2021-06-31", "Europe/London", "2021-07-01T00:00:00+01:00");
        assert_eq!(
            parse("2021-02-30")
                .problem()
                .map(ToString::to_string)
                .as_deref(),
            Some(
                "`2021-02-30` does not exist and Ruby silently adjusts it; \
                 Jekyll reads 2021-03-02 at midnight in the site's time zone"
            )
        );
        assert_eq!(parse("2024-02-29").problem(), None);
    }

    /// `Time.parse`: "2021-13-45" => ArgumentError "argument out of range";
    /// "2021-00-10" => "mon out of range"; "2021-01-00" => "mday out of
    /// range"; "2021-02-32" => "argument out of range"; "2021-11-22 25:00"
    /// => "hour out of range"; "2021-11-22 24:30" => "min out of range";
    /// "2021-11-22 10:60" => "min out of range"; "2021-11-22 10:00:61" =>
    /// "sec out of range"; "2021-11-22 10:00:00 +24" => "utc_offset out of
    /// range"; "next tuesday" and "" => "no time information"; 129 bytes =>
    /// "string length (129) exceeds the limit 128".
    #[test]
    fn what_ruby_rejects_is_an_error() {
        let out_of_range = [
            ("2021-13-45", "month"),
            ("2021-00-10", "month"),
            ("2021-01-00", "day"),
            ("2021-02-32", "day"),
            ("2021-11-22 25:00", "hour"),
            ("2021-11-22 24:30", "minute"),
            ("2021-11-22 10:60", "minute"),
            ("2021-11-22 10:00:61", "second"),
            ("2021-11-22 10:00:00 +24", "offset"),
            ("2021-11-22 10:00:00 +2400", "offset"),
        ];
        for (text, want) in out_of_range {
            match DateValue::parse(text) {
                Err(DateError::OutOfRange { field, .. }) => assert_eq!(field, want, "{text}"),
                other => panic!("`{text}`: expected an out-of-range {want}, got {other:?}"),
            }
        }
        assert_eq!(DateValue::parse(""), Err(DateError::Empty));
        assert_eq!(DateValue::parse(" \t "), Err(DateError::Empty));
        assert_eq!(
            DateValue::parse("next tuesday"),
            Err(DateError::NoDate {
                text: "next tuesday".into()
            })
        );
        let long = format!("2021-11-22{}", " ".repeat(119));
        assert_eq!(
            DateValue::parse(&long),
            Err(DateError::TooLong { len: 129 })
        );
        assert!(
            DateValue::parse(&long[..128]).is_ok(),
            "128 bytes is still read"
        );
        let message = DateValue::parse("2021-13-45")
            .expect_err("invalid")
            .to_string();
        assert_eq!(
            message,
            "`2021-13-45` has month 13, but expected 1 to 12; Jekyll rejects it as an invalid date"
        );
    }

    /// Forms Ruby reads but masthead declines to guess: `Time.parse("decent")`
    /// => 1 December of the *current* year; "22 Nov 2021" and "2021/11/22"
    /// => 2021-11-22; "2021-11-22 10:00:00 BST" depends on the machine's zone.
    #[test]
    fn unusual_forms_are_unsupported_rather_than_guessed() {
        for text in [
            "decent",
            "22 Nov 2021",
            "2021/11/22",
            "2021-11-22 10:00:00 BST",
            "2021-11-22_10:00",
            "12021-01-01",
        ] {
            assert!(
                matches!(DateValue::parse(text), Err(DateError::Unsupported { .. })),
                "{text}: {:?}",
                DateValue::parse(text)
            );
        }
        let message = DateValue::parse("2021/11/22")
            .expect_err("unsupported")
            .to_string();
        assert!(message.contains("write it as `2021-11-22`"), "{message}");
        assert!(matches!(
            DateValue::parse("0000-01-01"),
            Err(DateError::YearOutOfRange { year: 0, .. })
        ));
    }

    /// `TZ=UTC`: "2021-1-5" => 2021-01-05; "69-01-01" => 1969-01-01;
    /// "68-01-01" => 2068-01-01; "21-11-22" => 2021-11-22; "021-11-22" =>
    /// 0021-11-22 (three digits are not completed).
    #[test]
    fn short_fields_and_whitespace() {
        assert_resolves("2021-1-5", "UTC", "2021-01-05T00:00:00+00:00");
        assert_resolves("69-01-01", "UTC", "1969-01-01T00:00:00+00:00");
        assert_resolves("68-01-01", "UTC", "2068-01-01T00:00:00+00:00");
        assert_resolves("21-11-22", "UTC", "2021-11-22T00:00:00+00:00");
        assert_eq!(parse("021-11-22").civil().year, 21);
        let padded = parse(" 2021-11-22 \n");
        assert_eq!(padded.written(), " 2021-11-22 \n");
        assert_eq!(padded.form(), DateForm::DateOnly);
        assert_eq!(padded.problem(), None);
        // Any whitespace separates, as Ruby turns it into a space:
        // `Time.parse("2021-11-22\u00a010:00")` => 2021-11-22 10:00:00.
        assert_resolves("2021-11-22\u{a0}10:00", "UTC", "2021-11-22T10:00:00+00:00");
        assert_resolves("2021-11-22\t10:00", "UTC", "2021-11-22T10:00:00+00:00");
    }

    /// `TZ=Europe/London`: "2021-03-28 01:30" => 02:30:00 +0100 (gap);
    /// "2021-10-31 01:30" => 01:30:00 +0000 (fold: the second one).
    /// `TZ=America/New_York`: "2021-03-14 02:30" => 03:30:00 -0400;
    /// "2021-11-07 01:30" => 01:30:00 -0500.
    #[test]
    fn gaps_and_folds_follow_ruby() {
        assert_resolves(
            "2021-03-28 01:30",
            "Europe/London",
            "2021-03-28T02:30:00+01:00",
        );
        assert_resolves(
            "2021-10-31 01:30",
            "Europe/London",
            "2021-10-31T01:30:00+00:00",
        );
        assert_resolves(
            "2021-03-14 02:30",
            "America/New_York",
            "2021-03-14T03:30:00-04:00",
        );
        assert_resolves(
            "2021-11-07 01:30",
            "America/New_York",
            "2021-11-07T01:30:00-05:00",
        );
    }

    /// Hour 24 and second 60 go through Ruby's search, which can pick the
    /// *first* occurrence in a fold. `TZ=America/St_Johns` (2000 switched
    /// at 00:01): "2000-10-28 24:00" => 2000-10-29 00:00:00 -0230, but
    /// "2000-10-29 00:00" => 00:00:00 -0330. "2021-10-31 01:30:60" in London
    /// => 01:31:00 +0000, in New York "2021-11-07 01:30:60" => 01:31:00 -0400.
    /// `TZ=UTC`: "2021-11-22 24:00" => 2021-11-23 00:00; "2021-11-22 10:00:60"
    /// => 10:01:00.
    #[test]
    fn hour_24_and_second_60_follow_rubys_search() {
        assert_resolves(
            "2000-10-28 24:00",
            "America/St_Johns",
            "2000-10-29T00:00:00-02:30",
        );
        assert_resolves(
            "2000-10-29 00:00",
            "America/St_Johns",
            "2000-10-29T00:00:00-03:30",
        );
        assert_resolves(
            "2021-10-31 01:30:60",
            "Europe/London",
            "2021-10-31T01:31:00+00:00",
        );
        assert_resolves(
            "2021-11-07 01:30:60",
            "America/New_York",
            "2021-11-07T01:31:00-04:00",
        );
        assert_resolves("2021-11-22 24:00", "UTC", "2021-11-23T00:00:00+00:00");
        assert_resolves("2021-11-22 10:00:60", "UTC", "2021-11-22T10:01:00+00:00");
        assert_eq!(parse("2021-11-22 24:00").problem(), None);
    }

    /// `TZ=America/New_York`: "2021-11-22 10:00:00 +1" and
    /// "2021-11-22 10:00:00 UTC+01:00" => 10:00:00 -0500 (zone ignored);
    /// `TZ=UTC`: "… -00:00" => 10:00 UTC; "… +0199" => 07:21:00 (1 h 99 min);
    /// "… EST" => 15:00:00; "… A" => 09:00:00 (military +1);
    /// "… +2359" => 2021-11-21 10:01:00.
    #[test]
    fn zones_as_ruby_reads_them() {
        for text in ["2021-11-22 10:00:00 +1", "2021-11-22 10:00:00 UTC+01:00"] {
            assert_resolves(text, "America/New_York", "2021-11-22T10:00:00-05:00");
            let value = parse(text);
            assert_eq!(value.form(), DateForm::Local);
            assert!(
                matches!(value.problem(), Some(DateProblem::IgnoredZone { .. })),
                "{text}"
            );
        }
        assert_resolves(
            "2021-11-22 10:00:00 -00:00",
            "UTC",
            "2021-11-22T10:00:00+00:00",
        );
        assert_resolves(
            "2021-11-22 10:00:00 +0199",
            "UTC",
            "2021-11-22T07:21:00+00:00",
        );
        assert!(matches!(
            parse("2021-11-22 10:00:00 +0199").problem(),
            Some(DateProblem::NotReal { .. })
        ));
        assert_resolves(
            "2021-11-22 10:00:00 EST",
            "UTC",
            "2021-11-22T15:00:00+00:00",
        );
        assert_eq!(parse("2021-11-22 10:00:00 EST").form(), DateForm::Offset);
        assert_eq!(parse("2021-11-22 10:00:00 gmt").form(), DateForm::Utc);
        assert_resolves("2021-11-22 10:00:00 A", "UTC", "2021-11-22T09:00:00+00:00");
        assert!(matches!(
            parse("2021-11-22 10:00:00 a").problem(),
            Some(DateProblem::MilitaryZone { .. })
        ));
        assert_resolves(
            "2021-11-22 10:00:00 +2359",
            "UTC",
            "2021-11-21T10:01:00+00:00",
        );
        assert_eq!(
            parse("2021-11-22 10:00:00 +2359").civil(),
            clock_of("2021-11-22T10:00:00+23:59")
        );
    }

    /// `TZ=America/New_York`: "2021-11-22 10" => 10:00:00 -0500 (a lone
    /// number is the hour); "2021-11-22T10" and "2021-11-22 25" => midnight.
    /// `TZ=UTC`: "2021-11-22 10:00 pm" => 22:00; "2021-11-22 12:00 am" =>
    /// 00:00; "2021-11-22 06:46:02.pm" => 06:46:02 (the `pm` is swallowed).
    #[test]
    fn bare_hours_tails_and_meridiems() {
        assert_resolves(
            "2021-11-22 10",
            "America/New_York",
            "2021-11-22T10:00:00-05:00",
        );
        assert!(matches!(
            parse("2021-11-22 10").problem(),
            Some(DateProblem::BareHour { .. })
        ));
        assert_eq!(parse("2021-11-22 10").form(), DateForm::Local);
        for text in ["2021-11-22T10", "2021-11-22 25"] {
            assert_resolves(text, "America/New_York", "2021-11-22T00:00:00-05:00");
            assert_eq!(parse(text).form(), DateForm::DateOnly);
            assert!(
                matches!(parse(text).problem(), Some(DateProblem::IgnoredText { .. })),
                "{text}"
            );
        }
        assert_resolves("2021-11-22 10:00 pm", "UTC", "2021-11-22T22:00:00+00:00");
        assert_resolves("2021-11-22 12:00 am", "UTC", "2021-11-22T00:00:00+00:00");
        assert_eq!(parse("2021-11-22 10:00 PM").problem(), None);
        assert_resolves("2021-11-22 06:46:02.pm", "UTC", "2021-11-22T06:46:02+00:00");
        assert!(matches!(
            parse("2021-11-22 06:46:02.pm").problem(),
            Some(DateProblem::IgnoredText { .. })
        ));
    }

    /// Ruby's `Time.apply_offset` carries a day across a month end only once:
    /// `TZ=UTC` "2021-02-29T23:30:00-01:00" => 2021-03-01T00:30:00 (not 2
    /// March); "2021-02-30T00:30:00+01:00" => 2021-03-01T23:30:00;
    /// "2021-11-22T24:30:00+01:00" => 2021-11-22T23:30:00 (valid once moved to
    /// UTC); "2021-12-31T23:30:00-01:00" => 2022-01-01T00:30:00.
    #[test]
    fn offsets_are_applied_the_ruby_way() {
        assert_resolves(
            "2021-02-29T23:30:00-01:00",
            "UTC",
            "2021-03-01T00:30:00+00:00",
        );
        assert_resolves(
            "2021-02-30T00:30:00+01:00",
            "UTC",
            "2021-03-01T23:30:00+00:00",
        );
        assert_resolves(
            "2021-11-22T24:30:00+01:00",
            "UTC",
            "2021-11-22T23:30:00+00:00",
        );
        assert_resolves(
            "2021-12-31T23:30:00-01:00",
            "UTC",
            "2022-01-01T00:30:00+00:00",
        );
        assert!(matches!(
            parse("2021-11-22T24:30:00+01:00").problem(),
            Some(DateProblem::NotReal { .. })
        ));
    }

    /// `Time.parse("2021-11-22T10:00:00.123456789123Z")` => nsec 123456789.
    #[test]
    fn fractions_are_kept_to_the_nanosecond() {
        assert_resolves(
            "2021-11-22T10:00:00.123456789123Z",
            "UTC",
            "2021-11-22T10:00:00.123456789+00:00",
        );
        assert_resolves(
            "2021-11-22 10:00:00,5",
            "UTC",
            "2021-11-22T10:00:00.5+00:00",
        );
        assert_resolves("2021-11-22 10:00:00.", "UTC", "2021-11-22T10:00:00+00:00");
    }

    // -- Unquoted YAML (SafeYAML) ------------------------------------------

    /// SafeYAML's `ToDate` then `Time.parse(value.to_s)`, `TZ=America/New_York`:
    /// "2021-11-22 10:00:00" => Time "2021-11-22 10:00:00 +0000" =>
    /// 05:00:00 -0500 (quoted: 10:00:00 -0500); "2021-06-22 10:00:00" =>
    /// 06:00:00 -0400; "2021-11-22T10:00:00.123Z" => 05:00:00 -0500 (the
    /// fraction is gone); "2021-11-22 10:00:00 +1" => Time "… +0100" =>
    /// 04:00:00 -0500; "2021-11-22 10:00:60" => Time "… 10:00:59 +0000";
    /// "2021-02-30 10:00:00" stays a String => 2021-03-02 10:00:00 -0500;
    /// "2021-11-22 10:00:00 +2401" => Time "… +0000" (DateTime ignores the
    /// offset); "… +24" => ArgumentError "utc_offset out of range".
    /// A Jekyll 4.3.1 build with `timezone: Europe/London` put an unquoted
    /// `date: 2021-06-13 23:30:00` at 2021-06-14 00:30:00 +0100, and the
    /// quoted one at 2021-06-13 23:30:00 +0100.
    #[test]
    fn unquoted_timestamps_are_read_through_safe_yaml() {
        let plain = |text: &str| DateValue::parse_plain_yaml(text).expect("parses");
        let ny = zone("America/New_York");
        let value = plain("2021-11-22 10:00:00");
        assert_eq!(value.resolve(&ny).to_rfc3339(), "2021-11-22T05:00:00-05:00");
        assert_eq!(value.form(), DateForm::Utc);
        assert_eq!(
            value.problem().map(ToString::to_string).as_deref(),
            Some(
                "an unquoted YAML timestamp without a zone is read as UTC, not in the site's time zone; \
                 Jekyll reads 2021-11-22 10:00:00 UTC (quote it, or add an offset)"
            )
        );
        assert_eq!(
            plain("2021-06-22 10:00:00").resolve(&ny).to_rfc3339(),
            "2021-06-22T06:00:00-04:00"
        );
        let fraction = plain("2021-11-22T10:00:00.123Z");
        assert_eq!(
            fraction.resolve(&ny).to_rfc3339(),
            "2021-11-22T05:00:00-05:00"
        );
        assert!(matches!(
            fraction.problem(),
            Some(DateProblem::UnquotedFractionDropped { fraction, .. }) if fraction == ".123"
        ));
        assert_eq!(
            plain("2021-11-22 10:00:00 +1").resolve(&ny).to_rfc3339(),
            "2021-11-22T04:00:00-05:00"
        );
        assert_eq!(plain("2021-11-22 10:00:00 +1").problem(), None);
        assert_eq!(
            plain("2021-11-22 10:00:60").resolve(&ny).to_rfc3339(),
            "2021-11-22T05:00:59-05:00"
        );
        assert_eq!(
            plain("2021-02-30 10:00:00").resolve(&ny).to_rfc3339(),
            "2021-03-02T10:00:00-05:00"
        );
        assert_eq!(
            plain("2021-11-22 10:00:00 +2401").resolve(&ny).to_rfc3339(),
            "2021-11-22T05:00:00-05:00"
        );
        assert!(matches!(
            DateValue::parse_plain_yaml("2021-11-22 10:00:00 +24"),
            Err(DateError::OutOfRange {
                field: "offset",
                ..
            })
        ));
        let london = zone("Europe/London");
        assert_eq!(
            plain("2021-06-13 23:30:00").resolve(&london).to_rfc3339(),
            "2021-06-14T00:30:00+01:00"
        );
        // What SafeYAML leaves as a string reads exactly as `parse`.
        for text in [
            "2021-11-22",
            "2021-11-22 10:00",
            "2021-11-22T10:00:00+01:00 x",
            "2021-1-5",
        ] {
            assert_eq!(
                DateValue::parse_plain_yaml(text),
                DateValue::parse(text),
                "{text}"
            );
        }
    }

    // -- Filenames ------------------------------------------------------------

    #[test]
    fn filename_dates_follow_jekylls_pattern() {
        let (date, rest) = filename_date("2021-11-22-restarting-the-forum.md").expect("dated");
        assert_eq!(date.written(), "2021-11-22");
        assert_eq!(rest, "restarting-the-forum.md");
        assert_eq!(
            date.resolve(&TimeZone::utc()).to_rfc3339(),
            "2021-11-22T00:00:00+00:00"
        );

        let (date, rest) = filename_date("2024-3-7-what’s-new–spring.markdown").expect("dated");
        assert_eq!(date.civil(), CivilDateTime::midnight(2024, 3, 7));
        assert_eq!(rest, "what’s-new–spring.markdown");

        let (_, rest) = filename_date("_posts/2021-11-22-nested.md").expect("last component");
        assert_eq!(rest, "nested.md");
        // Two-digit years are completed: a Jekyll 4.3.1 build dated
        // `21-11-22-twodigit.md` 2021-11-22.
        let (date, _) = filename_date("21-11-22-twodigit.md").expect("dated");
        assert_eq!(date.civil().year, 2021);
        // The rolled-over day still dates the post (Jekyll: 2021-03-02).
        let (date, _) = filename_date("2021-02-30-x.md").expect("dated");
        assert!(date.problem().is_some());

        for name in [
            "about.md",
            "2021-11-22.md",
            "2021-11-22-notes",
            "2021-11-22-trailing.",
            "20211-11-22-x.md",
            "2021-111-22-x.md",
            "2021-13-45-impossible.md",
            "x2021-11-22-x.md",
            "２０２１-11-22-x.md",
            "",
        ] {
            assert!(filename_date(name).is_none(), "{name}");
        }
    }

    // -- Time zones, instants and resolved dates -------------------------------

    #[test]
    fn time_zones_are_named_exactly() {
        for name in ["Europe/London", "America/New_York", "UTC", "Etc/UTC"] {
            assert_eq!(zone(name).name(), name);
        }
        assert_eq!(TimeZone::utc(), zone("UTC"));
        assert_eq!(TimeZone::utc().name(), "UTC");
        // `TZ=europe/london ruby -e 'p Time.local(2021,6,1).utc_offset'` => 0:
        // Ruby silently falls back to UTC on a misspelled zone.
        assert_eq!(
            TimeZone::named("europe/london"),
            Err(DateError::TimeZoneCase {
                name: "europe/london".into(),
                canonical: "Europe/London".into()
            })
        );
        for name in ["Europe/Londn", "", " Europe/London", "Mars/Olympus"] {
            assert_eq!(
                TimeZone::named(name),
                Err(DateError::UnknownTimeZone { name: name.into() })
            );
        }
    }

    #[test]
    fn instants_parse_rfc3339_and_plain_dates() {
        let instant = Instant::parse("2026-11-22T10:00:00Z").expect("rfc 3339");
        // `ruby -e 'p Time.utc(2026,11,22,10).to_i'` => 1795341600.
        assert_eq!(instant.unix_seconds(), 1_795_341_600);
        assert_eq!(Instant::parse("2026-11-22T11:00:00+01:00"), Ok(instant));
        assert_eq!(
            Instant::parse(" 2026-11-22 ").map(Instant::unix_seconds),
            Ok(1_795_305_600)
        );
        assert_eq!(instant.to_string(), "2026-11-22T10:00:00Z");
        assert_eq!(
            "2026-11-22".parse::<Instant>(),
            Instant::parse("2026-11-22")
        );
        for text in [
            "2026-11-22T10:00:00",
            "tomorrow",
            "",
            "2026-13-01",
            "2026-11-22T10:00",
        ] {
            assert!(
                matches!(Instant::parse(text), Err(DateError::InvalidInstant { .. })),
                "{text}"
            );
        }
        assert_eq!(
            Instant::from_unix_seconds(1_800_000_000).unix_seconds(),
            1_800_000_000
        );
        assert_eq!(Instant::from_unix_seconds(-1).unix_seconds(), -1);
        assert!(Instant::from_unix_seconds(i64::MAX) > Instant::from_unix_seconds(0));
        assert!(Instant::from_unix_seconds(i64::MIN) < Instant::from_unix_seconds(0));
        assert!(Instant::now() > instant.min(Instant::from_unix_seconds(0)));
        let now = Instant::from_unix_seconds(1_623_627_000); // 2021-06-13T23:30:00Z
        assert_eq!(
            now.in_zone(&zone("Europe/London")).to_rfc3339(),
            "2021-06-14T00:30:00+01:00"
        );
    }

    #[test]
    fn resolved_dates_sort_by_instant_and_format_exactly() {
        let utc = TimeZone::utc();
        let mut dates: Vec<ResolvedDate> = [
            "2021-11-22T10:00:00+01:00",
            "2021-11-22",
            "2021-11-22 09:30",
            "2021-11-22T08:59:59Z",
        ]
        .iter()
        .map(|text| parse(text).resolve(&utc))
        .collect();
        dates.sort();
        let order: Vec<String> = dates.iter().map(ResolvedDate::to_rfc3339).collect();
        assert_eq!(
            order,
            [
                "2021-11-22T00:00:00+00:00",
                "2021-11-22T08:59:59+00:00",
                "2021-11-22T09:00:00+00:00",
                "2021-11-22T09:30:00+00:00",
            ]
        );
        assert!(dates[0].instant() < dates[1].instant());
        assert_resolves(
            "2021-11-22T10:00:00.5Z",
            "UTC",
            "2021-11-22T10:00:00.5+00:00",
        );
        assert_resolves(
            "2021-11-22T10:00:00.000100Z",
            "UTC",
            "2021-11-22T10:00:00.0001+00:00",
        );
        // Kathmandu is +05:45.
        assert_resolves(
            "2021-11-22T00:00:00Z",
            "Asia/Kathmandu",
            "2021-11-22T05:45:00+05:45",
        );
        // Local mean time has seconds; shown truncated to minutes as `%:z`
        // does: `TZ=Europe/London` `Time.parse("1840-01-01")` =>
        // `1840-01-01 00:00:00 -000115`, `%:z` => "-00:01".
        assert_resolves("1840-01-01", "Europe/London", "1840-01-01T00:00:00-00:01");
        assert_eq!(resolve("1840-01-01", "Europe/London").offset_seconds(), -75);
        assert_eq!(
            serde_json::to_string(&resolve("2021-06-13T23:30:00Z", "Europe/London")).expect("json"),
            "\"2021-06-14T00:30:00+01:00\""
        );
    }

    // -- Serde and schema ---------------------------------------------------------

    #[test]
    fn serde_keeps_the_written_text() {
        let value = parse("2021-11-22 10:00:00 +0100");
        assert_eq!(
            serde_json::to_string(&value).expect("json"),
            "\"2021-11-22 10:00:00 +0100\""
        );
        let back: DateValue = serde_json::from_str("\"2021-11-22 10:00:00 +0100\"").expect("json");
        assert_eq!(back, value);
        let error = serde_json::from_str::<DateValue>("\"2021-13-45\"").expect_err("invalid");
        assert!(
            error
                .to_string()
                .starts_with("invalid date: `2021-13-45` has month 13"),
            "{error}"
        );
        assert!(serde_json::from_str::<DateValue>("20211122").is_err());

        assert_eq!(
            serde_json::to_string(&DateForm::DateOnly).expect("json"),
            "\"date_only\""
        );
        assert_eq!(
            serde_json::to_string(&DateForm::Utc).expect("json"),
            "\"utc\""
        );
        assert_eq!(
            serde_json::to_string(&DateSource::FrontMatter).expect("json"),
            "\"front_matter\""
        );
        assert_eq!(
            serde_json::to_string(&DateSource::Filename).expect("json"),
            "\"filename\""
        );
        assert_eq!(
            serde_json::to_string(&DateSource::None).expect("json"),
            "\"none\""
        );

        let schema = serde_json::to_value(schemars::schema_for!(DateValue)).expect("json");
        assert_eq!(schema["type"], "string");
        assert!(
            schema["description"]
                .as_str()
                .is_some_and(|d| d.contains("site's time zone"))
        );
    }

    // -- Properties ------------------------------------------------------------------

    #[test]
    fn iso_dates_around_edges_read_as_the_general_scanner_reads_them() {
        for year in [0, 1, 1900, 1999, 2000, 2023, 2024, 9998, 9999] {
            for month in 0..=13 {
                for day in 0..=32 {
                    let text = format!("{year:04}-{month:02}-{day:02}");
                    assert_eq!(DateValue::parse(&text), parse_general(&text), "{text}");
                }
            }
        }
    }

    proptest! {
        #[test]
        fn iso_dates_read_as_the_general_scanner_reads_them(
            year in 0u32..10000,
            month in 0u32..20,
            day in 0u32..40,
        ) {
            let text = format!("{year:04}-{month:02}-{day:02}");
            let fast = DateValue::parse(&text);
            let general = parse_general(&text);
            prop_assert_eq!(fast, general, "{}", text);
        }

        #[test]
        fn nothing_panics_on_arbitrary_text(text in "\\PC{0,160}") {
            let _ = DateValue::parse(&text).map(|v| (v.resolve(&TimeZone::utc()), v.civil()));
            let _ = DateValue::parse_plain_yaml(&text).map(|v| v.resolve(&TimeZone::utc()));
            let _ = filename_date(&text);
            let _ = Instant::parse(&text);
            let _ = TimeZone::named(&text);
        }

        #[test]
        fn nothing_panics_on_date_like_text(text in "[ 0-9:T.,+\\-Zzapm]{0,40}", tz in prop::sample::select(vec![
            "UTC", "Europe/London", "America/New_York", "America/St_Johns", "Australia/Lord_Howe", "Pacific/Apia",
        ])) {
            let tz = zone(tz);
            if let Ok(value) = DateValue::parse(&text) {
                let resolved = value.resolve(&tz);
                let _ = (resolved.to_rfc3339(), value.civil(), value.problem().map(ToString::to_string));
            }
            if let Ok(value) = DateValue::parse_plain_yaml(&text) {
                let _ = value.resolve(&tz).to_rfc3339();
            }
        }

        #[test]
        fn rfc3339_round_trips_in_utc(
            year in 1i16..=9998, month in 1i8..=12, day in 1i8..=31,
            hour in 0i8..24, minute in 0i8..60, second in 0i8..60, nanosecond in prop_oneof![Just(0), 0i32..1_000_000_000],
        ) {
            let Ok(date) = civil::Date::new(year, month, day) else { return Ok(()) };
            let dt = date.at(hour, minute, second, nanosecond);
            let text = ResolvedDate::at(Offset::UTC.to_timestamp(dt).expect("in range"), &jiff::tz::TimeZone::UTC).to_rfc3339();
            let value = DateValue::parse(&text).expect("our own output parses");
            prop_assert_eq!(value.form(), DateForm::Offset);
            prop_assert_eq!(value.problem(), None);
            let resolved = value.resolve(&TimeZone::utc());
            prop_assert_eq!(resolved.to_rfc3339(), text);
            prop_assert_eq!(resolved.local(), to_civil(dt));
        }

        #[test]
        fn real_offsets_agree_with_plain_arithmetic(
            year in 1900i16..=2100, month in 1i8..=12, day in 1i8..=28,
            hour in 0i8..24, minute in 0i8..60, second in 0i8..60, offset_minutes in -(23 * 60 + 59)..=(23 * 60 + 59),
        ) {
            let dt = civil::date(year, month, day).at(hour, minute, second, 0);
            let offset = Offset::from_seconds(offset_minutes * 60).expect("offset");
            let text = format!("{}T{:02}:{:02}:{:02}{}", format_date(dt), hour, minute, second, format_offset(offset.seconds()));
            let expected = offset.to_timestamp(dt).expect("in range");
            let resolved = DateValue::parse(&text).expect("parses").resolve(&TimeZone::utc());
            prop_assert_eq!(resolved.instant(), Instant(expected));
        }
    }
}
