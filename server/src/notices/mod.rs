//! Notices (通知公告): managers publish to a community or some buildings;
//! residents read (each read a receipt); managers see whom it has not reached.

mod audience;
pub mod routes;
mod store;
