//! The plan as its paper form: the template's `PrintForm` says which parts come in which
//! order, with the form's own headings, labels and table columns. Everything inside the
//! document speaks the plan's language (it is what gets printed and signed); only the "edit"
//! links, which never print, speak the UI's.

use leptos::prelude::*;

use crate::i18n::*;
use crate::model::{
    Field, Goal, Horizon, Participant, Plan, PlanForm, PlanStatus, PrintPart, SectionId, Step,
    StepStatus, Template,
};
use crate::ui::labels;
use crate::ui::route::Route;
use crate::ui::tr;

/// A label and its value on one line of the form.
fn item(label: &'static str, key: &'static str, value: String) -> impl IntoView {
    view! {
        <div class="item" data-field=key>
            <dt>{label}</dt>
            <dd>{value}</dd>
        </div>
    }
}

/// An item of a plan field, left out when the template hides it or it is empty.
fn filled(l: Locale, t: &Template, f: Field, value: String) -> Option<impl IntoView> {
    (t.shows(f) && !value.trim().is_empty())
        .then(|| item(labels::print_field(l, t, f), f.key(), value))
}

/// Where the editor changes what a part shows.
fn section_of(part: PrintPart) -> SectionId {
    match part {
        PrintPart::General => SectionId::General,
        PrintPart::Situation => SectionId::Situation,
        PrintPart::Goals | PrintPart::GoalsWithSteps | PrintPart::StepTables => SectionId::Goals,
        PrintPart::Evaluation => SectionId::Evaluation,
        PrintPart::Participants | PrintPart::Signatures => SectionId::Participants,
    }
}

#[component]
pub fn Document(plan: Plan) -> impl IntoView {
    let t = plan.template.template();
    let l = labels::locale_of(plan.language);
    let lang = plan.language;
    let parts = t
        .print
        .parts
        .iter()
        .filter(|(part, _)| match part {
            PrintPart::Evaluation => !plan.evaluation.trim().is_empty(),
            PrintPart::Signatures => !t.print.signatures_optional || plan.signature_required,
            _ => true,
        })
        .map(|&(part, heading)| {
            let edit = view! {
                <a class="edit-link no-print" href=Route::Edit(plan.id, Some(section_of(part))).href()>
                    {tr(|l| td_string!(l, edit))}
                </a>
            };
            let title = heading.map(|h| h.get(lang));
            let heading = match (part, title) {
                // The form's "Participants:" introduces the signature lines, a label more than a heading.
                (PrintPart::Signatures, _) | (_, None) => {
                    view! { <div class="part-edit no-print">{edit}</div> }.into_any()
                }
                (_, Some(h)) => view! { <h2>{h} {edit}</h2> }.into_any(),
            };
            let body = match part {
                PrintPart::General => general(l, t, &plan).into_any(),
                PrintPart::Situation => situation(l, t, &plan).into_any(),
                PrintPart::Goals => goals(l, t, &plan.goals, false).into_any(),
                PrintPart::GoalsWithSteps => goals(l, t, &plan.goals, true).into_any(),
                PrintPart::StepTables => step_tables(l, t, &plan.goals).into_any(),
                PrintPart::Evaluation => view! { <p class="text">{plan.evaluation.clone()}</p> }.into_any(),
                PrintPart::Participants => participants(l, &plan.participants).into_any(),
                PrintPart::Signatures => signatures(l, t, &plan, title).into_any(),
            };
            view! {
                <section class="part" data-part=part_code(part)>
                    {heading}
                    {body}
                </section>
            }
        })
        .collect_view();
    view! {
        <article class="document" lang=lang.code() data-template=t.id.code() data-testid="plan-document">
            <header>
                <h1 id="screen-title" tabindex="-1" data-testid="plan-title">{t.print.title.get(lang)}</h1>
            </header>
            {parts}
            {(plan.horizon == Horizon::OneOff && t.shows(Field::Horizon))
                .then(|| view! { <p class="note">{td_string!(l, one_off_note)}</p> })}
        </article>
    }
}

fn part_code(part: PrintPart) -> &'static str {
    match part {
        PrintPart::General => "general",
        PrintPart::Situation => "situation",
        PrintPart::Goals => "goals",
        PrintPart::GoalsWithSteps => "goals-with-steps",
        PrintPart::StepTables => "step-tables",
        PrintPart::Evaluation => "evaluation",
        PrintPart::Participants => "participants",
        PrintPart::Signatures => "signatures",
    }
}

