//! One string form for each value of the domain's enums.
//!
//! A case, a status, a contact tag, an addressee, a document… is stored in the company file, sent
//! to the UI, and used in wording keys under one key. strum derives that key from the variant name
//! with the same naming rule as serde (`IntoStaticStr`, `EnumString`, `VariantArray`), and
//! [`keyed!`], invoked beside each enum, gives it the rest, once:
//!
//! - `key()` and `from_key()`, which refuses an unknown key instead of falling back to some
//!   default (a renamed key is an error, not a different answer);
//! - its conversions for the company file (`ToSql`, `FromSql`), so a read of a value the code
//!   does not know fails with the enum's name and the key;
//! - `ALL`, every value in order; `crate::bindings` exports it to TypeScript, so the UI iterates
//!   the generated list and a `Record<Enum, …>` of labels is complete or does not compile.
//!
//! A test there checks every exported enum's key against its serde name, so the wire, the file and
//! the wording keys can never disagree. This module sits at the bottom: it knows no domain type.

/// A key the code does not know, read from the company file or given by a caller.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} `{key}`")]
pub struct UnknownKey {
    /// The enum's name.
    pub kind: &'static str,
    pub key: String,
}

macro_rules! keyed {
    ($($ty:ty),* $(,)?) => {
        $(
            impl $ty {
                /// Every value, in declaration order.
                pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

                /// The value's one key: in the company file, on the wire and in wording keys.
                pub fn key(self) -> &'static str {
                    self.into()
                }

                /// The value stored under `key`; an unknown key is an error.
                pub fn from_key(key: &str) -> Result<Self, $crate::keys::UnknownKey> {
                    key.parse().map_err(|_| $crate::keys::UnknownKey { kind: stringify!($ty), key: key.to_owned() })
                }
            }

            impl rusqlite::types::ToSql for $ty {
                fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                    Ok(rusqlite::types::ToSqlOutput::from(self.key()))
                }
            }

            impl rusqlite::types::FromSql for $ty {
                fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                    <$ty>::from_key(value.as_str()?).map_err(|e| rusqlite::types::FromSqlError::Other(Box::new(e)))
                }
            }
        )*
    };
}
pub(crate) use keyed;
