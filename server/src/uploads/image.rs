//! Checking and re-encoding photos: the type is read from the bytes, never
//! the name; decoding is bounded; the output is a fresh JPEG (so EXIF,
//! including GPS, is gone) plus a thumbnail.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

/// The largest upload accepted.
pub const MAX_UPLOAD_BYTES: usize = 8 * 1024 * 1024;
/// The long side of the stored photo and of its thumbnail.
const FULL_SIDE: u32 = 1600;
const THUMB_SIDE: u32 = 320;
const JPEG_QUALITY: u8 = 82;

/// Why an upload is refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// Not JPEG, PNG or WebP by its first bytes.
    NotAnImage,
    /// Looks like an image but does not decode (or is absurdly large).
    Unreadable,
}

/// A photo ready to store.
pub struct Encoded {
    pub full: Vec<u8>,
    pub thumb: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// The format the bytes say they are, by magic number.
pub fn sniff(bytes: &[u8]) -> Option<ImageFormat> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ImageFormat::Jpeg)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(ImageFormat::Png)
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(ImageFormat::WebP)
    } else {
        None
    }
}

/// Decodes (turned upright by its EXIF orientation), shrinks and re-encodes.
/// CPU-bound: call it on the blocking pool.
pub fn reencode(bytes: &[u8]) -> Result<Encoded, Refused> {
    let format = sniff(bytes).ok_or(Refused::NotAnImage)?;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(10_000);
    limits.max_image_height = Some(10_000);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| Refused::Unreadable)?;
    let orientation = decoder.orientation().map_err(|_| Refused::Unreadable)?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(|_| Refused::Unreadable)?;
    image.apply_orientation(orientation);
    let full = if image.width().max(image.height()) > FULL_SIDE {
        image.resize(FULL_SIDE, FULL_SIDE, FilterType::Triangle)
    } else {
        image
    };
    let thumb = full.thumbnail(THUMB_SIDE, THUMB_SIDE);
    Ok(Encoded {
        width: full.width(),
        height: full.height(),
        full: jpeg(&full)?,
        thumb: jpeg(&thumb)?,
    })
}

fn jpeg(image: &DynamicImage) -> Result<Vec<u8>, Refused> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
        .encode_image(&image.to_rgb8())
        .map_err(|_| Refused::Unreadable)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PNG of the given size, made here.
    pub fn png(width: u32, height: u32) -> Vec<u8> {
        let image = DynamicImage::new_rgb8(width, height);
        let mut out = Vec::new();
        image
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .expect("png");
        out
    }

    #[test]
    fn the_type_comes_from_the_bytes() {
        assert_eq!(sniff(&png(2, 2)), Some(ImageFormat::Png));
        assert_eq!(sniff(b"GIF89a..."), None);
        assert_eq!(sniff(b"hello"), None);
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some(ImageFormat::WebP));
    }

    #[test]
    fn a_large_photo_is_shrunk_and_thumbnailed_as_jpeg() {
        let out = reencode(&png(2000, 1000)).expect("encodes");
        assert_eq!((out.width, out.height), (1600, 800));
        assert_eq!(sniff(&out.full), Some(ImageFormat::Jpeg));
        let thumb = image::load_from_memory(&out.thumb).expect("thumb decodes");
        assert_eq!((thumb.width(), thumb.height()), (320, 160));
    }

    #[test]
    fn a_png_header_on_text_is_unreadable_and_text_is_not_an_image() {
        let mut fake = b"\x89PNG\r\n\x1a\n".to_vec();
        fake.extend_from_slice(b"this is not a picture");
        assert!(matches!(reencode(&fake), Err(Refused::Unreadable)));
        assert!(matches!(reencode(b"plain text"), Err(Refused::NotAnImage)));
    }

    #[test]
    fn exif_does_not_survive() {
        // A JPEG with an APP1 Exif segment holding a GPS-looking marker.
        let clean = reencode(&png(10, 10)).expect("encodes").full;
        let mut tagged = clean[..2].to_vec();
        let payload = b"Exif\0\0GPSLatitude 39.9";
        tagged.extend_from_slice(&[0xFF, 0xE1]);
        tagged.extend_from_slice(&u16::try_from(payload.len() + 2).expect("len").to_be_bytes());
        tagged.extend_from_slice(payload);
        tagged.extend_from_slice(&clean[2..]);
        let out = reencode(&tagged).expect("still a JPEG").full;
        assert!(!out.windows(4).any(|w| w == b"Exif"));
        assert!(!out.windows(3).any(|w| w == b"GPS"));
    }
}
