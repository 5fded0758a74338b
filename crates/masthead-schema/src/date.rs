//! The hand-written schema of a date: a regular expression that accepts the
//! text [`DateValue::parse`](masthead_model::date::DateValue::parse) reads
//! without an error, built as a transliteration of its scanner.
//!
//! The scanner is greedy and never backtracks; a regular expression does.
//! Every optional part below is therefore written as "this part, or a
//! lookahead saying it is not there", and every run of digits or whitespace
//! ends with a lookahead saying the run is over, so the expression has one
//! way to match and reads the text exactly as the scanner does.
//!
//! Two places cannot be exact (docs/decisions/0004-schema-agreement.md):
//! Ruby's offset arithmetic carries out-of-range fields back into range
//! (`10:75+00:30`), which the expression refuses, and the parser's limit is
//! 128 *bytes* while JSON Schema counts characters.

use crate::json::set;
use serde_json::{Value, json};

/// One whitespace character as Rust's `char::is_whitespace` (Unicode
/// `White_Space`) sees it. ECMA-262's `\s` differs (it has U+FEFF and lacks
/// U+0085), so the class is spelled out.
const WS: &str = r"[\t\n\u000B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]";

/// A maximal run of whitespace (possibly empty).
fn wss() -> String {
    format!("{WS}*(?!{WS})")
}

/// Year: one or two digits (Ruby completes them: 69–99 → 19xx, 00–68 →
/// 20xx), or three or four digits from 1 to 9998.
const YEAR: &str = "(?:[0-9]{1,2}|[1-9][0-9]{2}|0[1-9][0-9]|00[1-9]|[1-8][0-9]{3}|9[0-8][0-9]{2}|99[0-8][0-9]|999[0-8]|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])";
/// Month 1–12, one or two digits.
const MONTH: &str = "(?:0?[1-9]|1[0-2])";
/// Day 1–31, one or two digits (Ruby rolls 30 February over; it loads).
const DAY: &str = "(?:0?[1-9]|[12][0-9]|3[01])(?![0-9])";
/// Hour 0–23.
const HOUR: &str = "(?:[01]?[0-9]|2[0-3])";
/// Minute 0–59, and no third digit.
const MINUTE: &str = "[0-5]?[0-9](?![0-9])";
/// Second 0–60 (a leap second loads), and no third digit.
const SECOND: &str = "(?:[0-5]?[0-9]|60)(?![0-9])";
/// `am`, `pm`, `a.m.`, `p.m.`, any case; `am` must not run into a letter or digit.
const MERIDIEM: &str = r"[aApP](?:[mM](?![0-9A-Za-z])|\.[mM]\.)";
/// Zone names Ruby's `Time.zone_offset` knows, and the military letters
/// (`J` is not one), as a whole run of letters not followed by a digit.
const NAMED_ZONE: &str =
    "(?:[Uu][Tt][Cc]?|[Gg][Mm][Tt]|[EeCcMmPp][SsDd][Tt]|[A-IK-Za-ik-z])(?![A-Za-z0-9])";
/// `gmt`, `utc`, `ut` directly before a signed number: Ruby drops the zone.
const ZONE_PREFIX: &str = "(?:[Gg][Mm][Tt]|[Uu][Tt][Cc]?)(?=[+-][0-9])";

/// The text Ruby's zone pattern takes after a sign: digits, then optionally
/// `[,.:]` and digits, then optionally `:` and digits, each run maximal.
const SIGNED_TAIL: &str =
    "[0-9]+(?![0-9])(?:[,.:][0-9]+(?![0-9])(?::[0-9]+(?![0-9])|(?!:[0-9]))|(?![,.:][0-9]))";

/// After a numeric zone's digits: the scanner's digit run is over and no
/// `[,.:]`-and-digits part follows.
const RUN_ENDS: &str = "(?![0-9])(?![,.:][0-9])";

/// The five spellings Ruby's `Time.zone_offset` reads (`+HH`, `+HHMM`,
/// `+HHMMSS`, `+HH:MM`, `+HH:MM:SS`), after the sign, whatever their value.
fn offset_spellings() -> String {
    format!(
        "[0-9]{{2}}{RUN_ENDS}|[0-9]{{4}}{RUN_ENDS}|[0-9]{{6}}{RUN_ENDS}|[0-9]{{2}}:[0-9]{{2}}(?![0-9])(?!:[0-9])|[0-9]{{2}}:[0-9]{{2}}:[0-9]{{2}}(?![0-9])"
    )
}

/// The offset spellings whose value is under 24 hours (Ruby refuses the
/// others), after the sign. `low_hours` is the class of hours 00–22 allowed.
fn offsets_under_a_day(low_hours: &str) -> String {
    let h = format!("(?:{low_hours})");
    [
        format!("(?:{h}|23){RUN_ENDS}"),
        format!("(?:{h}[0-9]{{2}}|23[0-5][0-9]){RUN_ENDS}"),
        format!("(?:{h}[0-9]{{4}}|23(?:[0-4][0-9]|5[0-8])[0-9]{{2}}|2359[0-5][0-9]){RUN_ENDS}"),
        format!("(?:{h}:[0-9]{{2}}|23:[0-5][0-9])(?![0-9])(?!:[0-9])"),
        format!(
            "(?:{h}:[0-9]{{2}}:[0-9]{{2}}|23:(?:[0-4][0-9]|5[0-8]):[0-9]{{2}}|23:59:[0-5][0-9])(?![0-9])"
        ),
    ]
    .join("|")
}

