//! The plan as its paper form: the template's `PrintForm` says which parts come in which
//! order, with the form's own headings, labels and table columns. Everything inside the
//! document speaks the plan's language (it is what gets printed and signed); only the "edit"
//! links, which never print, speak the UI's.
//!
//! The document is static: it is built again whenever the plan or the UI language changes,
//! never updated in place. So it is made with plain DOM calls (`Dom`) rather than typed
//! `view!` trees, whose generic code for a page this size costs several KiB of gzip in the
//! wasm. All user text goes in through `set_text_content`, as text only.

use web_sys::Element;

use crate::i18n::Locale;
use crate::model::evaluation::occurrences;
use crate::model::lifecycle;
use crate::model::{
    Field, Horizon, Participant, Plan, PlanForm, PlanStatus, PrintPart, SectionId, Step,
    StepStatus, Template,
};
use crate::ui::labels;
use crate::ui::route::Route;
use leptos_i18n::td_string;

#[path = "reviews.rs"]
mod reviews;

/// Makes elements and appends them to their parent (also used by other static lists, e.g.
/// the Today screen's).
pub(in crate::ui) struct Dom(web_sys::Document);

impl Dom {
    /// The page's document, and the element `id` in it.
    pub(in crate::ui) fn host(id: &str) -> Option<(Dom, Element)> {
        let doc = web_sys::window()?.document()?;
        let host = doc.get_element_by_id(id)?;
        Some((Dom(doc), host))
    }

    /// A new `<tag class=…>` inside `parent` (or detached with `None`).
    pub(in crate::ui) fn el(&self, parent: Option<&Element>, tag: &str, class: &str) -> Element {
        let e = self.0.create_element(tag).expect("a valid tag name");
        if !class.is_empty() {
            e.set_class_name(class);
        }
        if let Some(p) = parent {
            let _ = p.append_child(&e);
        }
        e
    }

    /// A new SVG element inside `parent` (charts: made with `createElementNS`, never markup).
    pub(in crate::ui) fn svg(
        &self,
        parent: &Element,
        tag: &str,
        attrs: &[(&str, &str)],
    ) -> Element {
        let e = self
            .0
            .create_element_ns(Some("http://www.w3.org/2000/svg"), tag)
            .expect("a valid SVG tag name");
        set(&e, attrs);
        let _ = parent.append_child(&e);
        e
    }

    /// A new element holding `text`, as text.
    pub(in crate::ui) fn text(
        &self,
        parent: &Element,
        tag: &str,
        class: &str,
        text: &str,
    ) -> Element {
        let e = self.el(Some(parent), tag, class);
        e.set_text_content(Some(text));
        e
    }
}

pub(in crate::ui) fn set(e: &Element, attrs: &[(&str, &str)]) {
    for (name, value) in attrs {
        let _ = e.set_attribute(name, value);
    }
}

/// Where the editor changes what a part shows (reviews: each has its own link).
fn section_of(part: PrintPart) -> Option<SectionId> {
    Some(match part {
        PrintPart::General => SectionId::General,
        PrintPart::Situation => SectionId::Situation,
        PrintPart::Goals | PrintPart::GoalsWithSteps | PrintPart::StepTables => SectionId::Goals,
        PrintPart::Evaluation => SectionId::Evaluation,
        PrintPart::Participants | PrintPart::Signatures => SectionId::Participants,
        PrintPart::ChildVoice => SectionId::Voice,
        PrintPart::Reviews => return None,
    })
}

fn part_code(part: PrintPart) -> &'static str {
    match part {
        PrintPart::General => "general",
        PrintPart::Situation => "situation",
        PrintPart::Goals => "goals",
        PrintPart::GoalsWithSteps => "goals-with-steps",
        PrintPart::StepTables => "step-tables",
        PrintPart::Evaluation => "evaluation",
        PrintPart::Reviews => "reviews",
        PrintPart::Participants => "participants",
        PrintPart::Signatures => "signatures",
        PrintPart::ChildVoice => "child-voice",
    }
}

/// Builds the document of `plan` into the element with id `host`, replacing what it held;
/// `ui` is the UI's locale (for the edit links only).
pub fn render(host: &str, plan: &Plan, ui: Locale) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(host) = doc.get_element_by_id(host) {
        host.replace_children_with_node_1(&build(&Dom(doc), plan, ui));
    }
}

