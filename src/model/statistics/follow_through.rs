//! Follow-through: the steps of agreed plans against their deadlines, per life area and per
//! responsible role, and the groups where plans struggle most. A pointer for training, not a
//! verdict about people: groups of fewer than `MIN_PLANS` plans are "too few to say".

use chrono::NaiveDate;
use uuid::Uuid;

use super::areas::AreaKey;
use super::classify::{step_outcome, RoleReader, StepOutcome};
use crate::model::plan::{Plan, PlanStatus, Role};

/// Fewer plans than this in a group, and its figures are not shown.
pub const MIN_PLANS: usize = 5;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StepCounts {
    pub on_time: usize,
    pub late: usize,
    pub not_done: usize,
    pub overdue: usize,
    /// Not due yet, or with no deadline.
    pub open: usize,
    /// Plans the steps belong to.
    pub plans: usize,
}

impl StepCounts {
    pub fn add(&mut self, outcome: StepOutcome) {
        match outcome {
            StepOutcome::OnTime => self.on_time += 1,
            StepOutcome::Late => self.late += 1,
            StepOutcome::NotDone => self.not_done += 1,
            StepOutcome::Overdue => self.overdue += 1,
            StepOutcome::Open => self.open += 1,
        }
    }

    pub fn get(&self, outcome: StepOutcome) -> usize {
        match outcome {
            StepOutcome::OnTime => self.on_time,
            StepOutcome::Late => self.late,
            StepOutcome::NotDone => self.not_done,
            StepOutcome::Overdue => self.overdue,
            StepOutcome::Open => self.open,
        }
    }

    pub fn steps(&self) -> usize {
        self.on_time + self.late + self.not_done + self.overdue + self.open
    }

    /// Steps whose deadline has come or that are settled: all but the open ones.
    pub fn settled(&self) -> usize {
        self.steps() - self.open
    }

    /// Late, not done or overdue.
    pub fn struggling(&self) -> usize {
        self.late + self.not_done + self.overdue
    }

    /// The struggling share of the settled steps, in whole percent.
    pub fn struggle_percent(&self) -> Option<u32> {
        let settled = self.settled();
        (settled > 0).then(|| ((self.struggling() * 100) as f64 / settled as f64).round() as u32)
    }

    pub fn too_few(&self) -> bool {
        self.plans < MIN_PLANS
    }
}

/// A group of steps: the life area of their goal, or the role their "responsible" names.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    Area(AreaKey),
    /// `None`: no role recognised in the text.
    Role(Option<Role>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupCounts {
    pub group: Group,
    pub counts: StepCounts,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowThrough {
    pub total: StepCounts,
    /// Areas by steps, most first.
    pub by_area: Vec<GroupCounts>,
    /// Roles by steps, most first.
    pub by_role: Vec<GroupCounts>,
    /// Groups of at least `MIN_PLANS` plans with a struggling step, the highest share first
    /// (then the most struggling steps).
    pub struggles: Vec<GroupCounts>,
}

/// Steps of plans that were agreed (in progress, completed or closed); a draft's steps are
/// not yet anyone's commitment.
pub fn follow_through(plans: &[&Plan], today: NaiveDate) -> FollowThrough {
    let mut total = StepCounts::default();
    // Per group: its counts and the last plan counted in it (a plan's steps come together).
    let mut groups: Vec<(GroupCounts, Option<Uuid>)> = Vec::new();
    let count = |counts: &mut StepCounts, last: &mut Option<Uuid>, plan: Uuid, o| {
        counts.add(o);
        if *last != Some(plan) {
            counts.plans += 1;
            *last = Some(plan);
        }
    };
    let mut total_last = None;
    for p in plans.iter().filter(|p| p.status != PlanStatus::Draft) {
        let roles = RoleReader::new(p);
        for g in &p.goals {
            for s in &g.steps {
                let outcome = step_outcome(s, today);
                count(&mut total, &mut total_last, p.id, outcome);
                for group in [
                    Group::Area(g.life_area.trim().to_string()),
                    Group::Role(roles.role(s)),
                ] {
                    let (row, last) = super::row(
                        &mut groups,
                        |(r, _)| r.group == group,
                        || {
                            let counts = StepCounts::default();
                            (
                                GroupCounts {
                                    group: group.clone(),
                                    counts,
                                },
                                None,
                            )
                        },
                    );
                    count(&mut row.counts, last, p.id, outcome);
                }
            }
        }
    }
    let (mut by_area, mut by_role): (Vec<GroupCounts>, Vec<GroupCounts>) = groups
        .into_iter()
        .map(|(row, _)| row)
        .partition(|row| matches!(row.group, Group::Area(_)));
    for rows in [&mut by_area, &mut by_role] {
        rows.sort_unstable_by(|a, b| {
            b.counts
                .steps()
                .cmp(&a.counts.steps())
                .then_with(|| a.group.cmp(&b.group))
        });
    }
    let mut struggles: Vec<GroupCounts> = by_area
        .iter()
        .chain(&by_role)
        .filter(|r| !r.counts.too_few() && r.counts.struggling() > 0)
        .cloned()
        .collect();
    // By share, compared exactly (a/b > c/d as a·d > c·b), then by count.
    struggles.sort_unstable_by(|a, b| {
        let (x, y) = (&a.counts, &b.counts);
        (y.struggling() * x.settled())
            .cmp(&(x.struggling() * y.settled()))
            .then_with(|| y.struggling().cmp(&x.struggling()))
            .then_with(|| a.group.cmp(&b.group))
    });
    FollowThrough {
        total,
        by_area,
        by_role,
        struggles,
    }
}
