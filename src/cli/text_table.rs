//! Plain-text tables aligned for CJK: a wide character takes two columns.

use unicode_width::UnicodeWidthStr;

/// How many terminal columns a string takes.
pub fn display_width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Columns are padded to their widest cell up to this many terminal
/// columns; a longer cell runs into the next column on its own line only,
/// so one very long title does not pad every other line.
const MAX_ALIGNED_WIDTH: usize = 60;

/// Renders rows (the first is the header) with columns padded to the widest
/// cell (up to `MAX_ALIGNED_WIDTH`), two spaces apart, and a rule under the
/// header. Trailing spaces are trimmed from every line.
pub fn render_table(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|cell| display_width(cell).min(MAX_ALIGNED_WIDTH))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        let mut line = String::new();
        for (c, width) in widths.iter().enumerate() {
            let cell = row.get(c).map(String::as_str).unwrap_or("");
            line.push_str(cell);
            line.push_str(&" ".repeat(width.saturating_sub(display_width(cell)) + 2));
        }
        out.push_str(line.trim_end());
        out.push('\n');
        if i == 0 {
            let total: usize = widths.iter().sum::<usize>() + 2 * columns.saturating_sub(1);
            out.push_str(&"─".repeat(total));
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_cells_count_two_columns_each_so_columns_line_up() {
        let rows = vec![
            vec!["编号".to_owned(), "主要步骤".to_owned(), "大区".to_owned()],
            vec![
                "1".to_owned(),
                "确定关键客户获取策略".to_owned(),
                "A,E".to_owned(),
            ],
        ];
        let text = render_table(&rows);
        let lines: Vec<&str> = text.lines().collect();
        // The lane column starts at the same display column on both rows.
        let col = |line: &str, needle: &str| display_width(&line[..line.find(needle).unwrap()]);
        assert_eq!(col(lines[0], "大区"), col(lines[2], "A,E"));
        assert_eq!(display_width("确定"), 4);
    }

    #[test]
    fn one_very_long_title_does_not_pad_every_other_line() {
        let rows = vec![
            vec!["编号".to_owned(), "主要步骤".to_owned(), "大区".to_owned()],
            vec!["1".to_owned(), "很长".repeat(500), "A".to_owned()],
            vec!["2".to_owned(), "短".to_owned(), "E".to_owned()],
        ];
        let text = render_table(&rows);
        let short = text.lines().find(|l| l.starts_with('2')).unwrap();
        assert!(
            display_width(short) <= 4 + 2 + MAX_ALIGNED_WIDTH + 2 + 1,
            "{short}"
        );
        assert!(
            text.contains(&"很长".repeat(500)),
            "the long title is printed whole"
        );
    }
}