fn build(d: &Dom, plan: &Plan, ui: Locale) -> Element {
    let t = plan.template.template();
    let l = labels::locale_of(plan.language);
    let lang = plan.language;
    let class = if t.print.landscape {
        "document landscape"
    } else {
        "document"
    };
    let article = d.el(None, "article", class);
    set(
        &article,
        &[
            ("lang", lang.code()),
            ("data-template", t.id.code()),
            ("data-testid", "plan-document"),
        ],
    );
    let header = d.el(Some(&article), "header", "");
    let h1 = d.text(&header, "h1", "", t.print.title.get(lang));
    set(
        &h1,
        &[
            ("id", "screen-title"),
            ("tabindex", "-1"),
            ("data-testid", "plan-title"),
        ],
    );
    for &(part, heading) in t.print.parts {
        let shown = match part {
            PrintPart::Evaluation => !plan.evaluation.trim().is_empty(),
            PrintPart::Reviews => !plan.reviews.is_empty() || !plan.status_log.is_empty(),
            PrintPart::Signatures => !t.print.signatures_optional || plan.signature_required,
            _ => true,
        };
        if !shown {
            continue;
        }
        let section = d.el(Some(&article), "section", "part");
        set(&section, &[("data-part", part_code(part))]);
        let title = heading.map(|h| h.get(lang));
        // The form's "Participants:" introduces the signature lines: a label, not a heading.
        let edit_in = match (part, title) {
            (PrintPart::Signatures, _) | (_, None) => {
                d.el(Some(&section), "div", "part-edit no-print")
            }
            (_, Some(h)) => d.text(&section, "h2", "", h),
        };
        if let Some(s) = section_of(part).filter(|_| !lifecycle::is_read_only(plan)) {
            let edit = d.text(&edit_in, "a", "edit-link no-print", td_string!(ui, edit));
            set(&edit, &[("href", &Route::Edit(plan.id, Some(s)).href())]);
        }
        match part {
            PrintPart::General => general(d, &section, l, t, plan),
            PrintPart::Situation => situation(d, &section, l, t, plan),
            PrintPart::Goals => goals(d, &section, l, plan, false),
            PrintPart::GoalsWithSteps => goals(d, &section, l, plan, true),
            PrintPart::StepTables => step_tables(d, &section, l, plan),
            PrintPart::Evaluation => {
                d.text(&section, "p", "text", &plan.evaluation);
            }
            PrintPart::Participants => participants(d, &section, l, &plan.participants),
            PrintPart::Reviews => reviews::part(d, &section, l, ui, plan),
            PrintPart::Signatures => signatures(d, &section, l, t, plan, title),
            PrintPart::ChildVoice => child_voice(d, &section, l, t, plan),
        }
    }
    if plan.horizon == Horizon::OneOff && t.shows(Field::Horizon) {
        d.text(&article, "p", "note", td_string!(l, one_off_note));
    }
    article
}

/// A label and its value on one line of the form.
fn item(d: &Dom, dl: &Element, label: &str, key: &str, value: &str) {
    let row = d.el(Some(dl), "div", "item");
    set(&row, &[("data-field", key)]);
    d.text(&row, "dt", "", label);
    d.text(&row, "dd", "", value);
}

/// An item of a plan field, left out when the template hides it or it is empty.
fn filled(d: &Dom, dl: &Element, l: Locale, t: &Template, f: Field, value: &str) {
    if t.shows(f) && !value.trim().is_empty() {
        item(d, dl, labels::print_field(l, t, f), f.key(), value);
    }
}

/// The general part: every field the form lists, empty ones too (the paper form has a line
/// for each), except the meeting record of a written plan.
fn general(d: &Dom, parent: &Element, l: Locale, t: &Template, plan: &Plan) {
    let g = &plan.general;
    let date = |day| labels::opt_date(l, day);
    let dl = d.el(Some(parent), "dl", "fields");
    for &f in t.print.general {
        let value = match f {
            Field::MeetingRecord if plan.form != PlanForm::Oral => continue,
            Field::MeetingRecord => plan.meeting_record.clone(),
            Field::CreatedOn => labels::date(l, plan.created_on),
            Field::ClientName => g.client_name.clone(),
            Field::DateOfBirth => date(g.date_of_birth),
            Field::PlaceOfService => g.place_of_service.clone(),
            Field::KeyWorker => g.key_worker.clone(),
            Field::DurationFrom => match (g.duration_from, g.duration_until) {
                (None, None) => String::new(),
                (a, b) => format!("{} – {}", date(a), date(b)),
            },
            Field::Status if plan.status == PlanStatus::Other && !plan.status_note.is_empty() => {
                format!("{}: {}", labels::status(l, plan.status), plan.status_note)
            }
            Field::Status => labels::status(l, plan.status).into(),
            Field::PlanForm => labels::plan_form(l, plan.form).into(),
            Field::Horizon => labels::horizon(l, plan.horizon).into(),
            _ => String::new(),
        };
        item(d, &dl, labels::print_field(l, t, f), f.key(), &value);
    }
}

