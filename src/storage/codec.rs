//! The compact encoding of stored plans: the plan's JSON, deflated (miniz_oxide) with a fixed
//! dictionary of the plan's structure, and packed 15 bits per UTF-16 code unit, because
//! localStorage counts UTF-16 code units. A realistic plan shrinks about 5× (ARCHITECTURE.md
//! has the comparison of codecs that led here).
//!
//! `z1` + one padding letter + the packed bytes. JSON starts with `{`, so values written by
//! earlier versions are told apart by their first character.
//!
//! The dictionary is part of the format: changing it needs a new marker (`z2`), and `z1`
//! values must still decode with this one.

use miniz_oxide::deflate::core::{
    compress, create_comp_flags_from_zip_params, CompressorOxide, TDEFLFlush, TDEFLStatus,
};

const MARK: &str = "z1";
/// Packed characters are `OFFSET + value` with a 15-bit value: U+0020..U+801F, clear of
/// control characters and of surrogates (which a string cannot hold alone).
const OFFSET: u32 = 0x20;
const LEVEL: i32 = 6;

/// What every stored plan's JSON repeats: its keys and the usual values, nearest-last (a
/// match close to the data costs fewer bits). Never change it: see the module comment.
const DICT: &str = concat!(
    r#"{"kind":"once"}{"kind":"per_week","times":2}{"kind":"per_month","times":1}"#,
    r#""status":"planned""status":"in_progress""status":"done""status":"not_done""#,
    r#""role":"client""role":"key_counsellor""role":"child""role":"parent_or_legal_representative""#,
    r#""role":"team_social_worker""role":"child_protection_social_worker""role":"family_member""#,
    r#""role":"network_member""role":"other","present":true,"signed":false,"signed_on":null},"#,
    r#"{"revisions":{"start":1,"ids":[""],"updated_at":"2026-01-01T00:00:00.000Z","plan":"#,
    r#"{"id":"","template":"cz_counselling","template":"bg_child_short_term","language":"cs","#,
    r#""language":"bg","language":"en","created_on":"2026-01-01","status":"draft","#,
    r#""status":"in_progress","status":"completed","status_note":"","form":"written","#,
    r#""form":"oral","meeting_record":"","horizon":"one_off","horizon":"long_term","#,
    r#""signature_required":false,"general":{"client_name":"","date_of_birth":null,"#,
    r#""place_of_service":"","key_worker":"","duration_from":"2026-01-01","#,
    r#""duration_until":"2026-01-01"},"participants":[{"id":"","name":"","role":"","#,
    r#""present":true,"signed":true,"signed_on":"2026-01-01"}],"situation":{"why_they_come":"","#,
    r#""needs":"","wishes":"","dreams":"","abilities":"","possibilities":"","experience":""},"#,
    r#""evaluation":"","copied_from":null}}"goals":[{"id":"","life_area":"","text":"","#,
    r#""success_criteria":"","target_date":"2026-01-01","steps":[{"id":"","activity":"","#,
    r#""responsible":"","deadline":"2026-01-01","frequency":null,"result":"","#,
    r#""network_support":"","risk_management":"","feedback":"","status":"planned"},{"id":""#,
);

/// Whether `value` is in this encoding (otherwise it is JSON from an earlier version).
pub fn is_encoded(value: &str) -> bool {
    value.starts_with(MARK)
}

/// Encodes a plan's JSON for storage.
pub fn encode(json: &str) -> String {
    let bytes = deflate(json.as_bytes());
    let packed = pack(&bytes);
    // How many bytes the last character holds beyond the data: 0 or 1 (see `unpack`).
    let chars = packed.chars().count();
    let pad = chars * 15 / 8 - bytes.len();
    let mut out = String::with_capacity(MARK.len() + 1 + packed.len());
    out.push_str(MARK);
    out.push(if pad == 0 { 'a' } else { 'b' });
    out.push_str(&packed);
    out
}

/// Decodes a stored value written by `encode` back to its JSON.
pub fn decode(value: &str) -> Result<String, String> {
    let rest = value
        .strip_prefix(MARK)
        .ok_or("not in the compact encoding")?;
    let mut chars = rest.chars();
    let pad = match chars.next() {
        Some('a') => 0,
        Some('b') => 1,
        _ => return Err("the compact encoding's header is damaged".into()),
    };
    let mut bytes = unpack(chars.as_str())?;
    if bytes.len() < pad {
        return Err("the compact value is cut short".into());
    }
    bytes.truncate(bytes.len() - pad);
    let json = inflate(&bytes)?;
    String::from_utf8(json).map_err(|_| "the compact value is not text".to_string())
}

