//! Printing: a plan prints as its paper form, in the plan's language whatever the UI's. The
//! page is printed to PDF through WebDriver ("Print Page") and read back with `pdftotext
//! -layout`, so the checks see what the paper shows: headings, table columns, signature lines.

use chrono::NaiveDate;
use opora::model::{
    Frequency, Goal, Lang, Plan, PlanForm, PlanStatus, Role, Step, StepStatus, TemplateId,
};
use uuid::Uuid;

use crate::support::*;

fn day(s: &str) -> Option<NaiveDate> {
    Some(NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a date"))
}

/// Ids for the parts of plan `n`.
fn ids(n: u128) -> impl FnMut() -> Uuid {
    let mut k = n * 1000 + 500;
    move || {
        k += 1;
        Uuid::from_u128(k)
    }
}

fn goal(id: Uuid, area: &str, text: &str, steps: Vec<Step>) -> Goal {
    Goal {
        life_area: area.into(),
        text: text.into(),
        steps,
        ..Goal::new(id)
    }
}

/// A step: activity, responsible, deadline, frequency, result, network, risk, feedback.
type StepRow<'a> = (
    &'a str,
    &'a str,
    Option<NaiveDate>,
    Option<Frequency>,
    &'a str,
    &'a str,
    &'a str,
    &'a str,
);

fn step(id: Uuid, row: StepRow) -> Step {
    let (activity, responsible, deadline, frequency, result, network, risk, feedback) = row;
    Step {
        activity: activity.into(),
        responsible: responsible.into(),
        deadline,
        frequency,
        result: result.into(),
        network_support: network.into(),
        risk_management: risk.into(),
        feedback: feedback.into(),
        ..Step::new(id)
    }
}

fn name(plan: &mut Plan, role: Role, who: &str) {
    for p in plan.participants.iter_mut().filter(|p| p.role == role) {
        p.name = who.into();
    }
}

/// Seed 002, invented people: two goals, three steps, the four signing roles.
pub fn bulgarian_child_plan(n: u128) -> Plan {
    let mut id = ids(n);
    let mut p = test_plan(n, TemplateId::BgChildShortTerm, "Иван Петров");
    p.language = Lang::Bg;
    p.created_on = day("2026-11-03").unwrap();
    p.status = PlanStatus::InProgress;
    let g = &mut p.general;
    g.date_of_birth = day("2015-03-01");
    g.place_of_service = "ЦОП „Надежда“, Пловдив".into();
    g.key_worker = "Мария Иванова".into();
    g.duration_from = day("2026-11-01");
    g.duration_until = day("2027-04-30");
    let school = vec![
        step(
            id(),
            (
                "Среща с класния ръководител",
                "Мария Иванова",
                day("2026-11-15"),
                None,
                "Договорен график на посещенията",
                "Училищен психолог",
                "При отсъствие – обаждане на майката в същия ден",
                "Иван е съгласен",
            ),
        ),
        step(
            id(),
            (
                "Помощ с домашните",
                "Стефан Колев",
                None,
                Some(Frequency::PerWeek { times: 2 }),
                "Домашните са написани",
                "Читалище „Светлина“",
                "Ако пропусне две седмици – среща с майката",
                "Харесва занятията",
            ),
        ),
    ];
    let mut doctor = step(
        id(),
        (
            "Записване за преглед",
            "Елена Петрова",
            day("2026-12-01"),
            None,
            "Прегледът е направен",
            "Личен лекар д-р Тодорова",
            "Придружаване от социалния работник",
            "Майката пита за час",
        ),
    );
    doctor.status = StepStatus::InProgress;
    p.goals = vec![
        goal(
            id(),
            "education",
            "Иван ходи редовно на училище и наваксва по математика",
            school,
        ),
        goal(
            id(),
            "health",
            "Иван минава редовни прегледи при личния лекар",
            vec![doctor],
        ),
    ];
    p.goals[0].target_date = day("2027-02-28");
    name(&mut p, Role::ParentOrLegalRepresentative, "Елена Петрова");
    name(&mut p, Role::Child, "Иван Петров");
    name(&mut p, Role::TeamSocialWorker, "Мария Иванова");
    name(&mut p, Role::ChildProtectionSocialWorker, "Георги Димитров");
    p
}

