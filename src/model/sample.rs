//! Realistic plans made up from a seed: for measuring capacity and speed (`cargo xtask bench`)
//! and for tests that need a caseload. Both forms, 2–5 goals of 2–6 steps with every column
//! filled, participants, situation texts in Czech, Bulgarian or English. Deterministic: the
//! same seed gives the same plans.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use uuid::Uuid;

use super::plan::*;
use super::revision::{rev_id, Revisions};
use super::template::TemplateId;
use super::Lang;

/// A small deterministic generator (splitmix64): no dependency, same output everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() as u64 - 1) as usize]
    }

    fn uuid(&mut self) -> Uuid {
        uuid::Builder::from_random_bytes(
            ((self.next_u64() as u128) << 64 | self.next_u64() as u128).to_le_bytes(),
        )
        .into_uuid()
    }
}

struct Words {
    first: &'static [&'static str],
    last: &'static [&'static str],
    places: &'static [&'static str],
    sentences: &'static [&'static str],
    roles: &'static [&'static str],
}

const CS: Words = Words {
    first: &["Jana", "Petr", "Tereza", "Martin", "Lucie", "Tomáš", "Eliška", "Jiří", "Kateřina", "Ondřej"],
    last: &["Nováková", "Dvořák", "Černá", "Procházka", "Kučerová", "Veselý", "Horáková", "Marek", "Pokorná", "Růžička"],
    places: &["Poradna Brno, Cejl 12", "Terénní práce, Ostrava-Jih", "Poradna Praha 5, Štefánikova 8", "Kontaktní centrum Olomouc"],
    sentences: &[
        "Klientka přichází kvůli dluhům, které se za poslední rok výrazně zvýšily, a bojí se exekuce.",
        "Chce si najít stálou práci na zkrácený úvazek, aby mohla vyzvedávat děti ze školy.",
        "S pracovníkem si sepíše přehled všech věřitelů a měsíčních splátek do příští schůzky.",
        "Pravidelně dochází na schůzky, je spolehlivá a umí si říct o pomoc, když něčemu nerozumí.",
        "Rodina jí pomáhá s hlídáním dětí, sestra nabídla krátkodobou finanční výpůjčku bez úroku.",
        "Hrozí, že přestane chodit na úřad práce; domluvili jsme se, že jí pracovník den předem připomene termín.",
        "Podá žádost o příspěvek na bydlení a donese potvrzení o příjmech za poslední čtvrtletí.",
        "Zpětná vazba: klientka oceňuje, že ví, co ji čeká, a cítí se méně pod tlakem než na začátku.",
        "Dříve už jednou splátkový kalendář dodržela, to je zkušenost, na kterou můžeme navázat.",
        "Sní o tom, že se s dětmi přestěhuje do menšího bytu blíž k babičce a bude mít klid.",
        "Dluhová poradna pomůže s návrhem na oddlužení, pokud se nepodaří dohodnout splátky.",
        "Pokud se situace zhorší, kontaktuje klíčového pracovníka telefonicky i mimo domluvené schůzky.",
    ],
    roles: &["klientka", "klíčový pracovník", "sestra klientky", "dluhová poradna", "sociální pracovnice OSPOD"],
};

const BG: Words = Words {
    first: &["Мария", "Иван", "Елена", "Георги", "Десислава", "Петър", "Надежда", "Николай", "Виктория", "Стефан"],
    last: &["Иванова", "Петров", "Георгиева", "Димитров", "Стоянова", "Николов", "Тодорова", "Христов", "Василева", "Ангелов"],
    places: &["ЦОП Пловдив, ул. Марица 14", "Дирекция СП Варна", "Комплекс за социални услуги, София", "ЦОП Стара Загора"],
    sentences: &[
        "Детето отсъства често от училище през последния срок и има затруднения с домашните работи.",
        "Майката желае да подобри отношенията си с детето и да установи ясен дневен режим у дома.",
        "Социалният работник ще проведе две консултации седмично с детето и една среща с родителя.",
        "Детето има добри умения в рисуването и спорта, които могат да бъдат използвани като мотивация.",
        "Класният ръководител и училищният психолог ще подкрепят детето при подготовката за изпитите.",
        "Рискът от отпадане от училище се управлява чрез ежеседмична връзка с класния ръководител.",
        "Резултат: детето посещава редовно учебните занятия и подобрява оценките си по математика.",
        "Обратна връзка: детето споделя, че се чувства по-спокойно и знае към кого да се обърне.",
        "Бабата помага с грижите за детето следобед, когато майката е на работа на втора смяна.",
        "Семейството е в затруднено материално положение и има нужда от подкрепа за учебни пособия.",
        "При влошаване на ситуацията отделът за закрила на детето ще бъде уведомен незабавно.",
        "Детето мечтае да тренира футбол в местния клуб и да има повече приятели в квартала.",
    ],
    roles: &["социален работник от екипа", "родител", "класен ръководител", "училищен психолог", "социален работник ОЗД"],
};

