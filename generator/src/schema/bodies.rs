//! The parsed example bodies (with the line of every value), found by the
//! source of the example in the schema.

use rustc_hash::FxHashMap;

use super::model::Source;
use crate::parse::{JsonBody, Page};

pub struct Bodies<'a>(FxHashMap<(&'a str, u32), &'a JsonBody>);

impl<'a> Bodies<'a> {
    pub fn new(pages: &[&'a Page]) -> Self {
        Bodies(
            pages
                .iter()
                .flat_map(|p| {
                    p.examples
                        .iter()
                        .filter_map(move |e| Some(((&*p.file, e.line), e.body.as_ref()?)))
                })
                .collect(),
        )
    }

    pub fn get(&self, source: &Source) -> Option<&'a JsonBody> {
        self.0.get(&(&*source.file, source.line)).copied()
    }
}