/// Seed 000, invented people: a written long-term plan with two goals.
pub fn czech_counselling_plan(n: u128, signatures: bool) -> Plan {
    let mut id = ids(n);
    let mut p = test_plan(n, TemplateId::CzCounselling, "Jana Nováková");
    p.language = Lang::Cs;
    p.created_on = day("2026-11-05").unwrap();
    p.form = PlanForm::Written;
    p.horizon = opora::model::Horizon::LongTerm;
    p.status = PlanStatus::InProgress;
    p.signature_required = signatures;
    let s = &mut p.situation;
    s.why_they_come = "Po ztrátě práce nezvládám splácet půjčky a bojím se exekuce.".into();
    s.needs = "Mít přehled o dluzích a domluvit splátky, které zvládnu.".into();
    s.wishes = "Chci mít klid a nebát se otevírat poštu.".into();
    s.dreams = "Bydlet s dcerou v bytě bez dluhů.".into();
    s.abilities = "Pečlivě si vede záznamy, má oporu v sestře.".into();
    let debts = vec![
        step(
            id(),
            (
                "Sepsat seznam věřitelů",
                "Jana s poradkyní",
                day("2026-11-20"),
                None,
                "",
                "",
                "",
                "",
            ),
        ),
        step(
            id(),
            (
                "Vyžádat výpis z registru",
                "Jana",
                day("2026-11-27"),
                None,
                "",
                "",
                "",
                "",
            ),
        ),
    ];
    let work = vec![step(
        id(),
        (
            "Projít nabídky práce",
            "Jana",
            None,
            Some(Frequency::PerWeek { times: 1 }),
            "",
            "",
            "",
            "",
        ),
    )];
    p.goals = vec![
        goal(id(), "debts", "Chci vědět, komu a kolik dlužím.", debts),
        goal(id(), "work", "Chci najít práci na zkrácený úvazek.", work),
    ];
    p.goals[0].success_criteria = "Mám seznam všech věřitelů s částkami.".into();
    name(&mut p, Role::Client, "Jana Nováková");
    name(&mut p, Role::KeyCounsellor, "Eva Horáková");
    p
}

/// Prints the page (A4, as the browser's own print does) and returns `pdftotext -layout`'s
/// lines. With `OPORA_SCREENSHOTS` set, the PDF is kept there as `<name>.pdf`.
pub async fn printed_lines(b: &Browser, name: &str) -> Vec<String> {
    let cfg = fantoccini::wd::PrintConfiguration::builder()
        .build()
        .expect("print config");
    let pdf = b.c.print(cfg).await.expect("print");
    assert!(pdf.starts_with(b"%PDF"), "not a PDF");
    let dir = std::env::var("OPORA_SCREENSHOTS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| download_dir(name));
    let file = dir.join(format!("{name}.pdf"));
    std::fs::write(&file, &pdf).expect("write the PDF");
    let pdftotext = std::env::var("PDFTOTEXT").unwrap_or_else(|_| "pdftotext".into());
    let out = std::process::Command::new(&pdftotext)
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&file)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("{pdftotext} does not run ({e}): run with `cargo xtask e2e`"));
    assert!(out.status.success(), "pdftotext failed: {out:?}");
    String::from_utf8(out.stdout)
        .expect("UTF-8 text")
        .lines()
        .map(str::to_owned)
        .collect()
}

/// Single spaces: -layout pads with runs of spaces.
pub fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn line_with<'a>(lines: &'a [String], text: &str) -> &'a str {
    lines
        .iter()
        .find(|l| squeeze(l).contains(text))
        .unwrap_or_else(|| panic!("no printed line has {text:?}:\n{}", lines.join("\n")))
}

/// Where `text` starts on `line`, in characters (what -layout aligns by).
fn column_of(line: &str, text: &str) -> usize {
    let at = line
        .find(text)
        .unwrap_or_else(|| panic!("{text:?} not on {line:?}"));
    line[..at].chars().count()
}

/// The table whose header line holds the first words `firsts` (left to right): the text of
/// each column, read down the lines from the header until a line with `end`, cut at the
/// columns' starting positions.
fn table_columns(lines: &[String], firsts: &[&str], from: usize, end: &str) -> Vec<String> {
    let header = lines[from..]
        .iter()
        .position(|l| firsts.iter().all(|w| l.contains(w)))
        .map(|i| i + from)
        .unwrap_or_else(|| panic!("no table header with {firsts:?}:\n{}", lines.join("\n")));
    let starts: Vec<usize> = firsts
        .iter()
        .map(|w| column_of(&lines[header], w))
        .collect();
    assert!(
        starts.windows(2).all(|w| w[0] < w[1]),
        "columns out of order: {starts:?}"
    );
    let mut cols = vec![String::new(); firsts.len()];
    for line in lines[header..].iter().take_while(|l| !l.contains(end)) {
        let chars: Vec<char> = line.chars().collect();
        for (k, col) in cols.iter_mut().enumerate() {
            let a = starts[k].min(chars.len());
            let b = starts
                .get(k + 1)
                .copied()
                .unwrap_or(chars.len())
                .min(chars.len());
            col.push(' ');
            col.extend(&chars[a..b]);
        }
    }
    cols.iter().map(|c| squeeze(c)).collect()
}

