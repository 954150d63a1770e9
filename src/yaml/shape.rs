//! The keys a YAML mapping may have, derived from the serde model itself:
//! every key is declared once, as a field of the struct it is read into,
//! and the unknown-key pass asks serde for the field names. Only which
//! field holds another struct is said here (`Shape::with`).

use std::cell::Cell;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

/// The keys a mapping may have, recursively. `Any` accepts any value.
#[derive(Debug, PartialEq)]
pub enum Shape {
    Any,
    Map(Vec<(String, Shape)>),
    List(Box<Shape>),
}

impl Shape {
    /// The fields of struct `T`, as serde reads them, each holding any value.
    pub fn of<T: for<'de> Deserialize<'de>>() -> Shape {
        Shape::keys(fields::<T>().iter().map(|f| f.to_string()))
    }

    /// A mapping with these keys, each holding any value.
    pub fn keys(keys: impl IntoIterator<Item = String>) -> Shape {
        Shape::Map(keys.into_iter().map(|k| (k, Shape::Any)).collect())
    }

    /// A list of `inner`.
    pub fn list(inner: Shape) -> Shape {
        Shape::List(Box::new(inner))
    }

    /// This mapping with `key` holding `inner` (a nested struct or list).
    pub fn with(mut self, key: &str, inner: Shape) -> Shape {
        if let Shape::Map(fields) = &mut self {
            let slot = fields.iter_mut().find(|(name, _)| name == key);
            debug_assert!(slot.is_some(), "`{key}` is not a field of this shape");
            if let Some((_, shape)) = slot {
                *shape = inner;
            }
        }
        self
    }
}

/// The field names serde's derived `Deserialize` of `T` expects: learnt by
/// deserialising `T` from a deserializer that only records them.
fn fields<T: for<'de> Deserialize<'de>>() -> &'static [&'static str] {
    let found = Cell::new(&[][..]);
    // The recorder always fails once it has the names; the error is the point.
    let _names_recorded = T::deserialize(Recorder(&found));
    found.get()
}

struct Recorder<'a>(&'a Cell<&'static [&'static str]>);

impl<'de> Deserializer<'de> for Recorder<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("only struct fields are recorded"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.set(fields);
        Err(de::Error::custom("fields recorded"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option
        unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct Demo {
        title: String,
        #[serde(rename = "sort_by")]
        sort: Option<String>,
        inner: Option<Inner>,
    }

    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        name: String,
    }

    #[test]
    fn keys_come_from_the_struct() {
        let shape = Shape::of::<Demo>().with("inner", Shape::of::<Inner>());
        let expected = Shape::Map(vec![
            ("title".into(), Shape::Any),
            ("sort_by".into(), Shape::Any),
            ("inner".into(), Shape::keys(["name".to_string()])),
        ]);
        assert_eq!(shape, expected);
    }
}