/// The general part: every field the form lists, empty ones too (the paper form has a line
/// for each), except the meeting record of a written plan.
fn general(l: Locale, t: &Template, plan: &Plan) -> impl IntoView {
    let g = &plan.general;
    let date = |d| labels::opt_date(l, d);
    let items = t
        .print
        .general
        .iter()
        .filter(|&&f| f != Field::MeetingRecord || plan.form == PlanForm::Oral)
        .map(|&f| {
            let value = match f {
                Field::CreatedOn => labels::date(l, plan.created_on),
                Field::ClientName => g.client_name.clone(),
                Field::DateOfBirth => date(g.date_of_birth),
                Field::PlaceOfService => g.place_of_service.clone(),
                Field::KeyWorker => g.key_worker.clone(),
                Field::DurationFrom => match (g.duration_from, g.duration_until) {
                    (None, None) => String::new(),
                    (a, b) => format!("{} – {}", date(a), date(b)),
                },
                Field::Status
                    if plan.status == PlanStatus::Other && !plan.status_note.is_empty() =>
                {
                    format!("{}: {}", labels::status(l, plan.status), plan.status_note)
                }
                Field::Status => labels::status(l, plan.status).into(),
                Field::PlanForm => labels::plan_form(l, plan.form).into(),
                Field::Horizon => labels::horizon(l, plan.horizon).into(),
                Field::MeetingRecord => plan.meeting_record.clone(),
                _ => String::new(),
            };
            item(labels::print_field(l, t, f), f.key(), value)
        })
        .collect_view();
    view! { <dl class="fields">{items}</dl> }
}

fn situation(l: Locale, t: &Template, plan: &Plan) -> impl IntoView {
    let s = &plan.situation;
    view! {
        <dl class="fields wide">
            {filled(l, t, Field::WhyTheyCome, s.why_they_come.clone())}
            {filled(l, t, Field::Needs, s.needs.clone())}
            {filled(l, t, Field::Wishes, s.wishes.clone())}
            {filled(l, t, Field::Dreams, s.dreams.clone())}
            {filled(l, t, Field::Abilities, s.abilities.clone())}
            {filled(l, t, Field::Possibilities, s.possibilities.clone())}
            {filled(l, t, Field::Experience, s.experience.clone())}
        </dl>
    }
}

