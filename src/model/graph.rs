//! The service graph, as `xray services` shows it: services with request counts and
//! latency, and the calls between them. X-Ray computes it (GetServiceGraph); for the local
//! store it is computed here from the spans, so both are drawn by the same renderer.

use std::hash::BuildHasher;

use foldhash::HashMap;
use hashbrown::{HashTable, hash_table};

use serde::Serialize;

use crate::model::span::{SpanKind, SpanRecord, SpanStatus, id_number};

/// Request counts and latency of a service or an edge.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Counts {
    pub requests: i64,
    pub ok: i64,
    pub errors: i64,
    pub faults: i64,
    pub throttles: i64,
    /// Seconds per request.
    pub avg_latency: Option<f64>,
}

/// One node of the service graph.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ServiceNode {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(flatten)]
    pub counts: Counts,
    pub edges: Vec<ServiceEdge>,
}

/// A call from one service to another.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ServiceEdge {
    pub to: String,
    #[serde(flatten)]
    pub counts: Counts,
}

impl Counts {
    /// Adds another graph's counts for the same service or edge; the average latency is
    /// weighted by requests.
    fn add(&mut self, other: &Counts) {
        let seconds = |c: &Counts| c.avg_latency.map(|a| a * c.requests as f64);
        let total = match (seconds(self), seconds(other)) {
            (Some(a), Some(b)) => Some(a + b),
            (a, b) => a.or(b),
        };
        self.requests += other.requests;
        self.ok += other.ok;
        self.errors += other.errors;
        self.faults += other.faults;
        self.throttles += other.throttles;
        self.avg_latency = total
            .filter(|_| self.requests > 0)
            .map(|t| t / self.requests as f64);
    }
}

/// One graph from several over different traces (one per Transaction Search retrieval):
/// a service (name and type) once, its counts and its edges' counts added up; sorted.
pub fn merge_graphs(nodes: Vec<ServiceNode>) -> Vec<ServiceNode> {
    let mut merged: Vec<ServiceNode> = Vec::new();
    for node in nodes {
        let Some(into) = merged
            .iter_mut()
            .find(|m| m.name == node.name && m.kind == node.kind)
        else {
            merged.push(node);
            continue;
        };
        into.counts.add(&node.counts);
        for edge in node.edges {
            match into.edges.iter_mut().find(|e| e.to == edge.to) {
                Some(e) => e.counts.add(&edge.counts),
                None => into.edges.push(edge),
            }
        }
    }
    sort_graph(&mut merged);
    merged
}

/// Busiest services (and edges) first, then by name.
pub fn sort_graph(nodes: &mut [ServiceNode]) {
    for node in nodes.iter_mut() {
        node.edges.sort_by(|a, b| {
            b.counts
                .requests
                .cmp(&a.counts.requests)
                .then_with(|| a.to.cmp(&b.to))
        });
    }
    nodes.sort_by(|a, b| {
        b.counts
            .requests
            .cmp(&a.counts.requests)
            .then_with(|| a.name.cmp(&b.name))
    });
}

/// Counts being added up.
#[derive(Default)]
struct Tally {
    requests: i64,
    ok: i64,
    errors: i64,
    faults: i64,
    throttles: i64,
    seconds: f64,
    timed: i64,
}

impl Tally {
    fn add(&mut self, span: &GraphSpan) {
        self.requests += 1;
        match span.status {
            SpanStatus::Ok => self.ok += 1,
            SpanStatus::Error => self.errors += 1,
            SpanStatus::Fault => self.faults += 1,
            // X-Ray counts a throttle as an error too.
            SpanStatus::Throttle => {
                self.errors += 1;
                self.throttles += 1;
            }
        }
        if let Some(ms) = span.duration_ms {
            self.seconds += ms / 1000.0;
            self.timed += 1;
        }
    }

    fn counts(&self) -> Counts {
        Counts {
            requests: self.requests,
            ok: self.ok,
            errors: self.errors,
            faults: self.faults,
            throttles: self.throttles,
            avg_latency: (self.timed > 0).then(|| self.seconds / self.timed as f64),
        }
    }
}

