//! Adds a strict Content-Security-Policy `<meta>` to Trunk's `index.html`.
//!
//! Trunk starts the app with an inline `<script type="module">`; the policy allows exactly that
//! script by its sha256 hash, so no `'unsafe-inline'` is needed.

use base64::Engine as _;
use sha2::{Digest, Sha256};

/// The policy, with `{hashes}` replaced by the `'sha256-…'` sources of the inline scripts.
const POLICY: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval' {hashes}; \
connect-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; \
manifest-src 'self'; worker-src 'self'; base-uri 'none'; form-action 'none'";

/// Returns `html` with the CSP `<meta>` inserted right after `<meta charset>`, and the number of
/// inline scripts it allows.
pub fn add_csp(html: &str) -> Result<(String, usize), String> {
    if tags(html, "meta").any(|tag| {
        let tag = tag.to_ascii_lowercase();
        tag.contains("http-equiv") && tag.contains("content-security-policy")
    }) {
        return Err("index.html already has a Content-Security-Policy <meta>".into());
    }
    let hashes: Vec<String> = inline_scripts(html)?
        .into_iter()
        .map(|script| format!("'sha256-{}'", sha256_base64(script)))
        .collect();
    if hashes.is_empty() {
        return Err("index.html has no inline <script> to allow (did Trunk inject one?)".into());
    }
    let policy = POLICY.replace("{hashes}", &hashes.join(" "));
    let meta = format!(r#"<meta http-equiv="Content-Security-Policy" content="{policy}">"#);

    let charset = tag_spans(html, "meta")
        .find(|&(start, end)| html[start..end].to_ascii_lowercase().contains("charset"))
        .ok_or("index.html has no <meta charset> to put the Content-Security-Policy after")?;
    let (start, end) = charset;
    // Indent like the charset tag when it starts its own line.
    let line_start = html[..start].rfind('\n').map_or(0, |i| i + 1);
    let indent = &html[line_start..start];
    let indent = if indent.trim().is_empty() { indent } else { "" };
    let out = format!("{}\n{indent}{meta}{}", &html[..end], &html[end..]);
    Ok((out, hashes.len()))
}

/// The base64 sha256 of a script, as a CSP hash source expects it. Browsers hash the script's
/// text after the HTML parser has normalised line breaks to `\n`, so do the same.
pub fn sha256_base64(script: &str) -> String {
    let script = script.replace("\r\n", "\n").replace('\r', "\n");
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(script.as_bytes()))
}

/// The exact text of every `<script>` without a `src` attribute.
fn inline_scripts(html: &str) -> Result<Vec<&str>, String> {
    let lower = html.to_ascii_lowercase();
    let mut scripts = Vec::new();
    for (start, end) in tag_spans(html, "script") {
        let open_tag = &lower[start..end];
        let close = lower[end..]
            .find("</script")
            .ok_or("index.html has a <script> without </script>")?;
        if !has_attribute(open_tag, "src") {
            scripts.push(&html[end..end + close]);
        }
    }
    Ok(scripts)
}

/// Whether a lower-case start tag has the attribute `name`.
fn has_attribute(tag: &str, name: &str) -> bool {
    tag.match_indices(name).any(|(i, _)| {
        let before = tag[..i].chars().next_back();
        let after = tag[i + name.len()..].trim_start().chars().next();
        before.is_some_and(char::is_whitespace) && matches!(after, Some('=' | '>' | '/') | None)
    })
}

/// The text of every `<name ...>` start tag.
fn tags<'a>(html: &'a str, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    tag_spans(html, name).map(move |(start, end)| &html[start..end])
}

/// Byte ranges of every `<name ...>` start tag, `<` to `>` inclusive (case-insensitive).
fn tag_spans<'a>(html: &'a str, name: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
    let lower = html.to_ascii_lowercase();
    let open = format!("<{name}");
    let mut spans = Vec::new();
    let mut from = 0;
    while let Some(found) = lower[from..].find(&open) {
        let start = from + found;
        let after_name = start + open.len();
        from = after_name;
        let boundary = lower[after_name..].chars().next();
        if !matches!(boundary, Some(c) if c.is_whitespace() || c == '>' || c == '/') {
            continue; // e.g. <metadata>, <scripts>
        }
        let Some(close) = lower[after_name..].find('>') else {
            break;
        };
        let end = after_name + close + 1;
        spans.push((start, end));
        from = end;
    }
    spans.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What Trunk 0.21.14 writes for Opora's index.html (hashes shortened).
    const TRUNK_OUTPUT: &str = r#"<!DOCTYPE html><html lang="en"><head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Opora</title>
    
