//! The names of the streams in an OLE compound file (CFB, the container of .xls, .doc, .wps and of
//! password-protected .xlsx/.docx), enough to tell which of them a file is.
//!
//! Only the header, the FAT and the directory are read; every offset is bounds-checked and every
//! chain walk is bounded by the number of sectors, so damaged or hostile files end in `None`, never a
//! panic or a loop.

/// The OLE compound file signature.
pub const MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const MAX_REG_SECT: u32 = 0xFFFF_FFFA;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// The names of all storages and streams in the file's directory, or `None` if it is not a
/// readable compound file.
pub fn entry_names(bytes: &[u8]) -> Option<Vec<String>> {
    if bytes.get(..8)? != MAGIC {
        return None;
    }
    let shift = u16_at(bytes, 0x1E)?;
    if !(7..=16).contains(&shift) {
        return None;
    }
    let size = 1usize << shift;
    let sector = |n: u32| -> Option<&[u8]> {
        let start = (n as usize).checked_add(1)?.checked_mul(size)?;
        bytes.get(start..start.checked_add(size)?)
    };
    let sectors = (bytes.len() / size) as u32;
    // The FAT's sectors: the first 109 in the header, the rest in the DIFAT chain.
    let fat_count = u32_at(bytes, 0x2C)?.min(sectors);
    let mut fat_sectors: Vec<u32> = (0..109)
        .filter_map(|i| u32_at(bytes, 0x4C + 4 * i))
        .filter(|&s| s <= MAX_REG_SECT)
        .collect();
    let mut difat = u32_at(bytes, 0x44)?;
    let mut steps = 0;
    while difat <= MAX_REG_SECT && (fat_sectors.len() as u32) < fat_count && steps <= sectors {
        let s = sector(difat)?;
        let per = size / 4 - 1;
        fat_sectors.extend(
            (0..per)
                .filter_map(|i| u32_at(s, 4 * i))
                .filter(|&x| x <= MAX_REG_SECT),
        );
        difat = u32_at(s, size - 4)?;
        steps += 1;
    }
    fat_sectors.truncate(fat_count as usize);
    let mut fat: Vec<u32> = Vec::new();
    for s in fat_sectors {
        let data = sector(s)?;
        fat.extend((0..size / 4).filter_map(|i| u32_at(data, 4 * i)));
    }
    // The directory chain.
    let mut names = Vec::new();
    let mut dir = u32_at(bytes, 0x30)?;
    let mut steps = 0;
    while dir <= MAX_REG_SECT {
        if steps > sectors {
            return None;
        }
        let data = sector(dir)?;
        for e in 0..size / 128 {
            let entry = &data[e * 128..e * 128 + 128];
            let kind = entry[0x42];
            if !matches!(kind, 1 | 2 | 5) {
                continue;
            }
            let len = (u16_at(entry, 0x40)? as usize).min(64);
            let units: Vec<u16> = (0..len.saturating_sub(2) / 2)
                .filter_map(|i| u16_at(entry, 2 * i))
                .collect();
            names.push(String::from_utf16_lossy(&units));
        }
        dir = *fat.get(dir as usize)?;
        steps += 1;
        if dir == END_OF_CHAIN {
            break;
        }
    }
    Some(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_not_a_compound_file() {
        assert_eq!(entry_names(b"hello"), None);
        let mut b = MAGIC.to_vec();
        b.extend([0xFF; 600]);
        assert_eq!(entry_names(&b), None);
        let mut b = MAGIC.to_vec();
        b.resize(512, 0);
        // Sector shift 0: refused, not a panic.
        assert_eq!(entry_names(&b), None);
    }
}
