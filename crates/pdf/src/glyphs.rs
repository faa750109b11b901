//! One page's glyphs, read with hayro-interpret: each glyph's text, its box as the page is shown
//! (rotation applied, origin at the top left, y down: the layout works in these coordinates) and
//! its box in PDF user space (what the report's origins carry).
//!
//! Filters: the stroke pass of fill+stroke text is ignored (the engine reports such text twice);
//! glyphs whose centre lies outside the crop box are dropped (an Excel export can spill cell text
//! below the page); glyphs not upright on the shown page (vertical or slanted text), whitespace
//! glyphs (gaps are measured, not read) and glyphs without a Unicode mapping are left out.
//! Thin filled rectangles and stroked straight lines are kept as ruling segments.

use hayro_interpret::font::{Glyph as HGlyph, GlyphRun};
use hayro_interpret::hayro_cmap::BfString;
use hayro_interpret::hayro_syntax::page::Page as HPage;
use hayro_interpret::kurbo::{Affine, BezPath, Point, Rect, Shape};
use hayro_interpret::{
    BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image, ImageDrawProps,
    InterpreterCache, InterpreterSettings, SoftMask,
};

/// A glyph on the shown page.
#[derive(Clone, Debug)]
pub struct Glyph {
    pub text: String,
    /// Left and right edges (shown page, points).
    pub x0: f32,
    pub x1: f32,
    /// The baseline (shown page, y down).
    pub base: f32,
    /// The font size as shown.
    pub size: f32,
    /// The box in user space: `[x0, y0, x1, y1]`.
    pub user: [f32; 4],
    /// A space character was shown right before it (a word break even where the gap is small).
    pub spaced: bool,
}

/// A ruling segment (a table's grid line) on the shown page: horizontal when `y0 == y1`.
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

/// What was read of one page.
#[derive(Debug, Default)]
pub struct PageGlyphs {
    /// Width and height of the page as shown.
    pub width: f32,
    pub height: f32,
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
    /// Glyphs left out because they were not upright on the shown page.
    pub rotated: usize,
    /// Glyphs without a Unicode mapping.
    pub unmapped: usize,
}

/// Reads one page's glyphs.
pub fn read_page<'a>(page: &HPage<'a>, cache: &InterpreterCache<'a>) -> PageGlyphs {
    let (width, height) = page.render_dimensions();
    let mut context = Context::new(
        Affine::IDENTITY,
        Rect::new(0.0, 0.0, width as f64, height as f64),
        cache,
        page.xref(),
        InterpreterSettings::default(),
    );
    let mut collector = Collector {
        shown: Affine::new(page.initial_transform(true).as_coeffs()),
        out: PageGlyphs {
            width,
            height,
            ..PageGlyphs::default()
        },
        last_fill: None,
    };
    hayro_interpret::interpret_page(page, &mut context, &mut collector);
    collector.out
}

struct Collector {
    /// User space → shown page.
    shown: Affine,
    out: PageGlyphs,
    /// The last filled run: its glyph count and first glyph's origin (user space).
    last_fill: Option<(usize, Point)>,
}

fn glyph_advance(g: &HGlyph<'_>) -> Option<f32> {
    match g {
        HGlyph::Outline(o) => o.advance_width(),
        HGlyph::Type3(t) => t.advance_width(),
    }
}

fn is_cjk(c: char) -> bool {
    !c.is_ascii() && !matches!(c, '\u{80}'..='\u{2000}')
}

impl Collector {
    fn keep_rule(&mut self, bbox: Rect) {
        let (w, h) = (bbox.width() as f32, bbox.height() as f32);
        let (x0, y0, x1, y1) = (
            bbox.x0 as f32,
            bbox.y0 as f32,
            bbox.x1 as f32,
            bbox.y1 as f32,
        );
        if h <= 2.0 && w >= 4.0 {
            let y = (y0 + y1) / 2.0;
            self.out.rules.push(Rule {
                x0,
                y0: y,
                x1,
                y1: y,
            });
        } else if w <= 2.0 && h >= 4.0 {
            let x = (x0 + x1) / 2.0;
            self.out.rules.push(Rule {
                x0: x,
                y0,
                x1: x,
                y1,
            });
        }
    }
}

impl<'a> Device<'a> for Collector {
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'a>, mode: &DrawMode) {
        if self.out.rules.len() > 100_000 {
            return;
        }
        let t = self.shown * props.transform;
        match mode {
            DrawMode::Fill(_) | DrawMode::FillAndStroke(..) => {
                self.keep_rule((t * path.clone()).bounding_box())
            }
            DrawMode::Stroke(_) => {
                // A stroked path: each straight segment may be a grid line.
                let shown = t * path.clone();
                for seg in shown.segments() {
                    let b = seg.bounding_box();
                    self.keep_rule(b.inflate(0.0, 0.0));
                }
            }
            DrawMode::Invisible => {}
        }
    }

    fn push_clip_path(&mut self, _: &ClipPath) {}

    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}

    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, mode: &DrawMode) {
        let glyphs = run.glyphs();
        let first = glyphs
            .first()
            .map(|g| props.transform * g.transform() * Point::ZERO);
        let signature = first.map(|p| (glyphs.len(), p));
        match mode {
            DrawMode::Stroke(_) if signature.is_some() && signature == self.last_fill => return,
            DrawMode::Fill(_) | DrawMode::FillAndStroke(..) | DrawMode::Invisible => {
                self.last_fill = signature
            }
            DrawMode::Stroke(_) => {}
        }
        let mut spaced = false;
        for g in glyphs {
            let text = match g.as_unicode() {
                Some(BfString::Char(c)) => c.to_string(),
                Some(BfString::String(s)) => s,
                None => {
                    self.out.unmapped += 1;
                    continue;
                }
            };
            if text.chars().all(|c| c.is_whitespace() || c.is_control()) {
                spaced = true;
                continue;
            }
            let user_t = props.transform * g.transform();
            let t = self.shown * user_t;
            let origin = t * Point::ZERO;
            let up = t * Point::new(0.0, 1000.0) - origin;
            let size = up.hypot() as f32;
            // Upright on the shown page: the glyph's up points up (y down, so negative y).
            if !(size > 0.1 && up.y < 0.0 && up.x.abs() < 0.2 * up.y.abs()) {
                self.out.rotated += 1;
                continue;
            }
            let advance = glyph_advance(g).filter(|a| *a > 0.0).unwrap_or_else(|| {
                if text.chars().any(is_cjk) {
                    1000.0
                } else {
                    500.0
                }
            }) as f64;
            let end = t * Point::new(advance, 0.0);
            if end.x <= origin.x || (end.y - origin.y).abs() > 0.2 * (end.x - origin.x) {
                self.out.rotated += 1;
                continue;
            }
            let (x0, x1) = (origin.x as f32, end.x as f32);
            let cx = (x0 + x1) / 2.0;
            let cy = origin.y as f32 - 0.3 * size;
            if cx < 0.0 || cx > self.out.width || cy < 0.0 || cy > self.out.height {
                continue;
            }
            let ub = (user_t * Rect::new(0.0, -200.0, advance, 800.0).to_path(0.1)).bounding_box();
            self.out.glyphs.push(Glyph {
                text,
                x0,
                x1,
                base: origin.y as f32,
                size,
                user: [ub.x0 as f32, ub.y0 as f32, ub.x1 as f32, ub.y1 as f32],
                spaced,
            });
            spaced = false;
        }
    }

    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {}

    fn pop_clip(&mut self) {}

    fn pop_transparency_group(&mut self) {}
}
