//! The report: the figures of `model::statistics::Report` as sections of tables and charts,
//! in the UI language. Static between changes of the filter or the plans, so built with plain
//! DOM calls (`Dom`) like the plan document; every text goes in as text only.

use chrono::NaiveDate;
use leptos_i18n::td_string;
use web_sys::Element;

use super::charts::{self, BarRow, Line};
use crate::i18n::Locale;
use crate::model::codes::code;
use crate::model::statistics::{
    AreaProgress, AreaRow, Count, FollowThrough, Group, GroupCounts, Month, Overview, QuarterScore,
    Report, StepOutcome,
};
use crate::model::TemplateId;
use crate::ui::labels;
use crate::ui::plan_view::document::{set, Dom};

/// How many areas the progress chart draws (the table has them all): more lines are unreadable.
const CHART_AREAS: usize = 6;

pub(super) fn render(d: &Dom, host: &Element, l: Locale, r: &Report, today: NaiveDate) {
    let o = &r.overview;
    let totals = format!(
        "{}: {} · {}: {}",
        td_string!(l, stats_col_plans),
        o.plans,
        td_string!(l, stats_col_clients),
        o.clients
    );
    let p = d.text(host, "p", "stats-totals", &totals);
    set(
        &p,
        &[
            ("data-testid", "stats-totals"),
            ("data-plans", &o.plans.to_string()),
            ("data-clients", &o.clients.to_string()),
        ],
    );
    if o.plans == 0 {
        let p = d.text(host, "p", "empty", td_string!(l, stats_empty));
        set(&p, &[("data-testid", "stats-empty")]);
        return;
    }
    overview(d, host, l, o);
    areas(d, host, l, &r.areas);
    follow_through(d, host, l, &r.follow_through, today);
    progress(d, host, l, r);
}

fn section(d: &Dom, host: &Element, testid: &str, title: &str) -> Element {
    let s = d.el(Some(host), "section", "stats-section");
    set(&s, &[("data-testid", testid)]);
    d.text(&s, "h2", "", title);
    s
}