/// The goals, numbered, with life area, criteria and date; with `steps`, each goal's table.
fn goals(l: Locale, t: &Template, goals: &[Goal], steps: bool) -> impl IntoView {
    if goals.is_empty() {
        return view! { <p class="muted">{td_string!(l, no_goals_yet)}</p> }.into_any();
    }
    let lang = labels::lang_of(l);
    view! {
        <ol class="goals">
            {goals.iter().map(|g| {
                let area = t.life_area(&g.life_area).map(|a| a.label.get(lang)).unwrap_or_default();
                view! {
                    <li class="goal" data-testid="view-goal">
                        <p class="goal-text">{g.text.clone()}</p>
                        <dl class="fields">
                            {filled(l, t, Field::GoalLifeArea, area.into())}
                            {filled(l, t, Field::GoalSuccessCriteria, g.success_criteria.clone())}
                            {filled(l, t, Field::GoalTargetDate, labels::opt_date(l, g.target_date))}
                        </dl>
                        {steps.then(|| steps_table(l, t, &g.steps))}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
    .into_any()
}

/// Part III of seed 002: per goal ("Цел 1: …") a table of its steps.
fn step_tables(l: Locale, t: &Template, goals: &[Goal]) -> impl IntoView {
    let goal_label = labels::field(l, t, Field::GoalText);
    goals
        .iter()
        .enumerate()
        .map(|(i, g)| {
            view! {
                <div class="goal-table">
                    <h3>{format!("{goal_label} {}: ", i + 1)} <span class="goal-text">{g.text.clone()}</span></h3>
                    {steps_table(l, t, &g.steps)}
                </div>
            }
        })
        .collect_view()
}

/// A goal's steps as a table with the form's columns, one row per step. Without steps, one
/// empty row to write in.
fn steps_table(l: Locale, t: &Template, steps: &[Step]) -> impl IntoView {
    let lang = labels::lang_of(l);
    let cols = t.print.step_columns;
    let row = move |s: Option<&Step>| {
        let cells = cols
            .iter()
            .map(|&(f, label)| {
                let value = s.map(|s| cell(l, s, f)).unwrap_or_default();
                let status = s
                    .filter(|s| f == Field::StepActivity && s.status != StepStatus::Planned)
                    .map(|s| view! { <span class="step-status">{labels::step_status(l, s.status)}</span> });
                view! { <td data-label=label.get(lang) data-field=f.key()>{value}{status}</td> }
            })
            .collect_view();
        view! { <tr class:blank=s.is_none() data-testid=s.map(|_| "view-step")>{cells}</tr> }
    };
    let rows = if steps.is_empty() {
        vec![row(None)]
    } else {
        steps.iter().map(|s| row(Some(s))).collect()
    };
    view! {
        <table class="steps-table" data-columns=cols.len()>
            <thead>
                <tr>{cols.iter().map(|(_, label)| view! { <th scope="col">{label.get(lang)}</th> }).collect_view()}</tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// What a step shows in the column of `f`; the timing column is deadline and/or frequency.
fn cell(l: Locale, s: &Step, f: Field) -> String {
    match f {
        Field::StepActivity => s.activity.clone(),
        Field::StepResponsible => s.responsible.clone(),
        Field::StepDeadline => [
            labels::opt_date(l, s.deadline),
            s.frequency
                .map(|f| labels::frequency(l, f))
                .unwrap_or_default(),
        ]
        .into_iter()
        .filter(|x| !x.is_empty())
        .collect::<Vec<_>>()
        .join(", "),
        Field::StepResult => s.result.clone(),
        Field::StepNetworkSupport => s.network_support.clone(),
        Field::StepRiskManagement => s.risk_management.clone(),
        Field::StepFeedback => s.feedback.clone(),
        _ => String::new(),
    }
}

/// A participant's name with what the plan records about them (absent, signed).
fn who(l: Locale, p: &Participant) -> impl IntoView {
    let signed = p.signed.then(|| {
        format!(
            "✓ {} {}",
            td_string!(l, signed_on),
            labels::opt_date(l, p.signed_on)
        )
    });
    view! {
        <span class="name">{p.name.clone()}</span>
        {(!p.present).then(|| view! { <span class="muted">" (" {td_string!(l, not_present)} ")"</span> })}
        {signed.map(|s| view! { <span class="signed">{s}</span> })}
    }
}

fn participants(l: Locale, people: &[Participant]) -> impl IntoView {
    view! {
        <ul class="participants">
            {people.iter().map(|p| view! {
                <li data-testid="view-participant">
                    <span class="role">{labels::role(l, p.role)}</span>
                    {who(l, p)}
                </li>
            }).collect_view()}
        </ul>
    }
}

/// The date and one line to sign per role the form names (the names of the plan's people in
/// that role on it, or empty for writing), then the others when the form lists everyone.
fn signatures(
    l: Locale,
    t: &Template,
    plan: &Plan,
    heading: Option<&'static str>,
) -> impl IntoView {
    let lang = plan.language;
    let form = &t.print;
    let line = |label: &'static str, p: Option<&Participant>| {
        view! {
            <li class="signature" data-testid="signature">
                <span class="sig-label">{label} ":"</span>
                {p.map(|p| who(l, p))}
                <span class="sig-line" aria-hidden="true"></span>
            </li>
        }
    };
    let mut lines = Vec::new();
    for &(role, label) in form.signature_lines {
        let mut with_role = plan
            .participants
            .iter()
            .filter(|p| p.role == role)
            .peekable();
        if with_role.peek().is_none() {
            lines.push(line(label.get(lang), None));
        }
        lines.extend(with_role.map(|p| line(label.get(lang), Some(p))));
    }
    if form.sign_others {
        lines.extend(
            plan.participants
                .iter()
                .filter(|p| !form.signature_lines.iter().any(|(r, _)| *r == p.role))
                .map(|p| line(labels::role(l, p.role), Some(p))),
        );
    }
    view! {
        <p class="date-line" data-testid="date-line">
            <span class="sig-label">{td_string!(l, date_label)} ":"</span>
            " " {labels::date(l, plan.created_on)}
        </p>
        {heading.map(|h| view! { <p class="sig-heading">{h} ":"</p> })}
        <ul class="signatures">{lines}</ul>
    }
}
