//! Tidying what people type before it is checked and stored.

/// Characters that show nothing: zero-width spaces and joiners, the byte
/// order mark, the soft hyphen and the bidirectional controls.
fn invisible(c: char) -> bool {
    matches!(c,
        '\u{00ad}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// The text without blank or invisible characters at either end, so that a
/// name of only zero-width spaces counts as empty, as it looks.
pub fn tidy(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace() || invisible(c))
}

#[cfg(test)]
mod tests {
    use super::tidy;

    #[test]
    fn blank_and_invisible_ends_go_and_the_middle_stays() {
        assert_eq!(tidy("  张建国 "), "张建国");
        assert_eq!(tidy("\u{200b}\u{200d}\u{feff}"), "");
        assert_eq!(tidy("\u{202e}\u{3000}"), "");
        assert_eq!(tidy("a\u{200b}b"), "a\u{200b}b");
        assert_eq!(tidy("修水管🔧"), "修水管🔧");
    }
}
