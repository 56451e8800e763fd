//! Reviews of a plan and progress at a glance: a new review's defaults, each goal's ratings
//! over the reviews in date order, and the plan's goals counted as reached / partly / not from
//! each goal's latest rating. Pure functions over `Plan`; the UI draws them.

use chrono::NaiveDate;
use uuid::Uuid;

use super::due::ReviewIntervals;
use super::evaluation::proposed_next_review;
use super::plan::{GoalReview, Plan, Progress, Review, ReviewKind};
use super::validation::{ErrorKind, MAX_TEXT_CHARS};

impl GoalReview {
    pub fn new(goal: Uuid) -> GoalReview {
        GoalReview {
            goal,
            progress: None,
            comment: String::new(),
            client_view: String::new(),
            worker_view: String::new(),
        }
    }

    /// Nothing rated or written.
    pub fn is_blank(&self) -> bool {
        self.progress.is_none()
            && [&self.comment, &self.client_view, &self.worker_view]
                .iter()
                .all(|t| t.trim().is_empty())
    }
}

impl Review {
    /// An empty review of `kind` on `date`.
    pub fn new(id: Uuid, kind: ReviewKind, date: NaiveDate) -> Review {
        Review {
            id,
            kind,
            date,
            took_part: String::new(),
            goals: Vec::new(),
            next_steps: String::new(),
            next_review: None,
        }
    }

    /// What this review says about `goal`, if anything.
    pub fn for_goal(&self, goal: Uuid) -> Option<&GoalReview> {
        self.goals.iter().find(|g| g.goal == goal)
    }

    /// The entry of `goal`, made when the review has none yet.
    pub fn goal_mut(&mut self, goal: Uuid) -> &mut GoalReview {
        let i = match self.goals.iter().position(|g| g.goal == goal) {
            Some(i) => i,
            None => {
                self.goals.push(GoalReview::new(goal));
                self.goals.len() - 1
            }
        };
        &mut self.goals[i]
    }

    /// Nothing rated or written (who took part and the dates do not count: they are defaults).
    pub fn is_blank(&self) -> bool {
        self.goals.iter().all(GoalReview::is_blank) && self.next_steps.trim().is_empty()
    }
}

/// Months from one review of `plan` to the next: the interval set for its form (the
/// form's own unless the user changed it on the Today screen).
pub fn review_interval(plan: &Plan, intervals: &ReviewIntervals) -> u32 {
    intervals.months(plan.template)
}

/// The next review a review of `plan` on `date` proposes.
pub fn proposed_next(plan: &Plan, date: NaiveDate, intervals: &ReviewIntervals) -> NaiveDate {
    proposed_next_review(date, review_interval(plan, intervals))
}

/// The names of the participants present, as "who took part" starts.
pub fn present_names(plan: &Plan) -> String {
    plan.participants
        .iter()
        .filter(|p| p.present && !p.name.trim().is_empty())
        .map(|p| p.name.trim())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A new review of `plan`: who took part from the present participants, an entry per goal,
/// and, for a periodic review, the next review proposed. A final review and a one-off plan's
/// end-of-meeting evaluation propose none: nothing follows them.
pub fn new_review(
    plan: &Plan,
    id: Uuid,
    kind: ReviewKind,
    date: NaiveDate,
    intervals: &ReviewIntervals,
) -> Review {
    let mut r = Review::new(id, kind, date);
    r.took_part = present_names(plan);
    r.goals = plan.goals.iter().map(|g| GoalReview::new(g.id)).collect();
    if kind == ReviewKind::Periodic {
        r.next_review = Some(proposed_next(plan, date, intervals));
    }
    r
}

/// The reviews of `plan` in date order (those of one day in the order they were recorded).
pub fn reviews_by_date(plan: &Plan) -> Vec<&Review> {
    let mut v: Vec<&Review> = plan.reviews.iter().collect();
    v.sort_by_key(|r| r.date);
    v
}

/// One rating of one goal: a point of its chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rating {
    pub review: Uuid,
    pub date: NaiveDate,
    pub progress: Progress,
}