#[tokio::test]
async fn bulgarian_child_plan_prints_as_its_form_in_bulgarian() {
    let b = Browser::start(1000).await;
    b.open("").await;
    let plan = bulgarian_child_plan(71);
    let id = plan.id;
    b.put_plans(&[saved_plan(plan, 71, 1)]).await;
    b.open(&format!("#/plan/{id}")).await;
    b.wait("[data-testid=plan-document]").await;

    // The UI is English: the buttons and edit links are, the document is not.
    assert_eq!(b.text("[data-testid=edit]").await, "Edit");
    for link in b.all(".document .edit-link").await {
        assert_eq!(
            link.text().await.unwrap(),
            "Edit",
            "edit links speak the UI's language"
        );
    }
    b.wait_text("[data-testid=document-language]", "Български")
        .await;

    let lines = printed_lines(&b, "print-bg-child").await;
    let text = squeeze(&lines.join("\n"));
    for expected in [
        "ИНДИВИДУАЛЕН ПЛАН ЗА КРАТКОСРОЧНА СОЦИАЛНА РАБОТА",
        "I. Обща информация",
        "Име на детето: Иван Петров",
        "Дата на раждане: 01.03.2015 г.",
        "Място на предоставяне на услугата: ЦОП „Надежда“, Пловдив",
        "Ключов отговорник: Мария Иванова",
        "Продължителност на плана: 01.11.2026 г. – 30.04.2027 г.",
        "Статус на плана: Изпълнява се",
        "II. Цели на краткосрочна социална работа",
        "1. Иван ходи редовно на училище",
        "Област на живота: Образование",
        "2. Иван минава редовни прегледи",
        "Област на живота: Здраве",
        "III. Индивидуален план за краткосрочна социална работа",
        "Цел 1: Иван ходи редовно на училище",
        "Цел 2: Иван минава редовни прегледи",
        "Дата: 03.11.2026 г.",
        "Участници:",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} not printed:\n{}",
            lines.join("\n")
        );
    }
    for ui_only in ["Edit", "Back to list", "Print", "printed in"] {
        assert!(!text.contains(ui_only), "{ui_only:?} is UI, not the form");
    }

    // Part III: the seven columns of the seed, each step's data under its own column.
    let labels = [
        "Планирани дейности",
        "Отговорни лица",
        "Срокове на дейностите",
        "Резултати",
        "Подкрепа от мрежата",
        "Управление на риска",
        "Обратна връзка",
    ];
    let firsts: Vec<&str> = labels
        .iter()
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    let goal1 = lines
        .iter()
        .position(|l| l.contains("Цел 1:"))
        .expect("goal 1's table");
    let cols = table_columns(&lines, &firsts, goal1, "Цел 2:");
    let want = [
        ["Среща с класния ръководител", "Помощ с домашните"],
        ["Мария Иванова", "Стефан Колев"],
        ["15.11.2026 г.", "2× седмично"],
        ["Договорен график на посещенията", "Домашните са написани"],
        ["Училищен психолог", "Читалище „Светлина“"],
        [
            "При отсъствие – обаждане на майката в същия ден",
            "Ако пропусне две седмици – среща с майката",
        ],
        ["Иван е съгласен", "Харесва занятията"],
    ];
    for (k, label) in labels.iter().enumerate() {
        assert!(
            cols[k].starts_with(label),
            "column {k} is headed {label:?}: {:?}\n{}",
            cols[k],
            lines.join("\n")
        );
        let first = cols[k].find(want[k][0]);
        let second = cols[k].find(want[k][1]);
        assert!(
            matches!((first, second), (Some(a), Some(b)) if a < b),
            "column {label:?} holds {:?} then {:?}: {:?}",
            want[k][0],
            want[k][1],
            cols[k]
        );
    }
    // A step's responsible person on the activity's line, right of it.
    for (activity, who) in [
        ("Среща с", "Мария"),
        ("Помощ с", "Стефан"),
        ("Записване за", "Елена"),
    ] {
        let line = lines
            .iter()
            .find(|l| l.contains(activity))
            .unwrap_or_else(|| panic!("{activity:?} not printed"));
        assert!(
            column_of(line, who) > column_of(line, activity),
            "{who:?} is right of {activity:?} on one line: {line:?}"
        );
    }
    // The second goal's table has the same seven columns; its step's status is noted.
    let goal2 = lines.iter().position(|l| l.contains("Цел 2:")).unwrap();
    let cols = table_columns(&lines, &firsts, goal2, "Дата:");
    assert!(
        cols[0].contains("Записване за преглед В ход"),
        "{:?}",
        cols[0]
    );
    assert!(cols[2].contains("01.12.2026 г."), "{:?}", cols[2]);

    // The signature lines in the seed's words, with the names of the plan's people.
    for (label, who) in [
        ("Родител/ законен представител:", "Елена Петрова"),
        ("Дете (когато е приложимо):", "Иван Петров"),
        ("Социален работник (екип):", "Мария Иванова"),
        ("Социален работник ОЗД:", "Георги Димитров"),
    ] {
        let line = line_with(&lines, label);
        assert!(
            column_of(line, who) > column_of(line, label),
            "{who:?} signs on the line of {label:?}: {line:?}"
        );
    }
    let after_date = lines.iter().position(|l| l.contains("Дата:")).unwrap();
    assert!(
        lines[after_date..].iter().any(|l| l.contains("Участници:")),
        "\"Участници:\" follows \"Дата:\""
    );

    // The note about the document's language follows the UI language at once.
    select(&b.wait("#ui-lang").await, "bg").await;
    b.wait_absent(
        "[data-testid=document-language]",
        "the note stays although the UI now speaks the plan's language",
    )
    .await;
    b.wait_text("[data-testid=edit]", "Редактирай").await;
    select(&b.wait("#ui-lang").await, "cs").await;
    b.wait_text("[data-testid=document-language]", "Български")
        .await;
    b.wait_text(".document .edit-link", "Upravit").await;
    b.close().await;
}

