//! Timestamps for `added` and for backup names, without a date crate: a civil date
//! from a day count is a few lines of integer arithmetic, and UTC is all we write.

use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since 1970-01-01T00:00:00Z; negative before it (a clock set far back).
fn unix_seconds(now: SystemTime) -> i64 {
    match now.duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
        Err(before) => {
            let secs = before.duration().as_secs_f64().ceil();
            -(secs.min(i64::MAX as f64) as i64)
        }
    }
}

/// The proleptic Gregorian date (year, month 1-12, day 1-31) of `days` since
/// 1970-01-01.
///
/// Counts in 400-year eras of 146 097 days that start on 1 March, so the leap day is
/// the last day of its "year" and month lengths follow a fixed 153-day/5-month
/// pattern; the year is then moved back to the January-based calendar.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    // Shift the epoch to 0000-03-01, the start of an era.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097); // 0 ..= 146 096
    // Years of 365 days, corrected for the leap days of every 4th, 100th and 400th year.
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    // Months from March: 31 30 31 30 31 | 31 30 31 30 31 | 31 28/29, i.e. 153 days per 5.
    let month_from_march = (5 * day_of_year + 2) / 153; // 0 ..= 11
    let day = (day_of_year - (153 * month_from_march + 2) / 5 + 1) as u32;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The calendar date and time of day (UTC) of `now`.
fn parts(now: SystemTime) -> (i64, u32, u32, u32, u32, u32) {
    let secs = unix_seconds(now);
    let (year, month, day) = civil_from_days(secs.div_euclid(86_400));
    let of_day = secs.rem_euclid(86_400) as u32;
    (
        year,
        month,
        day,
        of_day / 3600,
        of_day / 60 % 60,
        of_day % 60,
    )
}

/// RFC 3339 in UTC to the second, as `added` is written: `2026-11-23T09:12:00Z`.
pub fn rfc3339(now: SystemTime) -> String {
    let (y, mo, d, h, mi, s) = parts(now);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// A compact UTC stamp for file names: `20261123T091200Z` (no colons, which some
/// file systems refuse).
pub fn file_stamp(now: SystemTime) -> String {
    let (y, mo, d, h, mi, s) = parts(now);
    format!("{y:04}{mo:02}{d:02}T{h:02}{mi:02}{s:02}Z")
}

/// A human line for the export: `2026-11-23 09:12 UTC`.
pub fn minutes_utc(now: SystemTime) -> String {
    let (y, mo, d, h, mi, _) = parts(now);
    format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02} UTC")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    #[test]
    fn known_instants() {
        // Values checked with `date -u -d @SECS`.
        assert_eq!(rfc3339(at(0)), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(at(951_782_400)), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(at(1_709_164_800)), "2024-02-29T00:00:00Z");
        assert_eq!(rfc3339(at(1_735_689_599)), "2024-12-31T23:59:59Z");
        assert_eq!(rfc3339(at(1_795_425_120)), "2026-11-23T09:12:00Z");
        assert_eq!(rfc3339(at(4_107_542_400)), "2100-03-01T00:00:00Z");
        assert_eq!(file_stamp(at(1_795_425_120)), "20261123T091200Z");
        assert_eq!(minutes_utc(at(1_795_425_125)), "2026-11-23 09:12 UTC");
    }

    #[test]
    fn before_the_epoch() {
        assert_eq!(
            rfc3339(UNIX_EPOCH - Duration::from_secs(1)),
            "1969-12-31T23:59:59Z"
        );
        assert_eq!(civil_from_days(-719_468), (0, 3, 1));
    }

    /// Walking day by day from 1900 to 2200 must step through every calendar date in
    /// order: month lengths, leap years (1900 and 2100 are not, 2000 is) and year ends.
    #[test]
    fn consecutive_days_are_consecutive_dates() {
        fn is_leap(y: i64) -> bool {
            (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        }
        fn month_len(y: i64, m: u32) -> u32 {
            match m {
                2 if is_leap(y) => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            }
        }
        let start = -25_567; // 1900-01-01
        assert_eq!(civil_from_days(start), (1900, 1, 1));
        let mut expected = (1900, 1, 1);
        for days in start..start + 300 * 366 {
            assert_eq!(civil_from_days(days), expected, "day {days}");
            let (y, m, d) = expected;
            expected = if d < month_len(y, m) {
                (y, m, d + 1)
            } else if m < 12 {
                (y, m + 1, 1)
            } else {
                (y + 1, 1, 1)
            };
        }
    }
}
