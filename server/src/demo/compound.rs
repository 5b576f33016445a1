//! The shape of the demo compounds: buildings, flats and areas, generated
//! deterministically so every demo start is the same.

use app::model::BuildingKind;

/// A compound to seed.
pub struct Compound {
    pub name: &'static str,
    pub address: &'static str,
    pub office_phone: &'static str,
    /// Groups of alike buildings.
    layout: &'static [Wing],
}

struct Wing {
    names: &'static [&'static str],
    kind: BuildingKind,
    floors: u32,
    per_floor: u32,
    /// Smallest and largest area, hundredths of m².
    area: (i64, i64),
}

/// A building with its flats: (label, area in hundredths of m²).
pub struct Building {
    pub name: String,
    pub kind: BuildingKind,
    pub flats: Vec<(String, i64)>,
}

/// 轻机南院, built 1969: 6 blocks, 3 tube buildings, 5 bungalow rows, 327
/// households, the largest flat under 60 m².
pub const QINGJI_SOUTH: Compound = Compound {
    name: "轻机南院",
    address: "安阳市北关区人民大道与东风路交叉口东南角",
    office_phone: "0372-3169690",
    layout: &[
        // 4 blocks of 5 floors × 5 flats, 2 of 6 floors × 4 flats: 148.
        Wing {
            names: &["1号楼", "2号楼", "3号楼", "4号楼"],
            kind: BuildingKind::Block,
            floors: 5,
            per_floor: 5,
            area: (4800, 5950),
        },
        Wing {
            names: &["5号楼", "6号楼"],
            kind: BuildingKind::Block,
            floors: 6,
            per_floor: 4,
            area: (4800, 5950),
        },
        // 3 tube buildings of 3 floors × 15 rooms: 135.
        Wing {
            names: &["7号楼（筒子楼）", "8号楼（筒子楼）", "9号楼（筒子楼）"],
            kind: BuildingKind::Tube,
            floors: 3,
            per_floor: 15,
            area: (1800, 3200),
        },
        // 5 bungalow rows: 4 of 9 and 1 of 8 homes: 44.
        Wing {
            names: &["平房一排", "平房二排", "平房三排", "平房四排"],
            kind: BuildingKind::BungalowRow,
            floors: 1,
            per_floor: 9,
            area: (3000, 4500),
        },
        Wing {
            names: &["平房五排"],
            kind: BuildingKind::BungalowRow,
            floors: 1,
            per_floor: 8,
            area: (3000, 4500),
        },
    ],
};

/// A second, small compound nearby: its data must never show in 轻机南院.
pub const SHACHANG_EAST: Compound = Compound {
    name: "纱厂东院",
    address: "安阳市北关区纱厂路",
    office_phone: "0372-3100215",
    layout: &[Wing {
        names: &["1号楼", "2号楼"],
        kind: BuildingKind::Block,
        floors: 3,
        per_floor: 2,
        area: (5000, 7200),
    }],
};

impl Compound {
    /// Every building with its flats. Block and tube flats are labelled by
    /// floor and number (201, 315); bungalows by number (1, 2, …).
    pub fn buildings(&self) -> Vec<Building> {
        let mut seq: i64 = 0;
        let mut out = Vec::new();
        for wing in self.layout {
            for name in wing.names {
                let mut flats = Vec::new();
                for floor in 1..=wing.floors {
                    for n in 1..=wing.per_floor {
                        let label = match wing.kind {
                            BuildingKind::BungalowRow => n.to_string(),
                            _ => format!("{floor}{n:02}"),
                        };
                        seq += 1;
                        // A spread that looks like real flats but never changes.
                        let span = wing.area.1 - wing.area.0;
                        let area = wing.area.0 + (seq * 733) % span;
                        flats.push((label, area));
                    }
                }
                out.push(Building {
                    name: (*name).to_owned(),
                    kind: wing.kind,
                    flats,
                });
            }
        }
        out
    }
}
