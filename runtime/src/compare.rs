use serde_json::Value;

/// JSON equality, except for differences in spelling that carry the same
/// value, which a round trip through typed fields may introduce: numbers are
/// compared by value (`7` and `7.0`), strings that are both RFC 3339 instants
/// by instant (`…34.1704434+00:00` and `…34.170443400+00:00`, `Z` and
/// `+00:00`), strings that are both times of day by time (`08:00:00.0000000`
/// and `08:00:00`). Anything else must be equal: no member lost, added or changed.
pub fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        (Value::String(x), Value::String(y)) => {
            let time = |t: &str| chrono::NaiveTime::parse_from_str(t, "%H:%M:%S%.f");
            x == y
                || matches!(
                    (chrono::DateTime::parse_from_rfc3339(x), chrono::DateTime::parse_from_rfc3339(y)),
                    (Ok(p), Ok(q)) if p == q
                )
                || matches!((time(x), time(y)), (Ok(p), Ok(q)) if p == q)
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_json(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::same_json;
    use serde_json::json;

    #[test]
    fn only_spelling_may_differ() {
        assert!(same_json(
            &json!({"t": "2019-04-01T00:00:00Z"}),
            &json!({"t": "2019-04-01T00:00:00+00:00"})
        ));
        assert!(same_json(&json!(7), &json!(7.0)));
        assert!(same_json(&json!("08:00:00.0000000"), &json!("08:00:00")));
        assert!(!same_json(&json!("08:00:00"), &json!("08:00:01")));
        assert!(!same_json(
            &json!({"t": "2019-04-01T00:00:00Z"}),
            &json!({"t": "2019-04-01T00:00:01Z"})
        ));
        assert!(!same_json(&json!({"a": 1}), &json!({"a": 1, "b": null})));
        assert!(!same_json(&json!(["a"]), &json!(["a", "a"])));
        assert!(!same_json(&json!("7"), &json!(7)));
    }
}
