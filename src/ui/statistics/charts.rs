//! The statistics' charts: inline SVG made with `createElementNS` (`Dom::svg`), each inside a
//! `<figure>` with an accessible name (`role=img`, `aria-label`, `<title>`), a one-line
//! definition as its caption and the same numbers as a table after it.

use web_sys::Element;

use crate::ui::plan_view::document::{set, Dom};

/// A chart's frame: the figure, its caption (title and definition) and the SVG.
pub(super) struct Figure {
    pub figure: Element,
    pub svg: Element,
}

#[allow(clippy::too_many_arguments)]
fn frame(
    d: &Dom,
    parent: &Element,
    testid: &str,
    title: &str,
    definition: &str,
    alt: &str,
    width: usize,
    height: usize,
) -> Figure {
    let figure = d.el(Some(parent), "figure", "stats-figure");
    set(&figure, &[("data-testid", testid)]);
    let caption = d.el(Some(&figure), "figcaption", "");
    d.text(&caption, "strong", "", title);
    d.text(&caption, "span", "stats-definition", definition);
    let label = format!("{title}: {alt}");
    let view_box = format!("0 0 {width} {height}");
    let svg = d.svg(
        &figure,
        "svg",
        &[
            ("class", "stats-chart"),
            ("role", "img"),
            ("aria-label", &label),
            ("viewBox", &view_box),
            ("preserveAspectRatio", "xMinYMin meet"),
        ],
    );
    d.svg(&svg, "title", &[]).set_text_content(Some(&label));
    Figure { figure, svg }
}

fn text(d: &Dom, svg: &Element, x: usize, y: usize, anchor: &str, class: &str, words: &str) {
    let (x, y) = (x.to_string(), y.to_string());
    d.svg(
        svg,
        "text",
        &[
            ("x", &x),
            ("y", &y),
            ("text-anchor", anchor),
            ("class", class),
        ],
    )
    .set_text_content(Some(words));
}

/// `v` to one decimal ("1.3"), without Rust's float formatting (10 KB of wasm for this alone).
pub(super) fn tenths(v: f64) -> String {
    let t = (v * 10.0).round() as i64;
    format!("{}.{}", t / 10, (t % 10).abs())
}

/// A whole number, or a half ("12.5"): a median of whole days.
pub(super) fn halves(v: f64) -> String {
    let t = (v * 2.0).round() as i64;
    if t % 2 == 0 {
        (t / 2).to_string()
    } else {
        format!("{}.5", t / 2)
    }
}

/// One row of a bar chart: its label and one value per series.
pub(super) struct BarRow {
    pub label: String,
    pub values: Vec<f64>,
}

const LABEL_W: usize = 220;
const BARS_W: usize = 360;

