//! The tests' fake Honeycomb API as a standalone server, to try `tracectl honeycomb` without
//! an account: `cargo run --example fake_honeycomb`, then
//! `HONEYCOMB_API_KEY=<the key it prints> tracectl honeycomb query -d cruddur --endpoint-url <URL> ...`.

#![allow(clippy::unwrap_used, clippy::print_stdout)]

#[path = "../tests/it/honeycomb_fake.rs"]
mod honeycomb_fake;

#[tokio::main]
async fn main() {
    let fake = honeycomb_fake::FakeHoneycomb::new(honeycomb_fake::Options::default());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    println!("http://{}", listener.local_addr().unwrap());
    println!("key: {}", honeycomb_fake::KEY);
    axum::serve(listener, fake.router()).await.unwrap();
}
