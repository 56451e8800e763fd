//! A plan's lifecycle: draft → in progress → completed, or closed for another reason. Every
//! change goes into `plan.status_log`; completing needs the final review (a one-off plan's
//! end-of-meeting evaluation will do); a completed plan is read-only until reopened, and
//! reopening asks why.

use chrono::NaiveDate;
use uuid::Uuid;

use super::plan::{Horizon, Plan, PlanStatus, ReviewKind, StatusChange};
use super::validation::MAX_TEXT_CHARS;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LifecycleError {
    NotAllowed {
        from: PlanStatus,
        to: PlanStatus,
    },
    /// Completing names a review that is not the plan's final one.
    NotAFinalReview,
    /// Closing for another reason and reopening say why.
    ReasonRequired,
    ReasonTooLong,
}

/// Whether a plan may go from `from` to `to`.
pub fn allowed(from: PlanStatus, to: PlanStatus) -> bool {
    use PlanStatus::*;
    matches!(
        (from, to),
        (Draft, InProgress)
            | (Draft | InProgress, Completed | Other)
            | (Completed | Other, InProgress)
    )
}

/// A completed plan is kept as it was completed: nothing is edited until it is reopened.
pub fn is_read_only(plan: &Plan) -> bool {
    plan.status == PlanStatus::Completed
}

/// Records the change and makes it (no check: the callers check).
pub(crate) fn record(plan: &mut Plan, to: PlanStatus, reason: &str, today: NaiveDate) {
    plan.status_log.push(StatusChange {
        on: today,
        from: plan.status,
        to,
        reason: reason.trim().to_string(),
    });
    plan.status = to;
}

fn check(plan: &Plan, to: PlanStatus) -> Result<(), LifecycleError> {
    if allowed(plan.status, to) {
        Ok(())
    } else {
        Err(LifecycleError::NotAllowed {
            from: plan.status,
            to,
        })
    }
}

/// A reason as closing and reopening take it: trimmed, not empty, not over `MAX_TEXT_CHARS`.
pub fn check_reason(text: &str) -> Result<&str, LifecycleError> {
    let t = text.trim();
    if t.is_empty() {
        Err(LifecycleError::ReasonRequired)
    } else if t.chars().count() > MAX_TEXT_CHARS {
        Err(LifecycleError::ReasonTooLong)
    } else {
        Ok(t)
    }
}

/// The work starts: a draft is in progress.
pub fn start(plan: &mut Plan, today: NaiveDate) -> Result<(), LifecycleError> {
    if plan.status != PlanStatus::Draft {
        return Err(LifecycleError::NotAllowed {
            from: plan.status,
            to: PlanStatus::InProgress,
        });
    }
    record(plan, PlanStatus::InProgress, "", today);
    Ok(())
}

/// Completes the plan with `final_review`, a review of kind final (or, for a one-off plan,
/// its end-of-meeting evaluation) already in the plan.
pub fn complete(
    plan: &mut Plan,
    final_review: Uuid,
    today: NaiveDate,
) -> Result<(), LifecycleError> {
    check(plan, PlanStatus::Completed)?;
    let kind = plan.review(final_review).map(|r| r.kind);
    let ok = match kind {
        Some(ReviewKind::Final) => true,
        Some(ReviewKind::EndOfMeeting) => plan.horizon == Horizon::OneOff,
        _ => false,
    };
    if !ok {
        return Err(LifecycleError::NotAFinalReview);
    }
    record(plan, PlanStatus::Completed, "", today);
    Ok(())
}

/// Ends the plan for another reason (the client moved, the service ended, …): the reason is
/// the status note and is recorded.
pub fn close_other(plan: &mut Plan, why: &str, today: NaiveDate) -> Result<(), LifecycleError> {
    check(plan, PlanStatus::Other)?;
    let why = check_reason(why)?.to_string();
    record(plan, PlanStatus::Other, &why, today);
    plan.status_note = why;
    Ok(())
}

/// Opens a completed (or otherwise closed) plan again: in progress, with the reason recorded.
pub fn reopen(plan: &mut Plan, why: &str, today: NaiveDate) -> Result<(), LifecycleError> {
    if !matches!(plan.status, PlanStatus::Completed | PlanStatus::Other) {
        return Err(LifecycleError::NotAllowed {
            from: plan.status,
            to: PlanStatus::InProgress,
        });
    }
    let why = check_reason(why)?.to_string();
    record(plan, PlanStatus::InProgress, &why, today);
    plan.status_note.clear();
    Ok(())
}

/// The statuses the form's own status field offers: every one for a one-off plan (evaluated
/// and completed at the end of its meeting, seed 000), but not "completed" for a long-term
/// plan, which is completed with its final review ("Complete the plan" in the plan view).
pub fn form_choices(plan: &Plan) -> Vec<PlanStatus> {
    PlanStatus::ALL
        .into_iter()
        .filter(|s| {
            *s != PlanStatus::Completed
                || plan.horizon == Horizon::OneOff
                || plan.status == PlanStatus::Completed
        })
        .collect()
}

/// The status picked in the form's status field, recorded. Changing one's mind the same day
/// amends that day's entry made this way (no reason given) rather than piling up entries.
pub fn set_in_form(plan: &mut Plan, to: PlanStatus, today: NaiveDate) {
    if plan.status == to {
        return;
    }
    let amend = plan
        .status_log
        .last()
        .is_some_and(|c| c.on == today && c.to == plan.status && c.reason.is_empty());
    if amend {
        let last = plan.status_log.len() - 1;
        if plan.status_log[last].from == to {
            plan.status_log.pop();
        } else {
            plan.status_log[last].to = to;
        }
        plan.status = to;
    } else {
        record(plan, to, "", today);
    }
}