/// What the graph reads of one span, small enough for a day of them: ids as numbers,
/// names as indexes into [`GraphSpans::names`] (a few services among a million spans).
#[derive(Debug, Clone, Copy)]
pub struct GraphSpan {
    trace: u128,
    span: u64,
    parent: Option<u64>,
    service: u32,
    kind: SpanKind,
    status: SpanStatus,
    duration_ms: Option<f64>,
    /// The service a client span called.
    remote: Option<u32>,
}

/// The spans a graph is drawn from, with the names they share.
#[derive(Debug, Default)]
pub struct GraphSpans {
    names: Vec<String>,
    index: HashMap<String, u32>,
    /// The name the last span asked for: spans in a row mostly share their service, and a
    /// comparison is cheaper than a hash.
    last_name: Option<u32>,
    spans: Vec<GraphSpan>,
}

/// One stored span's part in the graph, as the store reads it: text as bytes, since ids
/// are parsed as hex and names compared, and neither needs them checked as UTF-8 first.
pub struct GraphFields<'a> {
    pub trace_id: &'a [u8],
    pub span_id: &'a [u8],
    pub parent_id: Option<&'a [u8]>,
    pub service: &'a [u8],
    pub kind: SpanKind,
    pub status: SpanStatus,
    pub duration_ms: Option<f64>,
    pub remote_service: Option<&'a [u8]>,
}

impl GraphSpans {
    pub fn with_capacity(spans: usize) -> GraphSpans {
        GraphSpans {
            spans: Vec::with_capacity(spans),
            ..GraphSpans::default()
        }
    }

    /// What the graph reads of span records.
    pub fn of(spans: &[SpanRecord]) -> GraphSpans {
        let mut graph_spans = GraphSpans::with_capacity(spans.len());
        for s in spans {
            graph_spans.push(GraphFields {
                trace_id: s.trace_id.as_bytes(),
                span_id: s.span_id.as_bytes(),
                parent_id: s.parent_id.as_deref().map(str::as_bytes),
                service: s.service.as_bytes(),
                kind: s.kind,
                status: s.status,
                duration_ms: s.duration_ms(),
                remote_service: s.remote_service.as_deref().map(str::as_bytes),
            });
        }
        graph_spans
    }

    pub fn push(&mut self, fields: GraphFields<'_>) {
        let service = self.name(fields.service);
        let remote = fields.remote_service.map(|r| self.name(r));
        self.spans.push(GraphSpan {
            trace: id_number(fields.trace_id),
            span: id_number(fields.span_id) as u64,
            parent: fields.parent_id.map(|p| id_number(p) as u64),
            service,
            kind: fields.kind,
            status: fields.status,
            duration_ms: fields.duration_ms,
            remote,
        });
    }

    /// Adds the spans of `other` after these (a later part of the same read).
    pub fn append(&mut self, other: GraphSpans) {
        let names: Vec<u32> = other
            .names
            .iter()
            .map(|n| self.name(n.as_bytes()))
            .collect();
        let renamed = |i: u32| names.get(i as usize).copied().unwrap_or(u32::MAX);
        self.spans.reserve(other.spans.len());
        self.spans
            .extend(other.spans.into_iter().map(|span| GraphSpan {
                service: renamed(span.service),
                remote: span.remote.map(renamed),
                ..span
            }));
    }

    fn name(&mut self, name: &[u8]) -> u32 {
        if let Some(last) = self.last_name
            && self.names[last as usize].as_bytes() == name
        {
            return last;
        }
        // Stored names are UTF-8 (the store writes Rust strings); a file written by
        // something else shows its bad bytes replaced rather than failing the graph.
        let name = String::from_utf8_lossy(name);
        let i = match self.index.get(name.as_ref()) {
            Some(i) => *i,
            None => {
                let i = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
                self.names.push(name.to_string());
                self.index.insert(name.into_owned(), i);
                i
            }
        };
        self.last_name = Some(i);
        i
    }
}

