//! Words for the model's enums, fields and errors, in any locale: the UI uses its own language,
//! the plan view and print use the plan's.

use crate::i18n::Locale;
use crate::model::*;
use leptos_i18n::td_string;

pub fn locale_of(lang: Lang) -> Locale {
    match lang {
        Lang::Cs => Locale::cs,
        Lang::Bg => Locale::bg,
        Lang::En => Locale::en,
    }
}

pub fn lang_of(locale: Locale) -> Lang {
    match locale {
        Locale::cs => Lang::Cs,
        Locale::bg => Lang::Bg,
        Locale::en => Lang::En,
    }
}

pub fn status(l: Locale, s: PlanStatus) -> &'static str {
    match s {
        PlanStatus::Draft => td_string!(l, status_draft),
        PlanStatus::InProgress => td_string!(l, status_in_progress),
        PlanStatus::Completed => td_string!(l, status_completed),
        PlanStatus::Other => td_string!(l, status_other),
    }
}

pub fn step_status(l: Locale, s: StepStatus) -> &'static str {
    match s {
        StepStatus::Planned => td_string!(l, step_status_planned),
        StepStatus::InProgress => td_string!(l, step_status_in_progress),
        StepStatus::Done => td_string!(l, step_status_done),
        StepStatus::NotDone => td_string!(l, step_status_not_done),
    }
}

pub fn review_kind(l: Locale, k: ReviewKind) -> &'static str {
    match k {
        ReviewKind::EndOfMeeting => td_string!(l, review_kind_end_of_meeting),
        ReviewKind::Periodic => td_string!(l, review_kind_periodic),
        ReviewKind::Final => td_string!(l, review_kind_final),
    }
}

/// "Took place 3 of 8 times so far · 12 in all".
pub fn occurrence_count(l: Locale, c: evaluation::OccurrenceCount) -> String {
    let mut text = td_string!(l, occurrence_so_far)
        .replace("{done}", &c.done.to_string())
        .replace("{expected}", &c.expected_so_far.to_string());
    if let Some(total) = c.expected_total {
        text.push_str(" · ");
        text.push_str(&td_string!(l, occurrence_in_all).replace("{total}", &total.to_string()));
    }
    text
}

/// A goal's progress on the four-point scale.
pub fn progress(l: Locale, p: Progress) -> &'static str {
    match p {
        Progress::NotStarted => td_string!(l, progress_not_started),
        Progress::SomeProgress => td_string!(l, progress_some),
        Progress::Mostly => td_string!(l, progress_mostly),
        Progress::Reached => td_string!(l, progress_reached),
    }
}

pub fn role(l: Locale, r: Role) -> &'static str {
    match r {
        Role::Client => td_string!(l, role_client),
        Role::KeyCounsellor => td_string!(l, role_key_counsellor),
        Role::Child => td_string!(l, role_child),
        Role::ParentOrLegalRepresentative => td_string!(l, role_parent),
        Role::TeamSocialWorker => td_string!(l, role_team_social_worker),
        Role::ChildProtectionSocialWorker => td_string!(l, role_child_protection_worker),
        Role::FamilyMember => td_string!(l, role_family_member),
        Role::NetworkMember => td_string!(l, role_network_member),
        Role::Other => td_string!(l, role_other),
    }
}

pub fn plan_form(l: Locale, f: PlanForm) -> &'static str {
    match f {
        PlanForm::Written => td_string!(l, form_written),
        PlanForm::Oral => td_string!(l, form_oral),
    }
}

pub fn horizon(l: Locale, h: Horizon) -> &'static str {
    match h {
        Horizon::OneOff => td_string!(l, horizon_one_off),
        Horizon::LongTerm => td_string!(l, horizon_long_term),
    }
}

pub fn frequency(l: Locale, f: Frequency) -> String {
    match f {
        Frequency::Once => td_string!(l, freq_once).to_string(),
        Frequency::PerWeek { times } => format!("{times}× {}", td_string!(l, freq_per_week)),
        Frequency::PerMonth { times } => format!("{times}× {}", td_string!(l, freq_per_month)),
    }
}

pub fn section(l: Locale, s: SectionId) -> &'static str {
    match s {
        SectionId::Form => td_string!(l, section_form),
        SectionId::General => td_string!(l, section_general),
        SectionId::Situation => td_string!(l, section_situation),
        SectionId::Goals => td_string!(l, section_goals),
        SectionId::Participants => td_string!(l, section_participants),
        SectionId::Voice => td_string!(l, section_voice),
        SectionId::Evaluation => td_string!(l, section_evaluation),
    }
}

pub fn section_intro(l: Locale, s: SectionId) -> &'static str {
    match s {
        SectionId::Form => td_string!(l, section_form_intro),
        SectionId::General => td_string!(l, section_general_intro),
        SectionId::Situation => td_string!(l, section_situation_intro),
        SectionId::Goals => td_string!(l, section_goals_intro),
        SectionId::Participants => td_string!(l, section_participants_intro),
        SectionId::Voice => td_string!(l, section_voice_intro),
        SectionId::Evaluation => td_string!(l, section_evaluation_intro),
    }
}

