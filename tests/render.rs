//! Renderers over fixture sites, compared byte for byte with committed
//! output trees, and `masthead render` from the command line.
//!
//! Each `tests/fixtures/render/<name>/site` is rendered once per built-in
//! renderer; the output must equal `expected/<renderer>/` exactly (no
//! missing, differing or extra file) and the diagnostics must equal
//! `expected/<renderer>.diagnostics.txt`. After an intended change,
//! regenerate with:
//!
//! ```sh
//! UPDATE_RENDER_SNAPSHOTS=1 cargo test --test render
//! ```

// Tests may unwrap, expect, index and panic; library code may not (see
// `[workspace.lints.clippy]` in Cargo.toml).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![allow(clippy::panic, clippy::unreachable)]

use masthead::render::{Renderer, render_site};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[path = "support/render.rs"]
mod render_support;
use render_support::{NOW, assert_renders_as_expected, load};

fn renderers() -> Vec<Box<dyn Renderer>> {
    vec![
        Box::new(masthead::html::HtmlRenderer),
        Box::new(masthead::render::redirects::RedirectsRenderer),
    ]
}

fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/render")
        .join(name)
}

/// Renders fixture `name` with each renderer and compares (or, with
/// UPDATE_RENDER_SNAPSHOTS=1, rewrites) the expected trees.
fn snapshot(name: &str) {
    assert_renders_as_expected(&fixture_dir(name), name, &renderers(), "render");
}

#[test]
fn escaping_fixture() {
    snapshot("escaping");
}

#[test]
fn sanitize_fixture() {
    snapshot("sanitize");
}

#[test]
fn redirect_compat_fixture() {
    snapshot("redirect-compat");
}

#[test]
fn path_escape_fixture() {
    snapshot("path-escape");
}

#[test]
fn toc_fixture() {
    snapshot("toc");
}

/// With `masthead.render.html.toc: true` each Markdown page starts with a
/// nav whose every link is an id of a heading on the page.
#[test]
fn toc_links_point_at_heading_ids_on_the_page() {
    let expected = fixture_dir("toc").join("expected/html/news");
    let page = read(expected.join("guide/index.html"));
    let nav_at = page.find("<nav class=\"toc\">").expect("a toc nav");
    let body_at = page.find("<p>Intro text").unwrap();
    assert!(
        page.find("<h1>").unwrap() < nav_at && nav_at < body_at,
        "{page}"
    );
    let nav = &page[nav_at..page.find("</nav>").unwrap()];
    let hrefs: Vec<&str> = nav
        .split("href=\"#")
        .skip(1)
        .map(|r| &r[..r.find('"').unwrap()])
        .collect();
    assert_eq!(hrefs.len(), 7, "{nav}");
    assert!(hrefs.contains(&"setup-2") && !hrefs.contains(&"quoted-heading"));
    for id in hrefs {
        assert!(page.contains(&format!(" id=\"{id}\">")), "{id}");
    }
    for plain in ["plain/index.html", "raw/index.html"] {
        assert!(!read(expected.join(plain)).contains("<nav"), "{plain}");
    }
}

