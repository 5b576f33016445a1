// sqlx::migrate! embeds the migrations: build again when one changes.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