/// Horizontal bars, one group per row, one bar per series (coloured by class `s0`, `s1`, …),
/// the value written after each bar. `max` is the value of a full bar.
#[allow(clippy::too_many_arguments)]
pub(super) fn bars(
    d: &Dom,
    parent: &Element,
    testid: &str,
    title: &str,
    definition: &str,
    series: &[&str],
    rows: &[BarRow],
    max: f64,
    show: impl Fn(f64) -> String,
) -> Element {
    const BAR_H: usize = 14;
    let group_h = BAR_H * series.len() + 10;
    let legend_h = if series.len() > 1 { 24 } else { 0 };
    let height = legend_h + group_h * rows.len().max(1) + 4;
    let width = LABEL_W + BARS_W + 60;
    let alt = rows
        .iter()
        .map(|r| {
            let values: Vec<String> = r
                .values
                .iter()
                .zip(series)
                .map(|(v, s)| {
                    if series.len() > 1 {
                        format!("{s} {}", show(*v))
                    } else {
                        show(*v)
                    }
                })
                .collect();
            format!("{} {}", r.label, values.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ");
    let f = frame(d, parent, testid, title, definition, &alt, width, height);
    if series.len() > 1 {
        for (i, s) in series.iter().enumerate() {
            let x = LABEL_W + i * 140;
            let (xs, cls) = (x.to_string(), format!("s{i}"));
            d.svg(
                &f.svg,
                "rect",
                &[
                    ("x", &xs),
                    ("y", "4"),
                    ("width", "12"),
                    ("height", "12"),
                    ("class", &cls),
                ],
            );
            text(d, &f.svg, x + 16, 15, "start", "legend", s);
        }
    }
    let max = if max > 0.0 { max } else { 1.0 };
    for (r, row) in rows.iter().enumerate() {
        let top = legend_h + r * group_h;
        text(
            d,
            &f.svg,
            LABEL_W - 8,
            top + group_h / 2 + 4,
            "end",
            "label",
            &row.label,
        );
        for (i, v) in row.values.iter().enumerate() {
            let y = top + i * BAR_H + 4;
            let w = ((v / max) * BARS_W as f64)
                .round()
                .max(if *v > 0.0 { 1.0 } else { 0.0 }) as usize;
            let (xs, ys, ws, hs) = (
                LABEL_W.to_string(),
                y.to_string(),
                w.to_string(),
                (BAR_H - 2).to_string(),
            );
            let cls = format!("s{i}");
            d.svg(
                &f.svg,
                "rect",
                &[
                    ("x", &xs),
                    ("y", &ys),
                    ("width", &ws),
                    ("height", &hs),
                    ("class", &cls),
                ],
            );
            text(
                d,
                &f.svg,
                LABEL_W + w + 4,
                y + BAR_H - 4,
                "start",
                "value",
                &show(*v),
            );
        }
    }
    f.figure
}

/// One line of a line chart: its name and a value (or none) per x position.
pub(super) struct Line {
    pub name: String,
    pub values: Vec<Option<f64>>,
}

/// Lines over `xs` (left to right), y from 0 to `max` with a grid line per whole number; a
/// legend below. Points without a value are skipped (the line joins its neighbours).
#[allow(clippy::too_many_arguments)]
pub(super) fn lines(
    d: &Dom,
    parent: &Element,
    testid: &str,
    title: &str,
    definition: &str,
    xs: &[String],
    lines: &[Line],
    max: f64,
) -> Element {
    const LEFT: usize = 30;
    const TOP: usize = 10;
    const PLOT_H: usize = 150;
    let step = if xs.len() > 1 {
        520 / (xs.len() - 1)
    } else {
        0
    };
    let width = LEFT + step * xs.len().saturating_sub(1) + 60;
    let legend_top = TOP + PLOT_H + 30;
    let height = legend_top + 18 * lines.len() + 4;
    let alt = lines
        .iter()
        .map(|l| {
            let points: Vec<String> = xs
                .iter()
                .zip(&l.values)
                .filter_map(|(x, v)| v.map(|v| format!("{x} {}", tenths(v))))
                .collect();
            format!("{}: {}", l.name, points.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ");
    let f = frame(
        d,
        parent,
        testid,
        title,
        definition,
        &alt,
        width.max(LABEL_W + 200),
        height,
    );
    let y_of = |v: f64| TOP + PLOT_H - ((v / max) * PLOT_H as f64).round() as usize;
    for level in 0..=(max as usize) {
        let y = y_of(level as f64);
        let (ys, x2) = (y.to_string(), (width - 40).to_string());
        let left = LEFT.to_string();
        d.svg(
            &f.svg,
            "line",
            &[
                ("class", "grid"),
                ("x1", &left),
                ("x2", &x2),
                ("y1", &ys),
                ("y2", &ys),
            ],
        );
        text(
            d,
            &f.svg,
            LEFT - 6,
            y + 4,
            "end",
            "value",
            &level.to_string(),
        );
    }
    for (i, x) in xs.iter().enumerate() {
        text(
            d,
            &f.svg,
            LEFT + i * step,
            TOP + PLOT_H + 18,
            "middle",
            "label",
            x,
        );
    }
    for (n, line) in lines.iter().enumerate() {
        let cls = format!("line s{n}");
        let points: Vec<String> = line
            .values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| format!("{},{}", LEFT + i * step, y_of(v))))
            .collect();
        if points.len() > 1 {
            d.svg(
                &f.svg,
                "polyline",
                &[("class", &cls), ("points", &points.join(" "))],
            );
        }
        for p in &points {
            let (cx, cy) = p.split_once(',').unwrap_or(("0", "0"));
            d.svg(
                &f.svg,
                "circle",
                &[("class", &cls), ("cx", cx), ("cy", cy), ("r", "4")],
            );
        }
        let y = legend_top + n * 18;
        let ys = y.to_string();
        let left = LEFT.to_string();
        d.svg(
            &f.svg,
            "rect",
            &[
                ("x", &left),
                ("y", &ys),
                ("width", "12"),
                ("height", "10"),
                ("class", &format!("s{n}")),
            ],
        );
        text(d, &f.svg, LEFT + 18, y + 10, "start", "legend", &line.name);
    }
    f.figure
}
