//! What the commands compute on, free of any transport or terminal.

pub mod suggest;
pub mod tail;
pub mod time;
pub mod version;