<script type="module">
import init, * as bindings from '/opora-1a2b3c.js';
const wasm = await init({ module_or_path: '/opora-1a2b3c_bg.wasm' });


window.wasmBindings = bindings;


dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));

</script>
    <link rel="stylesheet" href="/main-9f8e.css" integrity="sha384-abc"/>
    <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
<link rel="modulepreload" href="/opora-1a2b3c.js" crossorigin="anonymous" integrity="sha384-def"><link rel="preload" href="/opora-1a2b3c_bg.wasm" crossorigin="anonymous" integrity="sha384-ghi" as="fetch" type="application/wasm"></head>
  <body>
    <noscript>Opora needs JavaScript.</noscript>
  </body>
</html>
"#;

    /// `openssl dgst -sha256 -binary | base64` of the inline script above.
    const SCRIPT_HASH: &str = "SKo+6rasCZVx6Tr2lh0+VBf7H8brpgBQJ/qHRxazrU4=";

    #[test]
    fn hashes_match_openssl() {
        assert_eq!(
            sha256_base64(""),
            "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
        );
        assert_eq!(
            sha256_base64("alert(1);"),
            "5jFwrAK0UV47oFbVg/iCCBbxD8X1w+QvoOUepu4C2YA="
        );
        assert_eq!(sha256_base64("a\r\nb"), sha256_base64("a\nb"));
    }

    #[test]
    fn adds_the_policy_after_the_charset() {
        let (html, count) = add_csp(TRUNK_OUTPUT).unwrap();
        assert_eq!(count, 1);
        let meta = format!(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
             script-src 'self' 'wasm-unsafe-eval' 'sha256-{SCRIPT_HASH}'; connect-src 'self'; \
             style-src 'self'; img-src 'self' data:; font-src 'self'; manifest-src 'self'; \
             worker-src 'self'; base-uri 'none'; form-action 'none'\">"
        );
        let charset = "<meta charset=\"utf-8\" />";
        // Exactly one line added, indented like its neighbours; nothing else changed.
        let expected = TRUNK_OUTPUT.replacen(charset, &format!("{charset}\n    {meta}"), 1);
        assert_eq!(html, expected);
    }

    #[test]
    fn refuses_to_add_a_second_policy() {
        let (html, _) = add_csp(TRUNK_OUTPUT).unwrap();
        let err = add_csp(&html).unwrap_err();
        assert!(err.contains("already has"), "{err}");
    }

    #[test]
    fn needs_an_inline_script() {
        let html =
            r#"<html><head><meta charset="utf-8"><script src="/a.js"></script></head></html>"#;
        let err = add_csp(html).unwrap_err();
        assert!(err.contains("no inline <script>"), "{err}");
    }

    #[test]
    fn needs_a_charset_meta() {
        let html = "<html><head><script>alert(1);</script></head></html>";
        let err = add_csp(html).unwrap_err();
        assert!(err.contains("no <meta charset>"), "{err}");
    }

    #[test]
    fn hashes_every_inline_script_and_skips_external_ones() {
        let html = "<html><head><META CHARSET=utf-8><Script>alert(1);</SCRIPT>\
                    <script src=\"/x.js\" type=\"module\"></script>\
                    <script type=\"module\" data-src=\"x\"></script></head></html>";
        let (out, count) = add_csp(html).unwrap();
        assert_eq!(count, 2);
        assert!(out.starts_with("<html><head><META CHARSET=utf-8>\n<meta http-equiv="));
        assert!(out.contains(
            "'sha256-5jFwrAK0UV47oFbVg/iCCBbxD8X1w+QvoOUepu4C2YA=' \
             'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
        ));
    }
}
