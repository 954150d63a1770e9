//! Phone numbers as `tel:` link targets, so a resident taps a number on
//! the site instead of copying it: in the footer (the `tel` template filter)
//! and where content says `{{ unit.phone }}`.

/// A phone number as a `tel:` target (`0255 3822 000` → `02553822000`,
/// `+84 …` keeps its plus), or "" when the text is not a number (a
/// placeholder, a name): `{% set t = phone | tel %}`.
pub fn tel(text: &str) -> String {
    let plus = text.trim_start().starts_with('+');
    let allowed = |c: char| c.is_ascii_digit() || " .-()".contains(c);
    let digits: String = text.trim().trim_start_matches('+').chars().filter(char::is_ascii_digit).collect();
    let looks_like_a_number = text.trim().trim_start_matches('+').chars().all(allowed);
    if !looks_like_a_number || digits.len() < 3 || digits.len() > 15 {
        return String::new();
    }
    if plus { format!("+{digits}") } else { digits }
}

#[cfg(test)]
mod tests {
    use super::tel;

    #[test]
    fn phone_numbers_become_tel_targets_and_nothing_else_does() {
        assert_eq!(tel("0255 3822 000"), "02553822000");
        assert_eq!(tel("+84 255.3822.000"), "+842553822000");
        assert_eq!(tel("(0255) 3822-000"), "02553822000");
        assert_eq!(tel("113"), "113");
        for not in
            ["[Số điện thoại mẫu — thay bằng số thật]", "Công an: 113", "", "12", "0255 3822 000 hoặc 0912"]
        {
            assert_eq!(tel(not), "", "{not}");
        }
    }
}
