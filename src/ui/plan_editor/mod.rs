//! The guided form: one template section per step, a progress indicator, back/next with
//! validation, and autosave that never loses the last keystrokes.

pub(crate) mod autosave;
pub(crate) mod conflict;
pub(crate) mod fields;
mod goals;
mod participants;
mod sections;
mod step_progress;

use leptos::prelude::*;
use uuid::Uuid;

use crate::i18n::*;
use crate::model::{
    validate_plan, ErrorKind, Field, FieldError, FieldPath, Goal, Plan, SectionId, Step, Template,
};
use crate::ui::browser;
use crate::ui::labels;
use crate::ui::route::{navigate, Route};
use crate::ui::state::use_app;
use crate::ui::{focus_soon, tr};

pub use fields::dom_id;
pub use sections::{code, from_code};

/// The plan being edited and its validation state, shared by every control of the form.
#[derive(Clone, Copy)]
pub struct Editor {
    pub plan: RwSignal<Plan>,
    pub template: &'static Template,
    pub errors: Memo<Vec<FieldError>>,
    touched: RwSignal<Vec<FieldPath>>,
    /// Sections where the user tried to go on: all their errors show.
    attempted: RwSignal<Vec<SectionId>>,
}

impl Editor {
    fn new(plan: Plan) -> Editor {
        Editor::over(RwSignal::new(plan))
    }

    /// An editor of a plan signal that outlives it (the quick screen makes a new editor
    /// when the plan changes template).
    pub fn over(plan: RwSignal<Plan>) -> Editor {
        let template = plan.with_untracked(|p| p.template.template());
        let today = browser::today();
        Editor {
            plan,
            template,
            errors: Memo::new(move |_| plan.with(|p| validate_plan(p, today))),
            touched: RwSignal::new(Vec::new()),
            attempted: RwSignal::new(Vec::new()),
        }
    }

    /// Marks a field as visited. Tolerates an editor already gone: leaving by Back while a
    /// field has focus blurs it after the editor's state was disposed.
    pub fn touch(&self, path: FieldPath) {
        if self.touched.try_with_untracked(|t| !t.contains(&path)) == Some(true) {
            self.touched.try_update(|t| t.push(path));
        }
    }

    /// The error to show for `path` now, if any.
    pub fn visible_error(&self, path: FieldPath) -> Signal<Option<ErrorKind>> {
        let ed = *self;
        slice(move || {
            let shown = ed.attempted.with(|a| a.contains(&path.section()))
                || ed.touched.with(|t| t.contains(&path));
            if !shown {
                return None;
            }
            ed.errors
                .with(|es| es.iter().find(|e| e.path == path).map(|e| e.kind))
        })
    }

    /// Shows every error of these sections, as when the user tried to go on.
    pub fn attempt(&self, sections: &[SectionId]) {
        self.attempted.update(|a| a.extend_from_slice(sections));
    }

    pub fn section_errors(&self, section: SectionId) -> Vec<FieldError> {
        self.errors.with(|es| {
            es.iter()
                .filter(|e| e.path.section() == section)
                .copied()
                .collect()
        })
    }

    /// A text of the plan as a signal, for a control's value.
    pub fn text(&self, get: fn(&Plan) -> &String) -> Signal<String> {
        let plan = self.plan;
        slice(move || plan.with(|p| get(p).clone()))
    }

    /// Writes a text of the plan, for a control's input handler.
    pub fn set_text(&self, put: fn(&mut Plan) -> &mut String) -> Callback<String> {
        let plan = self.plan;
        Callback::new(move |v: String| plan.update(|p| *put(p) = v))
    }

    pub fn goal_text(&self, goal: Uuid, get: fn(&Goal) -> &String) -> Signal<String> {
        let plan = self.plan;
        slice(move || plan.with(|p| p.goal(goal).map(|g| get(g).clone()).unwrap_or_default()))
    }

    pub fn set_goal_text(&self, goal: Uuid, put: fn(&mut Goal) -> &mut String) -> Callback<String> {
        let plan = self.plan;
        Callback::new(move |v: String| {
            plan.update(|p| {
                if let Some(g) = p.goal_mut(goal) {
                    *put(g) = v
                }
            })
        })
    }

    /// The template's life areas as (key, label) choices in the UI language, "choose" first.
    pub fn life_area_options(&self) -> Signal<Vec<(String, String)>> {
        let template = self.template;
        let i18n = use_i18n();
        Signal::derive(move || {
            let lang = labels::lang_of(i18n.get_locale());
            let mut opts = vec![(String::new(), format!("— {} —", t_string!(i18n, choose)))];
            opts.extend(
                template
                    .life_areas
                    .iter()
                    .map(|a| (a.key.to_string(), a.label.get(lang).to_string())),
            );
            opts
        })
    }

    /// The goal's number (1-based) in the plan.
    pub fn goal_number(&self, goal: Uuid) -> Signal<usize> {
        let plan = self.plan;
        slice(move || {
            plan.with(|p| {
                p.goals
                    .iter()
                    .position(|g| g.id == goal)
                    .map_or(0, |i| i + 1)
            })
        })
    }

    pub fn step_ids(&self, goal: Uuid) -> Signal<Vec<Uuid>> {
        let plan = self.plan;
        slice(move || {
            plan.with(|p| {
                p.goal(goal)
                    .map(|g| g.steps.iter().map(|s| s.id).collect())
                    .unwrap_or_default()
            })
        })
    }

    /// Adds an empty goal and moves focus to its first field.
    pub fn add_goal(&self) -> Uuid {
        let goal = Goal::new(browser::new_id());
        let id = goal.id;
        self.plan.update(|p| p.goals.push(goal));
        let first = if self.template.shows(Field::GoalLifeArea) {
            Field::GoalLifeArea
        } else {
            Field::GoalText
        };
        focus_soon(dom_id(FieldPath::Goal {
            goal: id,
            field: first,
        }));
        id
    }

