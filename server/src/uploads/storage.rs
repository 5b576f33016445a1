//! Where the photos' bytes live: a directory on this machine (the default,
//! `<data>/uploads`) or an S3-compatible bucket (`--uploads s3://bucket/prefix`:
//! AWS, MinIO, Aliyun OSS or Tencent COS in S3 mode), through `object_store`.
//! Either way a photo is `<id>.jpg` with its `<id>-thumb.jpg`, and it is
//! only ever served through the server, with the server's checks.

use std::sync::Arc;

use axum::body::Bytes;
use futures_util::stream::BoxStream;
use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::path::Path as ObjectPath;
use object_store::prefix::PrefixStore;
use object_store::{ObjectStore, PutPayload};

use crate::config::S3Settings;

/// The photo store of this deployment.
#[derive(Clone)]
pub struct Photos {
    store: Arc<dyn ObjectStore>,
    /// `local` or `s3`, for logs and metrics.
    pub kind: &'static str,
}

impl std::fmt::Debug for Photos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Photos")
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

/// A photo's bytes on their way out: its length, then the stream.
pub struct Stored {
    pub length: u64,
    pub stream: BoxStream<'static, object_store::Result<Bytes>>,
}

impl Photos {
    /// `--uploads`: an `s3://` URL or a directory; `None` is `<data>/uploads`.
    pub fn open(
        setting: Option<&str>,
        data_dir: &std::path::Path,
        s3: &S3Settings,
    ) -> anyhow::Result<Self> {
        match setting {
            Some(url) if url.starts_with("s3://") => Self::s3(url, s3),
            Some(dir) => Self::local(std::path::Path::new(dir)),
            None => Self::local(&data_dir.join("uploads")),
        }
    }

    /// A directory, made if missing.
    pub fn local(dir: &std::path::Path) -> anyhow::Result<Self> {
        std::fs::create_dir_all(dir)
            .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
        Ok(Self {
            store: Arc::new(LocalFileSystem::new_with_prefix(dir)?),
            kind: "local",
        })
    }

    /// A bucket, with anything under a prefix. Endpoint, region and keys
    /// come from the environment (`AWS_ENDPOINT_URL`, `AWS_REGION`,
    /// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`) or the settings; the
    /// requests are path-style (`endpoint/bucket/key`), which self-hosted
    /// stores expect.
    pub fn s3(url: &str, settings: &S3Settings) -> anyhow::Result<Self> {
        let rest = url.trim_start_matches("s3://");
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        if bucket.is_empty() {
            anyhow::bail!("--uploads {url}: name a bucket, e.g. s3://courtyard-photos/district");
        }
        let mut builder = AmazonS3Builder::from_env()
            .with_bucket_name(bucket)
            .with_virtual_hosted_style_request(false);
        if let Some(endpoint) = &settings.endpoint {
            builder = builder
                .with_endpoint(endpoint)
                .with_allow_http(endpoint.starts_with("http://"));
        }
        if let Some(region) = &settings.region {
            builder = builder.with_region(region);
        }
        if let Some(key) = &settings.access_key_id {
            builder = builder.with_access_key_id(key);
        }
        if let Some(secret) = &settings.secret_access_key {
            builder = builder.with_secret_access_key(secret.expose());
        }
        let bucket_store = builder
            .build()
            .map_err(|e| anyhow::anyhow!("--uploads {url}: {e}"))?;
        let prefix = prefix.trim_matches('/');
        let store: Arc<dyn ObjectStore> = if prefix.is_empty() {
            Arc::new(bucket_store)
        } else {
            Arc::new(PrefixStore::new(bucket_store, prefix))
        };
        Ok(Self { store, kind: "s3" })
    }

    fn names(id: &str) -> (ObjectPath, ObjectPath) {
        (
            ObjectPath::from(format!("{id}.jpg")),
            ObjectPath::from(format!("{id}-thumb.jpg")),
        )
    }

    /// Stores a photo and its thumbnail.
    pub async fn put(&self, id: &str, full: Vec<u8>, thumb: Vec<u8>) -> object_store::Result<()> {
        let (full_name, thumb_name) = Self::names(id);
        self.store.put(&full_name, PutPayload::from(full)).await?;
        self.store.put(&thumb_name, PutPayload::from(thumb)).await?;
        Ok(())
    }

    /// The photo (or its thumbnail) as a stream, `None` when it is absent.
    pub async fn get(&self, id: &str, thumb: bool) -> object_store::Result<Option<Stored>> {
        let (full, small) = Self::names(id);
        match self.store.get(if thumb { &small } else { &full }).await {
            Ok(found) => Ok(Some(Stored {
                length: found.meta.size,
                stream: found.into_stream(),
            })),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Removes a photo and its thumbnail; absent ones are already gone.
    pub async fn delete(&self, id: &str) -> object_store::Result<()> {
        let (full, small) = Self::names(id);
        for name in [full, small] {
            match self.store.delete(&name).await {
                Ok(()) | Err(object_store::Error::NotFound { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }
}
