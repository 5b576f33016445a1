//! Checking what a manager typed. Nothing is interpreted: the client shows
//! it as text, so `<script>` stays the letters `<script>`.

use crate::error::ApiError;

pub const TITLE_MAX: usize = 200;
pub const BODY_MAX: usize = 20_000;

/// A title: trimmed, 1–200 characters, one line.
pub fn title(input: &str) -> Result<String, ApiError> {
    let title = crate::text::tidy(input);
    let chars = title.chars().count();
    if chars == 0 || chars > TITLE_MAX || title.chars().any(char::is_control) {
        return Err(ApiError::bad_request(
            "invalid_title",
            "标题须为 1 到 200 个字，不能换行",
        ));
    }
    Ok(title.to_owned())
}

/// A body: up to 20,000 characters; line breaks and tabs allowed, other
/// control characters not.
pub fn body(input: &str) -> Result<String, ApiError> {
    let body = input.trim_end();
    if body.chars().count() > BODY_MAX {
        return Err(ApiError::bad_request(
            "body_too_long",
            "正文太长了，请不要超过 20000 个字",
        ));
    }
    if body
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(ApiError::bad_request(
            "invalid_body",
            "正文里有不能显示的字符",
        ));
    }
    Ok(body.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_one_line_and_not_empty() {
        assert_eq!(title("  停水通知 ").ok().as_deref(), Some("停水通知"));
        assert!(title("   ").is_err());
        assert!(title("a\nb").is_err());
        assert!(title(&"水".repeat(201)).is_err());
        assert!(title(&"水".repeat(200)).is_ok());
    }

    #[test]
    fn bodies_keep_paragraphs_and_refuse_control_characters() {
        assert!(body("周四停水。\n\n请提前储水。").is_ok());
        assert!(body("").is_ok());
        assert!(body("bell\u{7}").is_err());
        assert!(body(&"字".repeat(20_001)).is_err());
    }
}
