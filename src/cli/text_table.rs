//! Plain-text tables aligned for CJK: a wide character takes two columns.

use unicode_width::UnicodeWidthStr;

/// How many terminal columns a string takes.
pub fn display_width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Renders rows (the first is the header) with columns padded to the widest
/// cell, two spaces apart, and a rule under the header. Trailing spaces are
/// trimmed from every line.
pub fn render_table(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|cell| display_width(cell))
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
            line.push_str(&" ".repeat(width - display_width(cell) + 2));
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
}