#[tokio::test]
async fn czech_counselling_plan_prints_with_an_optional_client_signature() {
    let b = Browser::start(1000).await;
    b.open("").await;
    let signed = czech_counselling_plan(72, true);
    let unsigned = Plan {
        general: opora::model::GeneralInfo {
            client_name: "Petr Svoboda".into(),
            ..signed.general.clone()
        },
        signature_required: false,
        ..czech_counselling_plan(73, false)
    };
    let (signed_id, unsigned_id) = (signed.id, unsigned.id);
    b.put_plans(&[saved_plan(signed, 72, 1), saved_plan(unsigned, 73, 1)])
        .await;

    b.open(&format!("#/plan/{signed_id}")).await;
    b.wait("[data-testid=plan-document]").await;
    let lines = printed_lines(&b, "print-cz-counselling").await;
    let text = squeeze(&lines.join("\n"));
    for expected in [
        "INDIVIDUÁLNÍ PLÁN",
        "Datum vytvoření: 5. 11. 2026",
        "Klient: Jana Nováková",
        "Klíčový poradce: Eva Horáková",
        "Forma plánu: Písemná",
        "Časový rámec: Dlouhodobý",
        "Výchozí situace klienta",
        "Po ztrátě práce nezvládám splácet půjčky",
        "Osobní cíle spolupráce klienta",
        "1. Chci vědět, komu a kolik dlužím.",
        "Mám seznam všech věřitelů s částkami.",
        "2. Chci najít práci na zkrácený úvazek.",
        "Účastníci plánování",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} not printed:\n{}",
            lines.join("\n")
        );
    }
    let cols = table_columns(&lines, &["Co", "Kdo", "Kdy,"], 0, "2. Chci");
    assert!(cols[0].starts_with("Co se udělá"), "{cols:?}");
    assert!(cols[0].contains("Sepsat seznam věřitelů"), "{cols:?}");
    assert!(cols[1].contains("Jana s poradkyní"), "{cols:?}");
    assert!(cols[2].contains("20. 11. 2026"), "{cols:?}");
    let line = line_with(&lines, "Podpis klienta:");
    assert!(
        column_of(line, "Jana Nováková") > column_of(line, "Podpis klienta:"),
        "the client's name on the signature line: {line:?}"
    );

    b.open(&format!("#/plan/{unsigned_id}")).await;
    b.wait_text("[data-testid=plan-document]", "Petr Svoboda")
        .await;
    let lines = printed_lines(&b, "print-cz-counselling-unsigned").await;
    let text = squeeze(&lines.join("\n"));
    assert!(text.contains("Klient: Petr Svoboda"), "{text}");
    assert!(text.contains("Účastníci plánování"), "{text}");
    assert!(
        !text.contains("Podpis"),
        "no signature line when the plan asks for none:\n{text}"
    );
    b.close().await;
}
