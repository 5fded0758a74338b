//! Loads the example site and prints its upcoming events.
//!
//! `cargo run --example upcoming_events [SITE_DIR] [NOW]`
//! (defaults: `examples/site`, the current time).

use masthead::model::date::Instant;
use masthead::{LoadOptions, load_site};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let root = args.next().unwrap_or_else(|| "examples/site".to_string());
    let now = match args.next() {
        Some(text) => Instant::parse(&text)?,
        None => Instant::now(),
    };
    let site = load_site(root.as_ref(), &LoadOptions::default().with_now(now))?;
    let events = site.upcoming_events(now);
    println!("{} upcoming event(s) on {root}:", events.len());
    for doc in events {
        let Some(event) = doc.event() else { continue };
        let when = event
            .start
            .as_ref()
            .map(|d| d.to_rfc3339())
            .unwrap_or_default();
        println!("- {when}  {}", doc.title.as_deref().unwrap_or("(untitled)"));
        if let Some(location) = &event.location {
            println!("    where: {location}");
        }
        match (&event.link, &event.email, &event.no_register) {
            (Some(link), _, _) => println!("    register: {link}"),
            (None, Some(email), _) => println!("    register by email: {email}"),
            (None, None, Some(text)) => println!("    {text}"),
            _ => {}
        }
        println!("    {}", doc.url);
    }
    Ok(())
}
