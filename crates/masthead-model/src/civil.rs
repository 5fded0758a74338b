//! A calendar date and wall-clock time, with no time zone attached.

use serde::{Deserialize, Serialize};

/// A date and time as a clock on the wall shows it (no zone).
///
/// This is what permalink placeholders (`:year`, `:hour`…) read: the
/// document's date converted to the site's time zone, as Jekyll does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct CivilDateTime {
    /// Year, e.g. 2021.
    pub year: i16,
    /// Month, 1–12.
    pub month: i8,
    /// Day of the month, 1–31.
    pub day: i8,
    /// Hour, 0–23.
    pub hour: i8,
    /// Minute, 0–59.
    pub minute: i8,
    /// Second, 0–59.
    pub second: i8,
    /// Fraction of the second, in nanoseconds.
    pub nanosecond: i32,
}

impl CivilDateTime {
    /// Midnight at the start of the given day.
    pub fn midnight(year: i16, month: i8, day: i8) -> Self {
        CivilDateTime {
            year,
            month,
            day,
            hour: 0,
            minute: 0,
            second: 0,
            nanosecond: 0,
        }
    }
}
