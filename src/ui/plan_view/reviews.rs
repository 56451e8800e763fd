//! The reviews part of the document: progress at a glance (per goal a small chart of its
//! ratings over the reviews, with a text alternative and the same numbers as a table; the
//! plan's goals reached / partly / not), then each review, then the record of status changes.
//! Built with plain DOM calls like the rest of the document; the chart is SVG made with
//! `createElementNS`, never from markup.

use web_sys::Element;

use super::{set, Dom};
use crate::i18n::Locale;
use crate::model::lifecycle;
use crate::model::progress::{self, Rating};
use crate::model::{Goal, Plan, Review, StatusChange};
use crate::ui::labels;
use crate::ui::route::Route;
use leptos_i18n::td_string;

pub(super) fn part(d: &Dom, section: &Element, l: Locale, ui: Locale, plan: &Plan) {
    if !plan.reviews.is_empty() {
        at_a_glance(d, section, l, plan);
        let editable = !lifecycle::is_read_only(plan);
        for r in progress::reviews_by_date(plan) {
            review(d, section, l, ui, plan, r, editable);
        }
    }
    if !plan.status_log.is_empty() {
        status_log(d, section, l, &plan.status_log);
    }
}

fn goal_heading(l: Locale, plan: &Plan, g: &Goal) -> String {
    let n = plan
        .goals
        .iter()
        .position(|x| x.id == g.id)
        .map_or(0, |i| i + 1);
    format!("{} {n}: {}", td_string!(l, goal), g.text.trim())
}

fn at_a_glance(d: &Dom, parent: &Element, l: Locale, plan: &Plan) {
    let block = d.el(Some(parent), "div", "at-a-glance");
    d.text(&block, "h3", "", td_string!(l, review_at_a_glance));
    let t = progress::tally(plan);
    let tally = format!(
        "{}: {} {} · {} {} · {} {}",
        td_string!(l, review_goals),
        td_string!(l, review_tally_reached),
        t.reached,
        td_string!(l, review_tally_partly),
        t.partly,
        td_string!(l, review_tally_not),
        t.not
    );
    let p = d.text(&block, "p", "tally", &tally);
    set(
        &p,
        &[
            ("data-testid", "goals-tally"),
            ("data-reached", &t.reached.to_string()),
            ("data-partly", &t.partly.to_string()),
            ("data-not", &t.not.to_string()),
        ],
    );
    for g in &plan.goals {
        let heading = goal_heading(l, plan, g);
        let box_ = d.el(Some(&block), "div", "goal-progress");
        set(
            &box_,
            &[
                ("data-testid", "goal-progress"),
                ("data-goal", &g.id.to_string()),
            ],
        );
        d.text(&box_, "h4", "", &heading);
        let series = progress::goal_series(plan, g.id);
        if series.is_empty() {
            d.text(&box_, "p", "muted", td_string!(l, review_no_ratings));
            continue;
        }
        let row = d.el(Some(&box_), "div", "chart-and-table");
        chart(d, &row, l, &heading, &series);
        table(d, &row, l, &series);
    }
}

