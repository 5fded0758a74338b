//! The `redirects` renderer: jekyll-redirect-from-compatible HTML stubs,
//! `redirects.json`, a Netlify/Cloudflare Pages `_redirects` file and an
//! nginx `map` file, from the site's redirect graph ([`Site::redirects`]).
//!
//! Targets are made absolute as jekyll-redirect-from makes them (the site's
//! `url` and `baseurl` before site paths) and escaped for each place they go.
//! A target with a scheme other than `http`/`https` (`javascript:`,
//! `data:`…) or with control characters is refused with a diagnostic.

use crate::escape;
use crate::{RenderContext, Renderer, Sink, codes};
use masthead_diagnostics::Severity;
use masthead_model::site::{Redirect, RedirectOrigin, Site};
use rayon::prelude::*;
use serde::Deserialize;
use std::collections::HashSet;
use std::fmt::Write as _;

/// `masthead.render.redirects` in `_config.yml`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct RedirectsSettings {
    /// Write an HTML stub at each redirected path.
    pub stubs: bool,
    /// Write `redirects.json` (path → absolute target), byte for byte as
    /// jekyll-redirect-from writes it.
    pub json: bool,
    /// Write `_redirects` for Netlify and Cloudflare Pages.
    pub netlify: bool,
    /// Write `redirects.nginx.conf`, an nginx `map` of request path → target.
    pub nginx: bool,
    /// The stub's script adds the request's query and fragment to the
    /// target. `false` writes jekyll-redirect-from 0.16's stub byte for byte.
    pub keep_query_and_hash: bool,
}

impl Default for RedirectsSettings {
    fn default() -> Self {
        RedirectsSettings {
            stubs: true,
            json: true,
            netlify: true,
            nginx: true,
            keep_query_and_hash: true,
        }
    }
}

/// The redirect outputs renderer; its settings are [`RedirectsSettings`].
#[derive(Clone, Copy, Debug, Default)]
pub struct RedirectsRenderer;

/// The stub page for `target` (already absolute), as jekyll-redirect-from
/// 0.16 writes it, with `target` escaped for each place it appears. With
/// `keep_query_and_hash`, the script appends `location.search` and
/// `location.hash` to the target.
///
/// ```
/// let stub = masthead_render::redirects::stub_html("https://example.org/new/", false);
/// assert!(stub.contains(r#"<link rel="canonical" href="https://example.org/new/">"#));
/// ```
pub fn stub_html(target: &str, keep_query_and_hash: bool) -> String {
    let attr = escape::html(target);
    let js = escape::js_string(target);
    let suffix = if keep_query_and_hash {
        "+location.search+location.hash"
    } else {
        ""
    };
    format!(
        "<!DOCTYPE html>\n\
         <html lang=\"en-US\">\n  \
         <meta charset=\"utf-8\">\n  \
         <title>Redirecting&hellip;</title>\n  \
         <link rel=\"canonical\" href=\"{attr}\">\n  \
         <script>location=\"{js}\"{suffix}</script>\n  \
         <meta http-equiv=\"refresh\" content=\"0; url={attr}\">\n  \
         <meta name=\"robots\" content=\"noindex\">\n  \
         <h1>Redirecting&hellip;</h1>\n  \
         <a href=\"{attr}\">Click here if you are not redirected.</a>\n\
         </html>\n"
    )
}

/// Why a redirect target is refused, if it is: a scheme other than
/// `http`/`https`, or control characters.
pub fn unsafe_target(target: &str) -> Option<String> {
    if target.chars().any(char::is_control) {
        return Some("it contains control characters".into());
    }
    match crate::url_scheme(target) {
        Some(s) if s != "http" && s != "https" => Some(format!(
            "its scheme `{s}:` is not http or https (only web addresses are redirect targets)"
        )),
        _ => None,
    }
}

/// Whether `s` can be written unquoted in `_redirects` and quoted in an
/// nginx string: no whitespace, quotes, backslashes, `$`, `;` or braces.
fn plain_token(s: &str) -> bool {
    !s.is_empty()
        && !s.chars().any(|c| {
            c.is_whitespace()
                || c.is_control()
                || matches!(c, '"' | '\'' | '\\' | '$' | ';' | '{' | '}')
        })
}

struct Entry<'a> {
    redirect: &'a Redirect,
    target: String,
}

impl Renderer for RedirectsRenderer {
    fn name(&self) -> &str {
        "redirects"
    }

    fn description(&self) -> &str {
        "jekyll-redirect-from HTML stubs, redirects.json, _redirects (Netlify, Cloudflare) and an nginx map"
    }

