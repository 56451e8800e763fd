//! The plain sections of the guided form: form, general information, situation, the child's
//! voice, evaluation.

use leptos::prelude::*;
use serde::{de::DeserializeOwned, Serialize};

use super::fields::{CheckField, DateField, SelectField, TextField};
use super::{goals::GoalsSection, participants::ParticipantsSection, slice, Editor};
use crate::i18n::*;
use crate::model::lifecycle;
use crate::model::{Field, FieldPath, Horizon, Lang, PlanForm, PlanStatus, SectionId};
use crate::ui::{browser, labels};

pub fn render(section: SectionId) -> AnyView {
    match section {
        SectionId::Form => view! { <FormSection /> }.into_any(),
        SectionId::General => view! { <GeneralSection /> }.into_any(),
        SectionId::Situation => view! { <SituationSection /> }.into_any(),
        SectionId::Goals => view! { <GoalsSection /> }.into_any(),
        SectionId::Participants => view! { <ParticipantsSection /> }.into_any(),
        SectionId::Voice => view! { <VoiceSection /> }.into_any(),
        SectionId::Evaluation => view! { <EvaluationSection /> }.into_any(),
    }
}

pub use crate::model::codes::{code, from_code};

/// Options for an enum select, labelled in the UI language.
pub fn enum_options<T: Serialize + Copy + Send + Sync + 'static>(
    all: &'static [T],
    label: fn(Locale, T) -> &'static str,
) -> Signal<Vec<(String, String)>> {
    let i18n = use_i18n();
    Signal::derive(move || {
        let l = i18n.get_locale();
        all.iter()
            .map(|&v| (code(v), label(l, v).to_string()))
            .collect()
    })
}

/// A select bound to an enum field of the plan.
fn enum_select<T>(
    ed: Editor,
    field: Field,
    all: &'static [T],
    label: fn(Locale, T) -> &'static str,
    get: fn(&crate::model::Plan) -> T,
    set: fn(&mut crate::model::Plan, T),
) -> impl IntoView
where
    T: Serialize + DeserializeOwned + Copy + Send + Sync + 'static,
{
    let plan = ed.plan;
    view! {
        <SelectField
            path=FieldPath::Plan(field)
            options=enum_options(all, label)
            value=slice(move || plan.with(|p| code(get(p))))
            on_change=move |v: String| {
                if let Some(v) = from_code::<T>(&v) {
                    plan.update(|p| set(p, v));
                }
            }
        />
    }
}

/// The plan's status as the form offers it (`lifecycle::form_choices`), each change recorded.
fn status_select(ed: Editor) -> impl IntoView {
    let plan = ed.plan;
    let i18n = use_i18n();
    let options = Signal::derive(move || {
        let l = i18n.get_locale();
        plan.with(lifecycle::form_choices)
            .into_iter()
            .map(|s| (code(s), labels::status(l, s).to_string()))
            .collect()
    });
    view! {
        <SelectField
            path=FieldPath::Plan(Field::Status)
            options=options
            value=slice(move || plan.with(|p| code(p.status)))
            on_change=move |v: String| {
                if let Some(to) = from_code::<PlanStatus>(&v) {
                    let today = browser::today();
                    plan.update(|p| lifecycle::set_in_form(p, to, today));
                }
            }
        />
    }
}

#[component]
fn FormSection() -> impl IntoView {
    let ed = expect_context::<Editor>();
    let plan = ed.plan;
    let oral = slice(move || plan.with(|p| p.form == PlanForm::Oral));
    view! {
        {enum_select(ed, Field::PlanForm, &[PlanForm::Written, PlanForm::Oral], labels::plan_form, |p| p.form, |p, v| p.form = v)}
        <Show when=move || oral.get()>
            <TextField
                path=FieldPath::Plan(Field::MeetingRecord)
                long=true
                value=ed.text(|p| &p.meeting_record)
                on_input=ed.set_text(|p| &mut p.meeting_record)
            />
        </Show>
        {enum_select(ed, Field::Horizon, &[Horizon::OneOff, Horizon::LongTerm], labels::horizon, |p| p.horizon, |p, v| p.horizon = v)}
        <CheckField
            path=FieldPath::Plan(Field::SignatureRequired)
            value=slice(move || plan.with(|p| p.signature_required))
            on_change=move |v| plan.update(|p| p.signature_required = v)
        />
    }
}

fn lang_name(_: Locale, l: Lang) -> &'static str {
    l.native_name()
}

