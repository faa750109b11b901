//! Decoding input bytes: UTF-8 (with or without BOM), UTF-16 with BOM, otherwise GB18030 (a superset
//! of GBK, the usual encoding of Chinese government files). Never fails: undecodable bytes become
//! U+FFFD.

/// The text and the name of the encoding it was decoded from.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return (text.into_owned(), enc.name());
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (s.to_string(), "UTF-8");
    }
    let (text, _, _) = encoding_rs::GB18030.decode(bytes);
    (text.into_owned(), "gb18030")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_bom_and_gbk() {
        assert_eq!(decode("预算".as_bytes()), ("预算".to_string(), "UTF-8"));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("预算".as_bytes());
        assert_eq!(decode(&bom).0, "预算");
        let (gbk, _, _) = encoding_rs::GBK.encode("部门预算 388.89 万元");
        assert_eq!(
            decode(&gbk),
            ("部门预算 388.89 万元".to_string(), "gb18030")
        );
    }
}