    fn render(&self, cx: &RenderContext<'_>, sink: &mut Sink) {
        let settings: RedirectsSettings = cx.settings();
        let site = cx.site();
        let entries = safe_entries(cx, site);
        let mut seen = HashSet::new();
        let unique: Vec<&Entry<'_>> = entries
            .iter()
            .filter(|e| seen.insert(e.redirect.from.as_str()))
            .collect();
        let base = crate::baseurl(site);
        // The redirects `_redirects` and the nginx map can express, and
        // those they cannot (reported below).
        let mut expressible: Vec<(String, &str)> = Vec::new();
        let mut refused: Vec<&Entry<'_>> = Vec::new();
        if settings.netlify || settings.nginx {
            for e in &unique {
                let from = format!("{base}{}", e.redirect.from);
                if plain_token(&from) && plain_token(&e.target) {
                    expressible.push((from, e.target.as_str()));
                } else {
                    refused.push(e);
                }
            }
        }
        // The stubs (one page per redirect) on every core, beside the three
        // one-file listings, each made on its own.
        let ((stubs, json), (netlify, nginx)) = rayon::join(
            || {
                rayon::join(
                    || {
                        settings
                            .stubs
                            .then(|| stubs(site, &entries, settings.keep_query_and_hash))
                    },
                    || settings.json.then(|| redirects_json(&unique)),
                )
            },
            || {
                rayon::join(
                    || settings.netlify.then(|| netlify_file(&expressible)),
                    || settings.nginx.then(|| nginx_file(&expressible)),
                )
            },
        );
        for (file, span, output, stub) in stubs.into_iter().flatten() {
            sink.add_from(&file, span, output, stub, "text/html; charset=utf-8");
        }
        if let Some(text) = json {
            sink.add("redirects.json", text, "application/json");
        }
        for e in refused {
            let (file, span) = origin(site, e.redirect);
            let mut d = masthead_diagnostics::Diagnostic::new(
                codes::REDIRECT_NOT_EXPRESSIBLE,
                Severity::Warning,
                format!(
                    "redirect `{}` → `{}` is left out of `_redirects` and the nginx map: it has whitespace, quotes, `$`, `;` or braces",
                    e.redirect.from, e.target
                ),
            )
            .in_file(file)
            .with_help("percent-encode the path (`%20` for a space)");
            if let Some(span) = span {
                d = d.with_primary(span, "this redirect");
            }
            cx.report(d);
        }
        if let Some(text) = netlify {
            sink.add("_redirects", text, "text/plain; charset=utf-8");
        }
        if let Some(text) = nginx {
            sink.add("redirects.nginx.conf", text, "text/plain; charset=utf-8");
        }
    }
}

/// A stub page per redirect that has an output path, made on every core:
/// the declaring file and span, the output path and the page.
fn stubs<'a>(
    site: &Site,
    entries: &'a [Entry<'_>],
    keep_query_and_hash: bool,
) -> Vec<(String, Option<masthead_diagnostics::Span>, &'a str, String)> {
    entries
        .par_iter()
        .filter_map(|e| {
            let output = e.redirect.output.as_deref()?;
            let (file, span) = origin(site, e.redirect);
            Some((
                file,
                span,
                output,
                stub_html(&e.target, keep_query_and_hash),
            ))
        })
        .collect()
}

/// `redirects.json`: compact and without a final newline, as
/// jekyll-redirect-from writes it (Ruby's `to_json` escapes what serde_json
/// escapes).
fn redirects_json(unique: &[&Entry<'_>]) -> String {
    let map: serde_json::Map<String, serde_json::Value> = unique
        .iter()
        .map(|e| (e.redirect.from.clone(), e.target.clone().into()))
        .collect();
    #[expect(
        clippy::expect_used,
        reason = "a map with string keys serialises: serde_json fails on other keys only"
    )]
    serde_json::to_string(&map).expect("strings serialise")
}

/// `_redirects` for Netlify and Cloudflare Pages.
fn netlify_file(expressible: &[(String, &str)]) -> String {
    let mut text = String::from("# Redirects written by masthead (Netlify, Cloudflare Pages).\n");
    for (from, to) in expressible {
        let _ = writeln!(text, "{from} {to} 301");
    }
    text
}

