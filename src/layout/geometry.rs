//! Plain geometry in chart coordinates (pixels at 100 %, y down).

/// A point.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

impl Point {
    pub const fn new(x: f32, y: f32) -> Point {
        Point { x, y }
    }
}

/// An axis-aligned rectangle.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    pub min: Point,
    pub max: Point,
}

impl Rect {
    pub fn from_min_size(x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect {
            min: Point::new(x, y),
            max: Point::new(x + w, y + h),
        }
    }

    pub fn from_center_size(center: Point, w: f32, h: f32) -> Rect {
        Rect::from_min_size(center.x - w / 2.0, center.y - h / 2.0, w, h)
    }

    /// The smallest rectangle holding every point (inverted, so it meets
    /// nothing, when there are none).
    pub fn around(points: impl IntoIterator<Item = Point>) -> Rect {
        let mut r = Rect {
            min: Point::new(f32::INFINITY, f32::INFINITY),
            max: Point::new(f32::NEG_INFINITY, f32::NEG_INFINITY),
        };
        for p in points {
            r.min.x = r.min.x.min(p.x);
            r.min.y = r.min.y.min(p.y);
            r.max.x = r.max.x.max(p.x);
            r.max.y = r.max.y.max(p.y);
        }
        r
    }

    pub fn width(&self) -> f32 {
        self.max.x - self.min.x
    }

    pub fn height(&self) -> f32 {
        self.max.y - self.min.y
    }

    pub fn center(&self) -> Point {
        Point::new(
            (self.min.x + self.max.x) / 2.0,
            (self.min.y + self.max.y) / 2.0,
        )
    }

    /// The rectangle grown by `margin` on every side.
    /// The rectangle moved by (`dx`, `dy`).
    pub fn translate(&self, dx: f32, dy: f32) -> Rect {
        Rect {
            min: Point::new(self.min.x + dx, self.min.y + dy),
            max: Point::new(self.max.x + dx, self.max.y + dy),
        }
    }

    pub fn expand(&self, margin: f32) -> Rect {
        Rect {
            min: Point::new(self.min.x - margin, self.min.y - margin),
            max: Point::new(self.max.x + margin, self.max.y + margin),
        }
    }

    /// True when the point is inside or on the border.
    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.min.x && p.x <= self.max.x && p.y >= self.min.y && p.y <= self.max.y
    }

    /// True when `other` lies inside this rectangle, allowing `tolerance`.
    pub fn contains_rect(&self, other: &Rect, tolerance: f32) -> bool {
        other.min.x >= self.min.x - tolerance
            && other.min.y >= self.min.y - tolerance
            && other.max.x <= self.max.x + tolerance
            && other.max.y <= self.max.y + tolerance
    }

    /// True when the two rectangles share interior area (touching borders
    /// do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.min.x < other.max.x
            && other.min.x < self.max.x
            && self.min.y < other.max.y
            && other.min.y < self.max.y
    }

    /// True when the axis-aligned segment from `a` to `b` passes through the
    /// interior of the rectangle (running along its border, or within a
    /// hundredth of a unit of it, does not count: a route carried along
    /// with bands may come that close to a border it ran along).
    pub fn segment_enters(&self, a: Point, b: Point) -> bool {
        const TOUCH: f32 = 0.01;
        let (x0, x1) = (a.x.min(b.x), a.x.max(b.x));
        let (y0, y1) = (a.y.min(b.y), a.y.max(b.y));
        // A vertical segment has x0 == x1; it enters when that x lies
        // strictly inside and its y range overlaps the interior (and the
        // same for horizontal segments).
        x0 < self.max.x - TOUCH
            && x1 > self.min.x + TOUCH
            && y0 < self.max.y - TOUCH
            && y1 > self.min.y + TOUCH
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, other: &Rect) -> Rect {
        Rect {
            min: Point::new(self.min.x.min(other.min.x), self.min.y.min(other.min.y)),
            max: Point::new(self.max.x.max(other.max.x), self.max.y.max(other.max.y)),
        }
    }
}

/// An sRGB colour with alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Color {
    pub r: u8,
    pub g: u8,
    pub b: u8,
    pub a: u8,
}

impl Color {
    pub const fn rgb(r: u8, g: u8, b: u8) -> Color {
        Color { r, g, b, a: 255 }
    }

    pub const WHITE: Color = Color::rgb(255, 255, 255);
    pub const BLACK: Color = Color::rgb(0, 0, 0);
    pub const TRANSPARENT: Color = Color {
        r: 0,
        g: 0,
        b: 0,
        a: 0,
    };

    /// `#rrggbb` for SVG.
    pub fn hex(&self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}
