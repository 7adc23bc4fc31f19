/// Reading a property of a generated struct, which is absent (`None`),
/// `null` (`Some(None)`) or set (`Some(Some(v))`):
/// `user.display_name.value()` is the value if there is one.
pub trait Tristate<T> {
    /// The value, when the property is neither absent nor `null`.
    fn value(&self) -> Option<&T>;
    /// Whether the property was given as `null` (Graph PATCH: clear it).
    fn is_null(&self) -> bool;
}

impl<T> Tristate<T> for Option<Option<T>> {
    fn value(&self) -> Option<&T> {
        self.as_ref().and_then(Option::as_ref)
    }

    fn is_null(&self) -> bool {
        matches!(self, Some(None))
    }
}

#[cfg(test)]
mod tests {
    use super::Tristate;

    #[test]
    fn three_states() {
        let (absent, null, set): (Option<Option<u8>>, Option<Option<u8>>, _) =
            (None, Some(None), Some(Some(7)));
        assert_eq!((absent.value(), absent.is_null()), (None, false));
        assert_eq!((null.value(), null.is_null()), (None, true));
        assert_eq!((set.value(), set.is_null()), (Some(&7), false));
    }
}