/// Numeric offsets Ruby applies. With `midnight`, a negative offset under an
/// hour is left out: it leaves `24:00` unnormalised, and Ruby then refuses
/// the minutes or seconds it adds (a zero offset is fine).
fn offsets(midnight: bool) -> String {
    if !midnight {
        return format!("[+-](?:{})", offsets_under_a_day("[01][0-9]|2[0-2]"));
    }
    let zero = format!(
        "00{RUN_ENDS}|0000{RUN_ENDS}|000000{RUN_ENDS}|00:00(?![0-9])(?!:[0-9])|00:00:00(?![0-9])"
    );
    format!(
        "\\+(?:{any})|-(?:{zero}|{from_one})",
        any = offsets_under_a_day("[01][0-9]|2[0-2]"),
        from_one = offsets_under_a_day("0[1-9]|1[0-9]|2[0-2]"),
    )
}

/// The zone part after the time, with the whitespace before it.
fn zone(midnight: bool) -> String {
    let offsets = offsets(midnight);
    // A numeric zone that is not one of the offset spellings (`+1`, `+1:00`,
    // `+0100:30`) is ignored by Ruby: any value loads.
    let ignored_numeric = format!("(?![+-](?:{}))[+-]{SIGNED_TAIL}", offset_spellings());
    let prefixed = format!("{ZONE_PREFIX}[+-]{SIGNED_TAIL}");
    let none = format!("(?![+-][0-9])(?!{ZONE_PREFIX})(?![A-Za-z]+(?![A-Za-z0-9]))");
    format!(
        "{ws}(?:{prefixed}|{offsets}|{ignored_numeric}|(?!{ZONE_PREFIX}){NAMED_ZONE}|{none})",
        ws = wss()
    )
}

/// What may follow the time and zone: text Ruby skips.
fn remainder() -> String {
    let ws_chars = WS.trim_start_matches('[').trim_end_matches(']');
    format!("[0-9:.,+TtZz{ws_chars}-]*$")
}

/// The regular expression (ECMA-262, also valid for Rust's `fancy-regex`
/// and Python's `re`) matching exactly the date texts masthead reads
/// without an error, except as documented in the module docs.
pub fn date_pattern() -> String {
    let ws = wss();
    let mer = format!("{ws}{MERIDIEM}");
    let no_mer = format!("(?!{mer})");
    // Fractions: digits, or an empty one, after which a meridiem is
    // swallowed and not applied (Ruby's quirk for `12:00:00. pm`).
    let fraction_no_mer =
        format!("(?:[.,][0-9]+(?![0-9]){no_mer}|[.,](?![0-9])(?:{mer}|{no_mer})|(?![.,]){no_mer})");
    let seconds_no_mer =
        |second: &str| format!("(?::{second}{fraction_no_mer}|(?!:[0-9]){no_mer})");
    let seconds_mer = format!("(?::{SECOND}(?:[.,][0-9]+(?![0-9])|(?![.,]))|(?!:[0-9])){mer}");
    let tail = remainder();
    // The meridiem applies: any hour (it is taken modulo 12).
    let with_meridiem = format!("[0-9]{{1,2}}:{MINUTE}{seconds_mer}{}{tail}", zone(false));
    // No meridiem applies: hours 0–23, or 24:00:00 exactly.
    let plain = format!(
        "{HOUR}:{MINUTE}{}{}{tail}",
        seconds_no_mer(SECOND),
        zone(false)
    );
    let midnight = format!(
        "24:0{{1,2}}(?![0-9]){}{}{tail}",
        seconds_no_mer("0{1,2}(?![0-9])"),
        zone(true)
    );
    let separator = format!("(?:{WS}+|[Tt])");
    format!(
        "^{ws}{YEAR}-{MONTH}-{DAY}(?:{ws}$|{separator}[0-9]+{ws}$|{separator}(?:{with_meridiem}|{plain}|{midnight}))"
    )
}

/// A value that is only whitespace (`end: ""`): "explicitly none".
pub fn blank_pattern() -> String {
    format!("^{WS}*$")
}

/// The date's schema: a string of at most 128 bytes matching
/// [`date_pattern`]. Strings of 43 characters or more must be ASCII,
/// since only then is their character count their byte count.
pub fn date_schema(description: Option<&str>) -> Value {
    let mut schema = json!({
        "type": "string",
        "maxLength": 128,
        "anyOf": [
            {"maxLength": 42},
            {"pattern": "^[\\t-\\r -~]*$"}
        ],
        "pattern": date_pattern(),
        "examples": ["2021-11-22", "2021-11-22 10:00:00 +0100", "2021-11-22T10:00:00Z"],
    });
    let text = description.unwrap_or(
        "A date as Jekyll reads it: `YYYY-MM-DD` (midnight in the site's time zone), \
         `YYYY-MM-DD HH:MM[:SS]` (site time), or with `Z` or an offset such as `+01:00` (an exact instant).",
    );
    set(&mut schema, "description", json!(text));
    schema
}

/// A string that is only whitespace, which optional event dates accept as "none".
pub fn blank_schema() -> Value {
    json!({
        "type": "string",
        "pattern": blank_pattern(),
        "description": "Empty: no date (the CMS writes `\"\"`)."
    })
}
