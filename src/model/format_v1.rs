//! Plans as format 1 wrote them (in files and in localStorage): the bookkeeping mixed into the
//! plan as `revision` (a number), `updated_at` and `lineage` (fingerprints of the JSON, which
//! format 2 drops: they were recomputed from the text and did not survive a format change).

use serde_json::{Map, Value};

use super::revision::v1_rev_id;

/// Turns one format-1 plan object into a format-2 stored plan object:
/// `{revisions: {start, ids}, updated_at, plan: {…the rest…}}`. The revision number becomes the
/// generation (at least 1); its id is made from the plan id, number and save time (`v1_rev_id`), so two
/// copies of one v1 save still compare as identical. Anything not shaped like a v1 plan is
/// refused with a reason.
pub fn upgrade_plan(value: Value) -> Result<Value, String> {
    let Value::Object(mut plan) = value else {
        return Err("a plan is not an object".into());
    };
    let revision = match plan.remove("revision") {
        Some(Value::Number(n)) => n
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or("revision is not a whole number")?,
        _ => return Err("revision is missing".into()),
    };
    plan.remove("lineage");
    let updated_at = match plan.remove("updated_at") {
        Some(Value::String(s)) => s,
        _ => return Err("updated_at is missing".into()),
    };
    let id = plan
        .get("id")
        .and_then(Value::as_str)
        .ok_or("id is missing")?
        .to_string();
    // Format 1 exported plans from revision 1 on; a 0 (hand-made files) counts as the first.
    let revision = revision.max(1);
    let ids = vec![Value::String(v1_rev_id(&id, revision, &updated_at))];
    let mut revisions = Map::new();
    revisions.insert("start".into(), Value::from(revision));
    revisions.insert("ids".into(), Value::Array(ids));
    let mut stored = Map::new();
    stored.insert("revisions".into(), Value::Object(revisions));
    stored.insert("updated_at".into(), Value::String(updated_at));
    stored.insert("plan".into(), Value::Object(plan));
    Ok(Value::Object(stored))
}
