//! Reusable pieces of the interface.

mod act_for;
mod call_office;
mod community_picker;
mod confirm;
mod form;
mod header;
mod household_chooser;
pub mod icons;
mod large_text_switch;
mod loadable;
mod offline;
mod photo_input;
mod qr;
mod tab_bar;

pub use act_for::ActForBanner;
pub use call_office::CallOfficeButton;
pub use community_picker::CommunityPicker;
pub use confirm::ConfirmButton;
pub use form::{FormError, PasswordField, TextField, ToggleInList, parse_text, submit_action};
pub use header::AppHeader;
pub use household_chooser::HouseholdChooser;
pub use large_text_switch::LargeTextSwitch;
pub use loadable::{ErrorNotice, Loading};
pub use offline::OfflineBanner;
pub use photo_input::PhotoInput;
pub use qr::QrSvg;
pub use tab_bar::TabBar;
