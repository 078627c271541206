//! The lab's Rust HTTP workload, on axum and tokio:
//!
//!   /plaintext  TechEmpower plaintext: "Hello, World!" as text/plain
//!   /json       TechEmpower JSON: {"message":"Hello, World!"}, serialised per request
//!   /cache      one read (3 in 4) or update (1 in 4) of a random entry of an in-memory cache of
//!               --entries read states, in the spirit of Discord's Read States service
//!   /hold?n=N   decode N Kubernetes-like resources into typed values and keep them (footprint)
//!   /stats      {"gc": 0, "entries": cache entries, "held": resources held}
//!
//! It listens on --addr (port 0: any free port) and prints "port N" on stdout once it accepts.
use std::cell::Cell;
use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, Mutex};

use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use serde::{Deserialize, Serialize};

#[derive(Serialize)]
struct Message {
    message: &'static str,
}

// --- the read-states cache -------------------------------------------------------------------------

#[derive(Clone, Copy)]
struct ReadState {
    channel_id: u64,
    last_message_id: u64,
    mentions: u32,
    updates: u32,
}

const SHARDS: usize = 64;

struct Cache {
    shards: Vec<Mutex<HashMap<u64, ReadState>>>,
    size: u64,
}

impl Cache {
    fn new(n: u64) -> Cache {
        let mut shards: Vec<HashMap<u64, ReadState>> = (0..SHARDS)
            .map(|_| HashMap::with_capacity(n as usize / SHARDS + 1))
            .collect();
        for k in 0..n {
            shards[(k % SHARDS as u64) as usize].insert(
                k,
                ReadState {
                    channel_id: k * 7,
                    last_message_id: k,
                    mentions: 0,
                    updates: 0,
                },
            );
        }
        Cache {
            shards: shards.into_iter().map(Mutex::new).collect(),
            size: n,
        }
    }

    /// Reads entry k, or acknowledges a new message on it when `update` is set.
    fn touch(&self, k: u64, update: bool) -> ReadState {
        let mut shard = self.shards[(k % SHARDS as u64) as usize].lock().unwrap();
        let rs = shard.get_mut(&k).expect("every key below size is present");
        if update {
            rs.last_message_id += 1;
            rs.mentions = (rs.mentions + 1) % 100;
            rs.updates += 1;
        }
        *rs
    }
}

thread_local! {
    static RNG: Cell<u64> = Cell::new(0x9e37_79b9_7f4a_7c15 ^ std::process::id() as u64);
}

/// A per-thread xorshift64* draw: fast, and good enough to pick cache keys.
fn random() -> u64 {
    RNG.with(|s| {
        let mut x = s.get();
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        s.set(x);
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    })
}

// --- the held resources ------------------------------------------------------------------------------