const EN: Words = Words {
    first: &["Anna", "James", "Sophie", "Daniel", "Emily", "Michael", "Olivia", "Thomas", "Grace", "Samuel"],
    last: &["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Davies", "Evans", "Thomas", "Roberts"],
    places: &["Counselling centre, 12 High Street", "Outreach, North district", "Family support office, Mill Road"],
    sentences: &[
        "She comes because rent arrears have grown over the last year and a notice of eviction arrived.",
        "He wants to find a part-time job that fits the school run and keeps the family afloat.",
        "Together with the key worker she will list every creditor and monthly payment before next time.",
        "Attends every meeting, is reliable and asks for help when something is unclear.",
        "Her sister looks after the children twice a week and offered a small loan without interest.",
        "Risk: missing the job centre appointment; the key worker sends a reminder the day before.",
        "Result: the housing benefit application is submitted with the income statements attached.",
        "Feedback: the client says she now knows what comes next and feels less pressure than before.",
        "Has kept to a repayment plan once before, an experience we can build on.",
        "Dreams of moving with the children to a smaller flat closer to their grandmother.",
    ],
    roles: &["client", "key worker", "client's sister", "debt advice service", "school nurse"],
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Cs => &CS,
        Lang::Bg => &BG,
        Lang::En => &EN,
    }
}

/// Up to `n` made-up sentences of 6–16 words drawn from the language's sentences. Random
/// words, not repeated sentences: repeated sentences would compress far better than what
/// people write, and the storage encoding is measured on these plans.
fn text(rng: &mut Rng, w: &Words, n: u64) -> String {
    let n = rng.range(1, n);
    let mut out = String::new();
    for _ in 0..n {
        let len = rng.range(8, 20);
        for i in 0..len {
            let sentence = rng.pick(w.sentences);
            let words: Vec<&str> = sentence.split(' ').collect();
            let word = rng
                .pick(&words)
                .trim_matches(|c: char| !c.is_alphanumeric());
            if !out.is_empty() {
                out.push(' ');
            }
            if i == 0 {
                let mut chars = word.chars();
                out.extend(chars.next().into_iter().flat_map(char::to_uppercase));
                out.push_str(chars.as_str());
            } else {
                out.push_str(&word.to_lowercase());
            }
        }
        out.push('.');
    }
    out
}

fn date(rng: &mut Rng, from: NaiveDate, days: u64) -> NaiveDate {
    from + Duration::days(rng.range(0, days) as i64)
}