/// The template's own wording where it has one, else the generic label.
pub fn field(l: Locale, t: &Template, f: Field) -> &'static str {
    if let Some(tr) = t.label_override(f) {
        return tr.get(lang_of(l));
    }
    use Field::*;
    match f {
        CreatedOn => td_string!(l, field_created_on),
        Language => td_string!(l, field_language),
        Status => td_string!(l, field_status),
        StatusNote => td_string!(l, field_status_note),
        PlanForm => td_string!(l, field_form),
        MeetingRecord => td_string!(l, field_meeting_record),
        Horizon => td_string!(l, field_horizon),
        SignatureRequired => td_string!(l, field_signature_required),
        ClientName => td_string!(l, field_client_name),
        DateOfBirth => td_string!(l, field_date_of_birth),
        PlaceOfService => td_string!(l, field_place_of_service),
        KeyWorker => td_string!(l, field_key_worker),
        DurationFrom => td_string!(l, field_duration_from),
        DurationUntil => td_string!(l, field_duration_until),
        WhyTheyCome => td_string!(l, field_why_they_come),
        Needs => td_string!(l, field_needs),
        Wishes => td_string!(l, field_wishes),
        Dreams => td_string!(l, field_dreams),
        Abilities => td_string!(l, field_abilities),
        Possibilities => td_string!(l, field_possibilities),
        Experience => td_string!(l, field_experience),
        GoalLifeArea => td_string!(l, field_life_area),
        GoalText => td_string!(l, field_goal_text),
        GoalSuccessCriteria => td_string!(l, field_success_criteria),
        GoalTargetDate => td_string!(l, field_target_date),
        StepActivity => td_string!(l, field_activity),
        StepResponsible => td_string!(l, field_responsible),
        StepDeadline => td_string!(l, field_deadline),
        StepFrequency => td_string!(l, field_frequency),
        StepResult => td_string!(l, field_result),
        StepNetworkSupport => td_string!(l, field_network_support),
        StepRiskManagement => td_string!(l, field_risk_management),
        StepFeedback => td_string!(l, field_feedback),
        StepStatus => td_string!(l, field_step_status),
        StepStatusOn => td_string!(l, field_step_status_on),
        StepStatusNote => td_string!(l, field_step_status_note),
        StepOccurrences => td_string!(l, field_step_occurrences),
        ParticipantName => td_string!(l, field_participant_name),
        ParticipantRole => td_string!(l, field_participant_role),
        ParticipantPresent => td_string!(l, field_participant_present),
        ParticipantSigned => td_string!(l, field_participant_signed),
        ParticipantSignedOn => td_string!(l, field_participant_signed_on),
        ChildView => td_string!(l, field_child_view),
        ParentsView => td_string!(l, field_parents_view),
        HowInformed => td_string!(l, field_how_informed),
        ConsentBy => td_string!(l, field_consent_by),
        ConsentOn => td_string!(l, field_consent_on),
        Disagreement => td_string!(l, field_disagreement),
        Evaluation => td_string!(l, field_evaluation),
    }
}

/// A field's label on the printed form: the form's own wording where it has one, then the
/// template's, then the generic label (`DurationFrom` stands for the whole duration).
pub fn print_field(l: Locale, t: &Template, f: Field) -> &'static str {
    match t.print.label(f) {
        Some(tr) => tr.get(lang_of(l)),
        None if f == Field::DurationFrom => td_string!(l, plan_duration),
        None => field(l, t, f),
    }
}

/// A hint shown under a field, where one helps.
/// The help under a field, in the words of the form it belongs to (the child form speaks of
/// the child, parents and social workers, not of clients and counsellors).
pub fn help(l: Locale, t: &Template, f: Field) -> Option<&'static str> {
    use Field::*;
    let child = t.id == crate::model::TemplateId::BgChildShortTerm;
    Some(match f {
        ClientName if child => td_string!(l, help_client_name_child),
        GoalText if child => td_string!(l, help_goal_text_child),
        StepResponsible if child => td_string!(l, help_responsible_child),
        ClientName => td_string!(l, help_client_name),
        MeetingRecord => td_string!(l, help_meeting_record),
        WhyTheyCome => td_string!(l, help_why_they_come),
        Abilities => td_string!(l, help_abilities),
        GoalText => td_string!(l, help_goal_text),
        GoalSuccessCriteria => td_string!(l, help_success_criteria),
        StepResponsible => td_string!(l, help_responsible),
        StepRiskManagement => td_string!(l, help_risk_management),
        Evaluation => td_string!(l, help_evaluation),
        ChildView => td_string!(l, help_child_view),
        ConsentBy => td_string!(l, help_consent_by),
        _ => return None,
    })
}

