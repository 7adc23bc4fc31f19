//! Markdown → a flat list of blocks, each with the line it starts on.
//!
//! Everything above this module reads blocks, never markdown events, so the
//! rules of CommonMark (and pulldown-cmark's offsets) stay in one place.

use std::borrow::Cow;

use pulldown_cmark::{CowStr, Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};

/// A link as written: `[text](dest)`, borrowed from the page where its
/// text is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link<'a> {
    pub text: Cow<'a, str>,
    pub dest: Cow<'a, str>,
    /// Byte offset of the link text in the enclosing [`Inline::text`].
    pub offset: usize,
}

/// The text of a paragraph, heading or table cell: inline code keeps its
/// backticks (enum values are written as code), links keep their target.
/// Borrowed from the page when it is one run of it (most cells and many
/// paragraphs), as block texts are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inline<'a> {
    pub text: Cow<'a, str>,
    pub links: Vec<Link<'a>>,
}

/// One row of a table, with the line it is on.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    pub cells: Vec<Inline<'a>>,
    pub line: u32,
}

/// A block's text is borrowed from the page where the page holds it as one
/// run (nearly always), so the largest texts (example bodies) are not copied.
#[derive(Debug, Clone)]
pub enum BlockKind<'a> {
    FrontMatter(Cow<'a, str>),
    Heading {
        level: u8,
        inline: Inline<'a>,
    },
    Paragraph(Inline<'a>),
    Table {
        header: Vec<Inline<'a>>,
        rows: Vec<Row<'a>>,
    },
    /// A fenced or indented code block; `first_line` is the line of its first
    /// content line (the fence itself is `line`).
    Code {
        info: String,
        text: Cow<'a, str>,
        first_line: u32,
    },
    Html(Cow<'a, str>),
}

#[derive(Debug, Clone)]
pub struct Block<'a> {
    pub kind: BlockKind<'a>,
    pub line: u32,
}

/// Maps byte offsets to 1-based line numbers.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    pub fn line(&self, offset: usize) -> u32 {
        let index = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        u32::try_from(index + 1).unwrap_or(u32::MAX)
    }
}

/// 1-based line numbers of offsets asked for in increasing order, counted as
/// it goes (an earlier offset than the last is counted again from the start).
/// Cheaper than a [`LineIndex`] when only block starts are asked for.
pub struct LineCounter<'a> {
    text: &'a [u8],
    offset: usize,
    line: u32,
}

impl<'a> LineCounter<'a> {
    pub fn new(text: &'a str) -> Self {
        LineCounter {
            text: text.as_bytes(),
            offset: 0,
            line: 1,
        }
    }

    pub fn line(&mut self, offset: usize) -> u32 {
        if offset < self.offset {
            (self.offset, self.line) = (0, 1);
        }
        let end = offset.min(self.text.len());
        let newlines = count_newlines(&self.text[self.offset..end]);
        self.line = self
            .line
            .saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
        self.offset = end;
        self.line
    }
}

/// The `\n` bytes in `bytes`. Summed in bytes, a chunk of at most 255 at a
/// time, which compilers turn into 16 or 32 bytes per instruction; a `usize`
/// count per byte (`filter().count()`) is several times slower, and line
/// counting is a good part of reading a page.
pub(crate) fn count_newlines(bytes: &[u8]) -> usize {
    bytes
        .chunks(255)
        .map(|chunk| {
            let n: u8 = chunk.iter().map(|&b| u8::from(b == b'\n')).sum();
            usize::from(n)
        })
        .sum()
}

enum Open<'a> {
    None,
    Inline {
        heading: Option<u8>,
        inline: Inline<'a>,
        line: u32,
    },
    Code {
        info: String,
        text: Cow<'a, str>,
        first: Option<usize>,
        line: u32,
    },
    Html {
        text: Cow<'a, str>,
        line: u32,
    },
    Meta {
        text: Cow<'a, str>,
        line: u32,
    },
}

