//! Fuzz target: the viewer's layout and rendering at a size chosen by the input.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| duizhao::testkit::selfcheck::layout(data));