/// Raw deflate of `data` after the dictionary; the dictionary's own output is left out.
fn deflate(data: &[u8]) -> Vec<u8> {
    let flags = create_comp_flags_from_zip_params(LEVEL, -15, 0);
    let mut compressor = CompressorOxide::new(flags);
    // Deflate can grow incompressible data by 5 bytes per 16 KiB block; leave ample room.
    let mut out = vec![0; DICT.len() + data.len() + data.len() / 8 + 64];
    // A sync flush ends the dictionary's part on a byte boundary with the window still full
    // of it, so the rest stands alone as deflate blocks that may refer back into it.
    let (status, _, dict_len) =
        compress(&mut compressor, DICT.as_bytes(), &mut out, TDEFLFlush::Sync);
    debug_assert_eq!(status, TDEFLStatus::Okay);
    let (status, _, len) = compress(
        &mut compressor,
        data,
        &mut out[dict_len..],
        TDEFLFlush::Finish,
    );
    assert_eq!(
        status,
        TDEFLStatus::Done,
        "the output buffer is large enough"
    );
    out.copy_within(dict_len..dict_len + len, 0);
    out.truncate(len);
    out
}

/// Inflates what `deflate` made: the dictionary goes in front as a stored (uncompressed)
/// block, which leaves the decoder in the state the encoder had after the dictionary.
fn inflate(data: &[u8]) -> Result<Vec<u8>, String> {
    let dict = DICT.as_bytes();
    let len = dict.len() as u16;
    let mut input = Vec::with_capacity(5 + dict.len() + data.len());
    // BFINAL=0, BTYPE=00 (stored), then LEN and its complement, little-endian.
    input.push(0);
    input.extend_from_slice(&len.to_le_bytes());
    input.extend_from_slice(&(!len).to_le_bytes());
    input.extend_from_slice(dict);
    input.extend_from_slice(data);
    let mut out = miniz_oxide::inflate::decompress_to_vec(&input)
        .map_err(|e| format!("the compact value does not inflate ({:?})", e.status))?;
    if !out.starts_with(dict) {
        return Err("the compact value does not inflate".into());
    }
    out.drain(..dict.len());
    Ok(out)
}

fn pack(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 3 * 8 / 15 + 3);
    let push = |out: &mut String, v: u32| {
        out.push(char::from_u32(OFFSET + v).expect("below the surrogates"))
    };
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        if bits >= 15 {
            bits -= 15;
            push(&mut out, (acc >> bits) & 0x7FFF);
            acc &= (1 << bits) - 1;
        }
    }
    if bits > 0 {
        push(&mut out, (acc << (15 - bits)) & 0x7FFF);
    }
    out
}

/// The bytes in `packed`; the last one may be padding (the header says).
fn unpack(packed: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(packed.len() * 15 / 8 / 3 + 2);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in packed.chars() {
        let v = (c as u32)
            .checked_sub(OFFSET)
            .filter(|v| *v <= 0x7FFF)
            .ok_or("the compact value holds a foreign character")?;
        acc = (acc << 15) | v;
        bits += 15;
        while bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packs_every_length_and_byte_value() {
        for len in 0..40 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 97 + 13) as u8 ^ 0xA5).collect();
            let packed = pack(&bytes);
            assert!(packed
                .chars()
                .all(|c| (0x20..=0x801F).contains(&(c as u32))));
            let mut back = unpack(&packed).unwrap();
            let pad = back.len() - bytes.len();
            assert!(pad <= 1, "{len}: {pad}");
            back.truncate(bytes.len());
            assert_eq!(back, bytes);
        }
    }

    #[test]
    fn round_trips_text() {
        for json in ["", "{}", "{\"a\":\"Příliš žluťoučký kůň — Детето\"}"] {
            let enc = encode(json);
            assert!(is_encoded(&enc));
            assert_eq!(decode(&enc).unwrap(), json);
        }
        let long = "{\"x\":\"".to_string() + &"abcdefghij".repeat(10_000) + "\"}";
        assert_eq!(decode(&encode(&long)).unwrap(), long);
    }

    #[test]
    fn damaged_values_are_errors_not_panics() {
        let enc = encode("{\"client_name\":\"Jana\"}");
        assert!(decode("{\"a\":1}").is_err());
        assert!(decode("z1").is_err());
        assert!(decode("z1x").is_err());
        assert!(decode(&format!("{}\u{1}", &enc)).is_err());
        let cut: String = enc.chars().take(enc.chars().count() - 2).collect();
        assert!(decode(&cut).is_err());
    }
}
