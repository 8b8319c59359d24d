/**
 * PDF of a filled .docx, drawn with pdfkit from the document's own content (docx-model.ts), so that an
 * administrator's template edits appear in the PDF too and no office suite is needed: paragraphs are set
 * line by line (CJK characters break anywhere except before closing and after opening punctuation, Latin
 * words stay whole, justified lines spread their gaps), with Word's line-spacing rules (auto / exact /
 * at least), indents, tabs, inline pictures, tables with spans, merges and borders, and headers/footers
 * with page numbers. Fonts: fonts.ts.
 */
import PDFDocument from 'pdfkit';
import { pdfFonts } from './fonts';
import { readDocx, type Block, type Borders, type Border, type Inline, type Paragraph, type RunStyle, type Section, type Table } from './docx-model';

type Doc = PDFKit.PDFDocument;
type FontKey = 'regular' | 'bold';

interface PageInfo { page: number; total: number }

/** An atomic vertical piece of layout: a line of a paragraph, a gap, or a table row. */
type Unit =
  | { kind: 'box'; h: number; draw: (x: number, y: number, page: PageInfo) => void }
  | { kind: 'gap'; h: number }
  | { kind: 'pageBreak' };

interface Token {
  kind: 'text' | 'image' | 'tab' | 'field';
  text: string;
  style: RunStyle;
  width: number;
  image?: { data: Uint8Array; width: number; height: number };
  field?: 'PAGE' | 'NUMPAGES';
  /** A line may end before this token. */
  breakBefore: boolean;
  space: boolean;
}

