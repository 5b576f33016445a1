use serde::{Deserialize, Serialize};

/// What anyone may know about a community: enough to pick it on the login
/// page and to call its office.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommunitySummary {
    /// Opaque.
    pub id: i64,
    #[cfg_attr(feature = "openapi", schema(example = "轻机南院"))]
    pub name: String,
    /// The property office's phone, shown as a `tel:` link on every screen.
    #[cfg_attr(feature = "openapi", schema(example = "0372-5123456"))]
    pub office_phone: String,
}

/// The three kinds of building in an old compound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BuildingKind {
    /// 楼房: an ordinary block of flats.
    Block,
    /// 平房: a row of single-storey bungalows.
    BungalowRow,
    /// 筒子楼: a tube-shaped building with a shared corridor.
    Tube,
}

super::stored_as_text!(BuildingKind);

impl BuildingKind {
    /// The name stored in the database and sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Block => "block",
            Self::BungalowRow => "bungalow_row",
            Self::Tube => "tube",
        }
    }

    /// The kind named `name` in the database.
    pub fn parse(name: &str) -> Option<Self> {
        [Self::Block, Self::BungalowRow, Self::Tube]
            .into_iter()
            .find(|k| k.as_str() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn building_kind_wire_name_matches_database_name() {
        for kind in [
            BuildingKind::Block,
            BuildingKind::BungalowRow,
            BuildingKind::Tube,
        ] {
            let wire = serde_json::to_value(kind).expect("serialise");
            assert_eq!(wire, serde_json::json!(kind.as_str()));
        }
    }
}
