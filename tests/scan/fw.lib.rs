#![no_std]
pub fn led() {}
