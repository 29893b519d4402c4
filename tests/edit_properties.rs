//! Property test: any sequence of edits, valid or not, keeps the document
//! valid; undoing everything gives the original back and redoing everything
//! gives the final document.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use common::edits::{edit_seed, make_edit};
use common::sample_1_9;
use flowcase::format::{decode, encode};
use flowcase::model::*;
use proptest::prelude::*;

/// A random user action, turned into a concrete edit against the document
/// as it is when the action happens.
#[derive(Clone, Debug)]
enum Action {
    Edit { kind: u8, a: u32, b: u32, x: i16 },
    Begin,
    Commit,
    Undo,
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        20 => edit_seed().prop_map(|(kind, a, b, x)| Action::Edit { kind, a, b, x }),
        1 => Just(Action::Begin),
        1 => Just(Action::Commit),
        1 => Just(Action::Undo),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 1000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_edit_sequence_undoes_to_the_original_and_redoes_to_the_final(
        actions in proptest::collection::vec(action(), 1..40)
    ) {
        let original = sample_1_9();
        let mut doc = original.clone();
        let mut history = History::default();
        for act in actions {
            match act {
                Action::Edit { kind, a, b, x } => {
                    let edit = make_edit(&doc, kind, a, b, x);
                    let before = doc.clone();
                    if let Err(err) = history.apply(&mut doc, edit) {
                        prop_assert!(doc == before, "a refused edit ({}) changed the document", err);
                    }
                }
                Action::Begin => history.begin(),
                Action::Commit => history.commit(),
                Action::Undo => { history.undo(&mut doc).unwrap(); }
            }
            prop_assert!(validate(&doc).is_ok(), "invalid after {:?}: {:?}", act, validate(&doc));
        }
        // The derived views never fail on whatever the edits produced.
        let _ = Analysis::of(&doc);
        let text = encode(&doc).unwrap();
        prop_assert!(decode(text.as_bytes()).unwrap() == doc, "save and load differ");

        // Steps undone during the sequence can still be redone: the final
        // document is the one at the tip of the history.
        while history.redo(&mut doc).unwrap() {}
        let tip = doc.clone();
        while history.undo(&mut doc).unwrap() {}
        prop_assert!(doc == original, "undo all did not give the original");
        while history.redo(&mut doc).unwrap() {}
        prop_assert!(doc == tip, "redo all did not give the final document");
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 1000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn each_applied_edit_is_undone_exactly_by_its_inverse(
        actions in proptest::collection::vec(action(), 1..40)
    ) {
        let mut doc = sample_1_9();
        for act in actions {
            if let Action::Edit { kind, a, b, x } = act {
                let edit = make_edit(&doc, kind, a, b, x);
                let before = doc.clone();
                if let Ok(inverse) = apply(&mut doc, edit.clone()) {
                    let after = doc.clone();
                    let mut back = doc.clone();
                    let redo = apply(&mut back, inverse.clone()).unwrap();
                    prop_assert!(back == before, "the inverse of {:?} did not restore the document; inverse {:?}", edit, inverse);
                    apply(&mut back, redo).unwrap();
                    prop_assert!(back == after, "redoing {:?} differs", edit);
                }
            }
        }
    }
}