/// The ratings of `goal` over the reviews, in date order; reviews that did not rate it are
/// left out.
pub fn goal_series(plan: &Plan, goal: Uuid) -> Vec<Rating> {
    reviews_by_date(plan)
        .into_iter()
        .filter_map(|r| {
            let progress = r.for_goal(goal)?.progress?;
            Some(Rating {
                review: r.id,
                date: r.date,
                progress,
            })
        })
        .collect()
}

/// The goal's latest rating.
pub fn latest(plan: &Plan, goal: Uuid) -> Option<Progress> {
    goal_series(plan, goal).last().map(|r| r.progress)
}

/// A goal by its latest rating in a review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GoalOutcome {
    Reached,
    /// Some progress or mostly.
    Partly,
    /// Rated "not started".
    Not,
    /// Never rated.
    Unrated,
}

impl GoalOutcome {
    /// From the goal's ratings in date order (`goal_series`).
    pub fn of(series: &[Rating]) -> GoalOutcome {
        match series.last().map(|r| r.progress) {
            Some(Progress::Reached) => GoalOutcome::Reached,
            Some(Progress::SomeProgress | Progress::Mostly) => GoalOutcome::Partly,
            Some(Progress::NotStarted) => GoalOutcome::Not,
            None => GoalOutcome::Unrated,
        }
    }

    /// The stable code used in exports.
    pub fn code(self) -> &'static str {
        match self {
            GoalOutcome::Reached => "reached",
            GoalOutcome::Partly => "partly",
            GoalOutcome::Not => "not_reached",
            GoalOutcome::Unrated => "not_rated",
        }
    }
}

pub fn outcome(plan: &Plan, goal: Uuid) -> GoalOutcome {
    GoalOutcome::of(&goal_series(plan, goal))
}

/// The plan's goals by their latest rating.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub reached: usize,
    /// Some progress or mostly.
    pub partly: usize,
    /// Not started, or never rated.
    pub not: usize,
}

pub fn tally(plan: &Plan) -> Tally {
    let mut t = Tally::default();
    for g in &plan.goals {
        match outcome(plan, g.id) {
            GoalOutcome::Reached => t.reached += 1,
            GoalOutcome::Partly => t.partly += 1,
            GoalOutcome::Not | GoalOutcome::Unrated => t.not += 1,
        }
    }
    t
}

/// A field of a review, for its errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewField {
    TookPart,
    Comment(Uuid),
    ClientView(Uuid),
    WorkerView(Uuid),
    NextSteps,
    NextReview,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewError {
    pub field: ReviewField,
    pub kind: ErrorKind,
}

/// A review's errors: texts over `MAX_TEXT_CHARS`, a next review before the review itself.
/// (Its date cannot be missing in the model; the screen reports an emptied date field.)
pub fn validate_review(r: &Review) -> Vec<ReviewError> {
    let mut errors = Vec::new();
    let mut text = |field, t: &str| {
        if t.chars().count() > MAX_TEXT_CHARS {
            errors.push(ReviewError {
                field,
                kind: ErrorKind::TooLong {
                    max: MAX_TEXT_CHARS,
                },
            });
        }
    };
    text(ReviewField::TookPart, &r.took_part);
    for g in &r.goals {
        text(ReviewField::Comment(g.goal), &g.comment);
        text(ReviewField::ClientView(g.goal), &g.client_view);
        text(ReviewField::WorkerView(g.goal), &g.worker_view);
    }
    text(ReviewField::NextSteps, &r.next_steps);
    if r.next_review.is_some_and(|n| n < r.date) {
        errors.push(ReviewError {
            field: ReviewField::NextReview,
            kind: ErrorKind::EndBeforeStart,
        });
    }
    errors
}
