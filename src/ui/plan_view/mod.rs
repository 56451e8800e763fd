//! The agreed plan at a glance: a document, not a form. The document speaks the plan's own
//! language (it is what gets printed and signed); the buttons around it speak the UI's.

mod long_term;

use leptos::prelude::*;
use uuid::Uuid;

use crate::i18n::*;
use crate::model::{Field, Horizon, Plan, PlanForm, SectionId, Template};
use crate::ui::labels;
use crate::ui::route::{navigate, Route};
use crate::ui::state::{use_app, Action};
use crate::ui::tr;
use crate::ui::widgets::{ConfirmDialog, ExportActions, Selection};
use crate::ui::{browser, NotFound};
use std::sync::Arc;

#[component]
pub fn PlanView(id: Uuid) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    // Read again whenever the stored revision changes (a save here or in another window).
    let rev = Memo::new(move |_| {
        app.plans
            .with(|ps| ps.iter().find(|p| p.id == id).map(|p| p.rev.clone()))
    });
    let plan = Memo::new(move |_| {
        rev.with(|r| r.as_ref().and_then(|_| app.load_plan(id)).map(|s| s.plan))
    });
    let confirm_open = RwSignal::new(false);
    let delete = move |_| match app.delete(id) {
        Ok(deleted) => {
            let undo: Action = Arc::new(move || {
                if app.restore(&deleted).is_ok() {
                    navigate(Route::View(deleted.id()));
                }
            });
            app.show_toast(
                t_string!(i18n, plan_deleted).to_string(),
                Some((t_string!(i18n, undo).to_string(), undo)),
            );
            navigate(Route::List);
        }
        Err(e) => app.show_toast(format!("{} ({e})", t_string!(i18n, delete_failed)), None),
    };
    move || {
        let Some(p) = plan.get() else {
            return view! { <NotFound /> }.into_any();
        };
        let edit_href = Route::Edit(id, None).href();
        view! {
            <div class="plan-view">
                <div class="actions no-print">
                    <a class="button secondary" href="#/">{tr(|l| td_string!(l, back_to_list))}</a>
                    <a class="button primary" href=edit_href data-testid="edit">{tr(|l| td_string!(l, edit))}</a>
                    <button type="button" class="secondary" on:click=|_| browser::print()>{tr(|l| td_string!(l, print))}</button>
                    {(p.horizon == Horizon::OneOff).then(|| view! { <long_term::ContinueLongTerm id=id /> })}
                    <ExportActions
                        selection=Signal::derive(move || Selection::Some(vec![id]))
                        label=Signal::derive(move || t_string!(i18n, export_plan).to_string())
                        testid="export-plan"
                    />
                    <button type="button" class="danger" data-testid="delete" on:click=move |_| confirm_open.set(true)>
                        {tr(|l| td_string!(l, delete))}
                    </button>
                </div>
                {(p.language != labels::lang_of(i18n.get_locale_untracked())).then(|| view! {
                    <p class="note no-print">{tr(|l| td_string!(l, document_language))} " " {p.language.native_name()}</p>
                })}
                <Document plan=p />
                <ConfirmDialog
                    open=confirm_open
                    title=Signal::derive(move || t_string!(i18n, confirm_delete).to_string())
                    confirm_label=Signal::derive(move || t_string!(i18n, delete).to_string())
                    on_confirm=Callback::new(delete)
                />
            </div>
        }
        .into_any()
    }
}

/// A label and a value, skipped when the template hides the field or the value is empty.
fn item(l: Locale, t: &Template, f: Field, value: String) -> Option<impl IntoView> {
    (t.shows(f) && !value.trim().is_empty()).then(|| {
        view! {
            <div class="item" data-field=f.key()>
                <dt>{labels::field(l, t, f)}</dt>
                <dd>{value}</dd>
            </div>
        }
    })
}