    /// Adds an empty step to a goal and moves focus to its activity.
    pub fn add_step(&self, goal: Uuid) -> Uuid {
        let step = Step::new(browser::new_id());
        let id = step.id;
        self.plan.update(|p| {
            if let Some(g) = p.goal_mut(goal) {
                g.steps.push(step)
            }
        });
        focus_soon(dom_id(FieldPath::Step {
            goal,
            step: id,
            field: Field::StepActivity,
        }));
        id
    }

    pub fn step_text(&self, goal: Uuid, step: Uuid, get: fn(&Step) -> &String) -> Signal<String> {
        let plan = self.plan;
        slice(move || {
            plan.with(|p| {
                p.step(goal, step)
                    .map(|s| get(s).clone())
                    .unwrap_or_default()
            })
        })
    }

    pub fn set_step_text(
        &self,
        goal: Uuid,
        step: Uuid,
        put: fn(&mut Step) -> &mut String,
    ) -> Callback<String> {
        let plan = self.plan;
        Callback::new(move |v: String| {
            plan.update(|p| {
                if let Some(s) = p.step_mut(goal, step) {
                    *put(s) = v;
                }
            })
        })
    }
}

/// A part of the plan as a signal that notifies only when that part changes: a keystroke in
/// one field then updates that field's control alone, not every control of the form.
pub fn slice<T>(get: impl Fn() -> T + Send + Sync + 'static) -> Signal<T>
where
    T: PartialEq + Clone + Send + Sync + 'static,
{
    Memo::new(move |_| get()).into()
}

/// The full form, or the read-only screen of a completed plan.
#[component]
pub fn PlanEditor(id: Uuid, section: Option<SectionId>) -> impl IntoView {
    view! {
        <crate::ui::review::UnlessCompleted id=id>
            <FullForm id=id section=section />
        </crate::ui::review::UnlessCompleted>
    }
}

#[component]
fn FullForm(id: Uuid, section: Option<SectionId>) -> impl IntoView {
    let app = use_app();
    let Some((plan, base)) = app.find(id) else {
        return view! { <crate::ui::NotFound /> }.into_any();
    };
    let ed = Editor::new(plan);
    provide_context(ed);
    let save = autosave::start(ed.plan, base);
    let template = ed.template;
    let section = section.unwrap_or(template.sections[0]);
    let index = template.section_index(section).unwrap_or(0);
    let count = template.sections.len();
    let i18n = use_i18n();

    let go = move |to: Route| {
        save.flush();
        navigate(to);
    };
    let next = move |_| {
        let errors = ed.section_errors(section);
        if let Some(first) = errors.first() {
            ed.attempted.update(|a| a.push(section));
            // Now, and again once a folded step with the error has opened.
            browser::focus(&dom_id(first.path));
            focus_soon(dom_id(first.path));
            return;
        }
        match template.sections.get(index + 1) {
            Some(&s) => go(Route::Edit(id, Some(s))),
            None => go(Route::View(id)),
        }
    };
    let back = move |_| match index.checked_sub(1) {
        Some(i) => go(Route::Edit(id, Some(template.sections[i]))),
        None => go(Route::List),
    };
    let title = slice(move || {
        let l = i18n.get_locale();
        let name = ed.plan.with(|p| p.general.client_name.trim().to_string());
        if name.is_empty() {
            template.name.get(labels::lang_of(l)).to_string()
        } else {
            name
        }
    });

    view! {
        <div class="editor">
            <header class="screen-head">
                <p class="eyebrow">{move || template.name.get(labels::lang_of(i18n.get_locale()))}</p>
                <h1 id="screen-title" tabindex="-1">{title}</h1>
                <autosave::SaveStatus state=save.state />
            </header>
            {move || save.theirs.get().map(|theirs| view! { <conflict::ConflictView save=save theirs=theirs /> })}
            <nav class="progress" aria-label=tr(|l| td_string!(l, progress_label))>
                <p class="progress-text" data-testid="progress">
                    {tr(|l| td_string!(l, step_of))} " " {index + 1} " / " {count}
                </p>
                <progress max=count.to_string() value=(index + 1).to_string() aria-hidden="true"></progress>
                <ol>
                    {template
                        .sections
                        .iter()
                        .enumerate()
                        .map(|(i, &s)| {
                            let has_errors = move || {
                                ed.attempted.with(|a| a.contains(&s))
                                    && !ed.section_errors(s).is_empty()
                            };
                            view! {
                                <li class:current=i == index class:has-errors=has_errors>
                                    <a
                                        href=Route::Edit(id, Some(s)).href()
                                        aria-current=(i == index).then_some("step")
                                        on:click=move |_| save.flush()
                                    >
                                        <span class="num">{i + 1}</span>
                                        {move || labels::section(i18n.get_locale(), s)}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </nav>
            <section class="form-section" aria-labelledby="section-title" data-section=section.slug()>
                <h2 id="section-title">{move || labels::section(i18n.get_locale(), section)}</h2>
                <p class="intro">{move || labels::section_intro(i18n.get_locale(), section)}</p>
                {sections::render(section)}
            </section>
            <div class="wizard-nav">
                <button type="button" class="secondary" data-testid="back" on:click=back>
                    {move || {
                        if index == 0 { t_string!(i18n, back_to_list) } else { t_string!(i18n, back) }
                    }}
                </button>
                <button type="button" class="primary" data-testid="next" on:click=next>
                    {move || if index + 1 == count { t_string!(i18n, finish) } else { t_string!(i18n, next) }}
                </button>
            </div>
        </div>
    }
    .into_any()
}
