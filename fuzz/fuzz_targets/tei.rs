//! Fuzz target: two byte strings through the TEI writer, read back by an XML parser
//! (`duizhao::testkit::selfcheck::tei`).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| duizhao::testkit::selfcheck::tei(data));