#[component]
fn GeneralSection() -> impl IntoView {
    let ed = expect_context::<Editor>();
    let plan = ed.plan;
    let other = slice(move || plan.with(|p| p.status == PlanStatus::Other));
    let date = |get: fn(&crate::model::GeneralInfo) -> Option<chrono::NaiveDate>| {
        slice(move || plan.with(|p| get(&p.general)))
    };
    view! {
        <TextField
            path=FieldPath::Plan(Field::ClientName)
            value=ed.text(|p| &p.general.client_name)
            on_input=ed.set_text(|p| &mut p.general.client_name)
        />
        <DateField
            path=FieldPath::Plan(Field::DateOfBirth)
            value=date(|g| g.date_of_birth)
            on_change=move |d| plan.update(|p| p.general.date_of_birth = d)
        />
        <TextField
            path=FieldPath::Plan(Field::PlaceOfService)
            value=ed.text(|p| &p.general.place_of_service)
            on_input=ed.set_text(|p| &mut p.general.place_of_service)
        />
        <TextField
            path=FieldPath::Plan(Field::KeyWorker)
            value=ed.text(|p| &p.general.key_worker)
            on_input=ed.set_text(|p| &mut p.general.key_worker)
        />
        <div class="row">
            <DateField
                path=FieldPath::Plan(Field::DurationFrom)
                value=date(|g| g.duration_from)
                on_change=move |d| plan.update(|p| p.general.duration_from = d)
            />
            <DateField
                path=FieldPath::Plan(Field::DurationUntil)
                value=date(|g| g.duration_until)
                on_change=move |d| plan.update(|p| p.general.duration_until = d)
            />
        </div>
        <div class="row">
            {status_select(ed)}
            <DateField
                path=FieldPath::Plan(Field::CreatedOn)
                value=slice(move || plan.with(|p| Some(p.created_on)))
                on_change={
                    move |d: Option<chrono::NaiveDate>| {
                        if let Some(d) = d {
                            plan.update(|p| p.created_on = d)
                        }
                    }
                }
            />
        </div>
        <Show when=move || other.get()>
            <TextField
                path=FieldPath::Plan(Field::StatusNote)
                value=ed.text(|p| &p.status_note)
                on_input=ed.set_text(|p| &mut p.status_note)
            />
        </Show>
        {enum_select(ed, Field::Language, &Lang::ALL, lang_name, |p| p.language, |p, v| p.language = v)}
    }
}

#[component]
fn SituationSection() -> impl IntoView {
    let ed = expect_context::<Editor>();
    let text = |field: Field,
                get: fn(&crate::model::Plan) -> &String,
                put: fn(&mut crate::model::Plan) -> &mut String| {
        view! { <TextField path=FieldPath::Plan(field) long=true value=ed.text(get) on_input=ed.set_text(put) /> }
    };
    view! {
        {text(Field::WhyTheyCome, |p| &p.situation.why_they_come, |p| &mut p.situation.why_they_come)}
        {text(Field::Needs, |p| &p.situation.needs, |p| &mut p.situation.needs)}
        {text(Field::Wishes, |p| &p.situation.wishes, |p| &mut p.situation.wishes)}
        {text(Field::Dreams, |p| &p.situation.dreams, |p| &mut p.situation.dreams)}
        {text(Field::Abilities, |p| &p.situation.abilities, |p| &mut p.situation.abilities)}
        {text(Field::Possibilities, |p| &p.situation.possibilities, |p| &mut p.situation.possibilities)}
        {text(Field::Experience, |p| &p.situation.experience, |p| &mut p.situation.experience)}
    }
}

/// The child form's record of the child's and the parents' views and of consent.
#[component]
fn VoiceSection() -> impl IntoView {
    let ed = expect_context::<Editor>();
    let plan = ed.plan;
    let text = |field: Field,
                long: bool,
                get: fn(&crate::model::Plan) -> &String,
                put: fn(&mut crate::model::Plan) -> &mut String| {
        view! { <TextField path=FieldPath::Plan(field) long=long value=ed.text(get) on_input=ed.set_text(put) /> }
    };
    view! {
        {text(Field::ChildView, true, |p| &p.child_voice.child_view, |p| &mut p.child_voice.child_view)}
        {text(Field::ParentsView, true, |p| &p.child_voice.parents_view, |p| &mut p.child_voice.parents_view)}
        {text(Field::HowInformed, true, |p| &p.child_voice.how_informed, |p| &mut p.child_voice.how_informed)}
        <div class="row">
            {text(Field::ConsentBy, false, |p| &p.child_voice.consent_by, |p| &mut p.child_voice.consent_by)}
            <DateField
                path=FieldPath::Plan(Field::ConsentOn)
                value=slice(move || plan.with(|p| p.child_voice.consent_on))
                on_change=move |d| plan.update(|p| p.child_voice.consent_on = d)
            />
        </div>
        {text(Field::Disagreement, true, |p| &p.child_voice.disagreement, |p| &mut p.child_voice.disagreement)}
    }
}

#[component]
fn EvaluationSection() -> impl IntoView {
    let ed = expect_context::<Editor>();
    view! {
        <TextField
            path=FieldPath::Plan(Field::Evaluation)
            long=true
            value=ed.text(|p| &p.evaluation)
            on_input=ed.set_text(|p| &mut p.evaluation)
        />
        {status_select(ed)}
    }
}
