//! 积分超市: the shelf residents swap points on, and the office's side of
//! it (goods, stock, handing swaps over).

mod counter;
mod goods;
mod handover;
mod shelf;

pub use handover::ShopOfficePage;
pub use shelf::{PickupCode, Shelf};
