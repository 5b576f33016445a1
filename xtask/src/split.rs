//! Splits the app's WASM into the main module and lazily loaded pieces, at
//! the `wasm_split` points in `app/src/routes.rs`, with the
//! `wasm_split_cli_support` crate (what cargo-leptos `--split` uses).

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use anyhow::Context;

/// Splits the linked WASM at the `wasm_split` points into `dir`: the main module
/// (`app_split.wasm`, for wasm-bindgen), the pieces each split point needs
/// (its own and those shared with other split points), and the loader
/// `__wasm_split.js`. Returns, for each split point, the pieces it needs.
pub fn into_pieces(wasm: &Path, dir: &Path) -> anyhow::Result<HashMap<String, Vec<String>>> {
    let input = fs::read(wasm).with_context(|| format!("reading {}", wasm.display()))?;
    let main_out = dir.join("app_split.wasm");
    let mut options = wasm_split_cli_support::Options::new(&input);
    options.output_dir = dir;
    options.main_out_path = &main_out;
    options.main_module = "./app.js";
    options.link_name = "./__wasm_split.js";
    let split = wasm_split_cli_support::transform(options)
        .map_err(|e| anyhow::anyhow!("splitting the WASM: {e:?}"))?;
    for piece in &split.split_modules {
        let bytes = fs::read(piece)?;
        fs::write(piece, without_custom_sections(&bytes)?)?;
    }
    Ok(split.prefetch_map)
}

/// The module without its custom sections (names, producers, target
/// features): the splitter copies them into every piece, where nothing reads
/// them and they are half the bytes.
fn without_custom_sections(wasm: &[u8]) -> anyhow::Result<Vec<u8>> {
    anyhow::ensure!(
        wasm.len() >= 8 && wasm[..4] == *b"\0asm",
        "not a WASM module"
    );
    let mut out = wasm[..8].to_vec();
    let mut at = 8;
    while at < wasm.len() {
        let id = wasm[at];
        let (size, leb) = read_leb128(&wasm[at + 1..])?;
        let end = at + 1 + leb + size;
        anyhow::ensure!(end <= wasm.len(), "truncated WASM section");
        if id != 0 {
            out.extend_from_slice(&wasm[at..end]);
        }
        at = end;
    }
    Ok(out)
}

/// An unsigned LEB128 number and how many bytes it took.
fn read_leb128(bytes: &[u8]) -> anyhow::Result<(usize, usize)> {
    let mut value = 0usize;
    for (i, byte) in bytes.iter().take(5).enumerate() {
        value |= usize::from(byte & 0x7f) << (7 * i);
        if byte & 0x80 == 0 {
            return Ok((value, i + 1));
        }
    }
    anyhow::bail!("bad LEB128 in a WASM section header")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_sections_go_and_the_rest_stays() {
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        // A custom section "name" with two bytes of payload.
        wasm.extend_from_slice(&[0, 7, 4, b'n', b'a', b'm', b'e', 1, 2]);
        // A type section: one function type () -> ().
        let types = [1, 4, 1, 0x60, 0, 0];
        wasm.extend_from_slice(&types);
        let out = without_custom_sections(&wasm).expect("valid module");
        assert_eq!(out[..8], wasm[..8]);
        assert_eq!(out[8..], types);
    }

    #[test]
    fn truncated_modules_are_refused() {
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend_from_slice(&[1, 9, 1]);
        assert!(without_custom_sections(&wasm).is_err());
        assert!(without_custom_sections(b"not wasm").is_err());
    }

    #[test]
    fn leb128_spans_bytes() {
        assert_eq!(read_leb128(&[0x05]).ok(), Some((5, 1)));
        assert_eq!(read_leb128(&[0xe5, 0x8e, 0x26]).ok(), Some((624_485, 3)));
        assert!(read_leb128(&[0x80, 0x80]).is_err());
    }
}
