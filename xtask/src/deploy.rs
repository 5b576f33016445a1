//! The deployment examples in `deploy/` are checked, not trusted: nginx
//! parses the site with `nginx -t` (installed from Debian when missing) and
//! `systemd-analyze verify` reads the unit where systemd's tools are present.
//! Each check is first shown to fail on a broken copy, so it cannot pass
//! by not looking.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, bail};

use crate::{root, system};

pub fn check(server: &Path) -> anyhow::Result<()> {
    let deploy = root().join("deploy");
    let work = std::env::temp_dir().join(format!("courtyard-deploy-{}", std::process::id()));
    std::fs::create_dir_all(&work)?;
    let checked = check_in(server, &deploy, &work);
    let _ = std::fs::remove_dir_all(&work);
    checked
}

fn check_in(server: &Path, deploy: &Path, work: &Path) -> anyhow::Result<()> {
    let nginx = system::nginx()?;
    let site = std::fs::read_to_string(deploy.join("nginx.conf"))?;
    nginx_test(&nginx, work, &site).context("deploy/nginx.conf")?;
    if nginx_test(
        &nginx,
        work,
        &site.replacen("keepalive 32;", "keepalive 32", 1),
    )
    .is_ok()
    {
        bail!("nginx -t passed a broken copy of deploy/nginx.conf: the check checks nothing");
    }
    println!("deploy/nginx.conf: nginx -t passes");

    let unit = std::fs::read_to_string(deploy.join("courtyard.service"))?;
    if Command::new("systemd-analyze")
        .arg("--version")
        .output()
        .is_ok()
    {
        let server = server.canonicalize()?;
        let unit = unit.replace("/usr/local/bin/courtyard", &server.to_string_lossy());
        unit_verify(work, &unit).context("deploy/courtyard.service")?;
        let broken = unit.replacen("Restart=on-failure", "Restart=sometimes", 1);
        if unit_verify(work, &broken).is_ok() {
            bail!("systemd-analyze passed a broken copy of the unit: the check checks nothing");
        }
        println!("deploy/courtyard.service: systemd-analyze verify passes");
    } else {
        println!("deploy/courtyard.service: no systemd-analyze here, not verified");
    }
    Ok(())
}

/// `nginx -t` on the site inside a minimal main configuration, with a
/// throwaway certificate where the example names the real one.
fn nginx_test(nginx: &Path, work: &Path, site: &str) -> anyhow::Result<()> {
    let cert = work.join("cert.pem");
    let key = work.join("key.pem");
    if !cert.exists() {
        let made = Command::new("openssl")
            .args([
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            ])
            .args(["-subj", "/CN=yuanli.example.cn", "-keyout"])
            .arg(&key)
            .arg("-out")
            .arg(&cert)
            .output()
            .context("openssl makes a test certificate")?;
        if !made.status.success() {
            bail!("openssl: {}", String::from_utf8_lossy(&made.stderr));
        }
    }
    let site = site
        .replace("/etc/ssl/courtyard/fullchain.pem", &cert.to_string_lossy())
        .replace("/etc/ssl/courtyard/privkey.pem", &key.to_string_lossy());
    std::fs::write(work.join("courtyard.conf"), site)?;
    let main = format!(
        "pid {work}/nginx.pid;\nerror_log {work}/error.log;\nevents {{}}\n\
         http {{\n  access_log off;\n  client_body_temp_path {work}/body;\n  \
         proxy_temp_path {work}/proxy;\n  include {work}/courtyard.conf;\n}}\n",
        work = work.display()
    );
    std::fs::write(work.join("nginx.conf"), main)?;
    let out = Command::new(nginx)
        .arg("-t")
        .arg("-e")
        .arg(work.join("error.log"))
        .arg("-p")
        .arg(work)
        .arg("-c")
        .arg(work.join("nginx.conf"))
        .output()?;
    let said = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() || said.contains("[warn]") || said.contains("[emerg]") {
        bail!("nginx -t: {said}");
    }
    Ok(())
}

/// `systemd-analyze verify`: any complaint fails, not only its exit code
/// (it warns about unknown keys and still exits 0).
fn unit_verify(work: &Path, unit: &str) -> anyhow::Result<()> {
    let path = work.join("courtyard.service");
    std::fs::write(&path, unit)?;
    let out = Command::new("systemd-analyze")
        .arg("verify")
        .arg(&path)
        .output()?;
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    if !out.status.success() || !said.trim().is_empty() {
        bail!("systemd-analyze verify: {said}");
    }
    Ok(())
}