/// The child's view and the parents' view as separate items, then how the child was
/// informed and the consent; every line is there, filled or blank, as on a paper form.
fn child_voice(d: &Dom, parent: &Element, l: Locale, t: &Template, plan: &Plan) {
    let c = &plan.child_voice;
    let dl = d.el(Some(parent), "dl", "fields");
    for (f, value) in [
        (Field::ChildView, c.child_view.clone()),
        (Field::ParentsView, c.parents_view.clone()),
        (Field::HowInformed, c.how_informed.clone()),
        (Field::ConsentBy, c.consent_by.clone()),
        (Field::ConsentOn, labels::opt_date(l, c.consent_on)),
        (Field::Disagreement, c.disagreement.clone()),
    ] {
        item(d, &dl, labels::print_field(l, t, f), f.key(), &value);
    }
}

fn situation(d: &Dom, parent: &Element, l: Locale, t: &Template, plan: &Plan) {
    let s = &plan.situation;
    let dl = d.el(Some(parent), "dl", "fields");
    for (f, value) in [
        (Field::WhyTheyCome, &s.why_they_come),
        (Field::Needs, &s.needs),
        (Field::Wishes, &s.wishes),
        (Field::Dreams, &s.dreams),
        (Field::Abilities, &s.abilities),
        (Field::Possibilities, &s.possibilities),
        (Field::Experience, &s.experience),
    ] {
        filled(d, &dl, l, t, f, value);
    }
}

/// The goals, numbered, with life area, criteria and date; with `steps`, each goal's table.
fn goals(d: &Dom, parent: &Element, l: Locale, plan: &Plan, steps: bool) {
    let (t, goals) = (plan.template.template(), &plan.goals);
    if goals.is_empty() {
        d.text(parent, "p", "muted", td_string!(l, no_goals_yet));
        return;
    }
    let lang = labels::lang_of(l);
    let ol = d.el(Some(parent), "ol", "goals");
    for g in goals {
        let li = d.el(Some(&ol), "li", "goal");
        set(&li, &[("data-testid", "view-goal")]);
        d.text(&li, "p", "goal-text", &g.text);
        let dl = d.el(Some(&li), "dl", "fields");
        let area = t.life_area(&g.life_area).map(|a| a.label.get(lang));
        filled(d, &dl, l, t, Field::GoalLifeArea, area.unwrap_or_default());
        filled(
            d,
            &dl,
            l,
            t,
            Field::GoalSuccessCriteria,
            &g.success_criteria,
        );
        let target = labels::opt_date(l, g.target_date);
        filled(d, &dl, l, t, Field::GoalTargetDate, &target);
        if steps {
            steps_table(d, &li, l, plan, &g.steps);
        }
    }
}

/// Part III of seed 002: per goal ("Цел 1: …") a table of its steps.
fn step_tables(d: &Dom, parent: &Element, l: Locale, plan: &Plan) {
    let (t, goals) = (plan.template.template(), &plan.goals);
    let goal_label = labels::field(l, t, Field::GoalText);
    for (i, g) in goals.iter().enumerate() {
        let block = d.el(Some(parent), "div", "goal-table");
        let h3 = d.text(&block, "h3", "", &format!("{goal_label} {}: ", i + 1));
        d.text(&h3, "span", "goal-text", &g.text);
        steps_table(d, &block, l, plan, &g.steps);
    }
}

/// A goal's steps as a table with the form's columns, one row per step. Without steps, one
/// empty row to write in.
fn steps_table(d: &Dom, parent: &Element, l: Locale, plan: &Plan, steps: &[Step]) {
    let t = plan.template.template();
    let today = crate::ui::browser::today();
    let lang = labels::lang_of(l);
    let cols = t.print.step_columns;
    let table = d.el(Some(parent), "table", "steps-table");
    set(&table, &[("data-columns", &cols.len().to_string())]);
    let head = d.el(Some(&d.el(Some(&table), "thead", "")), "tr", "");
    for (_, label) in cols {
        let th = d.text(&head, "th", "", label.get(lang));
        set(&th, &[("scope", "col")]);
    }
    let body = d.el(Some(&table), "tbody", "");
    let blank = steps.is_empty().then_some(None);
    for s in steps.iter().map(Some).chain(blank) {
        let tr = d.el(Some(&body), "tr", if s.is_some() { "" } else { "blank" });
        if s.is_some() {
            set(&tr, &[("data-testid", "view-step")]);
        }
        for &(f, label) in cols {
            let value = s.map(|s| cell(l, s, f)).unwrap_or_default();
            let td = d.text(&tr, "td", "", &value);
            set(
                &td,
                &[("data-label", label.get(lang)), ("data-field", f.key())],
            );
            if let Some(s) =
                s.filter(|s| f == Field::StepActivity && s.status != StepStatus::Planned)
            {
                d.text(&td, "span", "step-status", &status_words(l, s));
            }
            if let Some(count) = s
                .filter(|_| f == Field::StepDeadline)
                .and_then(|s| occurrences(plan, s, today))
            {
                let words = labels::occurrence_count(l, count);
                d.text(&td, "span", "step-occurrences", &words);
            }
        }
    }
}