/// `redirects.nginx.conf`, an nginx `map` of request path → target.
fn nginx_file(expressible: &[(String, &str)]) -> String {
    let mut text = String::from(
        "# Redirects written by masthead. Include in the `http` block, then in a `server`:\n\
         #   if ($masthead_redirect) { return 301 $masthead_redirect; }\n\
         map $uri $masthead_redirect {\n",
    );
    for (from, to) in expressible {
        let _ = writeln!(text, "    \"{from}\" \"{to}\";");
    }
    text.push_str("}\n");
    text
}

/// The redirects with their absolute targets (made on every core), unsafe
/// ones reported and left out.
fn safe_entries<'a>(cx: &RenderContext<'_>, site: &'a Site) -> Vec<Entry<'a>> {
    let checked: Vec<Result<Entry<'a>, (&'a Redirect, String)>> = site
        .redirects
        .par_iter()
        .map(|r| match unsafe_target(&r.to) {
            Some(why) => Err((r, why)),
            None => Ok(Entry {
                redirect: r,
                target: crate::absolute_url(site, &r.to),
            }),
        })
        .collect();
    let mut out = Vec::with_capacity(checked.len());
    for c in checked {
        match c {
            Ok(entry) => out.push(entry),
            Err((r, why)) => {
                let (file, span) = origin(site, r);
                let mut d = masthead_diagnostics::Diagnostic::new(
                    codes::UNSAFE_REDIRECT,
                    Severity::Error,
                    format!(
                        "refusing to redirect `{}` to `{}`: {why}",
                        r.from,
                        r.to.escape_debug()
                    ),
                )
                .in_file(file);
                if let Some(span) = span {
                    d = d.with_primary(span, "this target");
                }
                cx.report(d);
            }
        }
    }
    out
}

/// The file and front-matter span that declared a redirect.
fn origin(site: &Site, r: &Redirect) -> (String, Option<masthead_diagnostics::Span>) {
    let Some(doc) = site.document(r.document) else {
        return (String::new(), None);
    };
    let span = match r.origin {
        RedirectOrigin::RedirectTo => doc
            .spans
            .value_span("redirect_to")
            .or_else(|| doc.spans.value_span("redirect_to[0]")),
        RedirectOrigin::RedirectFrom { index } => doc
            .spans
            .value_span(&format!("redirect_from[{index}]"))
            .or_else(|| doc.spans.value_span("redirect_from")),
    };
    (doc.path.clone(), span)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// jekyll-redirect-from 0.16.0's `redirect.html` with the target filled in.
    const JEKYLL_REDIRECT_FROM: &str = "<!DOCTYPE html>\n<html lang=\"en-US\">\n  <meta charset=\"utf-8\">\n  <title>Redirecting&hellip;</title>\n  <link rel=\"canonical\" href=\"https://example.org/new/\">\n  <script>location=\"https://example.org/new/\"</script>\n  <meta http-equiv=\"refresh\" content=\"0; url=https://example.org/new/\">\n  <meta name=\"robots\" content=\"noindex\">\n  <h1>Redirecting&hellip;</h1>\n  <a href=\"https://example.org/new/\">Click here if you are not redirected.</a>\n</html>\n";

    #[test]
    fn stub_matches_jekyll_redirect_from_byte_for_byte() {
        assert_eq!(
            stub_html("https://example.org/new/", false),
            JEKYLL_REDIRECT_FROM
        );
        // The one difference by default: the script keeps query and hash.
        assert_eq!(
            stub_html("https://example.org/new/", true),
            JEKYLL_REDIRECT_FROM.replace(
                "<script>location=\"https://example.org/new/\"</script>",
                "<script>location=\"https://example.org/new/\"+location.search+location.hash</script>"
            )
        );
    }

    #[test]
    fn targets_are_escaped_for_attributes_and_scripts() {
        let stub = stub_html("/a?x=1&y=\"2\"</script>", true);
        assert!(stub.contains("href=\"/a?x=1&amp;y=&quot;2&quot;&lt;/script&gt;\""));
        assert!(stub.contains("location=\"/a?x=1&y=\\\"2\\\"\\u003c/script\\u003e\""));
        assert_eq!(stub.matches("</script>").count(), 1);
    }

    #[test]
    fn only_web_schemes_are_targets() {
        for bad in [
            "javascript:alert(1)",
            "JAVASCRIPT:x",
            "data:text/html,x",
            "vbscript:x",
            "java\tscript:x",
            "/a\nb",
        ] {
            assert!(unsafe_target(bad).is_some(), "{bad:?}");
        }
        for good in [
            "/a/",
            "https://x.test/",
            "HTTP://x.test",
            "//cdn.test/x",
            "/a:b",
        ] {
            assert!(unsafe_target(good).is_none(), "{good:?}");
        }
    }
}