fn read(path: PathBuf) -> String {
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Titles, URLs and redirect targets with `<`, `&`, quotes and non-ASCII
/// come out escaped for where they are; raw HTML in bodies is kept.
#[test]
fn values_masthead_places_are_escaped() {
    let expected = fixture_dir("escaping").join("expected");
    let page = read(expected.join("html/news/2024/q-and-a/index.html"));
    assert!(page.contains(
        "<title>Q&amp;A: &quot;&lt;Pride&gt;&quot; &amp; &#39;Café&#39; — Zürich</title>"
    ));
    assert!(
        page.contains("<h1>Q&amp;A: &quot;&lt;Pride&gt;&quot; &amp; &#39;Café&#39; — Zürich</h1>")
    );
    assert!(page.contains(
        "<link rel=\"canonical\" href=\"https://www.example.org/blog/news/2024/q-and-a/\">"
    ));
    // Site-relative links get the baseurl; raw HTML passes through.
    assert!(page.contains("<a href=\"/blog/team/\">our team</a>"));
    assert!(page.contains("src=\"/blog/assets/logo.png\""));
    assert!(page.contains("href=\"https://example.com/?a=1&amp;b=2\""));
    assert!(page.contains("A <b>bold</b> claim &amp; a <code>&lt;code&gt;</code> sample."));
    let team = read(expected.join("html/team/zoe-obrien/index.html"));
    assert!(team.contains("<script>alert(\"kept: Jekyll passes raw HTML\")</script>"));
    // The external redirect_to target in every place of the stub.
    let stub = read(expected.join("redirects/news/2024/moved/index.html"));
    let attr = "https://elsewhere.example.org/a?x=1&amp;y=&quot;2&quot;";
    assert!(stub.contains(&format!("<link rel=\"canonical\" href=\"{attr}\">")));
    assert!(stub.contains(&format!("content=\"0; url={attr}\"")));
    assert!(stub.contains(&format!("<a href=\"{attr}\">")));
    assert!(stub.contains(
        "location=\"https://elsewhere.example.org/a?x=1&y=\\\"2\\\"\"+location.search+location.hash"
    ));
    // Non-ASCII redirect paths land at their decoded file names.
    assert!(expected.join("redirects/söme/päth/index.html").is_file());
    // Unsafe schemes are nowhere in any output.
    let outputs = [
        walk(&expected.join("html")),
        walk(&expected.join("redirects")),
    ]
    .concat();
    for file in outputs {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        assert!(
            !text.to_lowercase().contains("javascript:alert"),
            "{}",
            file.display()
        );
        assert!(
            !text.to_lowercase().contains("data:text"),
            "{}",
            file.display()
        );
    }
    let json: serde_json::Value =
        serde_json::from_str(&read(expected.join("redirects/redirects.json"))).unwrap();
    assert_eq!(
        json["/old/q-and-a/"],
        "https://www.example.org/blog/news/2024/q-and-a/"
    );
    assert_eq!(
        json["/news/2024/moved/"],
        "https://elsewhere.example.org/a?x=1&y=\"2\""
    );
    let diags = read(expected.join("redirects.diagnostics.txt"));
    assert!(
        diags.contains("_news/2024-06-02-evil.md:3:14: error[RND010]"),
        "{diags}"
    );
    assert!(
        diags.contains("_news/2024-06-03-data.md:3:14: error[RND010]"),
        "{diags}"
    );
}

#[test]
fn sanitize_setting_cleans_bodies() {
    let expected = fixture_dir("sanitize").join("expected");
    let guest = read(expected.join("html/news/guest.html"));
    assert!(
        guest.starts_with("<h2>Hello</h2>"),
        "wrap: false, heading_ids: false\n{guest}"
    );
    assert!(guest.contains("<b>bold</b>"));
    for gone in ["<script", "onerror", "javascript:", "<iframe"] {
        assert!(!guest.contains(gone), "{gone} in\n{guest}");
    }
    let raw = read(expected.join("html/news/raw.html"));
    assert!(
        !raw.contains("onclick") && !raw.contains("<script"),
        "{raw}"
    );
    // keep_query_and_hash: false gives jekyll-redirect-from's stub.
    let stub = read(expected.join("redirects/guest/index.html"));
    assert!(
        stub.contains("<script>location=\"/news/guest.html\"</script>"),
        "{stub}"
    );
    assert!(!expected.join("redirects/_redirects").exists());
    assert!(!expected.join("redirects/redirects.nginx.conf").exists());
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Whatever output paths the model hands over (the loader already
/// neutralises `..` in permalinks, as Jekyll does), the sink refuses
/// anything leaving the output folder.
#[test]
fn escaping_paths_never_leave_the_output_folder() {
    let mut site = load(&fixture_dir("path-escape").join("site"));
    let evil = [
        "../../etc/evil.html",
        "/etc/evil.html",
        "a/../../evil.html",
        "..\\evil.html",
        "a\0b.html",
    ];
    for (i, doc) in site.documents.iter_mut().enumerate() {
        doc.output = Some(evil[i % evil.len()].to_string());
        doc.redirect_to = None;
    }
    for (i, r) in site.redirects.iter_mut().enumerate() {
        r.output = Some(evil[(i + 1) % evil.len()].to_string());
    }
    let outer = tempfile::tempdir().unwrap();
    let out = outer.path().join("a/b/out");
    let list = renderers();
    let chosen: Vec<&dyn Renderer> = list.iter().map(|r| r.as_ref()).collect();
    let run = render_site(&site, &chosen);
    let refused = run
        .diagnostics
        .iter()
        .filter(|d| d.code == masthead::render::codes::BAD_OUTPUT_PATH)
        .count();
    assert_eq!(
        refused,
        site.documents.len() + site.redirects.len(),
        "{:?}",
        run.diagnostics
    );
    assert!(run.diagnostics.iter().all(|d| d.file.is_some()));
    assert!(run.sink.write_to(&out).unwrap().is_empty());
    // Only the site-wide files, all inside `out`.
    let mut written: Vec<String> = walk(outer.path())
        .iter()
        .map(|p| {
            p.strip_prefix(outer.path())
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    written.sort();
    assert_eq!(
        written,
        [
            "a/b/out/_redirects",
            "a/b/out/redirects.json",
            "a/b/out/redirects.nginx.conf"
        ]
    );
}

#[test]
fn redirects_the_server_files_cannot_express_are_reported_and_left_out() {
    let mut site = load(&fixture_dir("redirect-compat").join("site"));
    assert!(site.redirects.len() >= 2);
    site.redirects[0].from = "/old path/".into();
    let kept = site.redirects[1].from.clone();
    let run = render_site(&site, &[&masthead::render::redirects::RedirectsRenderer]);
    let left_out: Vec<_> = run
        .diagnostics
        .iter()
        .filter(|d| d.code == masthead::render::codes::REDIRECT_NOT_EXPRESSIBLE)
        .collect();
    assert_eq!(left_out.len(), 1, "{:?}", run.diagnostics);
    assert!(left_out[0].message.contains("`/old path/`"));
    assert!(left_out[0].file.is_some() && left_out[0].primary.is_some());
    for file in ["_redirects", "redirects.nginx.conf"] {
        let text = String::from_utf8(run.sink.get(file).unwrap().bytes.clone()).unwrap();
        assert!(!text.contains("/old path/"), "{file}:\n{text}");
        assert!(text.contains(&kept), "{file}:\n{text}");
    }
    // The JSON listing can say it, so it keeps it.
    let json = &run.sink.get("redirects.json").unwrap().bytes;
    assert!(String::from_utf8_lossy(json).contains("/old path/"));
}

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

/// The example site renders with every renderer from the command line;
/// `--check` then passes, and fails after a change; `--dry-run` writes nothing.
#[test]
fn example_site_renders_from_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let out_s = out.to_str().unwrap();
    let site = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/site");
    let base = ["render", "--site", site, "--now", NOW, "--out", out_s];

    let (code, listing, err) = masthead(&[&base[..], &["--dry-run"]].concat());
    assert_eq!(code, ExitCode::SUCCESS, "{err}");
    assert!(!out.exists(), "--dry-run wrote files");
    assert!(
        listing
            .lines()
            .any(|l| l.starts_with("index.html\t") || l.contains("\thtml")),
        "{listing}"
    );
    assert!(
        listing.lines().any(|l| l.starts_with("redirects.json\t")),
        "{listing}"
    );

    let (code, _, err) = masthead(&base);
    assert_eq!(code, ExitCode::SUCCESS, "{err}");
    assert_eq!(walk(&out).len(), listing.lines().count(), "{err}");
    assert!(out.join("_redirects").is_file());

    let (code, diff, err) = masthead(&[&base[..], &["--check"]].concat());
    assert_eq!(code, ExitCode::SUCCESS, "{diff}{err}");

    std::fs::write(out.join("redirects.json"), "{}").unwrap();
    std::fs::write(out.join("stray.txt"), "x").unwrap();
    let (code, diff, _) = masthead(&[&base[..], &["--check"]].concat());
    assert_eq!(code, ExitCode::from(1));
    assert_eq!(diff, "differs: redirects.json\nextra: stray.txt\n");

    let (code, only, _) =
        masthead(&[&base[..], &["--dry-run", "--renderer", "redirects"]].concat());
    assert_eq!(code, ExitCode::SUCCESS);
    assert!(only.lines().all(|l| l.ends_with("\tredirects")), "{only}");

    let (code, _, err) = masthead(&[&base[..], &["--renderer", "nope"]].concat());
    assert_eq!(code, ExitCode::from(2));
    assert!(
        err.contains("no renderer named `nope`; the built-in ones are: html, redirects"),
        "{err}"
    );
}

/// A settings section of the wrong shape is an error at its line in
/// `_config.yml`, and the command fails.
#[test]
fn bad_settings_are_reported_at_the_config_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("_config.yml"),
        "title: T\nmasthead:\n  render:\n    html:\n      sanitise: true\n",
    )
    .unwrap();
    let out = dir.path().join("_out");
    let (code, _, err) = masthead(&[
        "render",
        "--site",
        dir.path().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--dry-run",
    ]);
    assert_eq!(code, ExitCode::from(1), "{err}");
    assert!(err.contains("_config.yml:5:7: error[RND004]: `masthead.render.html` is not valid: unknown field `sanitise`"), "{err}");
}
