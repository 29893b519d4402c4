//! The `.ron` file format: versions and migrations, decoding with full
//! validation, and atomic saving.

mod catalogue;
mod document;
mod files;
mod list_text;
mod migrate;
mod read_back;
mod replace;
mod stamp;

pub use catalogue::{
    CATALOGUE_FILE, CATALOGUE_VERSION, decode_catalogue, encode_catalogue, load_catalogue,
    save_catalogue,
};
pub use document::{CURRENT_VERSION, DecodeError, MAX_FILE_BYTES, decode, encode, version_for};
pub(crate) use document::{checked_text, ron_options};
pub use files::{
    LoadError, SaveError, SaveStep, is_stdin, load, load_or_stdin, load_stamped, read_limited,
    read_stamped, replace_file, replace_file_as, save, save_checked, save_over, save_with,
    write_atomically,
};
pub use replace::{OsFs, Replacing, SaveFs, backup_path, resolve_links, same_file};
pub use stamp::{Mark, Stamp};