/// "Done 12. 11. 2026 — with the school", in the plan's language.
fn status_words(l: Locale, s: &Step) -> String {
    let mut text = labels::step_status(l, s.status).to_string();
    if let Some(on) = s.status_on {
        text = format!("{text} {}", labels::date(l, on));
    }
    if !s.status_note.trim().is_empty() {
        text = format!("{text} — {}", s.status_note.trim());
    }
    text
}

/// What a step shows in the column of `f`; the timing column is deadline and/or frequency.
fn cell(l: Locale, s: &Step, f: Field) -> String {
    match f {
        Field::StepActivity => s.activity.clone(),
        Field::StepResponsible => s.responsible.clone(),
        Field::StepDeadline => {
            let date = labels::opt_date(l, s.deadline);
            match s.frequency.map(|f| labels::frequency(l, f)) {
                Some(freq) if !date.is_empty() => format!("{date}, {freq}"),
                Some(freq) => freq,
                None => date,
            }
        }
        Field::StepResult => s.result.clone(),
        Field::StepNetworkSupport => s.network_support.clone(),
        Field::StepRiskManagement => s.risk_management.clone(),
        Field::StepFeedback => s.feedback.clone(),
        _ => String::new(),
    }
}

/// A participant's name with what the plan records about them (absent, signed).
fn who(d: &Dom, parent: &Element, l: Locale, p: &Participant) {
    d.text(parent, "span", "name", &p.name);
    if !p.present {
        d.text(
            parent,
            "span",
            "muted",
            &format!("({})", td_string!(l, not_present)),
        );
    }
    if p.signed {
        let signed = format!(
            "✓ {} {}",
            td_string!(l, signed_on),
            labels::opt_date(l, p.signed_on)
        );
        d.text(parent, "span", "signed", &signed);
    }
}

fn participants(d: &Dom, parent: &Element, l: Locale, people: &[Participant]) {
    let ul = d.el(Some(parent), "ul", "participants");
    for p in people {
        let li = d.el(Some(&ul), "li", "");
        set(&li, &[("data-testid", "view-participant")]);
        d.text(&li, "span", "role", labels::role(l, p.role));
        who(d, &li, l, p);
    }
}

/// The date and one line to sign per role the form names (the names of the plan's people in
/// that role on it, or empty for writing), then the others when the form lists everyone.
fn signatures(
    d: &Dom,
    parent: &Element,
    l: Locale,
    t: &Template,
    plan: &Plan,
    heading: Option<&str>,
) {
    let lang = plan.language;
    let form = &t.print;
    let date = d.el(Some(parent), "p", "date-line");
    set(&date, &[("data-testid", "date-line")]);
    d.text(
        &date,
        "span",
        "sig-label",
        &format!("{}:", td_string!(l, date_label)),
    );
    d.text(
        &date,
        "span",
        "",
        &format!(" {}", labels::date(l, plan.created_on)),
    );
    if let Some(h) = heading {
        d.text(parent, "p", "sig-heading", &format!("{h}:"));
    }
    let ul = d.el(Some(parent), "ul", "signatures");
    let line = |label: &str, p: Option<&Participant>| {
        let li = d.el(Some(&ul), "li", "signature");
        set(&li, &[("data-testid", "signature")]);
        d.text(&li, "span", "sig-label", &format!("{label}:"));
        if let Some(p) = p {
            who(d, &li, l, p);
        }
        let rule = d.el(Some(&li), "span", "sig-line");
        set(&rule, &[("aria-hidden", "true")]);
    };
    for &(role, label) in form.signature_lines {
        let mut none = true;
        for p in plan.participants.iter().filter(|p| p.role == role) {
            line(label.get(lang), Some(p));
            none = false;
        }
        if none {
            line(label.get(lang), None);
        }
    }
    if form.sign_others {
        for p in &plan.participants {
            if !form.signature_lines.iter().any(|(r, _)| *r == p.role) {
                line(labels::role(l, p.role), Some(p));
            }
        }
    }
}
