//! Load and save errors in the user's language. The English texts are the
//! errors' `Display`; these give the same facts in Chinese. Parser details
//! that come from ron, and ids, stay as they are.

use super::document::{CURRENT_VERSION, DecodeError, MAX_FILE_BYTES};
use super::files::{LoadError, SaveError, SaveStep};
use crate::lang::Lang;

impl DecodeError {
    /// The error as a sentence in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            DecodeError::TooLarge { size } => {
                format!("文件有 {size} 字节;Flowcase 只打开不超过 {MAX_FILE_BYTES} 字节的文件")
            }
            DecodeError::Empty => "第 1 行第 1 列:文件是空的;流程文件应以 ( 开头".to_owned(),
            DecodeError::NotText {
                offset,
                line,
                column,
            } => {
                format!("第 {line} 行第 {column} 列:文件不是 UTF-8 文本(第 {offset} 字节)")
            }
            DecodeError::Syntax {
                line,
                column,
                message,
            } => format!("第 {line} 行第 {column} 列:{message}"),
            DecodeError::TooNew { version } => format!(
                "文件的格式版本是 {version},比这个 Flowcase 能读的版本(最高 {CURRENT_VERSION})新;请更新 Flowcase 后再打开"
            ),
            DecodeError::UnknownVersion { version } => {
                format!("文件的格式版本是 {version},Flowcase 从未写过这个版本")
            }
            DecodeError::Invalid(detail) => format!("文件内容不一致:{detail}"),
            DecodeError::OverLimit(over) => over.message(lang),
        }
    }
}

impl LoadError {
    /// The error as a sentence in `lang`, the path last.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (_, Lang::En) => self.to_string(),
            (LoadError::Read { path, source }, Lang::Zh) => {
                format!("无法读取流程文件:{source}:{}", path.display())
            }
            (LoadError::Decode { path, source }, Lang::Zh) => {
                format!(
                    "无法打开流程文件:{}:{}",
                    source.message(lang),
                    path.display()
                )
            }
        }
    }
}

impl SaveError {
    /// The error as a sentence in `lang`, the path last.
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        let what = match self.step {
            SaveStep::Locate => "找不到要替换的文件",
            SaveStep::NotAFile => "这不是可以替换的文件",
            SaveStep::HardLinked => {
                "这个文件还有别的名字(硬链接),保存会让它们留着旧内容,所以没有改动文件;请用“另存为”保存一份副本"
            }
            SaveStep::Busy => "另一个 Flowcase 正在这个文件夹里保存",
            SaveStep::ReadOnlyFolder => {
                "无法在这个文件夹里新建文件,所以没有改动文件;请用“另存为”保存到别的文件夹"
            }
            SaveStep::Encode => "无法把流程转成文本",
            SaveStep::Verify => "保存的文本读回后与流程不一致",
            SaveStep::WriteTemporary => "无法写入临时文件",
            SaveStep::KeepBackup => "无法把原文件保留为 .bak",
            SaveStep::Replace => "无法换上新文件",
            SaveStep::SyncFolder => "已保存,但无法把文件夹写入磁盘",
        };
        format!("{what}:{}:{}", self.detail, self.path.display())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn load_errors_read_in_chinese_with_position_and_path() {
        let err = LoadError::Decode {
            path: PathBuf::from("/tmp/流程.ron"),
            source: DecodeError::Syntax {
                line: 3,
                column: 14,
                message: "Expected string".into(),
            },
        };
        assert_eq!(
            err.message(Lang::Zh),
            "无法打开流程文件:第 3 行第 14 列:Expected string:/tmp/流程.ron"
        );
        assert_eq!(err.message(Lang::En), err.to_string());
        let too_new = DecodeError::TooNew { version: 7 };
        assert!(too_new.message(Lang::Zh).contains("格式版本是 7"));
    }
}