pub fn error(l: Locale, e: ErrorKind) -> String {
    match e {
        ErrorKind::Required => td_string!(l, err_required).into(),
        ErrorKind::TooLong { max } => format!("{} ({max})", td_string!(l, err_too_long)),
        ErrorKind::EndBeforeStart => td_string!(l, err_end_before_start).into(),
        ErrorKind::DateInFuture => td_string!(l, err_date_in_future).into(),
        ErrorKind::UnknownLifeArea => td_string!(l, err_unknown_life_area).into(),
        ErrorKind::NeedsTiming => td_string!(l, err_needs_timing).into(),
        ErrorKind::FrequencyOutOfRange { max } => {
            format!("{} (1–{max})", td_string!(l, err_frequency_range))
        }
        ErrorKind::NoGoals => td_string!(l, err_no_goals).into(),
        ErrorKind::SignedWithoutName => td_string!(l, err_signed_without_name).into(),
    }
}

/// A date the way people write it in that language.
pub fn date(l: Locale, d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    // Written out by hand: chrono's strftime machinery costs the wasm ~10 KB.
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (y, m, day) = (d.year(), d.month(), d.day());
    match l {
        Locale::cs => format!("{day}. {m}. {y}"),
        Locale::bg => format!("{day:02}.{m:02}.{y} г."),
        Locale::en => format!("{day} {} {y}", MONTHS[m as usize - 1]),
    }
}

pub fn opt_date(l: Locale, d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| date(l, d)).unwrap_or_default()
}

pub fn incoming(l: Locale, k: crate::files::Incoming) -> &'static str {
    use crate::files::Incoming::*;
    match k {
        New => td_string!(l, incoming_new),
        Identical => td_string!(l, incoming_identical),
        Newer => td_string!(l, incoming_newer),
        Older => td_string!(l, incoming_older),
        Conflict => td_string!(l, incoming_conflict),
    }
}

pub fn incoming_code(k: crate::files::Incoming) -> &'static str {
    use crate::files::Incoming::*;
    match k {
        New => "new",
        Identical => "identical",
        Newer => "newer",
        Older => "older",
        Conflict => "conflict",
    }
}

pub fn choice(l: Locale, c: crate::files::Choice) -> &'static str {
    use crate::files::Choice::*;
    match c {
        KeepMine => td_string!(l, choice_keep_mine),
        TakeTheirs => td_string!(l, choice_take_theirs),
        KeepBoth => td_string!(l, choice_keep_both),
    }
}

pub fn choice_code(c: crate::files::Choice) -> &'static str {
    use crate::files::Choice::*;
    match c {
        KeepMine => "keep_mine",
        TakeTheirs => "take_theirs",
        KeepBoth => "keep_both",
    }
}

/// Why a file could not be imported, in words a worker can act on.
const MIB: usize = 1024 * 1024;

/// The field or value a parser message names between backticks ("missing field `goals`").
fn shape_detail_name(detail: &str) -> Option<&str> {
    let (_, rest) = detail.split_once('`')?;
    let (name, _) = rest.split_once('`')?;
    (!name.is_empty()).then_some(name)
}

pub fn import_error(l: Locale, e: &crate::files::ImportError) -> String {
    use crate::files::ImportError::*;
    match e {
        Empty => td_string!(l, ierr_empty).into(),
        // In binary megabytes, the way file managers show sizes: the 32 MiB limit reads "32 MB".
        TooLarge { bytes, limit } => format!(
            "{} ({} MB > {} MB)",
            td_string!(l, ierr_too_large),
            bytes.div_ceil(MIB),
            limit / MIB
        ),
        NotUtf8 => td_string!(l, ierr_not_utf8).into(),
        TooDeep { .. } => td_string!(l, ierr_too_deep).into(),
        NotJson { line, column } => format!("{} ({line}:{column})", td_string!(l, ierr_not_json)),
        NotOporaFile => td_string!(l, ierr_not_opora).into(),
        Encrypted => td_string!(l, ierr_encrypted).into(),
        NewerVersion { found, supported } => {
            format!(
                "{} ({found} > {supported})",
                td_string!(l, ierr_newer_version)
            )
        }
        BadVersion => td_string!(l, ierr_bad_version).into(),
        WrongShape { detail } => match (l, shape_detail_name(detail)) {
            // The parser speaks English: other languages get only the name it points at.
            (Locale::en, _) => format!("{} ({detail})", td_string!(l, ierr_wrong_shape)),
            (_, Some(name)) => format!("{} ({name})", td_string!(l, ierr_wrong_shape)),
            (_, None) => td_string!(l, ierr_wrong_shape).into(),
        },
        CountMismatch { declared, found } => {
            format!("{} ({declared} ≠ {found})", td_string!(l, ierr_count))
        }
        TooManyPlans { found, limit } => {
            format!("{} ({found} > {limit})", td_string!(l, ierr_too_many))
        }
        DuplicateId(id) => format!("{} ({id})", td_string!(l, ierr_duplicate)),
    }
}
