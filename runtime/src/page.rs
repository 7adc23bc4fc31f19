use serde::{Deserialize, Serialize};

use crate::AdditionalProperties;

/// One page of a collection response: `{"value": [...], "@odata.nextLink": ...}`.
///
/// Every documented list operation returns this rather than a bare `Vec`, so the
/// paging links and counts that Graph adds are not lost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    /// The items on this page.
    pub value: Vec<T>,
    /// URL of the next page, when there is one.
    #[serde(
        rename = "@odata.nextLink",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub next_link: Option<String>,
    /// URL to call later for changes, on delta queries.
    #[serde(
        rename = "@odata.deltaLink",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub delta_link: Option<String>,
    /// Total number of items, when `$count=true` was asked for.
    #[serde(
        rename = "@odata.count",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub count: Option<i64>,
    /// The metadata context URL.
    #[serde(
        rename = "@odata.context",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub context: Option<String>,
    /// Any other member of the response object.
    #[serde(flatten)]
    pub additional_properties: AdditionalProperties,
}

impl<T> Page<T> {
    /// A single page holding `value` and nothing else.
    pub fn new(value: Vec<T>) -> Self {
        Page {
            value,
            next_link: None,
            delta_link: None,
            count: None,
            context: None,
            additional_properties: AdditionalProperties::new(),
        }
    }
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Page::new(Vec::new())
    }
}