/// One realistic plan, saved `saves` times (its revision history), last saved at `now`.
pub fn realistic_plan(rng: &mut Rng, now: DateTime<Utc>) -> StoredPlan {
    let lang = *rng.pick(&[Lang::Cs, Lang::Bg, Lang::En, Lang::Cs, Lang::Bg]);
    let template = match lang {
        Lang::Bg => TemplateId::BgChildShortTerm,
        Lang::Cs => TemplateId::CzCounselling,
        Lang::En => *rng.pick(&TemplateId::ALL),
    };
    let w = words(lang);
    let t = template.template();
    let created = now.date_naive() - Duration::days(rng.range(0, 400) as i64);
    let name = format!("{} {}", rng.pick(w.first), rng.pick(w.last));
    let roles = t.default_participants;
    let mut participants: Vec<Participant> = roles
        .iter()
        .map(|&role| {
            let mut p = Participant::new(rng.uuid(), role);
            p.name = format!("{} {}", rng.pick(w.first), rng.pick(w.last));
            p.signed = rng.range(0, 1) == 1;
            p.signed_on = p.signed.then_some(created);
            p
        })
        .collect();
    while participants.len() < 4 {
        let mut p = Participant::new(rng.uuid(), Role::NetworkMember);
        p.name = format!("{} {}", rng.pick(w.first), rng.pick(w.last));
        participants.push(p);
    }
    let goals = (0..rng.range(2, 5))
        .map(|_| {
            let mut g = Goal::new(rng.uuid());
            g.life_area = rng.pick(t.life_areas).key.to_string();
            g.text = text(rng, w, 2);
            g.success_criteria = text(rng, w, 2);
            g.target_date = Some(date(rng, created, 180));
            g.steps = (0..rng.range(2, 6))
                .map(|_| {
                    let mut s = Step::new(rng.uuid());
                    s.activity = text(rng, w, 2);
                    s.responsible = rng.pick(w.roles).to_string();
                    s.deadline = Some(date(rng, created, 120));
                    s.frequency = Some(*rng.pick(&[
                        Frequency::Once,
                        Frequency::PerWeek { times: 2 },
                        Frequency::PerMonth { times: 1 },
                    ]));
                    s.result = text(rng, w, 2);
                    s.network_support = text(rng, w, 1);
                    s.risk_management = text(rng, w, 2);
                    s.feedback = text(rng, w, 1);
                    s.status = *rng.pick(&StepStatus::ALL);
                    s
                })
                .collect();
            g
        })
        .collect();
    let plan = Plan {
        id: rng.uuid(),
        template,
        language: lang,
        created_on: created,
        status: *rng.pick(&[
            PlanStatus::Draft,
            PlanStatus::InProgress,
            PlanStatus::Completed,
        ]),
        status_note: String::new(),
        form: PlanForm::Written,
        meeting_record: String::new(),
        horizon: *rng.pick(&[Horizon::OneOff, Horizon::LongTerm]),
        signature_required: t.signature_required,
        general: GeneralInfo {
            client_name: name,
            date_of_birth: Some(date(
                rng,
                NaiveDate::from_ymd_opt(1960, 1, 1).unwrap(),
                18_000,
            )),
            place_of_service: rng.pick(w.places).to_string(),
            key_worker: format!("{} {}", rng.pick(w.first), rng.pick(w.last)),
            duration_from: Some(created),
            duration_until: Some(created + Duration::days(90)),
        },
        participants,
        situation: Situation {
            why_they_come: text(rng, w, 3),
            needs: text(rng, w, 3),
            wishes: text(rng, w, 2),
            dreams: text(rng, w, 2),
            abilities: text(rng, w, 2),
            possibilities: text(rng, w, 2),
            experience: text(rng, w, 2),
        },
        goals,
        evaluation: text(rng, w, 3),
        copied_from: None,
        reviews: Vec::new(),
        status_log: Vec::new(),
        child_voice: ChildVoice::default(),
    };
    let mut plan = plan;
    plan.reviews = reviews(rng, w, &plan);
    let mut revisions = Revisions::default();
    for _ in 0..rng.range(3, 30) {
        revisions = revisions.next(rev_id(rng.next_u64() as u32));
    }
    StoredPlan {
        revisions,
        updated_at: now - Duration::minutes(rng.range(0, 60 * 24 * 300) as i64),
        plan,
    }
}

/// A long-term plan's periodic reviews (none to three, a month or two apart), each rating
/// every goal; a one-off plan's end-of-meeting review.
fn reviews(rng: &mut Rng, w: &Words, plan: &Plan) -> Vec<Review> {
    let (kind, count) = match plan.horizon {
        Horizon::OneOff => (ReviewKind::EndOfMeeting, 1),
        Horizon::LongTerm => (ReviewKind::Periodic, rng.range(0, 3)),
    };
    let mut date = plan.created_on;
    (0..count)
        .map(|_| {
            date += Duration::days(rng.range(30, 60) as i64);
            Review {
                id: rng.uuid(),
                kind,
                date,
                took_part: format!("{} {}", rng.pick(w.first), rng.pick(w.last)),
                goals: plan
                    .goals
                    .iter()
                    .map(|g| GoalReview {
                        goal: g.id,
                        progress: Some(*rng.pick(&Progress::ALL)),
                        comment: text(rng, w, 1),
                        client_view: text(rng, w, 1),
                        worker_view: text(rng, w, 1),
                    })
                    .collect(),
                next_steps: text(rng, w, 1),
                next_review: Some(date + Duration::days(90)),
            }
        })
        .collect()
}

/// `n` realistic plans from `seed`.
pub fn realistic_plans(seed: u64, n: usize, now: DateTime<Utc>) -> Vec<StoredPlan> {
    let mut rng = Rng::new(seed);
    (0..n).map(|_| realistic_plan(&mut rng, now)).collect()
}

/// `n` brief one-off plans from `seed`: one goal with one step. Used where plan count matters
/// and realistic plans would not fit (3,000 realistic plans exceed localStorage's quota).
pub fn brief_plans(seed: u64, n: usize, now: DateTime<Utc>) -> Vec<StoredPlan> {
    let mut rng = Rng::new(seed);
    (0..n)
        .map(|_| {
            let mut p = realistic_plan(&mut rng, now);
            p.plan.horizon = Horizon::OneOff;
            p.plan.situation = Situation {
                why_they_come: p.plan.situation.why_they_come.clone(),
                ..Situation::default()
            };
            p.plan.goals.truncate(1);
            for g in &mut p.plan.goals {
                g.steps.truncate(1);
            }
            p.plan.participants.truncate(2);
            p
        })
        .collect()
}