/// A table row: its attributes (for tests: which group it is) and its cells.
type Row = (Vec<(&'static str, String)>, Vec<String>);

/// A table: the header row, then rows of cells (the first a row header); each row may carry
/// attributes (for tests: which group it is).
fn table(d: &Dom, parent: &Element, testid: &str, head: &[&str], rows: &[Row]) -> Element {
    let t = d.el(Some(parent), "table", "stats-table");
    set(&t, &[("data-testid", testid)]);
    let tr = d.el(Some(&d.el(Some(&t), "thead", "")), "tr", "");
    for h in head {
        let th = d.text(&tr, "th", "", h);
        set(&th, &[("scope", "col")]);
    }
    let body = d.el(Some(&t), "tbody", "");
    for (attrs, cells) in rows {
        let tr = d.el(Some(&body), "tr", "");
        for (k, v) in attrs {
            let _ = tr.set_attribute(k, v);
        }
        for (i, c) in cells.iter().enumerate() {
            if i == 0 {
                let th = d.text(&tr, "th", "", c);
                set(&th, &[("scope", "row")]);
            } else {
                d.text(&tr, "td", "num", c);
            }
        }
    }
    t
}

fn overview(d: &Dom, host: &Element, l: Locale, o: &Overview) {
    let s = section(d, host, "stats-overview", td_string!(l, stats_overview));
    let mut rows = Vec::new();
    fn add<K: Copy>(
        rows: &mut Vec<Row>,
        group: &str,
        counts: &[Count<K>],
        label: impl Fn(K) -> String,
    ) {
        for c in counts {
            let name = format!("{group}: {}", label(c.key));
            rows.push((
                vec![
                    ("data-testid", "stats-count".to_string()),
                    ("data-name", name.clone()),
                ],
                vec![name, c.plans.to_string(), c.clients.to_string()],
            ));
        }
    }
    add(
        &mut rows,
        td_string!(l, stats_by_form),
        &o.by_template,
        |t: TemplateId| t.template().print.title.get(labels::lang_of(l)).to_string(),
    );
    add(
        &mut rows,
        td_string!(l, stats_by_status),
        &o.by_status,
        |k| labels::status(l, k).to_string(),
    );
    add(
        &mut rows,
        td_string!(l, stats_by_horizon),
        &o.by_horizon,
        |k| labels::horizon(l, k).to_string(),
    );
    add(
        &mut rows,
        td_string!(l, stats_by_plan_form),
        &o.by_form,
        |k| labels::plan_form(l, k).to_string(),
    );
    table(
        d,
        &s,
        "stats-overview-table",
        &[
            td_string!(l, stats_col_group),
            td_string!(l, stats_col_plans),
            td_string!(l, stats_col_clients),
        ],
        &rows,
    );

    let (new, completed) = (
        td_string!(l, stats_col_new),
        td_string!(l, stats_col_completed),
    );
    let bars: Vec<BarRow> = o
        .months
        .iter()
        .map(|m| BarRow {
            label: m.month.code(),
            values: vec![m.new as f64, m.completed as f64],
        })
        .collect();
    let max = o
        .months
        .iter()
        .map(|m| m.new.max(m.completed))
        .max()
        .unwrap_or(0) as f64;
    let fig = charts::bars(
        d,
        &s,
        "stats-months-chart",
        td_string!(l, stats_months),
        td_string!(l, stats_months_def),
        &[new, completed],
        &bars,
        max,
        |v| (v as u64).to_string(),
    );
    let rows: Vec<_> = o
        .months
        .iter()
        .map(|m| {
            (
                vec![("data-month", m.month.code())],
                vec![m.month.code(), m.new.to_string(), m.completed.to_string()],
            )
        })
        .collect();
    table(
        d,
        &fig,
        "stats-months-table",
        &[td_string!(l, stats_col_month), new, completed],
        &rows,
    );
    if o.completed_undated > 0 {
        let text = format!(
            "{} {}",
            td_string!(l, stats_completed_undated),
            o.completed_undated
        );
        d.text(&s, "p", "muted", &text);
    }
}

pub(super) fn area_label(l: Locale, key: &str) -> String {
    if key.is_empty() {
        return td_string!(l, stats_area_none).to_string();
    }
    TemplateId::ALL
        .iter()
        .find_map(|t| t.template().life_area(key))
        .map_or_else(
            || key.to_string(),
            |a| a.label.get(labels::lang_of(l)).to_string(),
        )
}

fn areas(d: &Dom, host: &Element, l: Locale, areas: &[AreaRow]) {
    let s = section(d, host, "stats-areas", td_string!(l, stats_areas));
    let bars: Vec<BarRow> = areas
        .iter()
        .map(|a| BarRow {
            label: area_label(l, &a.area),
            values: vec![a.goals as f64],
        })
        .collect();
    let max = areas.iter().map(|a| a.goals).max().unwrap_or(0) as f64;
    let fig = charts::bars(
        d,
        &s,
        "stats-areas-chart",
        td_string!(l, stats_areas_chart),
        td_string!(l, stats_areas_def),
        &[td_string!(l, stats_col_goals)],
        &bars,
        max,
        |v| (v as u64).to_string(),
    );
    let rows: Vec<_> = areas
        .iter()
        .map(|a| {
            let days = a.days_to_reach.map_or_else(
                || "—".to_string(),
                |m| format!("{} (n = {})", charts::halves(m.value), m.of),
            );
            (
                vec![("data-area", a.area.clone())],
                vec![
                    area_label(l, &a.area),
                    a.goals.to_string(),
                    a.plans.to_string(),
                    a.reached.to_string(),
                    a.partly.to_string(),
                    a.not.to_string(),
                    a.unrated.to_string(),
                    days,
                ],
            )
        })
        .collect();
    table(
        d,
        &fig,
        "stats-areas-table",
        &[
            td_string!(l, stats_col_area),
            td_string!(l, stats_col_goals),
            td_string!(l, stats_col_plans),
            td_string!(l, stats_col_reached),
            td_string!(l, stats_col_partly),
            td_string!(l, stats_col_not),
            td_string!(l, stats_col_unrated),
            td_string!(l, stats_col_days),
        ],
        &rows,
    );
}

fn outcome_label(l: Locale, o: StepOutcome) -> &'static str {
    match o {
        StepOutcome::OnTime => td_string!(l, stats_col_on_time),
        StepOutcome::Late => td_string!(l, stats_col_late),
        StepOutcome::NotDone => td_string!(l, stats_col_not_done),
        StepOutcome::Overdue => td_string!(l, stats_col_overdue),
        StepOutcome::Open => td_string!(l, stats_col_open),
    }
}

fn group_label(l: Locale, g: &Group) -> String {
    match g {
        Group::Area(key) => area_label(l, key),
        Group::Role(Some(r)) => labels::role(l, *r).to_string(),
        Group::Role(None) => td_string!(l, stats_role_unknown).to_string(),
    }
}

fn group_code(g: &Group) -> String {
    match g {
        Group::Area(key) => format!("area:{key}"),
        Group::Role(Some(r)) => format!("role:{}", code(*r)),
        Group::Role(None) => "role:".to_string(),
    }
}

fn follow_through(d: &Dom, host: &Element, l: Locale, f: &FollowThrough, today: NaiveDate) {
    let s = section(d, host, "stats-follow", td_string!(l, stats_follow));
    let def = format!(
        "{} ({})",
        td_string!(l, stats_follow_def),
        labels::date(l, today)
    );
    d.text(&s, "p", "stats-definition", &def);

    d.text(&s, "h3", "", td_string!(l, stats_struggles));
    d.text(
        &s,
        "p",
        "stats-definition",
        td_string!(l, stats_struggles_def),
    );
    if f.struggles.is_empty() {
        let p = d.text(&s, "p", "muted", td_string!(l, stats_struggles_none));
        set(&p, &[("data-testid", "stats-struggles-none")]);
    } else {
        let ol = d.el(Some(&s), "ol", "stats-struggles");
        set(&ol, &[("data-testid", "stats-struggles")]);
        for g in &f.struggles {
            let c = &g.counts;
            let kind = match g.group {
                Group::Area(_) => td_string!(l, stats_col_area),
                Group::Role(_) => td_string!(l, stats_col_role),
            };
            let li = d.el(Some(&ol), "li", "");
            set(
                &li,
                &[
                    ("data-group", &group_code(&g.group)),
                    ("data-testid", "stats-struggle"),
                ],
            );
            d.text(
                &li,
                "strong",
                "",
                &format!("{kind}: {}", group_label(l, &g.group)),
            );
            let words = format!(
                " — {} {} {} {} ({} %): {} {} · {} {} · {} {} · {}: {}",
                c.struggling(),
                td_string!(l, stats_of),
                c.settled(),
                td_string!(l, stats_struggling_steps),
                c.struggle_percent().unwrap_or(0),
                outcome_label(l, StepOutcome::Late),
                c.late,
                outcome_label(l, StepOutcome::NotDone),
                c.not_done,
                outcome_label(l, StepOutcome::Overdue),
                c.overdue,
                td_string!(l, stats_col_plans),
                c.plans,
            );
            d.text(&li, "span", "", &words);
        }
    }

    let shown: Vec<&GroupCounts> = f
        .by_area
        .iter()
        .chain(&f.by_role)
        .filter(|g| !g.counts.too_few() && g.counts.settled() > 0)
        .collect();
    if !shown.is_empty() {
        let bars: Vec<BarRow> = shown
            .iter()
            .map(|g| BarRow {
                label: group_label(l, &g.group),
                values: vec![f64::from(g.counts.struggle_percent().unwrap_or(0))],
            })
            .collect();
        let fig = charts::bars(
            d,
            &s,
            "stats-struggle-chart",
            td_string!(l, stats_struggle_chart),
            td_string!(l, stats_struggles_def),
            &[td_string!(l, stats_struggle_chart)],
            &bars,
            100.0,
            |v| format!("{} %", v as u32),
        );
        let rows: Vec<Row> = shown
            .iter()
            .map(|g| {
                let c = &g.counts;
                let share = format!("{} %", c.struggle_percent().unwrap_or(0));
                let cells = vec![
                    group_label(l, &g.group),
                    c.struggling().to_string(),
                    c.settled().to_string(),
                    share,
                ];
                (vec![("data-group", group_code(&g.group))], cells)
            })
            .collect();
        let head = [
            td_string!(l, stats_col_group),
            td_string!(l, stats_struggle_chart),
            td_string!(l, stats_col_due_so_far),
            "%",
        ];
        table(d, &fig, "stats-struggle-table", &head, &rows);
    }
    for (title, testid, rows) in [
        (
            td_string!(l, stats_by_area),
            "stats-follow-areas",
            &f.by_area,
        ),
        (
            td_string!(l, stats_by_role),
            "stats-follow-roles",
            &f.by_role,
        ),
    ] {
        d.text(&s, "h3", "", title);
        let mut head = vec![td_string!(l, stats_col_group)];
        head.extend(StepOutcome::ALL.map(|o| outcome_label(l, o)));
        head.push(td_string!(l, stats_col_plans));
        let t = table(d, &s, testid, &head, &[]);
        let body = t
            .query_selector("tbody")
            .ok()
            .flatten()
            .expect("the table has a body");
        for g in rows.iter() {
            let tr = d.el(Some(&body), "tr", "");
            set(&tr, &[("data-group", &group_code(&g.group))]);
            let th = d.text(&tr, "th", "", &group_label(l, &g.group));
            set(&th, &[("scope", "row")]);
            if g.counts.too_few() {
                let words = format!(
                    "{} ({}: {})",
                    td_string!(l, stats_too_few),
                    td_string!(l, stats_col_plans),
                    g.counts.plans
                );
                let td = d.text(&tr, "td", "too-few", &words);
                set(&td, &[("colspan", "6"), ("data-testid", "stats-too-few")]);
                continue;
            }
            for o in StepOutcome::ALL {
                d.text(&tr, "td", "num", &g.counts.get(o).to_string());
            }
            d.text(&tr, "td", "num", &g.counts.plans.to_string());
        }
    }
}

fn value_at(a: &AreaProgress, q: Month) -> Option<&QuarterScore> {
    a.quarters.iter().find(|x| x.quarter == q)
}

fn progress(d: &Dom, host: &Element, l: Locale, r: &Report) {
    let s = section(d, host, "stats-progress", td_string!(l, stats_progress));
    if r.progress.is_empty() {
        d.text(&s, "p", "muted", td_string!(l, stats_progress_none));
        return;
    }
    let mut quarters: Vec<Month> = r
        .progress
        .iter()
        .flat_map(|a| a.quarters.iter().map(|q| q.quarter))
        .collect();
    quarters.sort_unstable();
    quarters.dedup();
    let name = |q: &Month| format!("{} Q{}", q.year, (q.month - 1) / 3 + 1);
    let xs: Vec<String> = quarters.iter().map(name).collect();
    let lines: Vec<Line> = r
        .progress
        .iter()
        .take(CHART_AREAS)
        .map(|a| Line {
            name: area_label(l, &a.area),
            values: quarters
                .iter()
                .map(|q| value_at(a, *q).map(|x| x.mean))
                .collect(),
        })
        .collect();
    let fig = charts::lines(
        d,
        &s,
        "stats-progress-chart",
        td_string!(l, stats_progress_chart),
        td_string!(l, stats_progress_def),
        &xs,
        &lines,
        3.0,
    );
    let mut head = vec![td_string!(l, stats_col_area).to_string()];
    head.extend(xs.iter().cloned());
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    let rows: Vec<_> = r
        .progress
        .iter()
        .map(|a| {
            let mut cells = vec![area_label(l, &a.area)];
            cells.extend(quarters.iter().map(|q| {
                value_at(a, *q).map_or_else(
                    || "—".to_string(),
                    |x| format!("{} (n = {})", charts::tenths(x.mean), x.ratings),
                )
            }));
            (vec![("data-area", a.area.clone())], cells)
        })
        .collect();
    table(d, &fig, "stats-progress-table", &head, &rows);
}
