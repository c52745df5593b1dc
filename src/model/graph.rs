//! The service graph, as `xray services` shows it: services with request counts and
//! latency, and the calls between them. X-Ray computes it (GetServiceGraph); for the local
//! store it is computed here from the spans, so both are drawn by the same renderer.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::model::span::{SpanKind, SpanRecord, SpanStatus};

/// Request counts and latency of a service or an edge.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceNode {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(flatten)]
    pub counts: Counts,
    pub edges: Vec<ServiceEdge>,
}

/// A call from one service to another.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    fn add(&mut self, span: &SpanRecord) {
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
        if let Some(ms) = span.duration_ms() {
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

/// The graph of a set of spans: a service per server (or root) span's service, counted by
/// those spans; a remote node per service that client spans call; an edge for every call
/// that crosses services, counted by the caller's client span (or, for a server span whose
/// parent is another service's, by that server span).
pub fn from_spans(spans: &[SpanRecord]) -> Vec<ServiceNode> {
    // Hash maps: a day of spans is a million entries, looked up once each.
    let by_id: HashMap<(&str, &str), &SpanRecord> = spans
        .iter()
        .map(|s| ((s.trace_id.as_str(), s.span_id.as_str()), s))
        .collect();
    // The service a client span reached, where the callee sent its own server span.
    let callee: HashMap<(&str, &str), &str> = spans
        .iter()
        .filter(|s| s.kind == SpanKind::Server)
        .filter_map(|s| {
            Some((
                (s.trace_id.as_str(), s.parent_id.as_deref()?),
                s.service.as_str(),
            ))
        })
        .collect();
    let mut services: BTreeMap<String, (&'static str, Tally)> = BTreeMap::new();
    let mut edges: BTreeMap<(String, String), Tally> = BTreeMap::new();
    for span in spans {
        let parent = span
            .parent_id
            .as_deref()
            .and_then(|p| by_id.get(&(span.trace_id.as_str(), p)));
        let entry = span.kind == SpanKind::Server || parent.is_none();
        if entry {
            services
                .entry(span.service.clone())
                .or_insert(("service", Tally::default()))
                .1
                .add(span);
            // A call into this service from another one that sent no client span of its own.
            if let Some(parent) =
                parent.filter(|p| p.service != span.service && p.kind != SpanKind::Client)
            {
                edges
                    .entry((parent.service.clone(), span.service.clone()))
                    .or_default()
                    .add(span);
            }
        }
        if matches!(span.kind, SpanKind::Client | SpanKind::Producer)
            && let Some(service) = callee
                .get(&(span.trace_id.as_str(), span.span_id.as_str()))
                .filter(|callee| **callee != span.service)
        {
            // A call into a traced service: the edge goes to it by name.
            edges
                .entry((span.service.clone(), (*service).to_string()))
                .or_default()
                .add(span);
        } else if matches!(span.kind, SpanKind::Client | SpanKind::Producer)
            && let Some(remote) = &span.remote_service
        {
            services
                .entry(remote.clone())
                .or_insert(("remote", Tally::default()))
                .1
                .add(span);
            edges
                .entry((span.service.clone(), remote.clone()))
                .or_default()
                .add(span);
        }
    }
    let mut nodes: Vec<ServiceNode> = services
        .iter()
        .map(|(name, (kind, tally))| ServiceNode {
            name: name.clone(),
            kind: (*kind).to_string(),
            counts: tally.counts(),
            edges: edges
                .iter()
                .filter(|((from, _), _)| from == name)
                .map(|((_, to), tally)| ServiceEdge {
                    to: to.clone(),
                    counts: tally.counts(),
                })
                .collect(),
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