/// [`graph`] of span records.
pub fn from_spans(spans: &[SpanRecord]) -> Vec<ServiceNode> {
    graph(&GraphSpans::of(spans))
}

/// The spans of a graph found by a pair of ids (trace and span) that `key` gives them: a
/// hash table of positions in the span list, a word a span, where a map of keys to spans
/// would hold four (a day of spans is a million of them, each looked up once).
struct SpansById<'a, K> {
    spans: &'a [GraphSpan],
    key: K,
    table: HashTable<usize>,
    hasher: foldhash::fast::FixedState,
}

impl<'a, K: Fn(&GraphSpan) -> Option<(u128, u64)>> SpansById<'a, K> {
    /// The spans with a key; of two with one key, the last.
    fn new(spans: &'a [GraphSpan], key: K) -> Self {
        let hasher = foldhash::fast::FixedState::default();
        let hash = |ids: (u128, u64)| hasher.hash_one(ids);
        let keyed = |j: &usize| key(&spans[*j]);
        let mut table = HashTable::with_capacity(spans.iter().filter(|s| key(s).is_some()).count());
        for (i, span) in spans.iter().enumerate() {
            let Some(ids) = key(span) else { continue };
            match table.entry(
                hash(ids),
                |j| keyed(j) == Some(ids),
                |j| keyed(j).map_or(0, hash),
            ) {
                hash_table::Entry::Occupied(mut taken) => *taken.get_mut() = i,
                hash_table::Entry::Vacant(free) => {
                    free.insert(i);
                }
            }
        }
        SpansById {
            spans,
            key,
            table,
            hasher,
        }
    }

    fn get(&self, ids: (u128, u64)) -> Option<&'a GraphSpan> {
        let spans = self.spans;
        self.table
            .find(self.hasher.hash_one(ids), |j| {
                (self.key)(&spans[*j]) == Some(ids)
            })
            .map(|j| &spans[*j])
    }
}

/// A span's own ids.
fn own_ids(span: &GraphSpan) -> Option<(u128, u64)> {
    Some((span.trace, span.span))
}

/// A server span's trace and parent: the client span that called it, if it sent one.
fn called_by(span: &GraphSpan) -> Option<(u128, u64)> {
    (span.kind == SpanKind::Server).then_some((span.trace, span.parent?))
}

/// The graph of a set of spans: a service per server (or root) span's service, counted by
/// those spans; a remote node per service that client spans call; an edge for every call
/// that crosses services, counted by the caller's client span (or, for a server span whose
/// parent is another service's, by that server span).
pub fn graph(spans: &GraphSpans) -> Vec<ServiceNode> {
    let by_id = SpansById::new(&spans.spans, own_ids);
    // The server span a client span reached, where the callee sent its own.
    let callee = SpansById::new(&spans.spans, called_by);
    // By name index: there are few names, and every span counts towards one.
    let mut services: Vec<Option<(&'static str, Tally)>> = Vec::new();
    services.resize_with(spans.names.len(), || None);
    let mut count = |service: u32, kind: &'static str, span: &GraphSpan| {
        if let Some(slot) = services.get_mut(service as usize) {
            slot.get_or_insert((kind, Tally::default())).1.add(span);
        }
    };
    let mut edges: HashMap<(u32, u32), Tally> = HashMap::default();
    for span in &spans.spans {
        let parent = span.parent.and_then(|p| by_id.get((span.trace, p)));
        let entry = span.kind == SpanKind::Server || parent.is_none();
        if entry {
            count(span.service, "service", span);
            // A call into this service from another one that sent no client span of its own.
            if let Some(parent) =
                parent.filter(|p| p.service != span.service && p.kind != SpanKind::Client)
            {
                edges
                    .entry((parent.service, span.service))
                    .or_default()
                    .add(span);
            }
        }
        let calls = matches!(span.kind, SpanKind::Client | SpanKind::Producer);
        if calls
            && let Some(service) = callee
                .get((span.trace, span.span))
                .map(|server| server.service)
                .filter(|callee| *callee != span.service)
        {
            // A call into a traced service: the edge goes to it by name.
            edges.entry((span.service, service)).or_default().add(span);
        } else if calls && let Some(remote) = span.remote {
            count(remote, "remote", span);
            edges.entry((span.service, remote)).or_default().add(span);
        }
    }
    let services = services
        .into_iter()
        .enumerate()
        .filter_map(|(i, counted)| Some((u32::try_from(i).ok()?, counted?)));
    let name = |i: &u32| spans.names[*i as usize].clone();
    let mut nodes: Vec<ServiceNode> = services
        .map(|(service, (kind, tally))| {
            // In no particular order here: sort_graph orders nodes and edges fully.
            ServiceNode {
                name: name(&service),
                kind: kind.to_string(),
                counts: tally.counts(),
                edges: edges
                    .iter()
                    .filter(|((from, _), _)| *from == service)
                    .map(|((_, to), tally)| ServiceEdge {
                        to: name(to),
                        counts: tally.counts(),
                    })
                    .collect(),
            }
        })
        .collect();
    sort_graph(&mut nodes);
    nodes
}

