//! A merge's conflicts and notes, worded: which step, lane or field, and
//! what the base, ours and theirs hold.

use super::{S, fill, tr};
use crate::lang::Lang;
use crate::model::conflict::{Conflict, Field, Subject, Value};
use crate::model::merge::{CatalogueConflict, MergeNote};
use crate::model::{Process, StepId, number_steps};

/// Characters of a long text shown in a conflict's line.
const SHOWN: usize = 40;

/// One conflict as a line: `步骤 4「…」的标题:我方 … / 对方 …(原为 …)`.
pub fn conflict_words(process: &Process, c: &Conflict, lang: Lang) -> String {
    let values: [(&str, &dyn std::fmt::Display); 5] = [
        ("subject", &subject_words(process, c, lang)),
        ("field", &field_words(process, c.field, lang)),
        ("ours", &value_words(process, &c.ours, lang)),
        ("theirs", &value_words(process, &c.theirs, lang)),
        ("base", &value_words(process, &c.base, lang)),
    ];
    fill(lang, S::ConflictLine, &values)
}

/// What a conflict is about, named as the chart shows it.
pub fn subject_words(process: &Process, c: &Conflict, lang: Lang) -> String {
    let side_name = |f: &dyn Fn(&Value) -> Option<String>| {
        [&c.ours, &c.theirs, &c.base]
            .into_iter()
            .find_map(f)
            .unwrap_or_default()
    };
    match c.subject {
        Subject::Step(id) => step_words(process, id, lang).unwrap_or_else(|| {
            let title = side_name(&|v| match v {
                Value::Step(s, _) => Some(s.title.clone()),
                _ => None,
            });
            fill(lang, S::ConflictStepUnnumbered, &[("title", &title)])
        }),
        Subject::Lane(id) => {
            let name = process.lane(id).map(|l| l.name.clone()).unwrap_or_else(|| {
                side_name(&|v| match v {
                    Value::Lane(l, _) => Some(l.name.clone()),
                    _ => None,
                })
            });
            fill(lang, S::ConflictLane, &[("name", &name)])
        }
        Subject::Phase(id) => {
            let name = process
                .phase(id)
                .map(|p| p.name.clone())
                .unwrap_or_else(|| {
                    side_name(&|v| match v {
                        Value::Phase(p, _) => Some(p.name.clone()),
                        _ => None,
                    })
                });
            fill(lang, S::ConflictPhase, &[("name", &name)])
        }
        Subject::Connector(id) => {
            let ends = process
                .connectors
                .get(&id)
                .map(|c| (c.from, c.to))
                .or_else(|| {
                    [&c.ours, &c.theirs, &c.base]
                        .into_iter()
                        .find_map(|v| match v {
                            Value::Connector(c) => Some((c.from, c.to)),
                            _ => None,
                        })
                });
            let (from, to) = ends.map_or((String::new(), String::new()), |(f, t)| {
                (title_of(process, f), title_of(process, t))
            });
            fill(lang, S::ConflictConnector, &[("from", &from), ("to", &to)])
        }
        Subject::Overview => tr(lang, S::ConflictOverview).to_owned(),
    }
}

/// `步骤 4「title」` for a step of `process`, numbered when it has a number.
fn step_words(process: &Process, id: StepId, lang: Lang) -> Option<String> {
    let step = process.steps.get(&id)?;
    let title = short(&step.title);
    Some(match number_steps(process).of(id) {
        Some(n) => fill(lang, S::ConflictStep, &[("n", &n), ("title", &title)]),
        None => fill(lang, S::ConflictStepUnnumbered, &[("title", &title)]),
    })
}

fn title_of(process: &Process, id: StepId) -> String {
    process
        .steps
        .get(&id)
        .map(|s| short(&s.title))
        .unwrap_or_else(|| id.to_string())
}

