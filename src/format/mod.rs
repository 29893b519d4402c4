//! The `.ron` file format: versions and migrations, decoding with full
//! validation, and atomic saving.

mod document;
mod files;
mod list_text;
mod messages;
mod migrate;
mod read_back;

pub use document::{CURRENT_VERSION, DecodeError, MAX_FILE_BYTES, decode, encode};
pub use files::{
    LoadError, OsFs, SaveError, SaveFs, SaveStep, backup_path, load, replace_file, save, save_with,
    write_atomically,
};
