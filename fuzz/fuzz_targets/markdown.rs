//! Fuzz target: two byte strings through the Markdown writer, read back by a CommonMark
//! parser (`duizhao::testkit::selfcheck::markdown`).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| duizhao::testkit::selfcheck::markdown(data));
