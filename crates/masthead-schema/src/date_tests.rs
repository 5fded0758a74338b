use crate::date::date_schema;
use masthead_model::date::DateValue;
use serde_json::json;

fn validator() -> &'static jsonschema::Validator {
    static VALIDATOR: std::sync::LazyLock<jsonschema::Validator> = std::sync::LazyLock::new(|| {
        let mut schema = date_schema(None);
        schema["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
        jsonschema::validator_for(&schema).expect("the date schema compiles")
    });
    &VALIDATOR
}

#[test]
fn corpus_agrees() {
    let v = validator();
    let cases = [
        "2021-11-22",
        " 2021-11-22 ",
        "2021-11-22 10:00",
        "2021-11-22T10:00:00Z",
        "2021-11-22 10:00:00 +0100",
        "2021-11-22T10:00:00+01:00",
        "2021-02-30",
        "2021-13-01",
        "2021-11-32",
        "2021-11-22 25:00",
        "2021-11-22 24:00",
        "2021-11-22 24:01",
        "2021-11-22 24:00:00-00:30",
        "2021-11-22 24:00:00-01:30",
        "2021-11-22 24:00:00+00:30",
        "2021-11-22 10:00 pm",
        "2021-11-22 10:00pmZ",
        "2021-11-22 10:00 pm5",
        "2021-11-22 10:00:00. pm",
        "2021-11-22 25:00:00. pm",
        "2021-11-22 10:00 +1",
        "2021-11-22 10:00 +2400",
        "2021-11-22 10:00 +2359",
        "2021-11-22 10:00 +2360",
        "2021-11-22 10:00 +235960",
        "2021-11-22 10:00 +235959",
        "2021-11-22 10:00 UTC+01:00",
        "2020-10-05T11:00:00.000ZT11:00:00.000Z",
        "2021-11-22 10:00 EST",
        "2021-11-22 10:00 J",
        "2021-11-22 10:00 foo",
        "2021-11-22 10",
        "2021-11-22 99",
        "2021-11-22T10",
        "2021-11-22 10 +0100",
        "0000-01-01",
        "9999-01-01",
        "9998-12-31T23:00:00-05:00",
        "0001-01-01T00:30:00+01:00",
        "21-11-22",
        "decent",
        "",
        " ",
        "2021/11/22",
        "2021-11-22 10:00:60",
        "2021-11-22 10:00:61",
        "2021-11-22 10:60",
        "2021-11-22\u{3000}10:00",
        "2021-11-22\u{feff}",
        "2021-11-22 10:00:00 -0030",
        "2021-11-22 10:00:123",
        "2021-11-22 100:00",
        "2021-11-22 10:00 a.m.",
        "2021-11-22 10:00 +01.30",
        "2021-11-22 10:00 +0100:30",
        "2021-11-22 10:00 +01:00:30",
        "2021-11-22 10:00 ut+1",
        "2021-11-22 10:00 ZT",
        "2021-11-22 10:00 Z T",
        "2021-11-22 10:00:00,5",
        "2021-11-22T24:00:00.5",
    ];
    let mut bad = Vec::new();
    for c in cases {
        let parsed = DateValue::parse(c).is_ok();
        let schema = v.is_valid(&json!(c));
        if parsed != schema {
            bad.push(format!("{c:?}: parser {parsed}, schema {schema}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn the_schema_refuses_what_the_parser_refuses() {
    let v = validator();
    for c in [
        "2021-13-01",
        "",
        "decent",
        "2021-11-22 24:00:00-00:30",
        "2021-11-22 10:00 +2360",
    ] {
        assert!(DateValue::parse(c).is_err(), "{c:?}");
        assert!(!v.is_valid(&json!(c)), "{c:?}");
    }
}

/// Dates with an offset whose fields are outside their ranges, which
/// Ruby's offset arithmetic may carry back into range: the one documented
/// place where the schema refuses what the parser reads (with a warning).
fn out_of_range_with_offset(text: &str) -> bool {
    use masthead_model::date::{DateForm, DateProblem};
    let Ok(d) = DateValue::parse(text) else {
        return false;
    };
    if d.form() != DateForm::Offset
        || !d
            .problems()
            .iter()
            .any(|p| matches!(p, DateProblem::NotReal { .. }))
    {
        return false;
    }
    let n: Vec<u64> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap_or(u64::MAX))
        .collect();
    let get = |i: usize| n.get(i).copied().unwrap_or(0);
    let (month, day, hour, minute, second) = (get(1), get(2), get(3), get(4), get(5));
    !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 24
        || minute > 59
        || second > 60
        || (hour == 24 && (minute > 0 || second > 0))
}

/// Texts of the ISO-like family real front matter uses, close to valid.
const NEAR_VALID: &str = "[ ]?(19|20|00|99)[0-9]{2}-(0?[1-9]|1[0-2]|00|13)-(0?[1-9]|[12][0-9]|3[0-2])(( |T|  )([01]?[0-9]|2[0-5]|99):[0-6][0-9](:[0-6][0-9]([.,][0-9]{0,3})?)?( ?(am|pm|p\\.m\\.|xm))?( ?([+-](0[0-9]|1[0-4]|2[2-4]|99)(:?[0-6][0-9](:?[0-6][0-9])?)?|Z|UTC|GMT|EST|A|utc\\+1|[+-][0-9]))?)?[ ]?";

/// Texts anywhere near the family, with the parts in and out of shape.
const ANYTHING_NEAR: &str = "[ \t\u{3000}]{0,2}[0-9]{1,5}-[0-9]{0,3}-[0-9]{1,3}((( |T|t|  |x)[0-9]{1,3}(:[0-9]{1,3}(:[0-9]{1,3}([.,][0-9]{0,3})?)?)?)?( ?(am|pm|a\\.m\\.|PM|Am|pmZ|am5|p))?( ?([+-][0-9]{1,6}([:.,][0-9]{1,3}(:[0-9]{1,2})?)?|UTC|Z|EST|pdt|J|A|n|foo|utc[+-][0-9]{1,2}|ZT11|gmt|UT-1))?([ 0-9:.,+TtZzx-]{0,4})?)?[ \n]{0,2}";

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
    #[test]
    fn generated_dates_agree(text in proptest::prop_oneof![NEAR_VALID, ANYTHING_NEAR]) {
        let v = validator();
        let parsed = DateValue::parse(&text).is_ok();
        let schema = v.is_valid(&json!(text));
        if parsed != schema {
            proptest::prop_assert!(
                parsed && out_of_range_with_offset(&text),
                "{text:?}: parser {parsed}, schema {schema}"
            );
        }
    }
}
