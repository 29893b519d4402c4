//! A report's output that remembers the first write that failed (a closed
//! pipe, a full disk), so a command that prints as it goes can still exit 2.

use std::io::{self, Write};

/// `out`, with the first error of any write or flush kept.
pub struct ReportOut<'a> {
    out: &'a mut dyn Write,
    failed: Option<io::Error>,
}

impl<'a> ReportOut<'a> {
    pub fn new(out: &'a mut dyn Write) -> ReportOut<'a> {
        ReportOut { out, failed: None }
    }

    /// Flushes, then the first error any write met.
    pub fn finish(mut self) -> Result<(), io::Error> {
        let flushed = self.out.flush();
        match self.failed.take() {
            Some(e) => Err(e),
            None => flushed,
        }
    }
}

impl Write for ReportOut<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.failed.is_some() {
            // Once broken, the rest of the report goes nowhere.
            return Ok(buf.len());
        }
        match self.out.write_all(buf) {
            Ok(()) => Ok(buf.len()),
            Err(e) => {
                self.failed = Some(e);
                Ok(buf.len())
            }
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
