//! The example site's schemas and VS Code settings, committed under
//! `examples/site-schemas/`, are what `masthead schema` generates now.
//!
//! Regenerate them after changing the model, the schema generator or the
//! example site's config:
//!
//! ```sh
//! cargo run -- schema --site examples/site --out examples/site-schemas
//! ```
//!
//! or run this test with `MASTHEAD_UPDATE_SCHEMAS=1`.

// Tests may unwrap, expect, index and panic; library code may not (see
// `[workspace.lints.clippy]` in Cargo.toml).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![allow(clippy::panic, clippy::unreachable)]

use std::process::ExitCode;

fn masthead(args: &[&str]) -> (ExitCode, String, String) {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let mut argv = vec!["masthead"];
    argv.extend_from_slice(args);
    let code = masthead_cli::run(argv, &mut out, &mut err);
    (
        code,
        String::from_utf8_lossy(&out).into_owned(),
        String::from_utf8_lossy(&err).into_owned(),
    )
}

const SITE: [&str; 4] = ["schema", "--site", "examples/site", "--out"];

#[test]
fn committed_example_schemas_are_up_to_date() {
    if std::env::var_os("MASTHEAD_UPDATE_SCHEMAS").is_some() {
        let (code, _, err) = masthead(&[&SITE[..], &["examples/site-schemas"]].concat());
        assert_eq!(code, ExitCode::SUCCESS, "{err}");
    }
    let (code, out, err) = masthead(&[&SITE[..], &["examples/site-schemas", "--check"]].concat());
    assert_eq!(
        code,
        ExitCode::SUCCESS,
        "examples/site-schemas is stale:\n{err}\nregenerate with `MASTHEAD_UPDATE_SCHEMAS=1 cargo test --test schema_examples`"
    );
    assert!(out.contains("up to date"), "{out}");
}

#[test]
fn check_reports_a_changed_missing_or_extra_file() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("schemas");
    let out_dir = out_dir.to_str().unwrap();
    let (code, _, err) = masthead(&[&SITE[..], &[out_dir]].concat());
    assert_eq!(code, ExitCode::SUCCESS, "{err}");
    let (code, _, _) = masthead(&[&SITE[..], &[out_dir, "--check"]].concat());
    assert_eq!(code, ExitCode::SUCCESS);

    let events = dir.path().join("schemas/events.schema.json");
    std::fs::write(&events, "{}\n").unwrap();
    std::fs::write(dir.path().join("schemas/gone.schema.json"), "{}\n").unwrap();
    std::fs::remove_file(dir.path().join("schemas/config.schema.json")).unwrap();
    let (code, _, err) = masthead(&[&SITE[..], &[out_dir, "--check"]].concat());
    assert_eq!(code, ExitCode::from(1));
    for name in [
        "events.schema.json",
        "gone.schema.json",
        "config.schema.json",
    ] {
        assert!(err.contains(name), "{name} not reported in:\n{err}");
    }
}

#[test]
fn every_schema_is_self_contained_draft_2020_12_and_compiles() {
    let dir = std::path::Path::new("examples/site-schemas");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".schema.json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{name}"
        );
        for (i, _) in text.match_indices("\"$ref\"") {
            let rest = &text[i..];
            assert!(
                rest.starts_with("\"$ref\": \"#/"),
                "{name} has a $ref outside itself: {}",
                &rest[..rest.len().min(80)]
            );
        }
        jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{name}: {e}"));
        seen += 1;
    }
    // Four types, four collections, one data file, the config.
    assert_eq!(seen, 10);
}

#[test]
fn the_vscode_settings_map_data_files_and_config_to_their_schemas() {
    let text = std::fs::read_to_string("examples/site-schemas/vscode-settings.json").unwrap();
    let settings: serde_json::Value = serde_json::from_str(&text).unwrap();
    let yaml = settings["yaml.schemas"].as_object().unwrap();
    assert_eq!(
        yaml["../site-schemas/data-navigation.schema.json"],
        serde_json::json!(["_data/navigation.yml", "_data/navigation.yaml"])
    );
    assert_eq!(
        yaml["../site-schemas/config.schema.json"],
        serde_json::json!(["_config.yml", "_config.yaml"])
    );
    // Every schema it names exists, relative to the site root.
    for url in yaml.keys() {
        assert!(
            std::path::Path::new("examples/site").join(url).is_file(),
            "{url}"
        );
    }
}
