//! Hash-based routes (`#/plan/<id>`): deep links keep working on any static file host,
//! with no server-side fallback to configure.

use leptos::prelude::*;
use uuid::Uuid;

use super::browser;
use crate::model::SectionId;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    List,
    NewPlan,
    Import,
    View(Uuid),
    Edit(Uuid, Option<SectionId>),
    /// The one-screen one-off plan.
    Quick(Uuid),
    /// The plan's earlier versions.
    History(Uuid),
    /// One version of the plan (its generation), read-only.
    Version(Uuid, u32),
    /// What is due across all plans.
    Today,
    /// Figures over the plans, for the service.
    Statistics,
    /// A review of a plan: the plan's id, the review's.
    Review(Uuid, Uuid),
    NotFound,
}

impl Route {
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_matches('/');
        let parts: Vec<&str> = path.split('/').collect();
        match parts.as_slice() {
            [""] => Route::List,
            ["new"] => Route::NewPlan,
            ["import"] => Route::Import,
            ["today"] => Route::Today,
            ["statistics"] => Route::Statistics,
            ["plan", id] => Uuid::parse_str(id).map_or(Route::NotFound, Route::View),
            ["plan", id, "quick"] => Uuid::parse_str(id).map_or(Route::NotFound, Route::Quick),
            ["plan", id, "history"] => Uuid::parse_str(id).map_or(Route::NotFound, Route::History),
            ["plan", id, "history", n] => match (Uuid::parse_str(id), n.parse()) {
                (Ok(id), Ok(n)) => Route::Version(id, n),
                _ => Route::NotFound,
            },
            ["plan", id, "review", r] => match (Uuid::parse_str(id), Uuid::parse_str(r)) {
                (Ok(id), Ok(r)) => Route::Review(id, r),
                _ => Route::NotFound,
            },
            ["plan", id, "edit"] => {
                Uuid::parse_str(id).map_or(Route::NotFound, |id| Route::Edit(id, None))
            }
            ["plan", id, "edit", s] => match (Uuid::parse_str(id), SectionId::from_slug(s)) {
                (Ok(id), Some(s)) => Route::Edit(id, Some(s)),
                _ => Route::NotFound,
            },
            _ => Route::NotFound,
        }
    }

    pub fn href(self) -> String {
        match self {
            Route::List | Route::NotFound => "#/".into(),
            Route::NewPlan => "#/new".into(),
            Route::Import => "#/import".into(),
            Route::Today => "#/today".into(),
            Route::Statistics => "#/statistics".into(),
            Route::View(id) => format!("#/plan/{id}"),
            Route::Edit(id, None) => format!("#/plan/{id}/edit"),
            Route::Quick(id) => format!("#/plan/{id}/quick"),
            Route::History(id) => format!("#/plan/{id}/history"),
            Route::Version(id, n) => format!("#/plan/{id}/history/{n}"),
            Route::Review(id, r) => format!("#/plan/{id}/review/{r}"),
            Route::Edit(id, Some(s)) => format!("#/plan/{id}/edit/{}", s.slug()),
        }
    }
}

/// The current route, following `hashchange`.
pub fn use_route() -> ReadSignal<Route> {
    let (route, set_route) = signal(Route::parse(&browser::location_hash()));
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        set_route.set(Route::parse(&browser::location_hash()));
        browser::scroll_to_top();
    });
    on_cleanup(move || handle.remove());
    route
}

pub fn navigate(route: Route) {
    browser::set_location_hash(&route.href());
}
