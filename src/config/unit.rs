//! The publishing unit: a xã, phường or đặc khu, declared once in
//! `site.yaml` (`unit:`). Every word about the unit on the site, the
//! posters and in content variables comes from here; the names of its
//! offices ("UBND xã Bình Sơn", "Công an xã Bình Sơn", the public-service
//! centre) are derived from the kind and name through the theme's strings,
//! unless `unit.offices` names them.

use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use crate::diagnostics::{Diagnostic, Location};
use crate::messages::Msg;
use crate::theme::Strings;

use crate::messages::UNIT_KINDS as KINDS;

/// `unit:` as written.
#[derive(Deserialize, Default)]
pub struct RawUnit {
    kind: Option<Spanned<String>>,
    #[serde(default)]
    name: String,
    #[serde(default)]
    province: String,
    #[serde(default)]
    pub offices: Offices,
    #[serde(default)]
    address: String,
    #[serde(default)]
    hours: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    police_phone: String,
}

/// Names of the unit's offices, when they differ from the derived ones.
#[derive(Deserialize, Serialize, Default, Clone, Debug, PartialEq)]
pub struct Offices {
    #[serde(default)]
    pub ubnd: String,
    #[serde(default)]
    pub police: String,
    #[serde(default)]
    pub service_centre: String,
}

/// Who publishes the site (`site.unit` in templates).
#[derive(Serialize, Default, Clone, Debug, PartialEq)]
pub struct Unit {
    /// `xã`, `phường` or `đặc khu`; empty when not declared.
    pub kind: String,
    /// The name alone: `Bình Sơn`.
    pub name: String,
    /// `xã Bình Sơn`.
    pub full_name: String,
    pub province: String,
    /// `UBND xã Bình Sơn`.
    pub ubnd: String,
    /// `Công an xã Bình Sơn`.
    pub police: String,
    /// `Trung tâm Phục vụ hành chính công xã Bình Sơn`.
    pub service_centre: String,
    pub address: String,
    pub hours: String,
    pub phone: String,
    pub email: String,
    pub police_phone: String,
    /// The offices as written, for `derive`.
    #[serde(skip)]
    offices: Offices,
}

impl RawUnit {
    /// The unit, checked: an unknown kind is an error listing the kinds.
    pub fn check(self, file: &Path, text: &str, errors: &mut Vec<Diagnostic>) -> Unit {
        let kind = match &self.kind {
            Some(kind) => normalise_kind(&kind.value).unwrap_or_else(|| {
                let at = Location::at_line(
                    file,
                    text,
                    kind.referenced.line() as usize,
                    kind.referenced.column() as usize,
                );
                errors.push(Diagnostic::error(Msg::UnitKindInvalid { value: kind.value.clone() }, Some(at)));
                String::new()
            }),
            None => String::new(),
        };
        let one_line = |s: String| s.split_whitespace().collect::<Vec<_>>().join(" ");
        Unit {
            kind,
            name: one_line(self.name),
            province: one_line(self.province),
            address: one_line(self.address),
            hours: one_line(self.hours),
            phone: one_line(self.phone),
            email: one_line(self.email),
            police_phone: one_line(self.police_phone),
            offices: self.offices,
            ..Unit::default()
        }
    }
}

/// `xa`, `Xã`, `dac-khu` → the kind as Vietnamese writes it.
pub fn normalise_kind(value: &str) -> Option<String> {
    let folded: String = crate::slug::slugify(value);
    KINDS.iter().find(|k| crate::slug::slugify(k) == folded).map(|k| k.to_string())
}

impl Unit {
    /// Fills in the full name and the offices' names from the theme's
    /// patterns (`unit_full_name`, `office_ubnd`, …), keeping those the
    /// site names itself.
    pub fn derive(&mut self, strings: &Strings) {
        self.full_name =
            strings.fill("unit_full_name", &[("kind", &self.kind), ("name", &self.name)]).trim().to_string();
        let with_name = |key: &str, own: &str| {
            if own.trim().is_empty() {
                strings.fill(key, &[("full_name", &self.full_name)]).trim().to_string()
            } else {
                own.trim().to_string()
            }
        };
        self.ubnd = with_name("office_ubnd", &self.offices.ubnd);
        self.police = with_name("office_police", &self.offices.police);
        self.service_centre = with_name("office_service_centre", &self.offices.service_centre);
    }

    /// True when the site said what it is: a kind and a name.
    pub fn is_declared(&self) -> bool {
        !self.kind.is_empty() && !self.name.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings() -> Strings {
        crate::theme::Theme::built_in().strings
    }

    #[test]
    fn office_names_follow_the_kind_and_name() {
        let mut unit = Unit { kind: "đặc khu".into(), name: "Lý Sơn".into(), ..Unit::default() };
        unit.derive(&strings());
        assert_eq!(unit.full_name, "đặc khu Lý Sơn");
        assert_eq!(unit.ubnd, "UBND đặc khu Lý Sơn");
        assert_eq!(unit.police, "Công an đặc khu Lý Sơn");
        assert_eq!(unit.service_centre, "Trung tâm Phục vụ hành chính công đặc khu Lý Sơn");
        let mut unit = Unit {
            kind: "xã".into(),
            name: "Bình Sơn".into(),
            offices: Offices {
                service_centre: "Bộ phận Một cửa xã Bình Sơn".into(), ..Offices::default()
            },
            ..Unit::default()
        };
        unit.derive(&strings());
        assert_eq!(unit.police, "Công an xã Bình Sơn");
        assert_eq!(unit.service_centre, "Bộ phận Một cửa xã Bình Sơn");
    }

    #[test]
    fn kinds_are_recognised_however_typed() {
        for (typed, kind) in
            [("xã", "xã"), ("Xa", "xã"), ("phuong", "phường"), ("Đặc khu", "đặc khu"), ("dac-khu", "đặc khu")]
        {
            assert_eq!(normalise_kind(typed).as_deref(), Some(kind), "{typed}");
        }
        for bad in ["huyện", "thị trấn", "", "tỉnh"] {
            assert_eq!(normalise_kind(bad), None, "{bad}");
        }
    }
}
