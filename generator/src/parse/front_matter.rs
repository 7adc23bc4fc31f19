//! A page's front matter: flat `key: value` lines, kept as written and read
//! when a key is asked for.
//!
//! Why not a map: a page has a dozen such lines and the schema asks for one
//! key; a map of them cost two strings a line on every page, about one in
//! twenty of all the allocations parsing makes.

/// The front matter of a page (the lines between its `---` fences).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    text: String,
}

impl FrontMatter {
    /// Adds a front matter block's lines (a page has one, as a rule).
    pub fn add(&mut self, block: &str) {
        self.text.push_str(block);
        if !self.text.ends_with('\n') {
            self.text.push('\n');
        }
    }

    /// The value of `key`; when several lines set it, the last one's.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.entries()
            .filter(|(k, _)| *k == key)
            .last()
            .map(|(_, v)| v)
    }

    /// Every `(key, value)`, in the order written: quotes around a value and
    /// spaces around both taken off. Real pages put unquoted colons in values,
    /// which a YAML parser rejects, so the lines are read one by one: the key
    /// ends at the first colon, and lines that are comments (`#`), list items
    /// (`-`) or have no key are not entries.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &str)> {
        self.text.lines().filter_map(|line| {
            let (key, value) = line.split_once(':')?;
            let key = key.trim();
            if key.is_empty() || key.starts_with(['#', '-']) {
                return None;
            }
            let value = value.trim().trim_matches('"').trim_matches('\'').trim();
            Some((key, value))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::FrontMatter;

    #[test]
    fn keys_values_and_the_lines_that_are_neither() {
        let mut fm = FrontMatter::default();
        fm.add("title: \"user: get\"\nms.prod: 'microsoft-identity-platform'\n# note: x\n- item: y\nnokey\n : empty\n");
        assert_eq!(fm.get("title"), Some("user: get"));
        assert_eq!(fm.get("ms.prod"), Some("microsoft-identity-platform"));
        assert_eq!(fm.get("# note"), None);
        assert_eq!(fm.get("- item"), None);
        assert_eq!(fm.entries().count(), 2);
        fm.add("title: again");
        assert_eq!(
            fm.get("title"),
            Some("again"),
            "the last line setting a key wins"
        );
        assert_eq!(FrontMatter::default().get("title"), None);
    }
}
