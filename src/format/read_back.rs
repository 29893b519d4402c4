//! Checking, before a save replaces a file, that the text reads back as the
//! process — in two halves that run on two threads for large processes.

use super::document::{
    EncodedFile, FileIn, MAX_FILE_BYTES, decode, ron_options, syntax_error, tidy_read_step,
    version_for,
};
use crate::model::{Process, Step, validate};

/// What closes the first half: the end of the steps list and of the file.
const HEAD_CLOSE: &str = "    ],\n)\n";
/// How the step before the split ends and the step after it starts.
const ELEMENT_END: &str = "        ),\n";
const ELEMENT_START: &str = "        (\n";

impl EncodedFile {
    /// How many independent parts the read-back check has.
    pub(crate) fn check_parts(&self) -> usize {
        if self.split.is_some() { 2 } else { 1 }
    }

    /// Checks one part (`0..check_parts()`); every part must pass for the
    /// text to read back as `process`.
    ///
    /// Divided, the first part reads the text up to the middle step with
    /// the list and the file closed after it, the second reads the rest
    /// with a file and its steps list opened before it. ron reads tokens
    /// left to right without looking back, and the split lies between two
    /// list elements (`),\n` before, `(\n` after, which both parts check),
    /// where the reader is in the same state in the whole text as at the
    /// seam of each part; so both parts reading back their share of the
    /// process means the whole text does. (The tests below mutate texts
    /// around the split and all over to keep this honest.)
    pub(crate) fn check_part(&self, part: usize, process: &Process) -> Result<(), String> {
        if self.text.len() as u64 > MAX_FILE_BYTES {
            return Err(format!(
                "the text is {} bytes, more than Flowcase opens",
                self.text.len()
            ));
        }
        let Some((split, first_half)) = self.split else {
            return match decode(self.text.as_bytes()) {
                Ok(read_back) if read_back == *process => Ok(()),
                Ok(_) => Err("the contents differ".to_owned()),
                Err(e) => Err(e.to_string()),
            };
        };
        let (head, tail) = self
            .text
            .split_at_checked(split)
            .ok_or("the split is not between characters")?;
        if !head.ends_with(ELEMENT_END) || !tail.starts_with(ELEMENT_START) {
            return Err("the steps list is not divided between two steps".to_owned());
        }
        let differ = || Err("the contents differ".to_owned());
        if part == 0 {
            validate(process)?;
            let file = read(&format!("{head}{HEAD_CLOSE}"))?;
            let same = file.format == version_for(process)
                && file.scheme == process.scheme
                && file.overview == process.overview
                && file.orientation == process.orientation
                && file.lanes == process.lanes
                && file.phases == process.phases
                && file.connectors.is_empty()
                && same_steps(file.steps, process.steps.values().take(first_half));
            if same { Ok(()) } else { differ() }
        } else {
            // A file whose steps list is already open.
            let file = read(&format!(
                "(\n    format: {},\n    steps: [\n{tail}",
                version_for(process)
            ))?;
            let same = file.format == version_for(process)
                && file.conflicts == process.conflicts
                && file.overview == Default::default()
                && file.lanes.is_empty()
                && file.phases.is_empty()
                && file.rules == process.rules
                && file.connectors.iter().eq(process.connectors.values())
                && same_steps(file.steps, process.steps.values().skip(first_half));
            if same { Ok(()) } else { differ() }
        }
    }
}

fn read(text: &str) -> Result<FileIn, String> {
    ron_options()
        .from_str::<FileIn>(text)
        .map_err(|e| syntax_error(e).to_string())
}

/// Whether read steps equal the process's, once tidied as loading tidies
/// them.
fn same_steps<'a>(mut read: Vec<Step>, expected: impl ExactSizeIterator<Item = &'a Step>) -> bool {
    read.len() == expected.len()
        && read.iter_mut().zip(expected).all(|(step, expected)| {
            tidy_read_step(step);
            step == expected
        })
}

#[cfg(test)]
mod tests {
    use super::super::document::encode_file;
    use crate::format::decode;
    use crate::model::{Process, StepId, synthetic_process};

    fn passes(file: &super::EncodedFile, process: &Process) -> bool {
        (0..file.check_parts()).all(|part| file.check_part(part, process).is_ok())
    }

    #[test]
    fn a_written_process_passes_both_halves_and_another_fails_one() {
        let process = synthetic_process(12, 3);
        let file = encode_file(&process).unwrap();
        assert_eq!(file.check_parts(), 2);
        assert!(passes(&file, &process));
        for (i, id) in [StepId(1), StepId(12)].into_iter().enumerate() {
            let mut other = process.clone();
            other.steps.get_mut(&id).unwrap().title.push('改');
            assert!(file.check_part(0, &other).is_ok() != (i == 0), "step {id}");
            assert!(file.check_part(1, &other).is_ok() != (i == 1), "step {id}");
        }
    }

    /// Every text the divided check accepts reads back whole as the process,
    /// and away from the seam it accepts exactly those: bytes deleted,
    /// inserted or replaced anywhere near the split and at points all over
    /// the file.
    #[test]
    fn the_halves_accept_what_the_whole_file_reads_back_the_same() {
        let process = synthetic_process(12, 3);
        let file = encode_file(&process).unwrap();
        let (split, _) = file.split.unwrap();
        let bytes = file.text.as_bytes();
        let near = split.saturating_sub(100)..(split + 100).min(bytes.len());
        let positions = near.chain((0..bytes.len()).step_by(89));
        let seam = split - super::ELEMENT_END.len()..split + super::ELEMENT_START.len();
        let (mut good, mut compared) = (0, 0);
        for at in positions {
            // (text, whether the split still lies at the same place)
            let mut texts: Vec<(Vec<u8>, bool)> = Vec::new();
            let mut deleted = bytes.to_vec();
            deleted.remove(at);
            texts.push((deleted, at >= seam.end));
            for b in b",()[]{} \n\"/:x1" {
                let mut inserted = bytes.to_vec();
                inserted.insert(at, *b);
                texts.push((inserted, at >= seam.end));
                let mut replaced = bytes.to_vec();
                replaced[at] = *b;
                texts.push((replaced, !seam.contains(&at)));
            }
            for (text, unmoved) in texts {
                let Ok(text) = String::from_utf8(text) else {
                    continue;
                };
                let mutated = super::EncodedFile {
                    text,
                    split: file.split,
                };
                let whole = decode(mutated.text.as_bytes()).is_ok_and(|p| p == process);
                let halves = passes(&mutated, &process);
                assert!(
                    !halves || whole,
                    "accepted by halves only:\n{}",
                    mutated.text
                );
                if unmoved {
                    assert_eq!(halves, whole, "refused by halves only:\n{}", mutated.text);
                    compared += 1;
                    good += usize::from(whole);
                }
            }
        }
        assert!(compared > 3000 && good > 300, "{good} good of {compared}");
    }
}