/// Appends `piece` to `text`, both from the page `source`: a borrowed text
/// stays borrowed while each piece is borrowed and starts where the text
/// ends, so that the two are one slice of the page.
fn append<'a>(source: &'a str, text: &mut Cow<'a, str>, piece: &CowStr<'a>) {
    if let CowStr::Borrowed(piece) = piece {
        let offset = |s: &str| {
            (s.as_ptr() as usize)
                .checked_sub(source.as_ptr() as usize)
                .filter(|&o| o + s.len() <= source.len())
        };
        if let Some(start) = offset(piece) {
            // Empty either way (`Cow`'s default is an empty owned string).
            if text.is_empty() {
                *text = Cow::Borrowed(piece);
                return;
            }
            if let Cow::Borrowed(so_far) = text {
                if let Some(from) = offset(so_far).filter(|&o| o + so_far.len() == start) {
                    *text = Cow::Borrowed(&source[from..start + piece.len()]);
                    return;
                }
            }
        }
    }
    owned(text, piece.len()).push_str(piece);
}

/// `text` as an owned string with room for `extra` more bytes and then
/// some: a text stops being one run of the page when a second piece comes,
/// and more usually follow (`to_mut` would make it exactly as long as it was).
fn owned<'t>(text: &'t mut Cow<'_, str>, extra: usize) -> &'t mut String {
    if let Cow::Borrowed(so_far) = text {
        let mut copy = String::with_capacity(2 * (so_far.len() + extra));
        copy.push_str(so_far);
        *text = Cow::Owned(copy);
    }
    text.to_mut()
}

#[derive(Default)]
struct TableBuilder<'a> {
    header: Vec<Inline<'a>>,
    rows: Vec<Row<'a>>,
    current: Vec<Inline<'a>>,
    in_head: bool,
    line: u32,
}