/// Which field, as a phrase that follows the subject.
pub fn field_words(process: &Process, field: Field, lang: Lang) -> String {
    let key = match field {
        Field::Exists => S::ConflictFieldExists,
        Field::Title => S::ConflictFieldTitle,
        Field::Kind => S::ConflictFieldKind,
        Field::Description => S::ConflictFieldDescription,
        Field::Outputs => S::ConflictFieldOutputs,
        Field::PinnedNumber => S::ConflictFieldNumber,
        Field::Group => S::ConflictFieldGroup,
        Field::Name => S::ConflictFieldName,
        Field::Label => S::ConflictFieldLabel,
        Field::Ends => S::ConflictFieldEnds,
        Field::Role(lane) => {
            let name = process
                .lane(lane)
                .map_or_else(|| lane.to_string(), |l| l.name.clone());
            return fill(lang, S::ConflictFieldRole, &[("lane", &name)]);
        }
        Field::Overview(key) => {
            let name = super::diff::field_word(lang, key);
            return fill(lang, S::ConflictFieldOverview, &[("field", &name)]);
        }
    };
    tr(lang, key).to_owned()
}

/// A side's value in a few words.
pub fn value_words(process: &Process, value: &Value, lang: Lang) -> String {
    let none = || tr(lang, S::ConflictNone).to_owned();
    match value {
        Value::Absent => tr(lang, S::ConflictAbsent).to_owned(),
        Value::Text(t) if t.trim().is_empty() => none(),
        Value::Text(t) => format!("“{}”", short(t)),
        Value::Texts(t) if t.is_empty() => none(),
        Value::Texts(t) => format!("“{}”", short(&t.join("、"))),
        Value::Letters(r) if r.is_empty() => none(),
        Value::Letters(r) => r.to_string(),
        Value::Kind(k) => super::diff::kind_word(lang, k.shape()).to_owned(),
        Value::Number(n) => n.map_or_else(none, |n| n.to_string()),
        Value::Group(g) => g.map_or_else(none, |g| title_of(process, g)),
        Value::Label(l) => l
            .as_deref()
            .map_or_else(none, |l| format!("“{}”", short(l))),
        Value::Ends(from, to) => {
            format!("{} → {}", title_of(process, *from), title_of(process, *to))
        }
        Value::Step(..) | Value::Lane(..) | Value::Phase(..) | Value::Connector(_) => {
            tr(lang, S::ConflictKept).to_owned()
        }
    }
}

fn short(text: &str) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(SHOWN) {
        Some((at, _)) => format!("{}…", &one_line[..at]),
        None => one_line,
    }
}

/// What a merge decided on its own, as a line.
pub fn note_words(process: &Process, note: &MergeNote, lang: Lang) -> String {
    match note {
        MergeNote::BothMoved(subject) => {
            let c = Conflict {
                subject: *subject,
                field: Field::Exists,
                base: Value::Absent,
                ours: Value::Absent,
                theirs: Value::Absent,
            };
            fill(
                lang,
                S::MergeBothMoved,
                &[("subject", &subject_words(process, &c, lang))],
            )
        }
        MergeNote::Renumbered(n) => fill(lang, S::MergeRenumbered, &[("n", n)]),
        MergeNote::Nudged(id) => {
            let subject = step_words(process, *id, lang).unwrap_or_default();
            fill(lang, S::MergeNudged, &[("subject", &subject)])
        }
        MergeNote::DroppedConnector(_) => tr(lang, S::MergeDropped).to_owned(),
    }
}

/// A conflict of the catalogue as a line.
pub fn catalogue_conflict_words(c: &CatalogueConflict, lang: Lang) -> String {
    let field = match c.field {
        "title" => S::CatalogueFieldTitle,
        "category" => S::CatalogueFieldCategory,
        "owner" => S::CatalogueFieldOwner,
        "file" => S::CatalogueFieldFile,
        "exists" => S::CatalogueFieldExists,
        _ => S::CatalogueFieldName,
    };
    let shown = |t: &str| match t.trim() {
        "" => tr(lang, S::ConflictNone).to_owned(),
        t => format!("“{}”", short(t)),
    };
    let what = if c.what.is_empty() {
        String::new()
    } else {
        format!(" {} ", c.what)
    };
    let values: [(&str, &dyn std::fmt::Display); 5] = [
        ("what", &what),
        ("field", &tr(lang, field)),
        ("ours", &shown(&c.ours)),
        ("theirs", &shown(&c.theirs)),
        ("base", &shown(&c.base)),
    ];
    fill(lang, S::CatalogueConflictLine, &values)
}