/// Spans of a few traces whose ids repeat (a span sent twice), with parents that are
/// missing, calls into traced services and to remote ones, ids that are not hex, and
/// spans that never ended.
#[cfg(test)]
pub(crate) fn mixed_spans(seed: u64, n: usize) -> Vec<SpanRecord> {
    use rand::{Rng, SeedableRng};
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let services = ["frontend", "backend", "worker", "billing"];
    let remotes = ["postgres", "redis", "api.stripe.com"];
    let kinds = [
        SpanKind::Server,
        SpanKind::Client,
        SpanKind::Internal,
        SpanKind::Producer,
        SpanKind::Consumer,
    ];
    let statuses = [
        SpanStatus::Ok,
        SpanStatus::Error,
        SpanStatus::Fault,
        SpanStatus::Throttle,
    ];
    let id = |rng: &mut rand::rngs::StdRng| match rng.random_range(0..40u32) {
        0 => format!("seg-{}", rng.random_range(0..3u32)),
        k => format!("{k:016x}"),
    };
    (0..n)
        .map(|_| {
            let trace = format!("{:032x}", rng.random_range(1..12u128) << 64 | 0x6b);
            let kind = kinds[rng.random_range(0..kinds.len())];
            let start = rng.random_range(0..1_000_000_000i64);
            SpanRecord {
                service: services[rng.random_range(0..services.len())].into(),
                kind,
                status: statuses[rng.random_range(0..statuses.len())],
                remote_service: rng
                    .random_bool(0.7)
                    .then(|| remotes[rng.random_range(0..remotes.len())].to_string()),
                ..SpanRecord::for_test(
                    &trace,
                    &id(&mut rng),
                    rng.random_bool(0.8).then(|| id(&mut rng)).as_deref(),
                    start,
                    rng.random_bool(0.9)
                        .then(|| start + rng.random_range(0..500_000_000)),
                )
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graphs_of_different_traces_add_up() {
        let counts = |requests: i64, faults: i64, avg: f64| Counts {
            requests,
            ok: requests - faults,
            errors: 0,
            faults,
            throttles: 0,
            avg_latency: Some(avg),
        };
        let node = |requests, faults, avg, edge_to: &str| ServiceNode {
            name: "backend-flask".into(),
            kind: "Service".into(),
            counts: counts(requests, faults, avg),
            edges: vec![ServiceEdge {
                to: edge_to.into(),
                counts: counts(requests, 0, avg / 2.0),
            }],
        };
        let merged = merge_graphs(vec![
            node(3, 1, 0.2, "postgresql"),
            node(1, 1, 0.6, "postgresql"),
            node(1, 0, 0.1, "notifications"),
        ]);
        assert_eq!(merged.len(), 1);
        let m = &merged[0];
        assert_eq!((m.counts.requests, m.counts.ok, m.counts.faults), (5, 3, 2));
        assert!((m.counts.avg_latency.unwrap() - (0.6 + 0.6 + 0.1) / 5.0).abs() < 1e-12);
        let edges: Vec<(&str, i64)> = m
            .edges
            .iter()
            .map(|e| (e.to.as_str(), e.counts.requests))
            .collect();
        assert_eq!(edges, [("postgresql", 4), ("notifications", 1)]);
    }
    use crate::model::span::SpanSource;

    fn span(
        id: &str,
        parent: Option<&str>,
        service: &str,
        kind: SpanKind,
        status: SpanStatus,
        ms: i64,
    ) -> SpanRecord {
        SpanRecord {
            trace_id: "6b".repeat(16),
            span_id: id.into(),
            parent_id: parent.map(str::to_string),
            service: service.into(),
            name: id.into(),
            kind,
            start_ns: 1_000_000_000,
            end_ns: Some(1_000_000_000 + ms * 1_000_000),
            status,
            http_method: None,
            http_route: None,
            http_url: None,
            http_status: None,
            db_statement: None,
            remote_service: (kind == SpanKind::Client).then(|| "postgres".to_string()),
            exceptions: Vec::new(),
            resource: Default::default(),
            attributes: Default::default(),
            source: SpanSource::Otlp,
            detail: Default::default(),
        }
    }

    /// name, type, requests, errors, faults, edges (target, requests).
    type Node = (String, String, i64, i64, i64, Vec<(String, i64)>);

    #[test]
    fn services_remote_nodes_and_edges_from_spans() {
        use SpanKind::{Client, Internal, Server};
        use SpanStatus::{Error, Fault, Ok};
        let spans = [
            // frontend -> backend over HTTP (a client span and the callee's server span).
            span("f1", None, "frontend", Server, Ok, 100),
            span("f2", Some("f1"), "frontend", Client, Ok, 80),
            span("b1", Some("f2"), "backend", Server, Fault, 60),
            // backend -> postgres, twice; one failed.
            span("b2", Some("b1"), "backend", Client, Ok, 10),
            span("b3", Some("b1"), "backend", Client, Error, 30),
            span("b4", Some("b1"), "backend", Internal, Ok, 1),
        ];
        let graph = from_spans(&spans);
        let summary: Vec<Node> = graph
            .iter()
            .map(|n| {
                (
                    n.name.clone(),
                    n.kind.clone(),
                    n.counts.requests,
                    n.counts.errors,
                    n.counts.faults,
                    n.edges
                        .iter()
                        .map(|e| (e.to.clone(), e.counts.requests))
                        .collect(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                ("postgres".into(), "remote".into(), 2, 1, 0, vec![]),
                (
                    "backend".into(),
                    "service".into(),
                    1,
                    0,
                    1,
                    vec![("postgres".into(), 2)]
                ),
                (
                    "frontend".into(),
                    "service".into(),
                    1,
                    0,
                    0,
                    vec![("backend".into(), 1)]
                ),
            ]
        );
        assert_eq!(graph[0].counts.avg_latency, Some(0.02));
    }

    /// The graph as its doc comment defines it, computed the slow way: ids compared as
    /// text, each look-up a search of all spans from the last (the last of two spans with
    /// one pair of ids wins).
    fn graph_by_search(spans: &[SpanRecord]) -> Vec<ServiceNode> {
        let mut services: Vec<(String, &'static str, Tally)> = Vec::new();
        let mut edges: Vec<(String, String, Tally)> = Vec::new();
        let as_graph_span = |s: &SpanRecord| GraphSpan {
            trace: 0,
            span: 0,
            parent: None,
            service: 0,
            kind: s.kind,
            status: s.status,
            duration_ms: s.duration_ms(),
            remote: None,
        };
        let mut count = |name: &str, kind: &'static str, s: &SpanRecord| {
            if !services.iter().any(|(n, _, _)| n == name) {
                services.push((name.to_string(), kind, Tally::default()));
            }
            let at = services.iter().position(|(n, _, _)| n == name).unwrap();
            services[at].2.add(&as_graph_span(s));
        };
        let mut edge = |from: &str, to: &str, s: &SpanRecord| {
            if !edges.iter().any(|(f, t, _)| f == from && t == to) {
                edges.push((from.to_string(), to.to_string(), Tally::default()));
            }
            let at = edges
                .iter()
                .position(|(f, t, _)| f == from && t == to)
                .unwrap();
            edges[at].2.add(&as_graph_span(s));
        };
        for s in spans {
            let parent = s.parent_id.as_ref().and_then(|p| {
                spans
                    .iter()
                    .rev()
                    .find(|o| o.trace_id == s.trace_id && &o.span_id == p)
            });
            if s.kind == SpanKind::Server || parent.is_none() {
                count(&s.service, "service", s);
                if let Some(p) =
                    parent.filter(|p| p.service != s.service && p.kind != SpanKind::Client)
                {
                    edge(&p.service, &s.service, s);
                }
            }
            if !matches!(s.kind, SpanKind::Client | SpanKind::Producer) {
                continue;
            }
            let callee = spans.iter().rev().find(|o| {
                o.kind == SpanKind::Server
                    && o.trace_id == s.trace_id
                    && o.parent_id.as_ref() == Some(&s.span_id)
            });
            match (callee.filter(|c| c.service != s.service), &s.remote_service) {
                (Some(c), _) => edge(&s.service, &c.service, s),
                (None, Some(remote)) => {
                    count(remote, "remote", s);
                    edge(&s.service, remote, s);
                }
                (None, None) => {}
            }
        }
        let mut nodes: Vec<ServiceNode> = services
            .iter()
            .map(|(name, kind, tally)| ServiceNode {
                name: name.clone(),
                kind: kind.to_string(),
                counts: tally.counts(),
                edges: edges
                    .iter()
                    .filter(|(from, _, _)| from == name)
                    .map(|(_, to, tally)| ServiceEdge {
                        to: to.clone(),
                        counts: tally.counts(),
                    })
                    .collect(),
            })
            .collect();
        sort_graph(&mut nodes);
        nodes
    }

    #[test]
    fn the_graph_is_what_a_search_of_every_span_finds() {
        for seed in 0..20 {
            let spans = mixed_spans(seed, 1_500);
            let (fast, slow) = (from_spans(&spans), graph_by_search(&spans));
            let shape = |nodes: &[ServiceNode]| -> Vec<(String, String, Vec<i64>, Vec<String>)> {
                nodes
                    .iter()
                    .map(|n| {
                        let c = &n.counts;
                        let mut counts = vec![c.requests, c.ok, c.errors, c.faults, c.throttles];
                        for e in &n.edges {
                            let c = &e.counts;
                            counts.extend([c.requests, c.ok, c.errors, c.faults, c.throttles]);
                        }
                        let to = n.edges.iter().map(|e| e.to.clone()).collect();
                        (n.name.clone(), n.kind.clone(), counts, to)
                    })
                    .collect()
            };
            assert_eq!(shape(&fast), shape(&slow), "seed {seed}");
            assert!(slow.len() >= 6 && slow.iter().map(|n| n.edges.len()).sum::<usize>() >= 8);
            let latencies = |nodes: &[ServiceNode]| -> Vec<f64> {
                nodes
                    .iter()
                    .flat_map(|n| {
                        std::iter::once(n.counts.avg_latency)
                            .chain(n.edges.iter().map(|e| e.counts.avg_latency))
                    })
                    .map(|a| a.unwrap_or(-1.0))
                    .collect()
            };
            for (a, b) in latencies(&fast).iter().zip(latencies(&slow)) {
                assert!((a - b).abs() < 1e-9, "seed {seed}: {a} against {b}");
            }
        }
    }

    #[test]
    fn spans_appended_from_another_part_keep_their_names() {
        let spans = mixed_spans(7, 2_000);
        // The second part meets the names in another order, so its indexes differ.
        let mut joined = GraphSpans::of(&spans[..1_000]);
        let mut later = spans[1_000..].to_vec();
        later.reverse();
        joined.append(GraphSpans::of(&later));
        let mut whole = spans[..1_000].to_vec();
        whole.extend(later);
        assert_eq!(graph(&joined), from_spans(&whole));
    }
}