// 行首禁则 / 行尾禁则: punctuation that may not start / end a line.
const NO_START = new Set([...'，。、；：？！）》」』”’〕】〉…—·%,.;:?!)]}·']);
const NO_END = new Set([...'（《「『“‘〔【〈([{']);
const WORD_RE = /[A-Za-z0-9\u00C0-\u024F@#&*+\-_=/\\.'"$]+|[ \t]+|[\s\S]/gu;

const fontKey = (s: RunStyle): FontKey => (s.bold || /黑|hei|bold/i.test(s.font) ? 'bold' : 'regular');

class Measure {
  private metrics = new Map<FontKey, { asc: number; desc: number; gap: number }>();
  constructor(readonly doc: Doc) {}

  width(text: string, style: RunStyle): number {
    return this.doc.font(fontKey(style)).fontSize(style.size).widthOfString(text);
  }

  /** Ascent, descent (positive) and natural line height in pt for a run style. */
  vertical(style: RunStyle) {
    const key = fontKey(style);
    let m = this.metrics.get(key);
    if (!m) {
      const f = (this.doc.font(key) as unknown as { _font: { ascender: number; descender: number; lineGap: number } })._font;
      m = { asc: f.ascender / 1000, desc: Math.abs(f.descender) / 1000, gap: Math.max(0, f.lineGap) / 1000 };
      this.metrics.set(key, m);
    }
    return { ascent: m.asc * style.size, descent: m.desc * style.size, natural: (m.asc + m.desc + m.gap) * style.size };
  }
}

function tokens(items: Inline[], m: Measure, page?: PageInfo): (Token | 'break')[] {
  const out: (Token | 'break')[] = [];
  let prev: Token | null = null;
  const push = (t: Token) => {
    if (prev && (NO_START.has(t.text) || NO_END.has(prev.text))) t.breakBefore = false;
    out.push(t);
    prev = t;
  };
  for (const it of items) {
    if (it.kind === 'break') { out.push('break'); prev = null; continue; }
    if (it.kind === 'pageBreak') continue; // split out by the caller
    if (it.kind === 'tab') { push({ kind: 'tab', text: '\t', style: it.style, width: 0, breakBefore: true, space: true }); continue; }
    if (it.kind === 'image') {
      push({ kind: 'image', text: '', style: it.style, width: it.width, image: it, breakBefore: true, space: false });
      continue;
    }
    if (it.kind === 'field') {
      // footers are laid out per page, so the number is known; elsewhere two digits are reserved
      const text = page ? String(it.field === 'PAGE' ? page.page : page.total) : '99';
      push({ kind: 'field', text, style: it.style, width: m.width(text, it.style), field: it.field, breakBefore: true, space: false });
      continue;
    }
    for (const piece of it.text.match(WORD_RE) ?? []) {
      const space = /^[ \t]+$/.test(piece);
      push({ kind: 'text', text: piece, style: it.style, width: m.width(piece, it.style), breakBefore: true, space });
    }
  }
  return out;
}

interface Line { items: { t: Token; x: number }[]; h: number; baseline: number }

/** Break a paragraph into lines of at most `width` (after indents), aligned and with baselines set. */
function layoutLines(p: Paragraph, width: number, m: Measure, defaultTab: number, page?: PageInfo): Line[] {
  const s = p.style;
  const firstIndent = s.firstLineChars != null ? s.firstLineChars * p.markStyle.size : s.firstLine;
  const left = s.indLeft;
  const avail = (first: boolean) => Math.max(20, width - left - s.indRight - (first ? firstIndent : 0));

  const groups: Token[][] = [[]];
  for (const t of tokens(p.items, m, page)) {
    if (t === 'break') groups.push([]);
    else groups[groups.length - 1].push(t);
  }

  const raw: { toks: Token[]; first: boolean; last: boolean }[] = [];
  let first = true;
  for (const g of groups) {
    let line: Token[] = [];
    let x = 0;
    const flush = (last: boolean) => {
      while (line.length && line[line.length - 1].space) line.pop();
      raw.push({ toks: line, first, last });
      first = false;
      line = [];
      x = 0;
    };
    let i = 0;
    while (i < g.length) {
      // the unbreakable unit starting at i
      let j = i + 1;
      while (j < g.length && !g[j].breakBefore) j++;
      const unit = g.slice(i, j);
      for (const t of unit) if (t.kind === 'tab') t.width = Math.max(2, (Math.floor((x + (first ? firstIndent : 0)) / defaultTab) + 1) * defaultTab - x - (first ? firstIndent : 0));
      const w = unit.reduce((sum, t) => sum + t.width, 0);
      const room = avail(first);
      if (x + w > room + 0.01 && line.some((t) => !t.space)) {
        flush(false);
        continue; // retry the unit on the new line
      }
      if (w > room + 0.01 && unit.length === 1 && unit[0].kind === 'text' && unit[0].text.length > 1) {
        // a word wider than the line: break it by characters
        const chars = [...unit[0].text].map((c): Token => ({ ...unit[0], text: c, width: m.width(c, unit[0].style), breakBefore: true }));
        g.splice(i, 1, ...chars);
        continue;
      }
      if (!(line.length === 0 && unit.every((t) => t.space))) {
        line.push(...unit);
        x += w;
      }
      i = j;
    }
    flush(true);
  }

  return raw.map(({ toks, first: isFirst, last }) => {
    const room = avail(isFirst);
    const used = toks.reduce((sum, t) => sum + t.width, 0);
    let x = left + (isFirst ? firstIndent : 0);
    let gapExtra = 0;
    if (s.align === 'center') x += (room - used) / 2;
    else if (s.align === 'right') x += room - used;
    else if (s.align === 'justify' && !last && toks.length > 1 && used < room) gapExtra = (room - used) / (toks.length - 1);
    const items = toks.map((t) => {
      const at = x;
      x += t.width + gapExtra;
      return { t, x: at };
    });
    // vertical metrics
    const textStyles = toks.filter((t) => t.kind !== 'image').map((t) => t.style);
    if (!textStyles.length) textStyles.push(p.markStyle);
    const v = textStyles.map((st) => m.vertical(st));
    const ascent = Math.max(...v.map((q) => q.ascent));
    const descent = Math.max(...v.map((q) => q.descent));
    const natural = Math.max(...v.map((q) => q.natural));
    const imageH = Math.max(0, ...toks.filter((t) => t.image).map((t) => t.image!.height));
    let h: number;
    let baseline: number;
    const spacing = s.line;
    if (spacing.rule === 'auto') {
      h = Math.max(natural * spacing.mult, imageH + descent);
      baseline = h - descent - Math.max(0, natural - ascent - descent) / 2;
    } else if (spacing.rule === 'exact') {
      h = spacing.pt;
      baseline = h - descent - (h - natural) / 2;
    } else {
      h = Math.max(spacing.pt, natural, imageH + descent);
      baseline = h - descent - Math.max(0, natural - ascent - descent) / 2;
    }
    return { items, h, baseline };
  });
}

function drawLine(doc: Doc, line: Line, x0: number, y0: number, page: PageInfo) {
  for (const { t, x } of line.items) {
    const left = x0 + x;
    if (t.kind === 'image' && t.image) {
      doc.image(Buffer.from(t.image.data), left, y0 + line.baseline - t.image.height, { width: t.image.width, height: t.image.height });
      continue;
    }
    if (t.kind === 'tab' || (t.kind === 'text' && !t.text.trim() && !t.style.underline)) continue;
    const text = t.kind === 'field' ? String(t.field === 'PAGE' ? page.page : page.total) : t.text;
    doc.font(fontKey(t.style)).fontSize(t.style.size).fillColor(t.style.color ? `#${t.style.color}` : '#000000');
    if (t.text.trim()) doc.text(text, left, y0 + line.baseline, { lineBreak: false, baseline: 'alphabetic' });
    if (t.style.underline) {
      const uy = y0 + line.baseline + t.style.size * 0.12;
      doc.save().lineWidth(Math.max(0.5, t.style.size * 0.05)).moveTo(left, uy).lineTo(left + t.width, uy).strokeColor('#000000').stroke().restore();
    }
  }
}

function paragraphUnits(p: Paragraph, width: number, m: Measure, tab: number, page?: PageInfo): Unit[] {
  const out: Unit[] = [];
  if (p.style.pageBreakBefore) out.push({ kind: 'pageBreak' });
  if (p.style.before) out.push({ kind: 'gap', h: p.style.before });
  // a page break inside a paragraph splits it
  const parts: Inline[][] = [[]];
  for (const it of p.items) {
    if (it.kind === 'pageBreak') parts.push([]);
    else parts[parts.length - 1].push(it);
  }
  parts.forEach((items, k) => {
    if (k > 0) out.push({ kind: 'pageBreak' });
    for (const line of layoutLines({ ...p, items }, width, m, tab, page)) {
      out.push({ kind: 'box', h: line.h, draw: (x, y, page) => drawLine(m.doc, line, x, y, page) });
    }
  });
  if (p.style.after) out.push({ kind: 'gap', h: p.style.after });
  return out;
}

function stroke(doc: Doc, b: Border | null | undefined, x1: number, y1: number, x2: number, y2: number) {
  if (!b) return;
  doc.save().lineWidth(b.width).strokeColor(`#${b.color}`).moveTo(x1, y1).lineTo(x2, y2).stroke().restore();
}

function tableUnits(t: Table, width: number, m: Measure, tab: number, page?: PageInfo): Unit[] {
  const total = t.grid.reduce((a, b) => a + b, 0);
  const scale = total > width ? width / total : 1;
  const grid = t.grid.map((w) => w * scale);
  const colX = grid.reduce<number[]>((acc, w) => [...acc, acc[acc.length - 1] + w], [0]);
  // grid column of each cell, to find vertical merges
  const placed = t.rows.map((r) => {
    let col = 0;
    return r.cells.map((c) => {
      const at = col;
      col += c.span;
      return { c, col: at, x: colX[Math.min(at, grid.length)], w: colX[Math.min(at + c.span, grid.length)] - colX[Math.min(at, grid.length)] };
    });
  });
  const continues = (rowIdx: number, col: number) => placed[rowIdx]?.some((p) => p.col === col && p.c.vMerge === 'continue') ?? false;
  return placed.map((cells, ri): Unit => {
    const laid = cells.map((pc) => {
      const inner = Math.max(10, pc.w - t.cellMargin.left - t.cellMargin.right);
      const units = pc.c.vMerge === 'continue' ? [] : blockUnits(pc.c.blocks, inner, m, tab, page).filter((u) => u.kind !== 'pageBreak');
      const h = units.reduce((sum, u) => sum + (u.kind === 'box' || u.kind === 'gap' ? u.h : 0), 0);
      return { ...pc, units, h };
    });
    const row = t.rows[ri];
    const content = Math.max(0, ...laid.map((l) => l.h)) + t.cellMargin.top + t.cellMargin.bottom;
    const h = row.height == null ? content : row.exact ? row.height : Math.max(row.height, content);
    return {
      kind: 'box',
      h,
      draw: (x, y, page) => {
        for (const l of laid) {
          const free = h - l.h - t.cellMargin.top - t.cellMargin.bottom;
          let cy = y + t.cellMargin.top + (l.c.vAlign === 'center' ? free / 2 : l.c.vAlign === 'bottom' ? free : 0);
          for (const u of l.units) {
            if (u.kind === 'box') u.draw(x + l.x + t.cellMargin.left, cy, page);
            if (u.kind === 'box' || u.kind === 'gap') cy += u.h;
          }
          const b: Borders = l.c.borders;
          const pick = (own: Border | null | undefined, outer: Border | null | undefined, inside: Border | null | undefined, isOuter: boolean) =>
            own !== undefined ? own : isOuter ? outer : inside;
          const lastCol = l.col + l.c.span >= grid.length;
          const top = l.c.vMerge === 'continue' ? null : pick(b.top, t.borders.top, t.borders.insideH, ri === 0);
          const bottom = continues(ri + 1, l.col) ? null : pick(b.bottom, t.borders.bottom, t.borders.insideH, ri === t.rows.length - 1);
          stroke(m.doc, top, x + l.x, y, x + l.x + l.w, y);
          stroke(m.doc, bottom, x + l.x, y + h, x + l.x + l.w, y + h);
          stroke(m.doc, pick(b.left, t.borders.left, t.borders.insideV, l.col === 0), x + l.x, y, x + l.x, y + h);
          stroke(m.doc, pick(b.right, t.borders.right, t.borders.insideV, lastCol), x + l.x + l.w, y, x + l.x + l.w, y + h);
        }
      },
    };
  });
}

function blockUnits(blocks: Block[], width: number, m: Measure, tab: number, page?: PageInfo): Unit[] {
  return blocks.flatMap((b) => (b.kind === 'p' ? paragraphUnits(b, width, m, tab, page) : tableUnits(b, width, m, tab, page)));
}

/** Render a .docx as PDF (A4 or whatever its sections say). */
export async function docxToPdf(docx: Uint8Array, info: { title?: string } = {}): Promise<Buffer> {
  const model = readDocx(docx);
  const fonts = pdfFonts();
  const doc = new PDFDocument({ autoFirstPage: false, bufferPages: true, info: { Title: info.title ?? '', Producer: 'Weijian', Creator: 'Weijian' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => { doc.on('end', resolve); doc.on('error', reject); });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  const m = new Measure(doc);

  const pageSection: Section[] = [];
  for (const sec of model.sections) {
    const width = sec.pageWidth - sec.margin.left - sec.margin.right;
    const bottom = sec.pageHeight - sec.margin.bottom;
    const newPage = () => {
      doc.addPage({ size: [sec.pageWidth, sec.pageHeight], margin: 0 });
      pageSection.push(sec);
      return sec.margin.top;
    };
    let y = newPage();
    let atTop = true;
    for (const u of blockUnits(sec.blocks, width, m, model.defaultTab)) {
      if (u.kind === 'pageBreak') { y = newPage(); atTop = true; continue; }
      if (u.kind === 'gap') {
        if (!atTop) y += u.h;
        continue;
      }
      if (y + u.h > bottom + 0.5 && !atTop) y = newPage();
      u.draw(sec.margin.left, y, { page: 0, total: 0 });
      y += u.h;
      atTop = false;
    }
  }

  // headers and footers, now that the number of pages is known
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    const sec = pageSection[i];
    doc.switchToPage(range.start + i);
    const width = sec.pageWidth - sec.margin.left - sec.margin.right;
    const page = { page: i + 1, total: range.count };
    const draw = (units: Unit[], top: number) => {
      let y = top;
      for (const u of units) {
        if (u.kind === 'box') u.draw(sec.margin.left, y, page);
        if (u.kind !== 'pageBreak') y += u.h;
      }
    };
    const header = blockUnits(sec.header, width, m, model.defaultTab, page);
    draw(header, sec.margin.header);
    const footer = blockUnits(sec.footer, width, m, model.defaultTab, page);
    const fh = footer.reduce((s, u) => s + (u.kind === 'pageBreak' ? 0 : u.h), 0);
    draw(footer, sec.pageHeight - sec.margin.footer - fh);
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
