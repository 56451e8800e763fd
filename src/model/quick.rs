//! The quick one-off plan (seed 000's "here and now" plan made at the desk): what it starts
//! with, which fields its single screen shows, how it is finished and how it later becomes a
//! long-term plan without retyping.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::lifecycle;
use super::progress::present_names;
use super::{
    Field, FieldError, FieldPath, Goal, Horizon, Lang, Participant, Plan, PlanStatus, PlanSummary,
    Review, ReviewKind, Role, SectionId, Step, Template,
};

/// The fields the quick screen shows (a template that hides one of them skips it). Errors on
/// other fields do not stop a quick plan: the full form shows them later. (`Evaluation` is the
/// free text of plans made before reviews; the screen shows it only where it holds text.)
pub const QUICK_FIELDS: [Field; 9] = [
    Field::ClientName,
    Field::KeyWorker,
    Field::WhyTheyCome,
    Field::GoalLifeArea,
    Field::GoalText,
    Field::StepActivity,
    Field::StepResponsible,
    Field::StepDeadline,
    Field::Evaluation,
];

/// The key worker of the most recently changed plan that names one: the worker making
/// plans on this device is usually the same person.
pub fn remembered_key_worker(plans: &[PlanSummary]) -> Option<String> {
    plans
        .iter()
        .filter(|p| !p.key_worker.trim().is_empty())
        .max_by_key(|p| p.updated_at)
        .map(|p| p.key_worker.trim().to_string())
}

impl Plan {
    /// A one-off plan for today with one empty goal and one empty step to fill in, and the
    /// remembered key worker.
    pub fn quick(
        template: &Template,
        id: Uuid,
        language: Lang,
        now: DateTime<Utc>,
        key_worker: Option<String>,
        mut new_id: impl FnMut() -> Uuid,
    ) -> Plan {
        let mut plan = Plan::new(template, id, language, now, &mut new_id);
        plan.horizon = Horizon::OneOff;
        plan.general.key_worker = key_worker.unwrap_or_default();
        let mut goal = Goal::new(new_id());
        goal.steps.push(Step::new(new_id()));
        plan.goals.push(goal);
        plan
    }

    /// Follows another template, keeping everything typed: the participants change to the
    /// new template's defaults only while none of them has a name; a life area the new
    /// template does not know is cleared.
    pub fn switch_template(&mut self, template: &Template, mut new_id: impl FnMut() -> Uuid) {
        if self.template == template.id {
            return;
        }
        self.template = template.id;
        self.signature_required = template.signature_required;
        if self.participants.iter().all(|p| p.name.trim().is_empty()) {
            self.participants = template
                .default_participants
                .iter()
                .map(|&role| Participant::new(new_id(), role))
                .collect();
        }
        for g in &mut self.goals {
            if template.life_area(&g.life_area).is_none() {
                g.life_area.clear();
            }
        }
    }

    /// The end-of-meeting evaluation of a one-off plan: its first end-of-meeting review.
    pub fn end_of_meeting(&self) -> Option<&Review> {
        self.reviews
            .iter()
            .find(|r| r.kind == ReviewKind::EndOfMeeting)
    }

    /// The end-of-meeting review, made (dated `today`) at the first rating or word typed.
    pub fn end_of_meeting_mut(
        &mut self,
        today: NaiveDate,
        new_id: impl FnOnce() -> Uuid,
    ) -> &mut Review {
        let i = match self
            .reviews
            .iter()
            .position(|r| r.kind == ReviewKind::EndOfMeeting)
        {
            Some(i) => i,
            None => {
                self.reviews
                    .push(Review::new(new_id(), ReviewKind::EndOfMeeting, today));
                self.reviews.len() - 1
            }
        };
        &mut self.reviews[i]
    }

    /// Finishes a quick plan at the end of the meeting: evaluated (a goal rated or a word
    /// written in the end-of-meeting review, or the free-text evaluation of older plans) →
    /// completed, otherwise in progress, recorded in the status log; an end-of-meeting review
    /// left blank is dropped. The client and the key worker are written into their participant
    /// lines when those are still empty, so nobody types a name twice, and the review's "who
    /// took part" lists those present.
    pub fn finish_quick(&mut self, today: NaiveDate) {
        self.reviews
            .retain(|r| r.kind != ReviewKind::EndOfMeeting || !r.is_blank());
        let client = self.general.client_name.trim().to_string();
        let worker = self.general.key_worker.trim().to_string();
        for p in &mut self.participants {
            let name = match p.role {
                Role::Client | Role::Child => &client,
                Role::KeyCounsellor | Role::TeamSocialWorker => &worker,
                _ => continue,
            };
            if p.name.trim().is_empty() {
                p.name = name.clone();
            }
        }
        let names = present_names(self);
        let review = self
            .reviews
            .iter_mut()
            .find(|r| r.kind == ReviewKind::EndOfMeeting)
            .map(|r| {
                r.goals.retain(|g| !g.is_blank());
                if r.took_part.trim().is_empty() {
                    r.took_part = names;
                }
                r.id
            });
        if self.status == PlanStatus::Draft {
            let done = match review {
                Some(id) => lifecycle::complete(self, id, today).is_ok(),
                None => false,
            };
            if !done {
                if self.evaluation.trim().is_empty() {
                    lifecycle::record(self, PlanStatus::InProgress, "", today);
                } else {
                    lifecycle::record(self, PlanStatus::Completed, "", today);
                }
            }
        }
    }

    /// Turns a one-off plan into a long-term one, keeping all of its content: the
    /// cooperation goes on, so a completed one-off plan is in progress again (recorded, as
    /// any reopening is).
    pub fn continue_long_term(&mut self, today: NaiveDate) {
        self.horizon = Horizon::LongTerm;
        if self.status == PlanStatus::Completed {
            lifecycle::record(self, PlanStatus::InProgress, "", today);
        }
    }
}

/// Whether an error stops the quick screen's "Done": it is about a field the screen shows,
/// or the plan has no goal.
pub fn blocks_quick(e: &FieldError) -> bool {
    match e.path {
        FieldPath::Section(s) => s == SectionId::Goals,
        p => p.field().is_some_and(|f| QUICK_FIELDS.contains(&f)),
    }
}
