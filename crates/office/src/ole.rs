//! OLE compound files (CFB, the container of .xls, .doc, .wps and of password-protected
//! .xlsx/.docx): the names of their streams, enough to tell which of them a file is, and a stream's
//! bytes (the .xls `Workbook` stream, for its number formats: [`crate::xls_formats`]).
//!
//! Every offset is bounds-checked and every chain walk is bounded by the number of sectors, so
//! damaged or hostile files end in `None`, never a panic or a loop.

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

/// A directory entry: its name, type (1 storage, 2 stream, 5 root), first sector and size.
struct Entry {
    name: String,
    kind: u8,
    start: u32,
    size: u64,
}

/// The parts of a compound file needed to list and read its streams.
struct Container<'a> {
    bytes: &'a [u8],
    size: usize,
    sectors: u32,
    fat: Vec<u32>,
    entries: Vec<Entry>,
}

impl<'a> Container<'a> {
    fn parse(bytes: &'a [u8]) -> Option<Container<'a>> {
        if bytes.get(..8)? != MAGIC {
            return None;
        }
        let shift = u16_at(bytes, 0x1E)?;
        if !(7..=16).contains(&shift) {
            return None;
        }
        let size = 1usize << shift;
        let sectors = (bytes.len() / size) as u32;
        let mut c = Container {
            bytes,
            size,
            sectors,
            fat: Vec::new(),
            entries: Vec::new(),
        };
        // The FAT's sectors: the first 109 in the header, the rest in the DIFAT chain.
        let fat_count = u32_at(bytes, 0x2C)?.min(sectors);
        let mut fat_sectors: Vec<u32> = (0..109)
            .filter_map(|i| u32_at(bytes, 0x4C + 4 * i))
            .filter(|&s| s <= MAX_REG_SECT)
            .collect();
        let mut difat = u32_at(bytes, 0x44)?;
        let mut steps = 0;
        while difat <= MAX_REG_SECT && (fat_sectors.len() as u32) < fat_count && steps <= sectors {
            let s = c.sector(difat)?;
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
            let data = c.sector(s)?;
            fat.extend((0..size / 4).filter_map(|i| u32_at(data, 4 * i)));
        }
        c.fat = fat;
        // The directory.
        let dir = c.chain(u32_at(bytes, 0x30)?)?;
        for chunk in dir.chunks_exact(128) {
            let kind = chunk[0x42];
            if !matches!(kind, 1 | 2 | 5) {
                continue;
            }
            let len = (u16_at(chunk, 0x40)? as usize).min(64);
            let units: Vec<u16> = (0..len.saturating_sub(2) / 2)
                .filter_map(|i| u16_at(chunk, 2 * i))
                .collect();
            c.entries.push(Entry {
                name: String::from_utf16_lossy(&units),
                kind,
                start: u32_at(chunk, 0x74)?,
                size: u64::from(u32_at(chunk, 0x78)?),
            });
        }
        Some(c)
    }

    fn sector(&self, n: u32) -> Option<&'a [u8]> {
        let start = (n as usize).checked_add(1)?.checked_mul(self.size)?;
        self.bytes.get(start..start.checked_add(self.size)?)
    }

    /// The sectors of a chain, concatenated; `None` if it leaves the file or loops.
    fn chain(&self, mut n: u32) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        let mut steps = 0;
        while n <= MAX_REG_SECT {
            if steps > self.sectors {
                return None;
            }
            out.extend_from_slice(self.sector(n)?);
            n = *self.fat.get(n as usize)?;
            steps += 1;
        }
        if n != END_OF_CHAIN {
            return None;
        }
        Some(out)
    }

    /// The bytes of the stream `name` (in the root storage or below; names compared without regard
    /// to ASCII case).
    fn stream(&self, name: &str) -> Option<Vec<u8>> {
        let e = self
            .entries
            .iter()
            .find(|e| e.kind == 2 && e.name.eq_ignore_ascii_case(name))?;
        let size = usize::try_from(e.size).ok()?;
        let cutoff = u64::from(u32_at(self.bytes, 0x38)?);
        let mut data = if e.size >= cutoff {
            self.chain(e.start)?
        } else {
            // A small stream lives in the mini stream (the root entry's chain), in mini sectors.
            let root = self.entries.iter().find(|e| e.kind == 5)?;
            let ministream = self.chain(root.start)?;
            let minifat = self.chain(u32_at(self.bytes, 0x3C)?).unwrap_or_default();
            let minifat: Vec<u32> = (0..minifat.len() / 4)
                .filter_map(|i| u32_at(&minifat, 4 * i))
                .collect();
            let mini = 1usize << u16_at(self.bytes, 0x20)?.min(16);
            let mut out = Vec::new();
            let mut n = e.start;
            let mut steps = 0;
            while n <= MAX_REG_SECT && out.len() < size {
                if steps > minifat.len() {
                    return None;
                }
                let at = (n as usize).checked_mul(mini)?;
                out.extend_from_slice(ministream.get(at..at.checked_add(mini)?)?);
                n = *minifat.get(n as usize)?;
                steps += 1;
            }
            out
        };
        if data.len() < size {
            return None;
        }
        data.truncate(size);
        Some(data)
    }
}

/// The names of all storages and streams in the file's directory, or `None` if it is not a
/// readable compound file.
pub fn entry_names(bytes: &[u8]) -> Option<Vec<String>> {
    Some(
        Container::parse(bytes)?
            .entries
            .into_iter()
            .map(|e| e.name)
            .collect(),
    )
}

/// The bytes of the stream `name`, or `None` if the file or the stream cannot be read.
pub fn stream(bytes: &[u8], name: &str) -> Option<Vec<u8>> {
    Container::parse(bytes)?.stream(name)
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