#[component]
fn Document(plan: Plan) -> impl IntoView {
    let t = plan.template.template();
    let l = labels::locale_of(plan.language);
    let lang = plan.language;
    let g = &plan.general;
    let date = |d| labels::opt_date(l, d);
    let duration = match (g.duration_from, g.duration_until) {
        (None, None) => String::new(),
        (a, b) => format!("{} – {}", date(a), date(b)),
    };
    let section_title = |s: SectionId| {
        view! {
            <h2>
                {labels::section(l, s)}
                <a class="edit-link no-print" href=Route::Edit(plan.id, Some(s)).href()>
                    {td_string!(l, edit)}
                </a>
            </h2>
        }
    };
    let s = &plan.situation;
    let status = if plan.status == crate::model::PlanStatus::Other && !plan.status_note.is_empty() {
        format!("{}: {}", labels::status(l, plan.status), plan.status_note)
    } else {
        labels::status(l, plan.status).to_string()
    };
    view! {
        <article class="document" lang=lang.code() data-testid="plan-document">
            <header>
                <p class="eyebrow">{t.name.get(lang)}</p>
                <h1 id="screen-title" tabindex="-1" data-testid="plan-title">{plan.display_name().to_string()}</h1>
            </header>
            {t.has_section(SectionId::Form).then(|| view! {
                <section>
                    {section_title(SectionId::Form)}
                    <dl>
                        {item(l, t, Field::PlanForm, labels::plan_form(l, plan.form).into())}
                        {item(l, t, Field::Horizon, labels::horizon(l, plan.horizon).into())}
                        {(plan.form == PlanForm::Oral).then(|| item(l, t, Field::MeetingRecord, plan.meeting_record.clone()))}
                    </dl>
                </section>
            })}
            <section>
                {section_title(SectionId::General)}
                <dl>
                    {item(l, t, Field::ClientName, g.client_name.clone())}
                    {item(l, t, Field::DateOfBirth, date(g.date_of_birth))}
                    {item(l, t, Field::PlaceOfService, g.place_of_service.clone())}
                    {item(l, t, Field::KeyWorker, g.key_worker.clone())}
                    {(t.shows(Field::DurationFrom) && !duration.is_empty()).then(|| view! {
                        <div class="item" data-field="duration"><dt>{td_string!(l, plan_duration)}</dt><dd>{duration.clone()}</dd></div>
                    })}
                    {item(l, t, Field::Status, status)}
                    {item(l, t, Field::CreatedOn, labels::date(l, plan.created_on))}
                </dl>
            </section>
            {t.has_section(SectionId::Situation).then(|| view! {
                <section>
                    {section_title(SectionId::Situation)}
                    <dl>
                        {item(l, t, Field::WhyTheyCome, s.why_they_come.clone())}
                        {item(l, t, Field::Needs, s.needs.clone())}
                        {item(l, t, Field::Wishes, s.wishes.clone())}
                        {item(l, t, Field::Dreams, s.dreams.clone())}
                        {item(l, t, Field::Abilities, s.abilities.clone())}
                        {item(l, t, Field::Possibilities, s.possibilities.clone())}
                        {item(l, t, Field::Experience, s.experience.clone())}
                    </dl>
                </section>
            })}
            <section>
                {section_title(SectionId::Goals)}
                <Goals plan=plan.clone() />
            </section>
            {t.has_section(SectionId::Evaluation).then(|| view! {
                <section>
                    {section_title(SectionId::Evaluation)}
                    <dl>{item(l, t, Field::Evaluation, plan.evaluation.clone())}</dl>
                </section>
            })}
            <section>
                {section_title(SectionId::Participants)}
                <Participants plan=plan.clone() />
            </section>
            {(plan.horizon == Horizon::OneOff).then(|| view! { <p class="note">{td_string!(l, one_off_note)}</p> })}
        </article>
    }
}

#[component]
fn Goals(plan: Plan) -> impl IntoView {
    let t = plan.template.template();
    let l = labels::locale_of(plan.language);
    let lang = plan.language;
    if plan.goals.is_empty() {
        return view! { <p class="muted">{td_string!(l, no_goals_yet)}</p> }.into_any();
    }
    view! {
        <ol class="goals">
            {plan.goals.iter().map(|g| {
                let area = t.life_area(&g.life_area).map(|a| a.label.get(lang));
                view! {
                    <li class="goal" data-testid="view-goal">
                        {area.map(|a| view! { <p class="area">{a}</p> })}
                        <p class="goal-text">{g.text.clone()}</p>
                        <dl>
                            {item(l, t, Field::GoalSuccessCriteria, g.success_criteria.clone())}
                            {item(l, t, Field::GoalTargetDate, labels::opt_date(l, g.target_date))}
                        </dl>
                        {(!g.steps.is_empty()).then(|| view! {
                            <ol class="steps">
                                {g.steps.iter().map(|s| {
                                    let timing = [
                                        labels::opt_date(l, s.deadline),
                                        s.frequency.map(|f| labels::frequency(l, f)).unwrap_or_default(),
                                    ].into_iter().filter(|x| !x.is_empty()).collect::<Vec<_>>().join(", ");
                                    view! {
                                        <li class="step" data-testid="view-step">
                                            <p class="activity">{s.activity.clone()}</p>
                                            <dl>
                                                {item(l, t, Field::StepResponsible, s.responsible.clone())}
                                                {item(l, t, Field::StepDeadline, timing)}
                                                {item(l, t, Field::StepResult, s.result.clone())}
                                                {item(l, t, Field::StepNetworkSupport, s.network_support.clone())}
                                                {item(l, t, Field::StepRiskManagement, s.risk_management.clone())}
                                                {item(l, t, Field::StepFeedback, s.feedback.clone())}
                                                {item(l, t, Field::StepStatus, labels::step_status(l, s.status).into())}
                                            </dl>
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                        })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
    .into_any()
}

#[component]
fn Participants(plan: Plan) -> impl IntoView {
    let l = labels::locale_of(plan.language);
    let lines = plan.signature_required;
    view! {
        <ul class="participants">
            {plan.participants.iter().map(|p| {
                let signed = p.signed.then(|| format!("{} {}", td_string!(l, signed_on), labels::opt_date(l, p.signed_on)));
                view! {
                    <li data-testid="view-participant">
                        <span class="role">{labels::role(l, p.role)}</span>
                        <span class="name">{p.name.clone()}</span>
                        {(!p.present).then(|| view! { <span class="muted">" (" {td_string!(l, not_present)} ")"</span> })}
                        {signed.map(|s| view! { <span class="signed">" ✓ " {s}</span> })}
                        {lines.then(|| view! { <span class="signature-line" aria-hidden="true"></span> })}
                    </li>
                }
            }).collect_view()}
        </ul>
        {lines.then(|| view! { <p class="date-line">{td_string!(l, date_label)} ": ____________________"</p> })}
    }
}