/// Splits `text` into blocks. Never fails: markdown has no syntax errors.
pub fn blocks(text: &str) -> Vec<Block<'_>> {
    let source = text;
    let mut lines = LineCounter::new(text);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_STRIKETHROUGH;
    // One block per 160 bytes on average on the beta corpus (small pages
    // have more): room for most of them up front, instead of the list
    // growing from empty, and copied, four or five times a page.
    let mut out = Vec::with_capacity(text.len() / 150);
    let mut open = Open::None;
    let mut table: Option<TableBuilder<'_>> = None;
    // Link targets being collected; links may nest inside emphasis, not in each other.
    let mut link_stack: Vec<(Cow<'_, str>, usize)> = Vec::new();

    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        // Only a start says where a block, row or cell begins.
        let line = match event {
            Event::Start(_) => lines.line(range.start),
            _ => 0,
        };
        match event {
            Event::Start(Tag::MetadataBlock(MetadataBlockKind::YamlStyle)) => {
                open = Open::Meta {
                    text: Cow::Borrowed(""),
                    line,
                };
            }
            Event::End(TagEnd::MetadataBlock(_)) => {
                if let Open::Meta { text, line } = std::mem::replace(&mut open, Open::None) {
                    out.push(Block {
                        kind: BlockKind::FrontMatter(text),
                        line,
                    });
                }
            }
            Event::Start(Tag::Heading { level, .. }) => {
                open = Open::Inline {
                    heading: Some(level as u8),
                    inline: Inline::default(),
                    line,
                };
            }
            Event::Start(Tag::Paragraph) | Event::Start(Tag::Item) => {
                // A loose list item holds paragraphs: flush what the item said so far.
                flush_inline(&mut open, &mut out);
                open = Open::Inline {
                    heading: None,
                    inline: Inline::default(),
                    line,
                };
            }
            Event::End(TagEnd::Heading(_))
            | Event::End(TagEnd::Paragraph)
            | Event::End(TagEnd::Item) => {
                flush_inline(&mut open, &mut out);
            }
            Event::Start(Tag::Table(_)) => {
                table = Some(TableBuilder {
                    line,
                    ..TableBuilder::default()
                });
            }
            Event::Start(Tag::TableHead) => {
                if let Some(t) = table.as_mut() {
                    t.in_head = true;
                }
            }
            Event::End(TagEnd::TableHead) => {
                if let Some(t) = table.as_mut() {
                    t.in_head = false;
                    t.header = std::mem::take(&mut t.current);
                }
            }
            Event::Start(Tag::TableRow) => {
                if let Some(t) = table.as_mut() {
                    // A row has as many cells as the header, as a rule: room
                    // for them once, not grown cell by cell.
                    t.current.clear();
                    t.current.reserve(t.header.len());
                    t.line = t.line.max(1);
                    t.rows.push(Row {
                        cells: Vec::new(),
                        line,
                    });
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let Some(t) = table.as_mut() {
                    let cells = std::mem::take(&mut t.current);
                    if let Some(row) = t.rows.last_mut() {
                        row.cells = cells;
                    }
                }
            }
            Event::Start(Tag::TableCell) => {
                open = Open::Inline {
                    heading: None,
                    inline: Inline::default(),
                    line,
                };
            }
            Event::End(TagEnd::TableCell) => {
                if let (Open::Inline { inline, .. }, Some(t)) =
                    (std::mem::replace(&mut open, Open::None), table.as_mut())
                {
                    t.current.push(trimmed(inline));
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some(t) = table.take() {
                    let line = t.line;
                    out.push(Block {
                        kind: BlockKind::Table {
                            header: t.header,
                            rows: t.rows,
                        },
                        line,
                    });
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                flush_inline(&mut open, &mut out);
                let info = match kind {
                    pulldown_cmark::CodeBlockKind::Fenced(info) => info.trim().to_string(),
                    pulldown_cmark::CodeBlockKind::Indented => String::new(),
                };
                open = Open::Code {
                    info,
                    text: Cow::Borrowed(""),
                    first: None,
                    line,
                };
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Open::Code {
                    info,
                    text: code,
                    first,
                    line,
                } = std::mem::replace(&mut open, Open::None)
                {
                    let first_line = first.map_or(line + 1, |o| lines.line(o));
                    out.push(Block {
                        kind: BlockKind::Code {
                            info,
                            text: code,
                            first_line,
                        },
                        line,
                    });
                }
            }
            Event::Start(Tag::HtmlBlock) => {
                flush_inline(&mut open, &mut out);
                open = Open::Html {
                    text: Cow::Borrowed(""),
                    line,
                };
            }
            Event::End(TagEnd::HtmlBlock) => {
                if let Open::Html { text, line } = std::mem::replace(&mut open, Open::None) {
                    out.push(Block {
                        kind: BlockKind::Html(text),
                        line,
                    });
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Open::Inline { inline, .. } = &open {
                    let dest = match dest_url {
                        CowStr::Borrowed(dest) => Cow::Borrowed(dest),
                        other => Cow::Owned(other.into_string()),
                    };
                    link_stack.push((dest, inline.text.len()));
                }
            }
            Event::End(TagEnd::Link) => {
                if let (Some((dest, start)), Open::Inline { inline, .. }) =
                    (link_stack.pop(), &mut open)
                {
                    let text = match &inline.text {
                        Cow::Borrowed(all) => {
                            Cow::Borrowed(all.get(start..).unwrap_or_default().trim())
                        }
                        Cow::Owned(all) => {
                            Cow::Owned(all.get(start..).unwrap_or_default().trim().to_string())
                        }
                    };
                    inline.links.push(Link {
                        text,
                        dest,
                        offset: start,
                    });
                }
            }
            Event::Text(t) => match &mut open {
                Open::Inline { inline, .. } => append(source, &mut inline.text, &t),
                Open::Code {
                    text: code, first, ..
                } => {
                    first.get_or_insert(range.start);
                    append(source, code, &t);
                }
                Open::Meta { text, .. } | Open::Html { text, .. } => append(source, text, &t),
                Open::None => {}
            },
            Event::Code(t) => {
                if let Open::Inline { inline, .. } = &mut open {
                    let text = owned(&mut inline.text, t.len() + 2);
                    text.push('`');
                    text.push_str(&t);
                    text.push('`');
                }
            }
            Event::Html(t) | Event::InlineHtml(t) => match &mut open {
                Open::Html { text, .. } => append(source, text, &t),
                Open::Inline { inline, .. } => owned(&mut inline.text, t.len()).push_str(&t),
                _ => {}
            },
            Event::SoftBreak | Event::HardBreak => {
                if let Open::Inline { inline, .. } = &mut open {
                    owned(&mut inline.text, 1).push(' ');
                }
            }
            _ => {}
        }
    }
    flush_inline(&mut open, &mut out);
    out
}

/// `inline` with its text trimmed in place (link offsets stay as they were).
fn trimmed(mut inline: Inline<'_>) -> Inline<'_> {
    match &mut inline.text {
        Cow::Borrowed(text) => *text = text.trim(),
        Cow::Owned(text) => {
            let end = text.trim_end().len();
            text.truncate(end);
            let start = text.len() - text.trim_start().len();
            text.drain(..start);
        }
    }
    inline
}

fn flush_inline<'a>(open: &mut Open<'a>, out: &mut Vec<Block<'a>>) {
    if matches!(open, Open::Inline { .. }) {
        if let Open::Inline {
            heading,
            inline,
            line,
        } = std::mem::replace(open, Open::None)
        {
            let inline = trimmed(inline);
            let kind = match heading {
                Some(level) => BlockKind::Heading { level, inline },
                None if inline.text.is_empty() => return,
                None => BlockKind::Paragraph(inline),
            };
            out.push(Block { kind, line });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_counter_agrees_with_the_index_in_any_order() {
        let text = "a\nb\n\nc\nd";
        let index = LineIndex::new(text);
        let mut counter = LineCounter::new(text);
        for offset in [0, 2, 3, 5, 9, 4, 1, 8, 100] {
            assert_eq!(
                counter.line(offset),
                index.line(offset.min(text.len())),
                "{offset}"
            );
        }
    }

    #[test]
    fn newlines_counted_past_a_byte_sized_chunk() {
        // All newlines: a byte-sized sum over more than 255 would wrap.
        for n in [0, 1, 254, 255, 256, 600, 1000] {
            assert_eq!(count_newlines(&vec![b'\n'; n]), n, "{n}");
        }
        let mixed = "ab\n".repeat(700);
        assert_eq!(count_newlines(mixed.as_bytes()), 700);
        assert_eq!(LineCounter::new(&mixed).line(mixed.len()), 701);
    }

    #[test]
    fn lines_of_blocks_rows_and_code() {
        let text = "---\ntitle: x\n---\n\n# Title\n\nSee [a](a.md) and `b`.\n\n|A|B|\n|-|-|\n|1|2|\n|3|4|\n\n```http\nGET /x\n```\n<!-- { \"blockType\": \"request\" } -->\n";
        let blocks = blocks(text);
        let lines: Vec<u32> = blocks.iter().map(|b| b.line).collect();
        assert_eq!(lines, vec![1, 5, 7, 9, 14, 17]);
        match &blocks[2].kind {
            BlockKind::Paragraph(p) => {
                assert_eq!(p.text, "See a and `b`.");
                assert_eq!(
                    p.links,
                    vec![Link {
                        text: "a".into(),
                        dest: "a.md".into(),
                        offset: 4
                    }]
                );
            }
            other => panic!("{other:?}"),
        }
        match &blocks[3].kind {
            BlockKind::Table { header, rows } => {
                assert_eq!(header.len(), 2);
                assert_eq!(
                    rows.iter().map(|r| r.line).collect::<Vec<_>>(),
                    vec![11, 12]
                );
                assert_eq!(rows[1].cells[1].text, "4");
                // A cell that is one run of the page is not copied.
                assert!(matches!(rows[1].cells[1].text, Cow::Borrowed("4")));
            }
            other => panic!("{other:?}"),
        }
        match &blocks[4].kind {
            BlockKind::Code {
                info,
                text,
                first_line,
            } => {
                assert_eq!(
                    (info.as_str(), text.as_ref(), *first_line),
                    ("http", "GET /x\n", 15)
                );
                assert!(matches!(text, Cow::Borrowed(_)), "one run of the page");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn code_in_a_list_item_is_its_lines_without_their_indentation() {
        let page =
            "- item\n\n  ```json\n  {\n    \"a\": 1\n  }\n  ```\n\n<!--\n{ \"x\": 1 }\n-->\n";
        let blocks = blocks(page);
        let texts: Vec<(&str, bool)> = blocks
            .iter()
            .filter_map(|b| match &b.kind {
                BlockKind::Code { text, .. } | BlockKind::Html(text) => {
                    Some((text.as_ref(), matches!(text, Cow::Borrowed(_))))
                }
                _ => None,
            })
            .collect();
        assert_eq!(
            texts,
            [
                ("{\n  \"a\": 1\n}\n", false),
                ("<!--\n{ \"x\": 1 }\n-->\n", true)
            ]
        );
    }
}
