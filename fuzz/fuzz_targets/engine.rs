//! Fuzz target: decode → normalise → align → hotspots → report, on two byte strings.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| duizhao::testkit::selfcheck::engine(data));