#[allow(dead_code)]
#[derive(Deserialize)]
struct Container {
    name: String,
    image: String,
    args: Vec<String>,
    env: HashMap<String, String>,
    ports: Vec<u16>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct Metadata {
    name: String,
    namespace: String,
    uid: String,
    labels: HashMap<String, String>,
    annotations: HashMap<String, String>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct Spec {
    replicas: u32,
    containers: Vec<Container>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct Condition {
    #[serde(rename = "type")]
    kind: String,
    status: String,
    message: String,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct Status {
    conditions: Vec<Condition>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct Resource {
    metadata: Metadata,
    spec: Spec,
    status: Status,
}

/// The document each held resource is decoded from; NAME is replaced per resource.
const RESOURCE_DOC: &str = r#"{"metadata":{"name":"NAME","namespace":"verdict-lab","uid":"0c7f6b1e-NAME",
"labels":{"app":"NAME","tier":"backend","team":"platform","env":"production","version":"v1.4.2","managed-by":"verdict"},
"annotations":{"description":"a resource held by the footprint workload, the size of a small Kubernetes object","last-applied":"{\"kind\":\"Deployment\",\"apiVersion\":\"apps/v1\"}"}},
"spec":{"replicas":3,"containers":[
{"name":"app","image":"registry.example/NAME:1.4.2","args":["--port","8080","--log","info"],"env":{"MODE":"serve","REGION":"eu-west-1","CACHE":"on","NAME":"NAME"},"ports":[8080,9090]},
{"name":"sidecar","image":"registry.example/proxy:2.0","args":["--upstream","127.0.0.1:8080","--tls","off"],"env":{"LOG":"warn","NAME":"NAME"},"ports":[15001]}]},
"status":{"conditions":[{"type":"Available","status":"True","message":"all replicas ready"},{"type":"Progressing","status":"True","message":"rollout complete"}]}}"#;

struct App {
    cache: Cache,
    held: Mutex<HashMap<String, Resource>>,
}

async fn plaintext() -> impl IntoResponse {
    (
        [
            (header::SERVER, "rust"),
            (header::CONTENT_TYPE, "text/plain"),
        ],
        "Hello, World!",
    )
}

async fn json() -> impl IntoResponse {
    let body = serde_json::to_vec(&Message {
        message: "Hello, World!",
    })
    .expect("serialises");
    (
        [
            (header::SERVER, "rust"),
            (header::CONTENT_TYPE, "application/json"),
        ],
        body,
    )
}

async fn cache(State(app): State<Arc<App>>) -> axum::response::Response {
    if app.cache.size == 0 {
        return (StatusCode::NOT_FOUND, "no cache: start with --entries").into_response();
    }
    let r = random();
    let rs = app.cache.touch(r % app.cache.size, (r >> 62) == 0);
    let body = format!("{} {} {}", rs.channel_id, rs.last_message_id, rs.mentions);
    (
        [
            (header::SERVER, "rust"),
            (header::CONTENT_TYPE, "text/plain"),
        ],
        body,
    )
        .into_response()
}

async fn hold(
    State(app): State<Arc<App>>,
    Query(q): Query<HashMap<String, String>>,
) -> axum::response::Response {
    let n = match q.get("n").and_then(|s| s.parse::<usize>().ok()) {
        Some(n) if n <= 1_000_000 => n,
        _ => return (StatusCode::BAD_REQUEST, "n must be 0..1000000").into_response(),
    };
    let mut held = app.held.lock().unwrap();
    for i in held.len()..n {
        let name = format!("res-{i}");
        match serde_json::from_str::<Resource>(&RESOURCE_DOC.replace("NAME", &name)) {
            Ok(r) => {
                held.insert(name, r);
            }
            Err(e) => return (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
        }
    }
    ([(header::CONTENT_TYPE, "text/plain")], n.to_string()).into_response()
}

async fn stats(State(app): State<Arc<App>>) -> impl IntoResponse {
    let held = app.held.lock().unwrap().len();
    let body = format!(r#"{{"gc":0,"entries":{},"held":{}}}"#, app.cache.size, held);
    ([(header::CONTENT_TYPE, "application/json")], body)
}

#[tokio::main]
async fn main() {
    let mut addr = String::from("127.0.0.1:0");
    let mut entries = 0u64;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match (a.as_str(), args.next()) {
            ("--addr", Some(v)) => addr = v,
            ("--entries", Some(v)) => match v.parse() {
                Ok(n) => entries = n,
                Err(_) => {
                    eprintln!("server: --entries must be a whole number");
                    std::process::exit(2);
                }
            },
            _ => {
                eprintln!("usage: server [--addr HOST:PORT] [--entries N]");
                std::process::exit(2);
            }
        }
    }
    let app = Arc::new(App {
        cache: Cache::new(entries),
        held: Mutex::new(HashMap::new()),
    });
    let router = Router::new()
        .route("/plaintext", get(plaintext))
        .route("/json", get(json))
        .route("/cache", get(cache))
        .route("/hold", get(hold))
        .route("/stats", get(stats))
        .with_state(app);
    let listener = match tokio::net::TcpListener::bind(&addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("server: {e}");
            std::process::exit(1);
        }
    };
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(0);
    let mut out = std::io::stdout();
    let _ = writeln!(out, "port {port}").and_then(|_| out.flush());
    if let Err(e) = axum::serve(listener, router).await {
        eprintln!("server: {e}");
        std::process::exit(1);
    }
}
