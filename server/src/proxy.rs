//! Who is on the other end: the connection's address, or, when the
//! connection came through a trusted proxy (`--trusted-proxy`), the address
//! the proxy names in `X-Forwarded-For`. Login limits, the audit log and
//! `/metrics` all see this one address.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, Request};
use axum::middleware::Next;
use axum::response::Response;
use ipnet::IpNet;

/// An address or a network (`10.0.0.5`, `10.0.0.0/8`, `::1`, `fd00::/8`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AddrRange(IpNet);

impl AddrRange {
    pub fn contains(&self, ip: IpAddr) -> bool {
        self.0.contains(&canonical(ip))
    }
}

impl std::str::FromStr for AddrRange {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        if let Ok(net) = text.parse::<IpNet>() {
            return Ok(Self(net.trunc()));
        }
        text.parse::<IpAddr>()
            .map(|ip| Self(IpNet::from(ip)))
            .map_err(|_| format!("{text:?} is neither an address nor a network like 10.0.0.0/8"))
    }
}

/// The addresses a setting allows; empty allows none.
#[derive(Debug, Clone, Default)]
pub struct AddrSet(Arc<[AddrRange]>);

impl AddrSet {
    pub fn new(ranges: &[AddrRange]) -> Self {
        Self(ranges.into())
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|range| range.contains(ip))
    }
}

/// The client's address as this server believes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr(pub IpAddr);

/// `::ffff:10.0.0.1` is `10.0.0.1`: a dual-stack listener must not slip
/// past an IPv4 rule.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        IpAddr::V4(_) => ip,
    }
}

/// One `X-Forwarded-For` entry: an address, or one with a port.
fn parse_hop(text: &str) -> Option<IpAddr> {
    let text = text.trim();
    text.parse::<IpAddr>()
        .ok()
        .or_else(|| text.parse::<SocketAddr>().ok().map(|s| s.ip()))
        .map(canonical)
}

/// The client behind `peer`. Only a trusted peer's header is believed, and
/// it is read from the right: each hop a trusted proxy added is believed
/// until the first address that is not itself a trusted proxy — the client.
/// Anything left of that was written by the client and may be forged. A
/// header that cannot be read leaves the last believed address.
pub fn resolve(peer: IpAddr, headers: &HeaderMap, trusted: &AddrSet) -> IpAddr {
    let mut client = canonical(peer);
    if !trusted.contains(client) {
        return client;
    }
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .collect();
    for hop in hops.into_iter().rev() {
        let Some(ip) = parse_hop(hop) else { break };
        client = ip;
        if !trusted.contains(ip) {
            break;
        }
    }
    client
}

/// Puts the [`ClientAddr`] on every request.
pub async fn client_addr(
    State(trusted): State<AddrSet>,
    mut request: Request<Body>,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    if let Some(peer) = peer {
        let client = resolve(peer, request.headers(), &trusted);
        request.extensions_mut().insert(ClientAddr(client));
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(ranges: &[&str]) -> AddrSet {
        let ranges: Vec<AddrRange> = ranges.iter().map(|r| r.parse().expect("range")).collect();
        AddrSet::new(&ranges)
    }

    fn forwarded(values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append("x-forwarded-for", value.parse().expect("header"));
        }
        headers
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("ip")
    }

    #[test]
    fn ranges_parse_addresses_and_networks() {
        let range: AddrRange = "10.1.2.3/8".parse().expect("network");
        assert!(range.contains(ip("10.200.0.1")));
        assert!(!range.contains(ip("11.0.0.1")));
        let one: AddrRange = " 192.0.2.7 ".parse().expect("address");
        assert!(one.contains(ip("192.0.2.7")) && !one.contains(ip("192.0.2.8")));
        assert!(one.contains(ip("::ffff:192.0.2.7")), "IPv4-mapped is IPv4");
        let v6: AddrRange = "fd00::/8".parse().expect("v6 network");
        assert!(v6.contains(ip("fd12::1")));
        for bad in ["", "10.0.0.0/33", "example.com", "10.0.0"] {
            assert!(bad.parse::<AddrRange>().is_err(), "{bad}");
        }
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_says() {
        let trusted = set(&["10.0.0.0/8"]);
        let headers = forwarded(&["203.0.113.9"]);
        assert_eq!(
            resolve(ip("198.51.100.1"), &headers, &trusted),
            ip("198.51.100.1")
        );
        assert_eq!(
            resolve(ip("10.0.0.1"), &headers, &AddrSet::default()),
            ip("10.0.0.1")
        );
    }

    #[test]
    fn a_trusted_proxy_names_the_client_from_the_right() {
        let trusted = set(&["10.0.0.0/8"]);
        // The client forged the first entry; the proxy appended the real one.
        let headers = forwarded(&["1.2.3.4, 203.0.113.9"]);
        assert_eq!(
            resolve(ip("10.0.0.1"), &headers, &trusted),
            ip("203.0.113.9")
        );
        // Two trusted proxies in a row, over two header lines.
        let headers = forwarded(&["1.2.3.4, 203.0.113.9", "10.0.0.7"]);
        assert_eq!(
            resolve(ip("10.0.0.1"), &headers, &trusted),
            ip("203.0.113.9")
        );
        // With a port, and IPv6.
        let headers = forwarded(&["203.0.113.9:5555"]);
        assert_eq!(
            resolve(ip("10.0.0.1"), &headers, &trusted),
            ip("203.0.113.9")
        );
        let headers = forwarded(&["2001:db8::5"]);
        assert_eq!(
            resolve(ip("::ffff:10.0.0.1"), &headers, &trusted),
            ip("2001:db8::5")
        );
    }

    #[test]
    fn an_unreadable_or_missing_header_leaves_the_last_believed_address() {
        let trusted = set(&["10.0.0.0/8"]);
        assert_eq!(
            resolve(ip("10.0.0.1"), &HeaderMap::new(), &trusted),
            ip("10.0.0.1")
        );
        let headers = forwarded(&["203.0.113.9, garbage"]);
        assert_eq!(resolve(ip("10.0.0.1"), &headers, &trusted), ip("10.0.0.1"));
        let headers = forwarded(&["garbage, 10.0.0.8"]);
        assert_eq!(resolve(ip("10.0.0.1"), &headers, &trusted), ip("10.0.0.8"));
    }
}