/// x = the reviews in date order, y = the four levels (reached at the top), points joined.
fn chart(d: &Dom, parent: &Element, l: Locale, heading: &str, series: &[Rating]) {
    const STEP: usize = 56;
    const PAD: usize = 16;
    let width = PAD * 2 + STEP * series.len().saturating_sub(1).max(1);
    let y = |score: u8| 78 - i32::from(score) * 22;
    let x = |i: usize| PAD + i * STEP;
    let alt = format!(
        "{} — {heading}: {}",
        td_string!(l, review_progress),
        series
            .iter()
            .map(|r| format!(
                "{} {}",
                labels::date(l, r.date),
                labels::progress(l, r.progress)
            ))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let view_box = format!("0 0 {width} 90");
    let svg = d.svg(
        parent,
        "svg",
        &[
            ("class", "progress-chart"),
            ("role", "img"),
            ("aria-label", &alt),
            ("viewBox", &view_box),
            ("width", &width.to_string()),
            ("height", "90"),
            ("data-testid", "progress-chart"),
        ],
    );
    d.svg(&svg, "title", &[]).set_text_content(Some(&alt));
    for level in 0..=3u8 {
        let yl = y(level).to_string();
        d.svg(
            &svg,
            "line",
            &[
                ("class", "level"),
                ("x1", "0"),
                ("x2", &width.to_string()),
                ("y1", &yl),
                ("y2", &yl),
            ],
        );
    }
    let points = series
        .iter()
        .enumerate()
        .map(|(i, r)| format!("{},{}", x(i), y(r.progress.score())))
        .collect::<Vec<_>>()
        .join(" ");
    if series.len() > 1 {
        d.svg(&svg, "polyline", &[("class", "trend"), ("points", &points)]);
    }
    for (i, r) in series.iter().enumerate() {
        let score = r.progress.score().to_string();
        d.svg(
            &svg,
            "circle",
            &[
                ("cx", &x(i).to_string()),
                ("cy", &y(r.progress.score()).to_string()),
                ("r", "5"),
                ("data-score", &score),
            ],
        );
    }
}

/// The chart's numbers: date, level word, score 0–3.
fn table(d: &Dom, parent: &Element, l: Locale, series: &[Rating]) {
    let table = d.el(Some(parent), "table", "progress-table");
    let head = d.el(Some(&d.el(Some(&table), "thead", "")), "tr", "");
    for h in [
        td_string!(l, date_label),
        td_string!(l, review_level),
        td_string!(l, review_score),
    ] {
        let th = d.text(&head, "th", "", h);
        set(&th, &[("scope", "col")]);
    }
    let body = d.el(Some(&table), "tbody", "");
    for r in series {
        let tr = d.el(Some(&body), "tr", "");
        set(&tr, &[("data-testid", "progress-row")]);
        d.text(&tr, "td", "", &labels::date(l, r.date));
        d.text(&tr, "td", "", labels::progress(l, r.progress));
        d.text(&tr, "td", "num", &r.progress.score().to_string());
    }
}

fn review(
    d: &Dom,
    parent: &Element,
    l: Locale,
    ui: Locale,
    plan: &Plan,
    r: &Review,
    editable: bool,
) {
    let block = d.el(Some(parent), "div", "review");
    set(
        &block,
        &[("data-testid", "view-review"), ("data-kind", kind_code(r))],
    );
    let h = d.text(
        &block,
        "h3",
        "",
        &format!(
            "{} — {}",
            labels::review_kind(l, r.kind),
            labels::date(l, r.date)
        ),
    );
    if editable {
        let a = d.text(&h, "a", "edit-link no-print", td_string!(ui, edit));
        set(&a, &[("href", &Route::Review(plan.id, r.id).href())]);
    }
    let dl = d.el(Some(&block), "dl", "fields");
    let line = |dl: &Element, label: &str, value: &str| {
        if !value.trim().is_empty() {
            let row = d.el(Some(dl), "div", "item");
            d.text(&row, "dt", "", label);
            d.text(&row, "dd", "", value);
        }
    };
    line(&dl, td_string!(l, review_took_part), &r.took_part);
    for g in &plan.goals {
        let Some(gr) = r.for_goal(g.id).filter(|gr| !gr.is_blank()) else {
            continue;
        };
        let item = d.el(Some(&block), "div", "review-goal");
        set(&item, &[("data-testid", "view-review-goal")]);
        d.text(&item, "p", "goal-text", &goal_heading(l, plan, g));
        let level = gr
            .progress
            .map_or(td_string!(l, review_not_rated), |p| labels::progress(l, p));
        let rating = d.text(&item, "p", "rating", level);
        if let Some(p) = gr.progress {
            set(&rating, &[("data-score", &p.score().to_string())]);
        }
        if !gr.comment.trim().is_empty() {
            d.text(&item, "p", "text", &gr.comment);
        }
        if !gr.client_view.trim().is_empty() || !gr.worker_view.trim().is_empty() {
            let views = d.el(Some(&item), "dl", "views");
            for (label, text) in [
                (td_string!(l, review_client_view), &gr.client_view),
                (td_string!(l, review_worker_view), &gr.worker_view),
            ] {
                let col = d.el(Some(&views), "div", "view");
                d.text(&col, "dt", "", label);
                d.text(
                    &col,
                    "dd",
                    "",
                    if text.trim().is_empty() { "—" } else { text },
                );
            }
        }
    }
    let dl = d.el(Some(&block), "dl", "fields");
    line(&dl, td_string!(l, review_next_steps), &r.next_steps);
    line(
        &dl,
        td_string!(l, review_next_review),
        &labels::opt_date(l, r.next_review),
    );
}

fn kind_code(r: &Review) -> &'static str {
    match r.kind {
        crate::model::ReviewKind::EndOfMeeting => "end_of_meeting",
        crate::model::ReviewKind::Periodic => "periodic",
        crate::model::ReviewKind::Final => "final",
    }
}

fn status_log(d: &Dom, parent: &Element, l: Locale, log: &[StatusChange]) {
    let block = d.el(Some(parent), "div", "status-log");
    d.text(&block, "h3", "", td_string!(l, review_status_log));
    let ul = d.el(Some(&block), "ul", "");
    for c in log {
        let mut text = format!(
            "{}: {} → {}",
            labels::date(l, c.on),
            labels::status(l, c.from),
            labels::status(l, c.to)
        );
        if !c.reason.is_empty() {
            text.push_str(" — ");
            text.push_str(&c.reason);
        }
        let li = d.text(&ul, "li", "", &text);
        set(&li, &[("data-testid", "status-change")]);
    }
}
