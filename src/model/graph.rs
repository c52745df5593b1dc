//! The service graph, as `xray services` shows it: services with request counts and
//! latency, and the calls between them. X-Ray computes it (GetServiceGraph); for the local
//! store it is computed here from the spans, so both are drawn by the same renderer.

use foldhash::HashMap;
use foldhash::HashMapExt;

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
    spans: Vec<GraphSpan>,
}

/// One stored span's part in the graph, as the store reads it.
pub struct GraphFields<'a> {
    pub trace_id: &'a str,
    pub span_id: &'a str,
    pub parent_id: Option<&'a str>,
    pub service: &'a str,
    pub kind: SpanKind,
    pub status: SpanStatus,
    pub duration_ms: Option<f64>,
    pub remote_service: Option<&'a str>,
}

impl GraphSpans {
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

    fn name(&mut self, name: &str) -> u32 {
        if let Some(i) = self.index.get(name) {
            return *i;
        }
        let i = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.names.push(name.to_string());
        self.index.insert(name.to_string(), i);
        i
    }
}

/// [`graph`] of span records.
pub fn from_spans(spans: &[SpanRecord]) -> Vec<ServiceNode> {
    let mut graph_spans = GraphSpans::default();
    for s in spans {
        graph_spans.push(GraphFields {
            trace_id: &s.trace_id,
            span_id: &s.span_id,
            parent_id: s.parent_id.as_deref(),
            service: &s.service,
            kind: s.kind,
            status: s.status,
            duration_ms: s.duration_ms(),
            remote_service: s.remote_service.as_deref(),
        });
    }
    graph(&graph_spans)
}

/// The graph of a set of spans: a service per server (or root) span's service, counted by
/// those spans; a remote node per service that client spans call; an edge for every call
/// that crosses services, counted by the caller's client span (or, for a server span whose
/// parent is another service's, by that server span).
pub fn graph(spans: &GraphSpans) -> Vec<ServiceNode> {
    // Hash maps: a day of spans is a million entries, looked up once each.
    let mut by_id: HashMap<(u128, u64), &GraphSpan> = HashMap::with_capacity(spans.spans.len());
    by_id.extend(spans.spans.iter().map(|s| ((s.trace, s.span), s)));
    // The service a client span reached, where the callee sent its own server span.
    let callee: HashMap<(u128, u64), u32> = spans
        .spans
        .iter()
        .filter(|s| s.kind == SpanKind::Server)
        .filter_map(|s| Some(((s.trace, s.parent?), s.service)))
        .collect();
    let mut services: HashMap<u32, (&'static str, Tally)> = HashMap::new();
    let mut edges: HashMap<(u32, u32), Tally> = HashMap::new();
    for span in &spans.spans {
        let parent = span.parent.and_then(|p| by_id.get(&(span.trace, p)));
        let entry = span.kind == SpanKind::Server || parent.is_none();
        if entry {
            services
                .entry(span.service)
                .or_insert(("service", Tally::default()))
                .1
                .add(span);
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
                .get(&(span.trace, span.span))
                .filter(|callee| **callee != span.service)
        {
            // A call into a traced service: the edge goes to it by name.
            edges.entry((span.service, *service)).or_default().add(span);
        } else if calls && let Some(remote) = span.remote {
            services
                .entry(remote)
                .or_insert(("remote", Tally::default()))
                .1
                .add(span);
            edges.entry((span.service, remote)).or_default().add(span);
        }
    }
    let name = |i: &u32| spans.names[*i as usize].clone();
    let mut nodes: Vec<ServiceNode> = services
        .iter()
        .map(|(service, (kind, tally))| {
            // In no particular order here: sort_graph orders nodes and edges fully.
            ServiceNode {
                name: name(service),
                kind: (*kind).to_string(),
                counts: tally.counts(),
                edges: edges
                    .iter()
                    .filter(|((from, _), _)| from == service)
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
}
